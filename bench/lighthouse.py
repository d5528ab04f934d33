"""Lighthouse (mobile) scores and page weights of the home, article, section and search pages.

    .venv/bin/python bench/lighthouse.py http://127.0.0.1:8417 [--lighthouse PATH]

Runs against a server already started as in production (DEBUG=0, collectstatic,
gunicorn; uploaded media served as the web server would, and HTML compressed as
the proxy in front would). Lighthouse comes from npm (`npm install lighthouse` in
a folder of its own; PATH is its `node_modules/.bin/lighthouse`) and drives Debian's
Chromium (CHROME_PATH=/usr/bin/chromium). Lighthouse's own simulated mobile
throttling applies, so on a busy machine the blocking time (TBT) grows: run it
on an idle one.

What the simulated LCP counts (Lighthouse 12's Lantern): every request but a
low-priority image that finished before the page painted in the unthrottled load,
replayed on the simulated phone line. Locally everything finishes before the
first paint, so every font byte and every early round trip (the read beacon, the
favicon) adds to LCP whatever the LCP element is; a render-blocking stylesheet
costs FCP little more than the bold Naskh found by the first layout would.

Prints, per page: the four category scores, the bytes transferred, the number of
requests, FCP and LCP, and every audit that did not pass.
"""

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import quote
from urllib.request import urlopen


def find_pages(base):
    home = urlopen(base + "/").read().decode()
    article = re.search(r'href="(/articles/[^"]+)"', home).group(1)
    section = re.search(r'href="(/sections/[^"]+)"', home).group(1)
    return {
        "home": "/",
        "article": article,
        "section": section,
        "search": "/search/",
        # Results are noindex on purpose (search engines should index the articles,
        # not our lists of them), so their SEO score stops at the crawlability audit.
        "search results": "/search/?q=" + quote("المدينة"),
    }


def run(lighthouse, url, output):
    environment = {**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", "/usr/bin/chromium")}
    subprocess.run(
        [lighthouse, url, "--quiet", "--form-factor=mobile", "--output=json",
         f"--output-path={output}", "--chrome-flags=--headless=new --no-sandbox",
         "--only-categories=performance,accessibility,best-practices,seo"],
        check=True, env=environment,
    )  # fmt: skip
    return json.loads(Path(output).read_text())


def summary(name, report):
    audits = report["audits"]
    scores = {k: round(v["score"] * 100) for k, v in report["categories"].items()}
    print(
        f"{name}: {scores} bytes={int(audits['total-byte-weight']['numericValue'])} "
        f"requests={len(audits['network-requests']['details']['items'])} "
        f"FCP={round(audits['first-contentful-paint']['numericValue'])}ms "
        f"LCP={round(audits['largest-contentful-paint']['numericValue'])}ms"
    )
    for key, audit in audits.items():
        if audit.get("score") is not None and audit["score"] < 1:
            if audit.get("scoreDisplayMode") in ("binary", "numeric", "metricSavings"):
                print(f"    {key}: {audit['score']} {audit.get('displayValue', '')}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("base")
    parser.add_argument("--lighthouse", default="lighthouse")
    args = parser.parse_args()
    base = args.base.rstrip("/")
    with tempfile.TemporaryDirectory() as folder:
        for name, path in find_pages(base).items():
            summary(name, run(args.lighthouse, base + path, Path(folder) / f"{name}.json"))


if __name__ == "__main__":
    sys.exit(main())
