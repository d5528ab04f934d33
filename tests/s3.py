"""An S3-compatible server for tests: moto in server mode, on a free loopback port."""

import socket
import subprocess
import sys
import time

import boto3

BUCKET = "newsroom-media"


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class S3Server:
    def __init__(self):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process = subprocess.Popen(
            [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(self.port)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        self.wait_until_up()
        self.client = boto3.client(
            "s3",
            endpoint_url=self.url,
            region_name="us-east-1",
            aws_access_key_id="testing",
            aws_secret_access_key="testing",
        )
        self.client.create_bucket(Bucket=BUCKET)

    def wait_until_up(self, seconds=20):
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            with socket.socket() as probe:
                if probe.connect_ex(("127.0.0.1", self.port)) == 0:
                    return
            time.sleep(0.1)
        self.stop()
        raise RuntimeError("moto's S3 server did not start")

    def keys(self):
        listing = self.client.list_objects_v2(Bucket=BUCKET)
        return {entry["Key"] for entry in listing.get("Contents", [])}

    def storage_settings(self, custom_domain=None):
        return {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": BUCKET,
                "endpoint_url": self.url,
                "region_name": "us-east-1",
                "access_key": "testing",
                "secret_key": "testing",
                "custom_domain": custom_domain,
                "querystring_auth": False,
                "file_overwrite": False,
            },
        }

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=10)
