"""Upload benchmark: peak memory and time of one image upload, per kind of image.

    .venv/bin/python bench/upload_bench.py [--budget 40000000]

Each case runs in a fresh Python process, which builds the upload's bytes,
then checks, cleans and stores it with its renditions exactly as the image
library does (images.processing: develop, store_renditions) into a temporary
folder. It reports the file's size, the pixels decoded, the seconds taken and
the process's peak memory above what it held before the upload (Linux's VmHWM,
reset through /proc/self/clear_refs once the upload's bytes are read).

The pixel budget (IMAGE_MAX_PIXELS) bounds that memory: at most two full-size
copies of the decoded picture, 4 bytes a pixel (Pillow keeps RGB as RGBX),
plus the encoders' buffers. JPEGs above the budget are decoded at 1/2, 1/4 or
1/8 of their size; other formats above it are refused.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CASES = [
    # name, format, width, height
    ("the issue's 39.7 MP flat PNG", "PNG", 7300, 5440),
    ("24 MP camera JPEG", "JPEG", 6000, 4000),
    ("61 MP camera JPEG (above the budget: decoded at 1/2)", "JPEG", 9504, 6336),
    ("400×20000 strip PNG (WebP's limit)", "PNG", 400, 20000),
    ("12 MP phone JPEG", "JPEG", 4000, 3000),
]

ONE_CASE = r"""
import json, sys, tempfile, time
import django
django.setup()
from django.core.exceptions import ValidationError
from django.core.files.storage import FileSystemStorage
from images import processing

with open(sys.argv[1], "rb") as upload:
    data = upload.read()
def status_kb(field):
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith(field + ":"))
with open("/proc/self/clear_refs", "w") as refs:
    refs.write("5")  # start the peak (VmHWM) afresh from here
before = status_kb("VmRSS")
start = time.perf_counter()
try:
    developed = processing.develop(data)
    storage = FileSystemStorage(location=tempfile.mkdtemp(prefix="upload-bench-"))
    renditions = processing.store_renditions(storage, "bench/master.png", developed.picture)
    outcome = "stored %dx%d, %d renditions" % (*developed.size, len(renditions))
    decoded = developed.size[0] * developed.size[1]
except ValidationError as error:
    outcome, decoded = "refused: " + error.code, 0
seconds = time.perf_counter() - start
peak = status_kb("VmHWM")
print(json.dumps({"bytes": len(data), "decoded": decoded, "seconds": seconds,
                  "peak_mb": (peak - before) / 1024, "outcome": outcome}))
"""


def upload_bytes(fmt, width, height, folder):
    """The upload, made in this process so that making it is not counted."""
    from PIL import Image as PILImage

    path = Path(folder) / f"upload.{fmt.lower()}"
    picture = PILImage.linear_gradient("L").resize((width, height)).convert("RGB")
    picture.save(path, fmt, **({"quality": 90} if fmt == "JPEG" else {}))
    return path


def run_case(fmt, width, height, budget):
    with tempfile.TemporaryDirectory() as folder:
        return measure(upload_bytes(fmt, width, height, folder), budget)


def measure(path, budget):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "newsroom.settings",
        "DEBUG": "1",
        "IMAGE_MAX_PIXELS": str(budget),
        "PYTHONPATH": str(ROOT),
    }
    result = subprocess.run(
        [sys.executable, "-c", ONE_CASE, str(path)],
        env=env, cwd=ROOT, capture_output=True, text=True, check=True,
    )  # fmt: skip
    return json.loads(result.stdout.strip().splitlines()[-1])


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--budget", type=int, default=24_000_000, help="IMAGE_MAX_PIXELS")
    args = parser.parse_args()
    print(f"pixel budget {args.budget / 1e6:.1f} MP")
    print(f"{'case':55} {'file MB':>8} {'decoded MP':>10} {'s':>6} {'peak MB':>8}  outcome")
    for name, fmt, width, height in CASES:
        r = run_case(fmt, width, height, args.budget)
        print(
            f"{name:55} {r['bytes'] / 1e6:8.2f} {r['decoded'] / 1e6:10.1f} "
            f"{r['seconds']:6.2f} {r['peak_mb']:8.0f}  {r['outcome']}"
        )


if __name__ == "__main__":
    main()
