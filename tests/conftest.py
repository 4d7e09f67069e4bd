"""Shared fixtures: the real strict build, served on 127.0.0.1, and Debian's Chromium via Playwright."""

from __future__ import annotations

import functools
import os
import shutil
import socket
import subprocess
import sys
import threading
import zipfile
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# Flags for a closed network: without them Chromium keeps calling home and fails noisily.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


# The repository's own workbook. Tests marked `reference` are about its content (its questions,
# pages, example and handout, or flows through its worksheets); in a new workbook started from a
# copy of this repository (README, "Een nieuw werkboek maken") they skip, and every other test runs
# on the new content. Here they always run: changing this workbook's storage_key stops the build
# (the lock records it), so they cannot quietly skip.
REFERENCE_STORAGE_KEY = "werkboek-digitale-inclusie"


def storage_key(root: Path = ROOT) -> str:
    if str(ROOT / "scripts") not in sys.path:
        sys.path.insert(0, str(ROOT / "scripts"))
    import offline  # scripts/offline.py names the offline copy after the same key
    return offline.name_of(root / "mkdocs.yml")


def kept_reference_key(root: Path = ROOT) -> str:
    """Why the tests cannot run, or "": a new workbook (no lock file yet) that still has this
    repository's storage_key would run every test about this repository's content on its own."""
    if storage_key(root) != REFERENCE_STORAGE_KEY or (root / "werkboek.lock.json").is_file():
        return ""
    return (f"mkdocs.yml heeft nog de storage_key van Werkboek Digitale Inclusie ({REFERENCE_STORAGE_KEY}), "
            "maar er is geen werkboek.lock.json. Begin je een nieuw werkboek? Geef het dan een eigen storage_key "
            "(README, \"Een nieuw werkboek maken\", stap 3): dan slaan de tests over Werkboek Digitale Inclusie "
            "zichzelf over. Is dit Werkboek Digitale Inclusie zelf? Voer dan ./dev lock uit.")


def pytest_configure(config):
    config.addinivalue_line("markers", "reference: about the content of this repository's own workbook "
                                       "(skipped in a workbook made from a copy of it)")
    problem = kept_reference_key()
    if problem:
        raise pytest.UsageError(problem)


def pytest_collection_modifyitems(config, items):
    if storage_key() == REFERENCE_STORAGE_KEY:
        return
    skip = pytest.mark.skip(reason=f"gaat over de inhoud van het werkboek van deze repository ({REFERENCE_STORAGE_KEY}), "
                                   "niet over dit werkboek")
    for item in items:
        if item.get_closest_marker("reference"):
            item.add_marker(skip)


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


@pytest.fixture
def report(record_property):
    """report("Title", ["line", ...]): figures printed at the end of the run, also from test processes
    (pytest-xdist shows nothing a worker prints)."""
    return lambda title, lines: record_property("werkboek_figures", [title, *lines])


def pytest_terminal_summary(terminalreporter):
    for report in terminalreporter.getreports("passed") + terminalreporter.getreports("failed"):
        for name, lines in report.user_properties:
            if name == "werkboek_figures" and report.when == "call":
                terminalreporter.write_line("")
                for line in lines:
                    terminalreporter.write_line(line)


@pytest.fixture(scope="session")
def site_port() -> int:
    return free_port()


@pytest.fixture(scope="session")
def built_site(tmp_path_factory, site_port) -> Path:
    """The real site, built once per test session with the address it is served from."""
    target = tmp_path_factory.mktemp("site")
    result = build_site(target, f"http://127.0.0.1:{site_port}/")
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
def site_url(server, site_port) -> str:
    """Address of the real site, served on 127.0.0.1 for the whole session."""
    return f"http://127.0.0.1:{site_port}/"


EXAMPLE_PAGES = ROOT / "tests" / "fixtures" / "voorbeeld"


@pytest.fixture(scope="session")
def example_url(tmp_path_factory) -> str:
    """The example site (tests/fixtures/voorbeeld: every field kind at work), built and served."""
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    source = tmp_path_factory.mktemp("example-src")
    pages = {p.name: p.read_text(encoding="utf-8") for p in sorted(EXAMPLE_PAGES.glob("*.md"))}
    config = fixture_site(source, {"index.md": pages.pop("index.md"), **pages}, site_url=url)
    target = tmp_path_factory.mktemp("example-site")
    result = build_site(target, url, config=config)
    assert result.returncode == 0, result.stderr
    httpd = serve(target, port)
    yield url
    httpd.shutdown()


@pytest.fixture(scope="session")
def offline_copy(tmp_path_factory) -> Path:
    """The offline copy, built by the same code as ./dev offline, then unpacked from its zip as a user would."""
    sys.path.insert(0, str(ROOT / "scripts"))
    import offline  # scripts/offline.py
    output = tmp_path_factory.mktemp("dist")
    # As in a CI job that sets the online address for all its steps: the copy on disk ignores it.
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SITE_URL", "https://example.org/werkboek/")
        folder, archive = offline.build(output)
    assert (folder / "index.html").exists()
    unpacked = tmp_path_factory.mktemp("usb")
    with zipfile.ZipFile(archive) as bundle:
        bundle.extractall(unpacked)
    return unpacked / folder.name


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def context(browser):
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


def fixture_site(directory: Path, pages: dict[str, str], site_url: str = "http://127.0.0.1:8000/") -> Path:
    """A small site with the real engine and theme but our own pages; returns its mkdocs.yml."""
    docs = directory / "docs"
    for name, text in pages.items():
        (docs / name).parent.mkdir(parents=True, exist_ok=True)
        (docs / name).write_text(text, encoding="utf-8")
    for shared in ("macros", "overrides", "includes"):
        (directory / shared).symlink_to(ROOT / shared)
    nav = "\n".join(f"  - {name}" for name in pages)
    config = directory / "mkdocs.yml"
    config.write_text(f"""site_name: Testwerkboek
site_url: {site_url}
strict: true
validation: {{anchors: warn}}
theme:
  name: material
  custom_dir: overrides
  language: nl
  font: false
  features: [navigation.instant, navigation.footer]
extra: {{werkboek: {{storage_key: testwerkboek, glossary: includes/afkortingen.md}}}}
plugins:
  - macros: {{module_name: macros, on_error_fail: true, on_undefined: strict}}
hooks: [macros/hooks.py]
markdown_extensions: [admonition, attr_list, md_in_html, abbr]
nav:
{nav}
""", encoding="utf-8")
    return config


SECOND_WORKBOOK = ROOT / "tests" / "fixtures" / "tweede-werkboek"


def second_workbook_source(directory: Path) -> Path:
    """tests/fixtures/tweede-werkboek beside the engine, as an editor sets up a new workbook."""
    shutil.copytree(SECOND_WORKBOOK, directory)
    for shared in ("macros", "overrides"):
        (directory / shared).symlink_to(ROOT / shared)
    return directory / "mkdocs.yml"


# Where the tests serve the second workbook: in a sub-folder of the server, as on a host that keeps
# several workbooks (its mkdocs.yml names another address; SITE_URL wins).
SECOND_WORKBOOK_PATH = "werkboeken/scholen/"


@pytest.fixture(scope="session")
def second_workbook(tmp_path_factory) -> tuple[Path, str]:
    """The second example workbook, built (strict) and served at a sub-path: (site folder, address)."""
    port = free_port()
    url = f"http://127.0.0.1:{port}/{SECOND_WORKBOOK_PATH}"
    config = second_workbook_source(tmp_path_factory.mktemp("second-src") / "werkboek")
    root = tmp_path_factory.mktemp("second-server")
    target = root / SECOND_WORKBOOK_PATH
    result = build_site(target, url, config=config)
    assert result.returncode == 0, result.stderr
    httpd = serve(root, port)
    yield target, url
    httpd.shutdown()
