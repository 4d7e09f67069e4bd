"""What a page loads of ours: guidance pages only the loader and the stylesheet; a worksheet its own
part of the manifest (manifest-<worksheet id>.js) and the worksheet bundle; the start page the
overview part (every worksheet's title and questions by id) and the task list's bundle, without the
fields' code or the example's (that comes with a click); the plan the whole manifest. Sizes are figures for ./dev bench; this checks which files, and that
instant navigation between worksheets and the plan still gives every page the questions it shows.
"""

import re

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from macros import assets
from macros.assets import default_texts
from plan_helpers import Filler, sheet_url

pytestmark = pytest.mark.reference  # about this repository's own workbook (conftest.py)

OURS = re.compile(r"/assets/werkboek/([^/?]+)$")


def our_files(page, address) -> list[str]:
    loaded = []
    page.on("request", lambda request: loaded.append(request.url))
    page.goto(address)
    page.wait_for_selector("html.wb-js")
    page.wait_for_load_state("networkidle")
    return sorted(match[1] for match in map(OURS.search, loaded) if match)


def test_each_kind_of_page_loads_only_what_it_uses(context, site_url, manifest):
    page = context.new_page()
    assert our_files(page, site_url + "handleiding/drie-tips/") == ["loader.js", "werkboek.css"]
    first = manifest["worksheets"][0]
    assert our_files(context.new_page(), sheet_url(site_url, first)) == [
        "loader.js", f"manifest-{first['id']}.js", "werkblad.js", "werkboek.css"]
    judged = next(s for s in manifest["worksheets"] if any(f.get("role") == "verdict" for f in s["fields"]))
    assert our_files(context.new_page(), sheet_url(site_url, judged)) == [  # the diagnosis bundle holds werkblad's
        "diagnosis.js", "loader.js", f"manifest-{judged['id']}.js", "werkboek.css"]  # its styles are inline
    # The start page has the task list and the example's offer; the task list's styles are inline.
    assert our_files(context.new_page(), site_url) == [
        "loader.js", "manifest.overview.js", "voortgang.js", "werkboek.css"]
    plan = our_files(context.new_page(), site_url + manifest["plan"]["url"])
    assert plan == ["loader.js", "manifest.js", "plan.js", "werkboek.css"]  # the example's offer too: no example.js


def test_the_overview_part_has_every_worksheet_and_its_questions_by_id_only(built_site, manifest):
    import json
    settings = {k: v for k, v in manifest.items() if k not in ("header", "handout", "worksheets")}
    code = (built_site / "assets/werkboek/manifest.overview.js").read_text(encoding="utf-8")
    part = json.loads(code[code.index("{"):code.rindex("}") + 1])
    assert {k: v for k, v in part.items() if k not in ("part", "header", "handout", "worksheets")} == settings
    assert part["part"] == "overview" and part["header"] == [] and part["handout"] is None
    assert part["worksheets"] == [
        {"id": s["id"], "title": s["title"], "url": s["url"], "fields": [{"id": f["id"]} for f in s["fields"] if not f["parent"]]}
        for s in manifest["worksheets"]]


def test_a_worksheet_part_carries_only_what_the_page_scripts_read(built_site, manifest):
    """A worksheet page has its questions, options and follow-ups in its HTML: its part of the
    manifest has the top-level questions by id (the progress counts them), with their section when
    the sheet has verdicts, and verdicts with their options (the diagnosis shows them); no header,
    no handout, no wording."""
    import json
    settings = {k: v for k, v in manifest.items() if k not in ("header", "handout", "worksheets")}
    for sheet in manifest["worksheets"]:
        code = (built_site / "assets/werkboek" / f"manifest-{sheet['id']}.js").read_text(encoding="utf-8")
        part = json.loads(code[code.index("{"):code.rindex("}") + 1])
        assert {k: v for k, v in part.items() if k not in ("part", "header", "handout", "worksheets")} == settings
        assert part["part"] == sheet["id"] and part["handout"] is None and part["header"] == []
        [lean] = part["worksheets"]
        tops = [f for f in sheet["fields"] if not f["parent"]]
        judged = any(f.get("role") == "verdict" for f in tops)
        assert [f["id"] for f in lean["fields"]] == [f["id"] for f in tops]
        for full, field in zip(tops, lean["fields"]):
            expected = {"id": full["id"], **({"section": full["section"]} if judged else {})}
            if full.get("role") == "verdict":
                expected.update(role="verdict", options=full["options"])
            assert field == expected
        assert lean.get("sections") == (sheet["sections"] if judged else None)
    assert any("sections" in json.loads((built_site / "assets/werkboek" / f"manifest-{s['id']}.js").read_text(
        encoding="utf-8").split("=", 1)[1].rstrip().rstrip(";"))["worksheets"][0] for s in manifest["worksheets"])


def test_instant_navigation_gives_every_page_its_questions(page, site_url, manifest):
    sheets = manifest["worksheets"]

    def go(address):
        # A link in the page: mkdocs-material's instant navigation swaps the content, no page load.
        page.evaluate("""address => { const link = document.createElement("a"); link.href = address;
                                      document.querySelector(".md-content__inner").appendChild(link); link.click(); }""",
                      address)
        page.wait_for_url(address)

    page.goto(site_url)  # the start page: the engine without the fields' code
    page.wait_for_selector("html.wb-js")
    page.evaluate("window.__samePage = true")
    for sheet in [sheets[0], sheets[1], sheets[0], None, sheets[-1]]:
        if sheet is None:  # the plan: every worksheet
            go(site_url + manifest["plan"]["url"])
            for item in sheets:
                page.locator(f"[data-wb-plan] >> text={item['title']}").first.wait_for()
            continue
        go(sheet_url(site_url, sheet))
        # The engine counts this worksheet's questions from the manifest it has loaded.
        questions = [f for f in sheet["fields"] if not f["parent"]]
        page.locator(f"#wb-{questions[0]['id']}--veld[data-wb-ready]").wait_for()  # the engine started here
        Filler().fill_sheet(page, sheet, only={questions[0]["id"]})
        status = page.locator("[data-wb-worksheet-status]")
        status.filter(has_text=f"1 van {len(questions)} vragen beantwoord").wait_for()
    assert page.evaluate("window.__samePage === true"), "the pages loaded anew instead of instant navigation"


OUR_STYLESHEET = re.compile(r'<link rel="stylesheet" href="[^"]*assets/werkboek/([^"/]+)">')
INLINE_STYLE = re.compile(r"<style>(.*?)</style>", re.S)
# The widgets whose styles are inline in the page's head, by the attribute their block carries.
WIDGET_BLOCKS = {"data-wb-progress": assets.TASK_STYLES, "data-wb-diagnosis=": assets.DIAGNOSIS_STYLES,
                 "data-wb-plan": assets.PLAN_STYLES, "data-wb-sets": assets.PLAN_STYLES}


def test_one_stylesheet_file_of_ours_and_the_widget_styles_inline_where_they_are_shown(built_site):
    """werkboek.css is our one stylesheet file, in the <head> of every page. A page with the task list,
    the diagnosis block, the plan or the werkmappen has their styles inline in its <head> (nothing more
    to wait for before the first paint): the smallest inline bundle that holds them all, so a page with
    only the task list gets the task list's, the plan page the plan's (which hold the others too).
    Other pages carry none. No file is written for them."""
    css = {name: assets.inline_style(name) for name in assets.INLINE_STYLES}
    plan_css = css[assets.PLAN_STYLES]
    assert ".wb-tasks" in css[assets.TASK_STYLES] and ".wb-diagnosis" in css[assets.DIAGNOSIS_STYLES]
    assert css[assets.TASK_STYLES].strip() in plan_css and css[assets.DIAGNOSIS_STYLES].strip() in plan_css
    assert ".wb-plan" in plan_css and not any(".wb-plan" in css[name] for name in (assets.TASK_STYLES, assets.DIAGNOSIS_STYLES))
    assert not [name for name in assets.INLINE_STYLES if (built_site / assets.TARGET / name).exists()]
    inline = {}
    for html in sorted(built_site.rglob("*.html")):
        head, body = html.read_text(encoding="utf-8").split("</head>", 1)
        assert OUR_STYLESHEET.findall(head) == ["werkboek.css"], html
        assert "<style" not in body and OUR_STYLESHEET.findall(body) == [], html
        shown = {name for block, name in WIDGET_BLOCKS.items() if f"{block}>" in body or f"{block} " in body
                 or (block.endswith("=") and block in body)}
        expected = [css[assets.inline_style_for(shown)]] if shown else []
        assert INLINE_STYLE.findall(head) == expected, html
        if expected:
            inline[html.relative_to(built_site).as_posix()] = expected[0]
    judged = [page for page in inline if inline[page] == css[assets.DIAGNOSIS_STYLES]]
    assert inline.get("index.html") == css[assets.TASK_STYLES] and inline.get("mijn-plan/index.html") == plan_css, inline
    assert judged, "no page with the diagnosis block's styles"


def test_the_plan_styles_apply_on_a_first_visit_and_after_instant_navigation(page, site_url, manifest):
    """The task list looks as designed (no bullets, a rule above it) when its page is opened, and when
    instant navigation brings it from a page without it (whose security policy stays in force)."""
    styled = """() => { const list = document.querySelector('[data-wb-progress-list]');
                        if (!list) return false;
                        const style = getComputedStyle(list);
                        return style.listStyleType === 'none' && style.borderTopStyle === 'solid'; }"""
    violations = []
    page.on("console", lambda message: violations.append(message.text)
            if "Content Security Policy" in message.text else None)
    page.goto(site_url)
    page.wait_for_selector("html.wb-js")
    assert page.evaluate(styled), "the task list is unstyled on the start page"
    page.goto(site_url + "handleiding/drie-tips/")
    page.wait_for_selector("html.wb-js")
    page.evaluate("window.__samePage = true")
    plan = manifest["plan"]["url"]
    page.locator(f'.md-nav a[href$="{plan.rstrip("/").rsplit("/", 1)[-1]}/"]').first.click()
    page.wait_for_url(site_url + plan)
    page.locator("[data-wb-progress-list]").wait_for(state="attached")
    try:
        page.wait_for_function(styled, timeout=5_000)
    except PlaywrightTimeoutError:
        pytest.fail(f"the task list is unstyled after instant navigation; policy violations: {violations}")
    assert page.evaluate("window.__samePage === true"), "the page loaded anew instead of instant navigation"
    assert not violations, violations


def test_each_bundle_carries_the_texts_its_code_uses(built_site):
    """Bundles keep only the interface texts their code names; the build reads them from js/texts.js."""
    def keys(bundle):
        code = (built_site / "assets/werkboek" / bundle).read_text(encoding="utf-8")
        # A key of the texts table in an object literal: quoted, or bare when terser could drop the quotes.
        return {key for key in default_texts() if re.search(rf'[{{,](?:"{re.escape(key)}"|{re.escape(key)}):', code)}

    worksheet, transfer = keys("werkblad.js"), keys("transfer.js")
    assert {"status.set", "status.count", "wordcount", "set.default"} <= worksheet
    assert {"notice.geblokkeerd", "notice.vol", "notice.onleesbaar"} <= worksheet  # named as "notice." + kind
    assert not any(key.startswith(("import.", "export.")) for key in worksheet)
    assert {"import.title", "import.tooBig", "export.done"} <= transfer
