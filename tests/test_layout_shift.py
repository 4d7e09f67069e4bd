"""Nothing moves when the scripts start: what they draw (progress, the worksheet's status line and
print buttons, table buttons, follow-ups, the plan) has its final place from the first paint.

Chromium reports every layout shift (PerformanceObserver, type layout-shift, buffered from the
start of the page); a fresh profile opens the start page, every worksheet and the plan, on the
phone-sized screen Lighthouse uses and on a desktop screen. The figures (CLS in Lighthouse) are in
./dev bench; this test guards the design.
"""

import pytest

from plan_helpers import sheet_url

pytestmark = pytest.mark.reference  # about this repository's own workbook (conftest.py)

# Lighthouse's mobile screen (Moto G Power) and a common laptop screen.
SCREENS = {"phone": {"width": 412, "height": 823}, "desktop": {"width": 1350, "height": 940}}

RECORD_SHIFTS = """
window.__wbShifts = [];
new PerformanceObserver(function (list) {
  list.getEntries().forEach(function (entry) {
    window.__wbShifts.push({value: entry.value, moved: entry.sources.map(function (source) {
      var node = source.node;
      return node ? (node.nodeName + (node.className ? "." + String(node.className).split(" ").join(".") : "")) : "?";
    })});
  });
}).observe({type: "layout-shift", buffered: true});
"""

# After the engine has started (html.wb-js), two frames: whatever it changed has been laid out.
SETTLED = "() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(() => done(window.__wbShifts))))"


@pytest.mark.parametrize("screen", SCREENS)
def test_nothing_moves_when_the_scripts_start(browser, site_url, manifest, screen):
    context = browser.new_context(viewport=SCREENS[screen], locale="nl-NL")
    context.add_init_script(RECORD_SHIFTS)
    page = context.new_page()
    pages = [site_url] + [sheet_url(site_url, sheet) for sheet in manifest["worksheets"]]
    pages.append(site_url + manifest["plan"]["url"])
    try:
        for address in pages:
            page.goto(address)
            page.wait_for_selector("html.wb-js")
            shifts = page.evaluate(SETTLED)
            assert shifts == [], f"{address} ({screen}): dit verschuift als de scripts starten: {shifts}"
        # The test sees what it guards: the engine did draw the progress and the status line.
        page.goto(site_url)
        page.wait_for_selector("html.wb-js")
        assert page.locator("[data-wb-progress-sheet]").count() == len(manifest["worksheets"])
    finally:
        context.close()


def test_the_first_state_is_in_the_built_pages(built_site, manifest):
    """Without running any script, the pages already hold what the scripts will show first."""
    start = (built_site / "index.html").read_text(encoding="utf-8")
    for sheet in manifest["worksheets"]:
        assert f'data-wb-progress-sheet="{sheet["id"]}"' in start
        assert sheet["title"] in start
    assert start.count("Nog niet begonnen") == len(manifest["worksheets"])
    for sheet in manifest["worksheets"]:
        html = (built_site / sheet["url"] / "index.html").read_text(encoding="utf-8")
        total = len([f for f in sheet["fields"] if not f["parent"]])
        assert f"Je hebt 0 van {total} vragen beantwoord." in html
        assert f'data-wb-print-blank="{sheet["id"]}"' in html
        assert "wb-followup wb-followup--hidden" in html or "data-wb-followup" not in html


def test_the_diagnosis_block_is_drawn_as_the_build_wrote_it_and_nothing_moves(browser, site_url, built_site, manifest):
    """The diagnosis block in view when the page opens (a link to it): the script's first drawing is
    exactly the first state the build wrote, and nothing moves; a verdict then shows in its words."""
    import re
    judged = next(s for s in manifest["worksheets"] if any(f.get("role") == "verdict" for f in s["fields"]))
    html = (built_site / judged["url"] / "index.html").read_text(encoding="utf-8")
    written = re.search(r"data-wb-diagnosis-body>(.*?)</div>", html, re.S)[1]
    verdicts = [f for f in judged["fields"] if f.get("role") == "verdict"]
    assert written.count("wb-diagnosis__step--none") == len(verdicts)
    context = browser.new_context(viewport=SCREENS["phone"], locale="nl-NL")
    context.add_init_script(RECORD_SHIFTS)
    page = context.new_page()
    try:
        page.goto(sheet_url(site_url, judged) + f"#wb-diagnose-titel-{judged['id']}")
        page.wait_for_selector("html.wb-js")
        assert page.evaluate(SETTLED) == []
        body = page.locator("[data-wb-diagnosis-body]")
        assert body.is_visible()
        drawn = body.evaluate("b => b.innerHTML")
        assert drawn == written.strip(), "the script draws the diagnosis otherwise than the build wrote it"
        first = verdicts[0]
        option = first["options"][0]
        page.locator(f"#wb-{first['id']}--{option['value']}").check()
        step = page.locator(".wb-diagnosis__step").first
        assert f"Jouw oordeel: {option['label']}" in step.inner_text()
        assert f"wb-diagnosis__step--{option['tone']}" in step.get_attribute("class")
    finally:
        context.close()
