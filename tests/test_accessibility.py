"""Accessibility (WCAG 2.1 AA): axe-core on every page of the real build, before and after filling
the worksheets, and a keyboard-only walk through a worksheet to the plan with focus always visible.

axe-core comes bundled with axe-playwright-python, so nothing is fetched.
"""

from __future__ import annotations

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from plan_helpers import Filler, seed_everything, stub_print
from conftest import ROOT
from wb_pages import built_pages, markdown_pages, pages_the_engine_starts_on, part_of, pages_with_fields, search_word

# Every rule axe has for WCAG 2.0/2.1 A and AA plus its best practices: all impacts count.
AXE_OPTIONS = {"resultTypes": ["violations"]}
VIEWPORT = {"width": 1280, "height": 900}  # wide enough for the navigation sidebar

@pytest.fixture(scope="module")
def axe():
    return Axe()


def violations(axe, page, where: str) -> list[str]:
    """axe's violations on the current page, one readable line per element."""
    found = []
    for violation in axe.run(page, options=AXE_OPTIONS).response["violations"]:
        for node in violation["nodes"]:
            found.append(f"{where}: {violation['id']} ({violation['impact']}) at {node['target']}: "
                         f"{' '.join(node.get('failureSummary', '').split())[:240]}")
    return found


def open_page(page, url):
    page.goto(url)
    expect(page.locator("html.wb-js")).to_have_count(1)  # our script ran: answers are restored


@pytest.fixture
def wide_page(context):
    page = context.new_page()
    page.set_viewport_size(VIEWPORT)
    errors = []
    page.on("pageerror", lambda error: errors.append(error))
    yield page
    assert not errors, f"JavaScript errors on the page: {errors}"


# The pages are checked in PARTS interleaved parts (every page in exactly one), each in its own
# browser profile, so the test processes share the work.
PARTS = 3


@pytest.mark.parametrize("part", range(1, PARTS + 1))
def test_every_page_before_filling(built_site, site_url, wide_page, axe, part):
    pages = built_pages(built_site)
    assert len(pages) > markdown_pages(ROOT / "docs"), pages  # every page and the 404 page, not an empty build
    problems = []
    for path in part_of(pages, part, PARTS):
        open_page(wide_page, site_url + path)
        problems += violations(axe, wide_page, "/" + path)
    assert not problems, "\n".join(problems)


def test_the_search_dialog_with_results(built_site, site_url, wide_page, axe):
    """The search dialog, open with results (it is part of every page, but hidden until used)."""
    open_page(wide_page, site_url)
    wide_page.keyboard.press("/")  # the theme's shortcut for search
    # Type once the search index is ready (the theme ignores what was typed before that).
    expect(wide_page.locator(".md-search-result__meta")).to_have_text(re.compile("Typ om"), timeout=15_000)
    wide_page.locator(".md-search__input").press_sequentially(search_word(built_site))
    expect(wide_page.locator(".md-search-result__item").first).to_be_visible()
    # Let the dialog's fade-in finish (axe measures colours as shown): no transition or animation
    # runs any more, checked on each frame (Playwright's default polling), so new ones show first.
    wide_page.wait_for_function("() => document.getAnimations().every((a) => a.playState === 'finished')")
    assert violations(axe, wide_page, "zoeken") == []


def test_every_worksheet_just_filled(built_site, site_url, wide_page, axe, manifest):
    """Each worksheet right after filling it through the page: follow-ups open, rows added."""
    worksheets = pages_with_fields(built_site)
    assert {sheet["url"] for sheet in manifest["worksheets"]} <= set(worksheets), worksheets
    problems = []
    for path in worksheets:
        open_page(wide_page, site_url + path)
        assert Filler("getest").fill_page(wide_page, manifest), f"no fields filled on /{path}"
        problems += violations(axe, wide_page, f"/{path} (zojuist ingevuld)")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("part", range(1, PARTS + 1))
def test_every_page_after_filling(built_site, site_url, manifest, wide_page, axe, part):
    """Every page showing stored answers (open follow-ups, added rows, the plan): the answers filling
    every worksheet gives, stored straight away (filling itself is checked above). Pages where the
    engine starts nothing look the same with answers: the walk before filling covers them."""
    seed_everything(wide_page, site_url, manifest, Filler("getest"))
    worksheets = pages_with_fields(built_site)
    shown = pages_the_engine_starts_on(built_site)
    assert set(worksheets) <= set(shown), shown
    problems = []
    for path in part_of(shown, part, PARTS):
        open_page(wide_page, site_url + path)
        if path in worksheets:  # the stored answers are on the page
            expect(wide_page.locator(".md-content [data-wb-field] input[type=text]").first).to_have_value(
                re.compile(r"^getest\d+x$"))
        problems += violations(axe, wide_page, f"/{path} (met antwoorden)")
    assert not problems, "\n".join(problems)


@pytest.mark.reference
def test_plan_page_after_printing_the_handout_and_making_a_word_file(site_url, manifest, wide_page, axe):
    seed_everything(wide_page, site_url, manifest)
    stub_print(wide_page)
    open_page(wide_page, site_url + "mijn-plan/")
    wide_page.get_by_role("button", name="Gespreksnotitie afdrukken").click()
    wide_page.wait_for_function("() => window.__printed === 1")
    with wide_page.expect_download():
        wide_page.get_by_role("button", name="Gespreksnotitie als Word-bestand").click()
    expect(wide_page.locator("[data-wb-word-message]")).to_contain_text("gedownload")
    assert violations(axe, wide_page, "/mijn-plan/ (notitie afgedrukt, Word-bestand gemaakt)") == []


# -- Keyboard only ---------------------------------------------------------------------------------

FOCUS_STATE = """() => {
  const element = document.activeElement;
  if (!element || element === document.body || element === document.documentElement) return null;
  const style = getComputedStyle(element);
  const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0;
  const shadow = style.boxShadow !== "none" && style.boxShadow !== "";
  const box = element.getBoundingClientRect();
  const root = element.closest("[data-wb-field]");
  return {
    describe: element.tagName.toLowerCase() + (element.id ? "#" + element.id : "") +
              (element.className && typeof element.className === "string" ? "." + element.className.trim().split(/\\s+/).join(".") : "") +
              (element.getAttribute("href") ? "[href=" + element.getAttribute("href") + "]" : ""),
    id: element.id,
    tag: element.tagName.toLowerCase(),
    type: element.type || "",
    value: element.value || "",
    checked: !!element.checked,
    href: element.getAttribute("href") || "",
    inContent: !!element.closest(".md-content"),
    field: root ? root.getAttribute("data-wb-field") : null,
    kind: root ? root.getAttribute("data-wb-kind") : null,
    addRow: element.hasAttribute("data-wb-add-row"),
    lastRow: !!element.closest("[data-wb-row]") && element.closest("[data-wb-rows]").lastElementChild === element.closest("[data-wb-row]"),
    afterFields: (() => {
      const roots = document.querySelectorAll(".md-content [data-wb-field]");
      const last = roots[roots.length - 1];
      return !!last && !last.contains(element) &&
        !!(last.compareDocumentPosition(element) & Node.DOCUMENT_POSITION_FOLLOWING);
    })(),
    visible: outline || shadow,
    onScreen: box.width > 0 && box.height > 0,
  };
}"""


@pytest.mark.reference
def test_keyboard_only_completes_a_worksheet_and_reaches_the_plan(built_site, site_url, wide_page):
    page = wide_page
    open_page(page, site_url + "werkbladen/werkblad-1/")
    page.evaluate("window.scrollTo(0, 0)")
    typed: dict[str, str] = {}
    followup_opened = row_added = False
    not_visible = []
    for step in range(800):
        page.keyboard.press("Tab")
        state = page.evaluate(FOCUS_STATE)
        if state is None:  # focus left the document (wrapped around): nothing to show
            continue
        if not (state["visible"] and state["onScreen"]):
            not_visible.append(state["describe"])
        if state["inContent"]:
            if state["tag"] in ("input", "textarea") and state["type"] in ("text", "textarea") and not state["value"]:
                text = f"Toetsenbord {len(typed) + 1}"
                page.keyboard.type(text)
                typed[state["field"]] = text
            elif state["type"] == "radio" and state["kind"] == "yesno" and not state["checked"] \
                    and state["id"] == f"wb-{state['field']}--ja":
                page.keyboard.press("Space")  # choose "ja": its follow-up question opens right after it
                followup = page.locator(f"#wb-{state['field']}--ja--vervolg")
                if followup.count():
                    expect(followup).to_be_visible()
                    followup_opened = True
            elif state["addRow"] and not row_added:
                page.keyboard.press("Enter")
                after = page.evaluate(FOCUS_STATE)
                assert after and after["lastRow"] and after["field"] == state["field"], \
                    f"after 'Rij toevoegen' focus should be in the new row, not on {after}"
                page.keyboard.type("Nieuwe rij met het toetsenbord")
                typed[state["field"] + " (nieuwe rij)"] = "Nieuwe rij met het toetsenbord"
                row_added = True
        if typed and state["afterFields"] and state["tag"] == "a" and state["href"].rstrip("/").endswith("mijn-plan"):
            break
    else:
        pytest.fail(f"never reached a link to the plan by keyboard; typed {typed}")

    assert followup_opened, "no yes/no question with a follow-up was answered by keyboard"
    assert row_added, "no table row was added by keyboard"
    assert len(typed) >= 4, typed
    assert not not_visible, f"focus was not visible on: {not_visible}"

    # Everything typed was kept, then the plan opens with Enter.
    stored = page.evaluate("() => JSON.stringify(localStorage)")
    for text in typed.values():
        assert text in stored, f"{text!r} was typed but not saved"
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/mijn-plan/$"))
    expect(page.locator("h1")).to_have_text(re.compile(r"^Mijn plan"))
    content = page.locator(".md-content")
    for text in typed.values():
        expect(content).to_contain_text(text)
