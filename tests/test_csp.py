"""The Content-Security-Policy (macros/csp.py): in every page, strict, harmless and real.

Harmless: every page, in every state a user reaches, reports zero violations in every engine.
Real: an inline script injected into a built page does not run.
The browser tests use a copy of the built site with one extra external script in every page, a
probe that records securitypolicyviolation events (also across reloads, in sessionStorage). An
external script from the site itself is allowed by the policy and changes no hash.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from playwright.sync_api import expect

from conftest import ROOT, free_port, serve
from engines import display, engine, webkit  # noqa: F401  (fixtures)
from wb_pages import built_pages, page_file, part_of

pytestmark = pytest.mark.reference  # about this repository's own workbook (conftest.py)

META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">')
PROBE = """(function () {
  var seen = [];
  try { seen = JSON.parse(sessionStorage.getItem("csp-probe") || "[]"); } catch (error) {}
  window.__cspViolations = seen;
  document.addEventListener("securitypolicyviolation", function (event) {
    seen.push({page: location.pathname, directive: event.effectiveDirective || event.violatedDirective,
               blocked: event.blockedURI, source: event.sourceFile, line: event.lineNumber,
               sample: event.sample});
    try { sessionStorage.setItem("csp-probe", JSON.stringify(seen)); } catch (error) {}
  });
})();
"""
VIOLATIONS = "return window.__cspViolations || ['de CSP-probe draait niet']"


def directives(policy: str) -> dict[str, list[str]]:
    return {part.split()[0]: part.split()[1:] for part in policy.split(";") if part.strip()}


def html_files(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


# -- The policy in the built pages -----------------------------------------------------------------

def check_policy(html: str, where: str) -> None:
    policies = META.findall(html)
    assert len(policies) == 1, f"{where}: {len(policies)} policies"
    head = html[:html.index("</head>")]
    first_script = head.find("<script")
    assert 0 <= head.index(policies[0]) < (first_script if first_script >= 0 else len(head)), \
        f"{where}: the policy comes after a script"
    rules = directives(policies[0])
    assert rules["script-src"][0] == "'self'"
    assert all(source.startswith("'sha256-") for source in rules["script-src"][1:]), rules["script-src"]
    assert rules["object-src"] == ["'none'"] and rules["base-uri"] == ["'self'"]
    assert rules["default-src"] == ["'self'"]
    for name, sources in rules.items():
        outside = [s for s in sources if s not in ("'self'", "'none'", "data:") and not s.startswith("'sha256-")]
        assert not outside, f"{where}: {name} allows {outside}"
    from macros import csp
    assert set(csp.script_hashes(html)) == set(rules["script-src"][1:]), f"{where}: hashes do not match the page"


def test_every_page_carries_the_strict_policy(built_site):
    pages = html_files(built_site)
    assert any(path.name == "404.html" for path in pages)
    for path in pages:
        check_policy(path.read_text(encoding="utf-8"), str(path.relative_to(built_site)))


def test_the_policy_is_written_in_one_place():
    """Only the build writes it: no template, override or page carries a copy."""
    for folder in ("overrides", "macros/templates", "docs", "includes"):
        for path in (ROOT / folder).rglob("*"):
            if path.is_file() and path.suffix in (".html", ".md", ".js"):
                assert "Content-Security-Policy" not in path.read_text(encoding="utf-8"), path


def test_a_second_policy_or_a_page_without_head_stops_the_build():
    from macros import csp
    with pytest.raises(ValueError):
        csp.protect(csp.protect("<html><head><meta charset='utf-8'></head></html>"))
    with pytest.raises(ValueError):
        csp.protect("<p>geen head</p>")


# -- In the browsers -------------------------------------------------------------------------------

INJECTED = "csp-proef.html"


@pytest.fixture(scope="module")
def probed_site(built_site, site_port, tmp_path_factory):
    """The built site with the probe in every page, served on its own port (addresses adjusted so
    instant navigation still works), plus one page with an injected inline script."""
    port = free_port()
    target = tmp_path_factory.mktemp("csp-site") / "site"
    shutil.copytree(built_site, target)
    (target / "csp-probe.js").write_text(PROBE, encoding="utf-8")
    for path in [*html_files(target), target / "sitemap.xml"]:
        text = path.read_text(encoding="utf-8").replace(f"127.0.0.1:{site_port}/", f"127.0.0.1:{port}/")
        if path.suffix == ".html":
            text = META.sub(lambda m: m.group(0) + '<script src="/csp-probe.js"></script>', text, count=1)
        path.write_text(text, encoding="utf-8")
    start = (target / "index.html").read_text(encoding="utf-8")
    attack = '<script>window.__pwned = "script"</script><img src="data:," alt="" onerror="window.__pwned = \'handler\'">'
    (target / INJECTED).write_text(start.replace("</body>", attack + "</body>"), encoding="utf-8")
    httpd = serve(target, port)
    yield f"http://127.0.0.1:{port}/", target
    httpd.shutdown()


def assert_no_violations(engine, state: str):
    seen = engine.run(VIOLATIONS)
    assert seen == [], f"{engine.name}, {state}: CSP violations:\n" + json.dumps(seen, indent=1)


def test_the_policy_bites_an_injected_inline_script_does_not_run(engine, probed_site):
    url, _ = probed_site
    engine.open(url + INJECTED)
    engine.started()
    engine.wait("return window.__cspViolations.length >= 2", "the injected script was not reported")
    assert engine.run("return window.__pwned === undefined"), "the injected inline script ran"
    blocked = {(v["directive"].replace("script-src", "script-src-elem", v["directive"] == "script-src"), v["blocked"])
               for v in engine.run(VIOLATIONS)}
    assert {("script-src-elem", "inline"), ("script-src-attr", "inline")} <= blocked, blocked


# Every page is opened in one of PARTS interleaved parts, so the test processes share the work.
PARTS = 2


@pytest.mark.parametrize("part", range(1, PARTS + 1))
def test_every_page_loads_without_violations(engine, probed_site, part):
    url, site = probed_site
    pages = [page for page in part_of(built_pages(site), part, PARTS) if page != INJECTED]
    assert len(pages) >= 5, pages
    for page in pages:
        engine.open(url + page)
        engine.started()
    assert_no_violations(engine, f"every page (part {part} of {PARTS})")


def test_search_open_without_violations(engine, probed_site):
    url, _ = probed_site
    engine.open(url)
    engine.started()
    engine.run("""var input = document.querySelector('.md-search__input');
                  document.getElementById('__search').checked = true;
                  input.focus(); input.value = 'gemeente';
                  input.dispatchEvent(new Event('input', {bubbles: true}));
                  input.dispatchEvent(new KeyboardEvent('keyup', {bubbles: true, key: 'e'}));""")
    engine.wait("return document.querySelectorAll('.md-search-result__item').length > 0",
                "search found nothing", timeout=20)
    assert_no_violations(engine, "search open")


FILL = """
function first(css) { return document.querySelector('[data-wb-field] ' + css); }
function type(control, text) { control.value = text; control.dispatchEvent(new Event('input', {bubbles: true})); }
var text = first('input[type=text]');
type(text, 'CSP-proef');
if (first('textarea')) type(first('textarea'), 'Regel een\\nRegel twee');
['input[type=radio]', 'input[type=checkbox]', '[data-wb-add-row]'].forEach(function (css) {
  if (first(css)) first(css).click();
});
return text.id;
"""


def worksheet_urls(url, site) -> list[str]:
    return [url + page for page in built_pages(site)
            if "data-wb-field" in page_file(site, page).read_text(encoding="utf-8") and page != INJECTED]


def test_worksheets_filled_reloaded_and_revisited_without_violations(engine, probed_site):
    url, site = probed_site
    for sheet in worksheet_urls(url, site):
        engine.open(sheet)
        engine.started()
        control = engine.run(FILL)
        engine.reload()
        engine.started()
        assert engine.run("return document.getElementById(arguments[0]).value", control) == "CSP-proef"
    engine.back()
    engine.started()
    assert_no_violations(engine, "worksheets filled")


def plan_url(url, site) -> str:
    """The page with the werkmappen and back-up block."""
    return next(url + page for page in built_pages(site)
                if "data-wb-sets" in page_file(site, page).read_text(encoding="utf-8") and page != INJECTED)


def test_plan_printed_exported_imported_and_werkmap_switched_without_violations(engine, probed_site):
    url, site = probed_site
    sheet = worksheet_urls(url, site)[0]
    engine.open(sheet)
    engine.started()
    engine.run(FILL)

    engine.open(plan_url(url, site))
    engine.started()
    engine.wait("return document.querySelector('[data-wb-export-json]') && "
                "!document.querySelector('[data-wb-sets-body]').hidden", "the werkmappen block did not start")
    # Printed: every print button, with the print dialog stubbed; the print media rules applied.
    engine.run("""window.print = function () { window.__printed = (window.__printed || 0) + 1;
                    window.dispatchEvent(new Event('beforeprint')); window.dispatchEvent(new Event('afterprint')); };
                  document.querySelectorAll('[data-wb-print-plan], [data-wb-print-page], [data-wb-print-blank], ' +
                                            '[data-wb-print-handout]').forEach(function (button) { button.click(); });""")
    engine.wait("return window.__printed >= 3", "the plan, blank forms and handout did not all print")
    # Word files: the handout and all answers (their code loads on the first click).
    engine.run("document.querySelectorAll('[data-wb-word]').forEach(function (button) { button.click(); });")
    engine.wait("return /gedownload/.test(document.querySelector('[data-wb-word-message]').textContent)",
                "no Word file was made")
    # Exported: both downloads; the back-up file is kept to import it again.
    engine.run("""var create = URL.createObjectURL;
                  URL.createObjectURL = function (blob) {
                    if (blob.type === 'application/json') blob.text().then(function (t) { window.__backup = t; });
                    return create.call(URL, blob); };
                  document.querySelector('[data-wb-export-json]').click();
                  document.querySelector('[data-wb-export-text]').click();""")
    backup = engine.wait("return window.__backup", "no back-up was exported")
    # Imported with preview, as a new werkmap.
    engine.run("""var input = document.querySelector('[data-wb-import-file]');
                  var files = new DataTransfer();
                  files.items.add(new File([arguments[0]], 'back-up.json', {type: 'application/json'}));
                  input.files = files.files;
                  input.dispatchEvent(new Event('change', {bubbles: true}));""", backup)
    engine.wait("return !document.querySelector('[data-wb-import-preview]').hidden", "no import preview")
    engine.run("document.querySelector('[data-wb-import-new]').click()")
    engine.wait("return document.querySelectorAll('[data-wb-switch-set]').length >= 1", "the import made no werkmap")
    # Werkmappen: make one, then switch back to another.
    engine.run("""var name = document.getElementById('wb-nieuwe-werkmap'); name.value = 'Gemeente CSP';
                  name.form.requestSubmit();""")
    engine.wait("return document.querySelector('[data-wb-active-set]').textContent.indexOf('Gemeente CSP') >= 0",
                "the new werkmap is not active")
    engine.run("document.querySelector('[data-wb-switch-set]').click()")
    engine.wait("return document.querySelector('[data-wb-active-set]').textContent.indexOf('Gemeente CSP') < 0",
                "switching werkmap did nothing")
    # Copied for another municipality; the example opened (its answers load as a script) and left.
    engine.run("""var name = document.getElementById('wb-kopie-naam'); name.value = 'Kopie CSP';
                  name.form.requestSubmit();""")
    engine.wait("return document.querySelector('[data-wb-active-set]').textContent.indexOf('Kopie CSP') >= 0",
                "the copy is not active")
    engine.run("document.querySelector('[data-wb-open-example]').click()")
    engine.wait("return document.querySelector(\"[data-wb-example-notice='example']\")", "the example did not open")
    engine.run("document.querySelector('[data-wb-leave-example]').click()")
    engine.wait("return document.querySelector(\"[data-wb-example-notice='left']\")", "not back from the example")
    engine.open(sheet)
    engine.started()
    assert_no_violations(engine, "plan and handout printed, Word files, export, import, werkmappen, copy, example")


def test_instant_navigation_through_every_page_without_violations(engine, probed_site):
    """Instant navigation keeps the first page's policy and re-runs the new page's inline scripts."""
    url, site = probed_site
    engine.open(url)
    engine.started()
    links = [url + page for page in built_pages(site) if page not in (INJECTED, "404.html")]
    engine.run("window.__sameDocument = true")
    for link in links:
        engine.run("var a = document.createElement('a'); a.href = arguments[0]; a.textContent = 'proef';"
                   "document.querySelector('.md-content__inner').appendChild(a); a.click();", link)
        engine.wait("return location.href === arguments[0] && !!document.querySelector('.md-content__inner h1')",
                    f"instant navigation to {link} did not finish", link)
    assert engine.run("return window.__sameDocument === true"), "navigation was not instant"
    assert_no_violations(engine, "instant navigation")


# -- The offline copy (opened from disk; search runs in an iframe under the page's policy) --------

def test_offline_copy_carries_the_policy_and_search_works_under_it(offline_copy, browser):
    """Chromium only: file:// pages; violations in the search iframe show only in the console. The
    copy as a user gets it: built by ./dev offline's code and unpacked from its zip (conftest.py)."""
    folder = offline_copy
    for path in html_files(folder):
        check_policy(path.read_text(encoding="utf-8"), f"offline {path.name}")
    context = browser.new_context(locale="nl-NL")
    page = context.new_page()
    page.add_init_script(PROBE)
    console = []
    page.on("console", lambda message: console.append(message.text) if "Content Security Policy" in message.text else None)
    for path in html_files(folder):
        if path.name == "404.html":  # a server's page: from disk it is never shown
            continue
        page.goto(path.as_uri())
        page.wait_for_selector("html.wb-js", state="attached")
        seen = page.evaluate("() => window.__cspViolations")
        assert seen == [], f"offline {path.name}: {seen}"
    page.goto((folder / "index.html").as_uri())
    # Open search, then type once its index is ready: the theme ignores what was typed before that.
    page.keyboard.press("/")  # the theme's shortcut for search
    expect(page.locator(".md-search-result__meta")).to_have_text(re.compile("Typ om"), timeout=20_000)
    page.locator(".md-search__input").press_sequentially("gemeente")
    page.wait_for_selector(".md-search-result__item", timeout=20000)
    context.close()
    assert console == [], console
