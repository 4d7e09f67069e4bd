"""Valid HTML (the W3C's Nu Html Checker) and a second accessibility engine (pa11y, HTML_CodeSniffer).

Both come from npm (package.json; ./dev test runs `npm ci --ignore-scripts`, so nothing downloads a
browser or a Java runtime): vnu-jar runs on Debian's Java, pa11y drives Debian's chromium. The
checker runs once for all pages; pa11y in a few parts, one browser for each part's pages. The
theme's findings we cannot fix in overrides are listed here, each with its reason, and in the
README ("Geldige HTML").
"""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from conftest import CHROMIUM, CHROMIUM_ARGS, ROOT
from engines import display, engine, webkit  # noqa: F401  (fixtures)
from wb_pages import built_pages, page_file, part_of, pages_with_fields

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
PA11Y = ROOT / "tests" / "node" / "pa11y-pages.cjs"


def theme_toggle_autocomplete(message: dict) -> bool:
    """mkdocs-material's drawer and search toggles (base.html, outside any block) carry
    autocomplete="off" so Firefox does not restore them open; upstream: squidfunk/mkdocs-material."""
    return (message["message"].startswith("Attribute “autocomplete” is only allowed")
            and 'class="md-toggle" data-md-toggle=' in message.get("extract", ""))


def theme_search_without_submit(issue: dict) -> bool:
    """The theme's search form searches as you type; it has no submit button (HTML_CodeSniffer H32.2)."""
    return issue["code"].endswith("H32.2") and issue["context"].startswith('<form class="md-search__form"')


def test_every_page_is_valid_html(built_site):
    java = shutil.which("java")
    assert java and VNU.exists(), "./dev test installs Java (default-jre-headless) and vnu-jar (npm ci)"
    result = subprocess.run([java, "-jar", str(VNU), "--format", "json", "--errors-only", "--skip-non-html",
                             str(built_site)], capture_output=True, text=True, timeout=300)
    messages = json.loads(result.stderr)["messages"]
    checked = {m["url"] for m in messages}
    errors = [m for m in messages if m["type"] == "error" and not theme_toggle_autocomplete(m)]
    report = "\n".join(f'{m["url"].split(str(built_site))[-1]}:{m.get("lastLine")}: {m["message"]}\n    {m.get("extract", "").strip()}'
                       for m in errors[:20])
    assert not errors, f"{len(errors)} HTML errors (first 20):\n{report}"
    # The known theme finding is still there: else its exception above is stale and goes.
    assert any(theme_toggle_autocomplete(m) for m in messages), "the theme fixed its toggles: drop the exception"
    assert len(checked) == len(built_pages(built_site))


# pa11y checks the pages in PARTS interleaved parts (every page in exactly one), each in its own
# browser, so the test processes share the work.
PA11Y_PARTS = 3


@pytest.mark.parametrize("part", range(1, PA11Y_PARTS + 1))
def test_pa11y_finds_no_errors_on_any_page(built_site, site_url, part):
    node = shutil.which("node")
    assert node and (ROOT / "node_modules" / "pa11y").exists(), "./dev test installs pa11y (npm ci)"
    urls = [site_url + page for page in part_of(built_pages(built_site), part, PA11Y_PARTS)]
    assert urls
    result = subprocess.run([node, str(PA11Y), CHROMIUM, json.dumps(CHROMIUM_ARGS), *urls],
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    reports = json.loads(result.stdout)
    assert set(reports) == set(urls)
    errors = [(url, issue["code"], issue["message"], issue["context"][:200])
              for url, issues in reports.items() for issue in issues
              if issue["type"] == "error" and not theme_search_without_submit(issue)]
    assert not errors, "pa11y errors:\n" + "\n".join(map(str, errors))
    assert any(theme_search_without_submit(i) for issues in reports.values() for i in issues), \
        "the theme's search form has a submit button now: drop the exception"


# -- Stored answers win over the browser's own form restore ---------------------------------------
# Browsers put back the state of radios and checkboxes after a reload or on Back. HTML allows
# autocomplete="off" (which stops that) only on text-like inputs, so our radios and checkboxes do not
# carry it; instead the worksheet script writes every control from storage once the page is parsed
# (after the browser's restore) and again on pageshow from the back/forward cache.

SILENTLY_SHOW_OTHER = """
var radios = document.querySelectorAll('[data-wb-kind=choice] input[type=radio], [data-wb-kind=yesno] input[type=radio]');
var name = radios[0].name;
var group = Array.prototype.filter.call(radios, function (r) { return r.name === name; });
var box = document.querySelector('[data-wb-kind=multi] input[type=checkbox]');
if (arguments[0] === 'answer') {
  group[1].click();
  if (box) box.click();
  return [group[1].id, box && box.id];
}
// The screen now differs from storage, without any event: what the browser would restore.
group[0].checked = true;
if (box) box.checked = false;
return [group[0].checked, box && box.checked];
"""
SHOWN = "return [document.getElementById(arguments[0]).checked, arguments[1] ? document.getElementById(arguments[1]).checked : null]"


@pytest.fixture
def radio_sheet(built_site) -> str:
    """The first page with a choice or yes/no question. Asked for before the engine, so a workbook
    without one skips before a browser opens."""
    for path in pages_with_fields(built_site):
        html = page_file(built_site, path).read_text(encoding="utf-8")
        if 'data-wb-kind="choice"' in html or 'data-wb-kind="yesno"' in html:
            return path
    pytest.skip("dit werkboek heeft geen keuzevraag of ja/nee-vraag")


def test_after_reload_and_back_the_stored_answer_shows(radio_sheet, engine, built_site, site_url):
    sheet = site_url + radio_sheet
    other = site_url + [p for p in built_pages(built_site) if p != radio_sheet][-1]  # Back needs another page
    engine.open(sheet)
    engine.started()
    radio, box = engine.run(SILENTLY_SHOW_OTHER, "answer")
    expected = [True, True if box else None]
    for step in ("reload", "back"):
        engine.run(SILENTLY_SHOW_OTHER, "tamper")
        if step == "reload":
            engine.reload()
        else:
            engine.open(other)
            engine.started()
            engine.back()
        engine.started()
        engine.wait("return document.getElementById(arguments[0]) !== null", "page did not come back", radio)
        assert engine.run(SHOWN, radio, box) == expected, f"{engine.name}, after {step}: not the stored answer"
