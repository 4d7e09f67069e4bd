"""Helpers for the tests that visit every page: list the built pages and fill their fields as a user would.

Used by the accessibility and privacy tests (Playwright, Chromium).
"""

from __future__ import annotations

from pathlib import Path

# Pages that only exist once issue 4 (the plan) has landed are found by this file in the build.


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


def page_file(site: Path, page: str) -> Path:
    return site / (page + "index.html" if page == "" or page.endswith("/") else page)


def pages_with_fields(site: Path) -> list[str]:
    return [page for page in built_pages(site) if "data-wb-field" in page_file(site, page).read_text(encoding="utf-8")]


def fill_fields(page, marker: str = "Antwoord") -> dict[str, object]:
    """Fill every visible field on the page, each kind as a user would, and return what was entered.

    text/long: typed text; date: a date; yes/no: "ja" (so its follow-ups open and are filled too);
    choice: the last option; multi: every option (so "Anders, namelijk" opens); table: the first
    row's cells, then "Rij toevoegen" and the new row's first cell.
    """
    entered: dict[str, object] = {}
    roots = page.locator("[data-wb-field]")
    for index in range(roots.count()):
        root = roots.nth(index)
        if not root.is_visible():
            continue
        field_id = root.get_attribute("data-wb-field")
        kind = root.get_attribute("data-wb-kind")
        text = f"{marker} {field_id}"
        if kind in ("text", "long"):
            page.locator(f"#wb-{field_id}").fill(text)
            entered[field_id] = text
        elif kind == "date":
            page.locator(f"#wb-{field_id}").fill("2026-03-01")
            entered[field_id] = "2026-03-01"
        elif kind == "yesno":
            page.locator(f"#wb-{field_id}--ja").check()
            entered[field_id] = "ja"
        elif kind == "choice":
            option = root.locator(f"input[name='{field_id}']").last
            option.check()
            entered[field_id] = option.get_attribute("value")
        elif kind == "multi":
            options = root.locator(f"input[name='{field_id}']")
            for number in range(options.count()):
                options.nth(number).check()
            entered[field_id] = [options.nth(n).get_attribute("value") for n in range(options.count())]
        elif kind == "table":
            rows = root.locator("[data-wb-row]")
            first = rows.first
            cells = first.locator("[data-wb-column]")
            for number in range(cells.count()):
                cell = cells.nth(number)
                column = cell.get_attribute("data-wb-column")
                control = cell.locator("input, textarea, select")
                tag = control.evaluate("element => element.tagName.toLowerCase() + ':' + element.type")
                if tag.startswith("select"):
                    control.select_option(index=1)
                elif tag.endswith(":date"):
                    control.fill("2026-03-01")
                else:
                    control.fill(f"{text} {column}")
            before = rows.count()
            root.locator("[data-wb-add-row]").click()
            assert rows.count() == before + 1, f"{field_id}: 'Rij toevoegen' added no row"
            rows.last.locator("[data-wb-column] input[type=text], [data-wb-column] textarea").first.fill(f"{text} nieuwe rij")
            entered[field_id] = "table"
        else:
            raise AssertionError(f"unknown field kind {kind!r} for {field_id}: teach wb_pages.fill_fields about it")
    return entered
