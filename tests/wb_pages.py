"""Helpers for the tests that visit every page: list the built pages and the ones with fields.

Used by the accessibility and privacy tests (Playwright, Chromium); they fill a page with
plan_helpers.Filler().fill_page, the one fill helper.
"""

from __future__ import annotations

import json
import re
from pathlib import Path


def built_pages(site: Path) -> list[str]:
    """Every HTML page of the build, as a path relative to the site root ("" is the start page)."""
    pages = []
    for html in sorted(site.rglob("*.html")):
        relative = html.relative_to(site).as_posix()
        if relative == "index.html":
            pages.append("")
        elif relative.endswith("/index.html"):
            pages.append(relative.removesuffix("index.html"))
        else:
            pages.append(relative)
    return pages


def markdown_pages(docs: Path) -> int:
    """How many pages the content has: a build with fewer HTML pages left some out."""
    return len(list(docs.rglob("*.md")))


def search_word(site: Path) -> str:
    """A word the site's own search finds: the longest in the start page's title."""
    index = json.loads((site / "search/search_index.json").read_text(encoding="utf-8"))
    return max(re.findall(r"[^\W\d_]+", index["docs"][0]["title"]), key=len)


def page_file(site: Path, page: str) -> Path:
    return site / (page + "index.html" if page == "" or page.endswith("/") else page)


def pages_with_fields(site: Path) -> list[str]:
    return [page for page in built_pages(site) if "data-wb-field" in page_file(site, page).read_text(encoding="utf-8")]


def pages_the_engine_starts_on(site: Path) -> list[str]:
    """The pages whose content asks for a bundle (data-wb-load): the only ones where stored answers
    change what is shown. Elsewhere only the loader runs and starts nothing (test_page_weight.py)."""
    return [page for page in built_pages(site) if "data-wb-load" in page_file(site, page).read_text(encoding="utf-8")]


def part_of(pages: list[str], part: int, parts: int) -> list[str]:
    """Part `part` (1…parts) of the pages: every parts-th one, so the parts together hold every page
    once. Tests that walk every page run in parts so that the test processes share the work."""
    return pages[part - 1::parts]
