"""The bench's yardstick: the site's own settings and middleware, one trivial view."""

from newsroom.settings import *  # noqa: F403

ROOT_URLCONF = "bench.trivial_urls"
