"""Past one machine: the cluster of `make cluster` (S3 server, three app servers with empty
working directories, a task worker, nginx) shares everything through PostgreSQL, Redis and
the bucket. Started on ports of its own, with a database of its own, and stopped afterwards.

It runs in the PostgreSQL pass of the suite (the cluster needs a database server) and
wherever nginx is installed; CI installs nginx.
"""

import json
import os
import re
import shutil
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import boto3
import pytest
import requests

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "a-cluster-of-three-2026"

pytestmark = pytest.mark.cluster


def free_ports(count):
    """`count` consecutive free loopback ports."""
    for base in range(21000, 30000, 10):
        ports = range(base, base + count)
        if all(is_free(port) for port in ports):
            return list(ports)
    raise RuntimeError("no free ports")


def is_free(port):
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) != 0


class RunningCluster:
    def __init__(self, run, database_url):
        self.run = run
        ports = free_ports(5)
        self.nginx, self.s3_port, self.apps = ports[0], ports[1], ports[2:]
        # Two-factor sign-in is tested on its own (tests/test_staff_sign_in.py).
        self.env = {**os.environ, "DATABASE_URL": database_url, "STAFF_2FA": "0",
                    "COMMENTS_FLOOD_SECONDS": "5"}  # fmt: skip
        self.command("start")
        self.nodes = [f"http://127.0.0.1:{port}" for port in self.apps]
        self.site = f"http://127.0.0.1:{self.nginx}"
        self.bucket = boto3.client(
            "s3",
            endpoint_url=f"http://127.0.0.1:{self.s3_port}",
            region_name="us-east-1",
            aws_access_key_id="cluster",
            aws_secret_access_key="cluster",
        )

    def command(self, action):
        subprocess.run(
            [sys.executable, str(ROOT / "cluster" / "cluster.py"), action, "--run", str(self.run),
             "--port", str(self.nginx), "--app-port", str(self.apps[0]),
             "--s3-port", str(self.s3_port)],
            env=self.env, check=True, capture_output=True, timeout=180,
        )  # fmt: skip

    def manage(self, code):
        """Run Python in the cluster's settings, as an operator's shell would."""
        node_env = json.loads(
            subprocess.run(
                [sys.executable, "-c", ENV_DUMP, str(self.run), str(self.s3_port)],
                env=self.env, capture_output=True, text=True, check=True,
            ).stdout
        )  # fmt: skip
        done = subprocess.run(
            [sys.executable, str(ROOT / "manage.py"), "shell", "-v", "0", "-c", code],
            env=node_env, capture_output=True, text=True, timeout=60,
        )  # fmt: skip
        assert done.returncode == 0, done.stderr[-2000:]
        return done.stdout.strip()

    def keys(self):
        listing = self.bucket.list_objects_v2(Bucket="newsroom-media")
        return {entry["Key"] for entry in listing.get("Contents", [])}

    def stop_app_server(self, number):
        pids = json.loads((self.run / "processes.json").read_text())
        os.killpg(pids[f"app{number}"], 15)


ENV_DUMP = """
import json, sys, types
sys.path.insert(0, "cluster")
import cluster
options = types.SimpleNamespace(s3_port=int(sys.argv[2]))
print(json.dumps(cluster.node_environment(cluster.Path(sys.argv[1]), options)))
"""


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        pytest.skip("the cluster runs in the PostgreSQL pass of the suite")
    if shutil.which("nginx") is None and not os.environ.get("CI"):
        pytest.skip("nginx is not installed (CI installs it)")
    database_url = url.rsplit("/", 1)[0] + "/newsroom_cluster_test"
    subprocess.run(["dropdb", "--if-exists", "-h", "127.0.0.1", "-U", "postgres",
                    "newsroom_cluster_test"], check=True)  # fmt: skip
    running = RunningCluster(tmp_path_factory.mktemp("cluster"), database_url)
    running.manage(SETUP)
    yield running
    running.command("stop")


SETUP = f"""
from django.contrib.auth.models import User
from tests import factories
User.objects.create_superuser("chief", "chief@example.org", "{PASSWORD}")
section = factories.section("محليات", "محليات")
factories.article("خبر على ثلاثة خوادم", section, slug="خبر-الخوادم")
"""


def logged_in(node):
    session = requests.Session()
    page = session.get(f"{node}/admin/login/", timeout=10)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
    answer = session.post(
        f"{node}/admin/login/?next=/admin/",
        data={"username": "chief", "password": PASSWORD, "csrfmiddlewaretoken": token},
        headers={"Referer": f"{node}/admin/login/"},
        timeout=10,
    )
    assert answer.url.endswith("/admin/"), answer.text[:500]
    return session


def upload(session, node, photo):
    form = session.get(f"{node}/admin/images/image/add/", timeout=10).text
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)
    return session.post(
        f"{node}/admin/images/image/add/",
        data={"alt_text": "جسر المدينة", "caption": "الجسر ليلًا", "credit": "",
              "csrfmiddlewaretoken": token},
        files={"file": ("جسر.jpg", photo, "image/jpeg")},
        headers={"Referer": f"{node}/admin/images/image/add/"},
        allow_redirects=False,
        timeout=30,
    )  # fmt: skip


def test_an_image_uploaded_on_one_server_is_in_the_bucket_and_shown_by_the_others(cluster):
    from .factories import jpeg_bytes

    session = logged_in(cluster.nodes[0])
    assert upload(session, cluster.nodes[0], jpeg_bytes(900, 500)).status_code == 302
    masters = {k for k in cluster.keys() if "/" in k and k.count("/") == 3}
    assert len(masters) == 1
    # Sessions are shared: the same login works on the other machines.
    listing = session.get(f"{cluster.nodes[2]}/admin/images/image/", timeout=10).text
    assert "جسر المدينة" in listing

    # The worker, not the request, cuts the renditions (320, 640 and 900 pixels wide).
    wanted = {f"{width}w.{kind}" for width in (320, 640, 900) for kind in ("jpg", "webp")}
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and not wanted <= {
        k.rsplit("/", 1)[-1] for k in cluster.keys()
    }:
        time.sleep(0.5)
    assert wanted <= {key.rsplit("/", 1)[-1] for key in cluster.keys()}

    cluster.manage(
        "from articles.models import Article; from images.models import Image; "
        "a = Article.objects.get(slug='خبر-الخوادم'); a.lead_image = Image.objects.get(); a.save()"
    )
    for node in cluster.nodes[1:]:
        page = requests.get(f"{node}/articles/خبر-الخوادم/", timeout=10).text
        picture = re.search(r'<img src="(http://127\.0\.0\.1:\d+/newsroom-media/[^"]+)"', page)
        assert picture, page[:1000]
        photo = requests.get(picture.group(1), timeout=10)
        assert photo.status_code == 200 and photo.content[:2] == b"\xff\xd8"


def comment_form(node):
    """The form's signed "issued" token, as a reader's browser gets it with the page."""
    page = requests.get(f"{node}/articles/خبر-الخوادم/", timeout=10).text
    return re.search(r'name="issued" value="([^"]+)"', page).group(1)


def post_comment(node, article_id, email, body, issued):
    return requests.post(
        f"{node}/comments/post/{article_id}/",
        data={"name": "قارئة", "email": email, "body": body, "issued": issued, "reference": ""},
        headers={"Origin": node},
        allow_redirects=False,
        timeout=10,
    )


def test_a_comment_on_one_server_is_flood_limited_on_another(cluster):
    pk = article_id(cluster)
    forms = [comment_form(cluster.nodes[0]), comment_form(cluster.nodes[1])]
    time.sleep(3.5)  # people take a moment to write (COMMENTS_MIN_SUBMIT_SECONDS)
    first = post_comment(cluster.nodes[0], pk, "huda@example.org", "تعليق أول من قارئة", forms[0])
    assert first.status_code == 303, first.text[:2000]
    again = post_comment(cluster.nodes[1], pk, "huda@example.org", "تعليق ثان بسرعة", forms[1])
    assert again.status_code == 429
    assert "تعليق ثان بسرعة" in again.text  # refused, with the reader's text given back


def article_id(cluster):
    return int(cluster.manage(
        "from articles.models import Article; print(Article.objects.get(slug='خبر-الخوادم').pk)"
    ))  # fmt: skip


def comment_count(cluster):
    return int(
        cluster.manage("from comments.models import Comment; print(Comment.objects.count())")
    )


def test_a_publish_on_one_server_purges_the_page_the_others_cached(cluster):
    draft = int(cluster.manage(
        "from articles.models import Article; from tests import factories; "
        "a = factories.article('خبر عاجل من الخادم الثالث', Article.objects.first().category, "
        "status='draft'); print(a.pk)"
    ))  # fmt: skip
    for node in cluster.nodes[:2]:
        requests.get(f"{node}/", timeout=10)
        again = requests.get(f"{node}/", timeout=10)
        assert again.headers["X-Page-Cache"] == "HIT"  # both keep the home page
        assert "خبر عاجل من الخادم الثالث" not in again.text
    third = cluster.nodes[2]
    session = logged_in(third)
    listing = session.get(f"{third}/admin/articles/article/", timeout=10).text
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', listing).group(1)
    published = session.post(
        f"{third}/admin/articles/article/",
        data={"action": "publish_now", "_selected_action": [draft], "csrfmiddlewaretoken": token},
        headers={"Referer": f"{third}/admin/articles/article/"},
        timeout=10,
    )
    assert published.status_code == 200
    for node in cluster.nodes[:2]:
        assert "خبر عاجل من الخادم الثالث" in requests.get(f"{node}/", timeout=10).text


def test_stopping_an_app_server_mid_load_loses_no_request_and_no_comment(cluster):
    url = f"{cluster.site}/articles/خبر-الخوادم/"
    statuses, stop = [], threading.Event()
    pk, comments_before, answers = article_id(cluster), comment_count(cluster), []
    forms = [comment_form(cluster.site) for _ in range(3)]

    def readers():
        with requests.Session() as session:
            while not stop.is_set():
                statuses.append(session.get(url, timeout=15).status_code)

    threads = [threading.Thread(target=readers) for _ in range(4)]
    for thread in threads:
        thread.start()
    time.sleep(2)
    cluster.stop_app_server(2)
    time.sleep(5.5)  # the last comment from this address is older than the flood limit
    for n, issued in enumerate(forms):  # readers keep commenting through the balancer
        email, text = f"reader{n}@example.org", f"رأي رقم {n} في الخبر"
        answers.append(post_comment(cluster.site, pk, email, text, issued))
    stop.set()
    for thread in threads:
        thread.join(timeout=30)
    assert len(statuses) > 50
    assert set(statuses) == {200}, {s: statuses.count(s) for s in set(statuses)}
    # Each comment was stored (303) or refused with its text shown back (flood: 429).
    codes = [answer.status_code for answer in answers]
    assert set(codes) <= {303, 429}, codes
    assert comment_count(cluster) - comments_before == codes.count(303) >= 1
