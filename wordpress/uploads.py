"""Finding an attachment's file: in the copied uploads folder, else on the old site."""

import posixpath
from pathlib import Path
from urllib.error import URLError
from urllib.parse import urlsplit
from urllib.request import Request, urlopen

from django.conf import settings

DOWNLOAD_TIMEOUT = 15  # seconds, for connecting and for each read
CHUNK = 64 * 1024


class Missing(Exception):
    """The file is in neither place; the message says what was tried."""


def from_folder(uploads, relative):
    """The bytes of uploads/relative, or None. Never reads outside the folder."""
    if uploads is None or not relative:
        return None
    root = Path(uploads).resolve()
    candidate = (root / posixpath.normpath(relative.lstrip("/"))).resolve()
    if not candidate.is_relative_to(root) or not candidate.is_file():
        return None
    if candidate.stat().st_size > settings.IMAGE_MAX_BYTES:
        raise Missing(f"{relative}: larger than IMAGE_MAX_BYTES")
    return candidate.read_bytes()


def download(url):
    """The file at url, read with a timeout and no more than IMAGE_MAX_BYTES."""
    if urlsplit(url).scheme not in ("http", "https"):
        raise Missing(f"{url}: not a web address")
    limit = settings.IMAGE_MAX_BYTES
    try:
        with urlopen(Request(url, headers={"User-Agent": "Newsroom import"}),  # noqa: S310
                     timeout=DOWNLOAD_TIMEOUT) as response:  # fmt: skip
            data = bytearray()
            while chunk := response.read(CHUNK):
                data += chunk
                if len(data) > limit:
                    raise Missing(f"{url}: larger than IMAGE_MAX_BYTES")
            return bytes(data)
    except (URLError, OSError, ValueError) as error:
        raise Missing(f"{url}: {getattr(error, 'reason', error)}") from None


def fetch(uploads, relative, url, *, allow_download=True):
    """The file's bytes from the uploads folder, else downloaded; raises Missing."""
    data = from_folder(uploads, relative)
    if data is not None:
        return data
    if allow_download and url:
        return download(url)
    raise Missing(relative or url)
