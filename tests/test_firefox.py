"""The core answer tests in Firefox, and the offline copy's Firefox notice.

Debian's firefox-esr, driven over WebDriver BiDi by puppeteer-core from npm (its browser download
off; ./dev test installs both). tests/firefox/driver.mjs keeps one Firefox for the module and runs
the scenarios in tests/firefox/scenarios.mjs, each in a fresh profile with empty storage.
"""

from __future__ import annotations

import json
import os
import select
import shutil
import subprocess

import pytest
from playwright.sync_api import expect

from conftest import ROOT
from test_csp import INJECTED, plan_url, probed_site, worksheet_urls  # noqa: F401  (probed_site: a fixture)
from wb_pages import pages_with_fields

FIREFOX = shutil.which("firefox-esr")
NODE = shutil.which("node")
EXAMPLE = "voorbeeld/"
PLAN = "mijn-plan/"
NOTICE = "[data-wb-offline-notice]"

pytestmark = [pytest.mark.reference,  # about this repository's own workbook (conftest.py)
              pytest.mark.xdist_group("firefox")]  # one Firefox for the module, in one test process


class Firefox:
    """One driver.mjs process: ask it to run a scenario, get its result or its failure."""

    def __init__(self):
        self.process = subprocess.Popen([NODE, str(ROOT / "tests/firefox/driver.mjs")], cwd=ROOT,
                                        env={**os.environ, "FIREFOX": FIREFOX},
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        self.version = self.answer(timeout=60)["ready"]

    def answer(self, timeout: float) -> dict:
        """The driver's next line; a browser that hangs fails the test instead of stalling the suite."""
        ready, _, _ = select.select([self.process.stdout], [], [], timeout)
        line = self.process.stdout.readline() if ready else ""
        if not line:
            raise AssertionError(f"Firefox (driver.mjs) gave no answer within {timeout} s")
        return json.loads(line)

    def run(self, scenario: str, **args):
        self.process.stdin.write(json.dumps({"scenario": scenario, "args": args}) + "\n")
        self.process.stdin.flush()
        reply = self.answer(timeout=120)
        if not reply["ok"]:
            pytest.fail(f"Firefox, {scenario}: {reply['error']}", pytrace=False)
        return reply["result"]

    def close(self):
        self.process.stdin.close()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()


@pytest.fixture(scope="module")
def firefox():
    if not FIREFOX:
        pytest.fail("Firefox is missing: ./dev test installs Debian's firefox-esr")
    if not NODE or not (ROOT / "node_modules/puppeteer-core").is_dir():
        pytest.fail("puppeteer-core is missing: ./dev test installs it (npm ci)")
    browser = Firefox()
    yield browser
    browser.close()


def test_every_field_kind_survives_a_reload(firefox, example_url):
    firefox.run("everyFieldKindSurvivesAReload", url=example_url + EXAMPLE)


def test_instant_navigation_round_trip(firefox, example_url):
    firefox.run("instantNavigationRoundTrip", url=example_url + EXAMPLE)


def test_two_tabs_keep_both_answers(firefox, example_url):
    firefox.run("twoTabsKeepBothAnswers", url=example_url + EXAMPLE)


def test_the_plan_shows_every_answer(firefox, site_url, built_site):
    sheets = [page for page in pages_with_fields(built_site) if page.startswith("werkbladen/")]
    assert len(sheets) == 3, sheets
    answered = firefox.run("thePlanShowsEveryAnswer", url=site_url, sheets=sheets, plan=PLAN)
    assert answered > 50, f"only {answered} fields were filled"


def test_answer_text_with_html_stays_text(firefox, site_url):
    firefox.run("answerTextWithHtmlStaysText", url=site_url, sheet="werkbladen/werkblad-1/", plan=PLAN)


def test_no_csp_violations_in_every_state_and_the_policy_bites(firefox, probed_site):
    """As tests/test_csp.py in Chromium and WebKit: search, worksheets filled, plan printed, export,
    import with preview, werkmappen made and switched; then an injected inline script is blocked."""
    url, site = probed_site
    sheets = [sheet[len(url):] for sheet in worksheet_urls(url, site)]
    result = firefox.run("cspInEveryState", url=url, sheets=sheets, plan=plan_url(url, site)[len(url):],
                         injected=INJECTED)
    for state, violations in result["seen"].items():
        assert violations == [], f"Firefox, {state}: CSP violations:\n{json.dumps(violations, indent=1)}"
    assert result["bites"]["pwned"] is None, "the injected inline script ran"
    assert {"script-src-elem inline", "script-src-attr inline"} <= set(result["bites"]["blocked"]), result["bites"]
    # Firefox also reports each block as an error of the page: those two and nothing else.
    errors = result["bites"]["errors"]
    assert len(errors) == 2 and all("Content-Security-Policy" in e for e in errors), errors
    assert any("script-src-elem" in e for e in errors) and any("script-src-attr" in e for e in errors), errors


# -- The offline copy opened from disk -------------------------------------------------------------

def test_offline_copy_in_firefox_says_answers_stay_on_their_page(firefox, offline_copy):
    """Firefox keeps storage per file on file://: it says so on the first page, before any typing."""
    pages = [offline_copy.as_uri() + "/index.html", offline_copy.as_uri() + "/werkbladen/werkblad-1.html"]
    for seen in firefox.run("offlineNotice", pages=pages):
        assert seen and seen["visible"], "no notice in Firefox on a page opened from disk"
        assert seen["role"] == "alert"
        assert "Firefox" in seen["text"] and "Chrome" in seen["text"], seen["text"]
        assert not seen["typedYet"]


def test_offline_notice_is_for_firefox_only(browser, offline_copy, built_site):
    """Chromium shares storage between files on disk: no notice there, nor anywhere online."""
    context = browser.new_context(locale="nl-NL")
    page = context.new_page()
    try:
        for path in ("/index.html", "/werkbladen/werkblad-1.html"):
            page.goto(offline_copy.as_uri() + path)
            expect(page.locator("html.wb-js")).to_have_count(1)
            expect(page.locator(NOTICE)).to_be_hidden()
    finally:
        context.close()
    online = "\n".join(path.read_text(encoding="utf-8") for path in built_site.rglob("*.html"))
    assert "data-wb-offline-notice" not in online
