"""Privacy, proven: answers never leave the browser and the site loads nothing from anyone else.

A browser walks every page of the real build, fills every field, searches, downloads the exports,
prints and saves as PDF, and fails on any request to another address than the local server, on any
cookie, and on any third-party script, style, font or image in the built files.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from playwright.sync_api import expect

from plan_helpers import Filler, seed_everything
from conftest import ROOT
from wb_pages import built_pages, markdown_pages, part_of, pages_with_fields, search_word

# Buttons that export or print: clicked on every page where they are shown.
EXPORT_OR_PRINT = re.compile(r"download|afdruk|pdf|kopi|word-bestand", re.IGNORECASE)
LOCAL_SCHEMES = ("data:", "blob:", "about:")


@pytest.fixture
def watched(context, site_url):
    """Every request and cookie of the browser profile, watched from before the first page."""
    outside: list[str] = []

    def check(request):
        if not request.url.startswith(site_url) and not request.url.startswith(LOCAL_SCHEMES):
            outside.append(f"{request.method} {request.url} ({request.resource_type}, from {request.frame.url if request.frame else '?'})")

    context.on("request", check)
    # window.print() opens a dialog a headless browser cannot close; count the calls instead.
    context.add_init_script("window.print = function () { window.__wbPrinted = (window.__wbPrinted || 0) + 1; };")
    page = context.new_page()
    page.on("websocket", lambda socket: outside.append(f"websocket {socket.url}"))
    errors = []
    page.on("pageerror", lambda error: errors.append(error))
    yield page, outside
    assert not errors, f"JavaScript errors on the page: {errors}"


def open_page(page, url):
    page.goto(url)
    expect(page.locator("html.wb-js")).to_have_count(1)


def click_exports_and_prints(page) -> list[str]:
    clicked = []
    buttons = page.locator(".md-content button")
    labels = buttons.evaluate_all("list => list.map(b => b.textContent.replace(/\\s+/g, ' ').trim())")
    for index, label in enumerate(labels):
        button = buttons.nth(index)
        if EXPORT_OR_PRINT.search(label) and button.is_visible():
            button.click()
            clicked.append(label)
    return clicked


# The pages are walked in PARTS interleaved parts (every page in exactly one), each in its own
# browser profile, so the test processes share the work.
PARTS = 3


@pytest.mark.parametrize("part", range(1, PARTS + 1))
def test_nothing_leaves_the_browser(built_site, site_url, manifest, watched, context, part):
    page, outside = watched
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_url.rstrip("/"))
    worksheets = pages_with_fields(built_site)
    # Worksheets in the manifest but no page with fields: the walk would fill nothing.
    assert worksheets or not manifest["worksheets"], "no pages with fields in the build"
    mine = part_of(built_pages(built_site), part, PARTS)
    clicked: list[str] = []
    for path in mine:
        open_page(page, site_url + path)
        assert page.evaluate("document.cookie") == "", f"/{path} set a cookie"
        if path in worksheets:
            Filler("prive").fill_page(page, manifest)
    if set(mine) & set(worksheets):
        stored = page.evaluate("() => Object.keys(localStorage)")
        assert any(key.endswith(":werkmap:standaard") for key in stored), "the answers were not stored locally"
    # With answers stored (all of them, as filling every worksheet gives: stored straight away),
    # every page once more: export and print where offered, and save as PDF (print styles may load
    # their own resources).
    seed_everything(page, site_url, manifest, Filler("prive"))
    for path in mine:
        open_page(page, site_url + path)
        clicked += click_exports_and_prints(page)
        page.pdf()
        assert page.evaluate("document.cookie") == "", f"/{path} set a cookie"

    page.wait_for_timeout(300)  # let any late request (beacons, prefetch) show itself
    assert not outside, "requests that left the local server:\n" + "\n".join(outside)
    assert context.cookies() == [], context.cookies()
    if manifest["plan"] and manifest["plan"]["url"] in mine:  # the plan offers every export
        if (built_site / "assets/werkboek/transfer.js").exists():
            assert any(re.search("download", label, re.IGNORECASE) for label in clicked), \
                f"the export exists but no export button was clicked: {clicked}"
        assert any("Word-bestand" in label for label in clicked), f"no Word file was made: {clicked}"


def test_search_sends_nothing_elsewhere(built_site, site_url, watched, context):
    """Search loads its index and a worker."""
    page, outside = watched
    open_page(page, site_url)
    page.keyboard.press("/")
    expect(page.locator(".md-search-result__meta")).to_have_text(re.compile("Typ om"), timeout=15_000)
    page.locator(".md-search__input").press_sequentially(search_word(built_site))
    expect(page.locator(".md-search-result__item").first).to_be_visible()
    page.wait_for_timeout(300)  # let any late request (beacons, prefetch) show itself
    assert not outside, "requests that left the local server:\n" + "\n".join(outside)
    assert context.cookies() == [], context.cookies()
    assert page.evaluate("document.cookie") == ""


# -- The built files themselves ---------------------------------------------------------------------

# Attributes through which a page loads something (not <a href>: following a link is the user's choice).
LOADING_ATTRIBUTES = {
    "script": ("src",), "link": ("href",), "img": ("src", "srcset"), "source": ("src", "srcset"),
    "iframe": ("src",), "frame": ("src",), "video": ("src", "poster"), "audio": ("src",),
    "track": ("src",), "embed": ("src",), "object": ("data",), "input": ("src",), "image": ("href",),
    "use": ("href",),
}
EXTERNAL = re.compile(r"^\s*(?:[a-z][a-z0-9+.-]*:)?//", re.IGNORECASE)
CSS_URL = re.compile(r"""(?:url\(\s*['"]?|@import\s+['"])\s*((?:[a-z][a-z0-9+.-]*:)?//[^'")\s]+)""", re.IGNORECASE)


class ResourceLinks(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, str]] = []

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        for name in LOADING_ATTRIBUTES.get(tag, ()):
            value = values.get(name) or ""
            for candidate in (part.strip().split(" ")[0] for part in value.split(",")) if name == "srcset" else (value,):
                self.found.append((f"<{tag} {name}>", candidate))
        if values.get("style"):
            self.found += [(f"<{tag} style>", url) for url in CSS_URL.findall(values["style"])]


def test_built_files_load_nothing_from_elsewhere(built_site, site_url):
    third_party = []
    pages = list(built_site.rglob("*.html"))
    assert len(pages) > markdown_pages(ROOT / "docs"), pages  # every page and the 404 page
    for html in pages:
        parser = ResourceLinks()
        text = html.read_text(encoding="utf-8")
        parser.feed(text)
        third_party += [f"{html.relative_to(built_site)}: {where} {url}" for where, url in parser.found
                        if EXTERNAL.match(url) and not url.startswith(site_url)]
        # Inline <style> blocks.
        for block in re.findall(r"<style\b[^>]*>(.*?)</style>", text, re.DOTALL | re.IGNORECASE):
            third_party += [f"{html.relative_to(built_site)}: <style> {url}" for url in CSS_URL.findall(block)]
    stylesheets = list(built_site.rglob("*.css"))
    assert stylesheets
    for css in stylesheets:
        third_party += [f"{css.relative_to(built_site)}: {url}" for url in CSS_URL.findall(css.read_text(encoding="utf-8"))]
    # Fonts and analytics by name, wherever they would hide in our own files and the page templates.
    known = re.compile(r"fonts\.googleapis|fonts\.gstatic|googletagmanager|google-analytics|unpkg\.com|jsdelivr|cdnjs")
    for own in list((built_site / "assets/werkboek").glob("*")) + pages:
        if own.is_file() and own.suffix in (".js", ".css", ".html", ".json"):
            third_party += [f"{own.relative_to(built_site)}: mentions {hit}" for hit in set(known.findall(own.read_text(encoding="utf-8")))]
    assert not third_party, "third-party resources in the build:\n" + "\n".join(sorted(set(third_party)))
    # Sanity: the parser does see the theme's own script and style links.
    parser = ResourceLinks()
    parser.feed((built_site / "index.html").read_text(encoding="utf-8"))
    assert any(where == "<script src>" for where, _ in parser.found)
    assert any(where == "<link href>" and url.endswith(".css") for where, url in parser.found)
