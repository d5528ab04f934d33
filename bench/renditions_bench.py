"""Renditions benchmark: what cutting one photo's sizes and shapes costs the task worker.

    .venv/bin/python bench/renditions_bench.py [--width 3000] [--height 2000] [--repeat 3]

A noisy photo (the hardest case for the encoders) is cut into the renditions
(IMAGE_RENDITION_WIDTHS, WebP and JPEG) and into the focal-point crops
(images.processing.CROPS: cards and share images), in a temporary folder.
Reports the median time of each, and their share of an upload's work: the body
editor and the picker wait for this before the photo appears.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
os.environ.setdefault("SECRET_KEY", "upload-bench-only")

import django  # noqa: E402

django.setup()

from django.core.files.storage import FileSystemStorage  # noqa: E402
from PIL import Image as PILImage  # noqa: E402

from images import processing  # noqa: E402


def median_seconds(work, repeat):
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--width", type=int, default=3000)
    parser.add_argument("--height", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=3)
    options = parser.parse_args()
    picture = PILImage.effect_noise((options.width, options.height), 60).convert("RGB")
    with tempfile.TemporaryDirectory() as folder:
        storage = FileSystemStorage(location=folder)
        renditions = median_seconds(
            lambda: processing.store_renditions(storage, "bench/photo.jpg", picture),
            options.repeat,
        )
        crops = median_seconds(
            lambda: processing.store_crops(storage, "bench/photo.jpg", picture, (50, 50)),
            options.repeat,
        )
    print(f"{options.width}×{options.height}, median of {options.repeat}:")
    print(f"  renditions {renditions:.2f} s")
    print(f"  crops      {crops:.2f} s ({crops / (renditions + crops):.0%} of the upload's work)")


if __name__ == "__main__":
    main()
