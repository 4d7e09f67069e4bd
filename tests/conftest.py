"""Shared fixtures: the real strict build, served on 127.0.0.1, and Debian's Chromium via Playwright."""

from __future__ import annotations

import functools
import os
import shutil
import socket
import subprocess
import sys
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# Flags for a closed network: without them Chromium keeps calling home and fails noisily.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def build_site(target: Path, site_url: str, config: Path = ROOT / "mkdocs.yml", **env) -> subprocess.CompletedProcess:
    """Run the real `mkdocs build --strict`; returns the finished process (check returncode)."""
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": site_url, **env}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file", str(config), "--site-dir", str(target)],
        cwd=ROOT, env=environment, capture_output=True, text=True)


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve(directory: Path, port: int) -> ThreadingHTTPServer:
    server = ThreadingHTTPServer(("127.0.0.1", port), functools.partial(QuietHandler, directory=str(directory)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


@pytest.fixture(scope="session")
def site_port() -> int:
    return free_port()


@pytest.fixture(scope="session")
def site_url(site_port) -> str:
    return f"http://127.0.0.1:{site_port}/"


@pytest.fixture(scope="session")
def built_site(tmp_path_factory, site_url) -> Path:
    target = tmp_path_factory.mktemp("site")
    result = build_site(target, site_url)
    assert result.returncode == 0, result.stderr
    return target


@pytest.fixture(scope="session")
def manifest(built_site) -> dict:
    import json
    return json.loads((built_site / "assets/werkboek/manifest.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def server(built_site, site_port):
    httpd = serve(built_site, site_port)
    yield httpd
    httpd.shutdown()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def context(browser, server):
    """A fresh browser profile per test: its own, empty localStorage."""
    ctx = browser.new_context(locale="nl-NL")
    yield ctx
    ctx.close()


@pytest.fixture
def page(context):
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(error))
    yield page
    assert not errors, f"JavaScript errors on the page: {errors}"
