"""The meeting handout ("Gespreksnotitie", extra.werkboek.handout) and the Word files on the plan page.

Chromium via Playwright against the real build: the handout printed with page.pdf() and read back
with pdftotext; the Word files captured as downloads and read back with python-docx and LibreOffice.
"""

from __future__ import annotations

import io
import re

import docx
import pytest
from selenium.webdriver.support.ui import WebDriverWait

from conftest import build_site, fixture_site
from plan_helpers import Filler, dutch_date, everything_answered, pdf_text, seed_everything, squash, stub_print
from test_docx import libreoffice
from test_webkit import display, webkit  # noqa: F401  (fixtures: WebKitGTK under Xvfb)

pytestmark = pytest.mark.reference  # about this repository's own workbook (conftest.py)

WORDS = ("de bibliotheek helpt inwoners die moeite hebben met digitale zaken zoals een aanvraag bij de "
         "gemeente of het zorgportaal en samen met partners bereiken we meer mensen in de wijk").split()


def prose(words: int, last: str) -> str:
    """A realistic answer of about `words` words; `last` is its last word (nothing may be cut off)."""
    text = [WORDS[i % len(WORDS)] for i in range(words - 1)]
    return " ".join(text[:words // 2]) + ".\n" + " ".join(text[words // 2:]) + " " + last + "."


# Answers of a real length for the handout's text questions: the pitch is one minute (130 words).
LONG = {"w3-kernboodschap": prose(70, "slotkernx"), "w3-pitch": prose(140, "slotpitchx"),
        "w3-doelen": prose(70, "slotdoelenx"), "w3-rol": prose(70, "slotrolx"),
        "w3-nodig": prose(50, "slotnodigx"), "w3-planning": prose(70, "slotplanningx")}


def handout_fields(manifest) -> list[str]:
    return [i for part in manifest["handout"]["parts"] for i in part.get("fields", [])]


def store_answers(page, manifest, answers: dict) -> None:
    """Replace the default werkmap's answers (after seed_everything or on an empty browser)."""
    page.evaluate("""([key, answers]) => localStorage.setItem(key + ':werkmap:standaard', JSON.stringify(
        {format: 'werkboek-antwoorden', schema: 1, answers, updated: new Date().toISOString(), exported: null}))""",
                  [manifest["storageKey"], answers])


def stored(page, manifest) -> dict:
    return page.evaluate("key => JSON.parse(localStorage.getItem(key + ':werkmap:standaard')).answers",
                         manifest["storageKey"])


FOOTER = re.compile(r"Werkboek Digitale Inclusie – Gespreksnotitie|Afgedrukt op \d+ \w+ \d{4} – pagina \d+ van \d+")


def body(pages: list[str]) -> str:
    """The printed text without the footer lines, so a paragraph across two pages reads as one."""
    return squash(" ".join(FOOTER.sub(" ", p) for p in pages))


def print_handout(page, site_url, tmp_path) -> list[str]:
    """Click the handout's print button on the plan page; the PDF's pages as text."""
    stub_print(page)
    page.goto(site_url + "mijn-plan/")
    page.get_by_role("button", name="Gespreksnotitie afdrukken").click()
    page.wait_for_function("() => window.__printed === 1")  # the handout's code loads when asked
    return pdf_text(page.pdf(format="A4"), tmp_path).split("\f")[:-1]  # pdftotext ends every page with \f


@pytest.fixture
def full(page, site_url, manifest):
    """Every question answered, the handout's text questions at a real length."""
    filler = seed_everything(page, site_url, manifest)
    answers = {**stored(page, manifest), **LONG}
    store_answers(page, manifest, answers)
    for field_id, text in LONG.items():
        filler.shown[field_id] = [text]
    return filler, answers


def test_handout_of_a_full_fill_is_two_pages_with_every_chosen_answer(page, site_url, manifest, full, tmp_path):
    filler, answers = full
    pages = print_handout(page, site_url, tmp_path)
    assert 1 <= len(pages) <= 2, f"de gespreksnotitie is {len(pages)} pagina's"
    printed = body(pages)
    first = squash(pages[0])

    # The title block, from the header fields by role.
    header = {h["role"]: h for h in manifest["header"]}
    assert first.strip().startswith("Gespreksnotitie")
    for role in ("organisation", "audience", "contact"):
        assert filler.shown[header[role]["id"]][0] in first, role
    assert "Contactpersoon" in first and dutch_date("2026-03-14") in first
    assert manifest["handout"]["intro"] in first

    for part in manifest["handout"]["parts"]:
        assert part["title"] in printed, f"onderdeel {part['title']!r} ontbreekt"
    for field_id in handout_fields(manifest):
        for expected in filler.shown[field_id]:
            assert squash(expected) in printed, f"{field_id}: {expected[:40]!r} ontbreekt in de notitie"
    for last in ("slotkernx", "slotpitchx", "slotdoelenx", "slotrolx", "slotnodigx", "slotplanningx"):
        assert last + "." in printed, f"{last}: het einde van een lang antwoord is afgesneden"
    # The verdicts of worksheet 2, in words, for every step.
    sheet = next(s for s in manifest["worksheets"] if s["id"] == "werkblad-2")
    for section in sheet["sections"]:
        assert section["title"] in printed
    verdict = next(f for f in sheet["fields"] if f.get("role") == "verdict")
    assert printed.count(verdict["options"][-1]["label"]) >= len(sheet["sections"])

    # Only what the handout chose: no other answers, no questions, no site navigation or buttons.
    others = [t for f, texts in filler.shown.items() if f not in handout_fields(manifest) and not f.startswith("kop-")
              for t in texts if re.fullmatch(r"antw\d+x", t)]
    assert others and not [t for t in others if t in printed], "antwoorden buiten de notitie staan erin"
    for absent in ("Nog niet ingevuld", "Wijzigen", "Mijn plan", "Werkmappen en back-up", "Zoeken",
                   "Je elevator pitch van één minuut", "Mijn werkmap"):
        assert absent not in printed, f"{absent!r} hoort niet in de notitie"
    assert len(FOOTER.findall(pages[-1])) == 2, "de voetregel ontbreekt"

    # After printing the plan page prints the whole plan again, and no answer changed.
    page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    assert "Mijn plan" in pdf_text(page.pdf(format="A4"), tmp_path)
    assert stored(page, manifest) == answers


def test_unanswered_parts_are_left_out_and_user_text_stays_text(page, site_url, manifest, tmp_path):
    header = {h["role"]: h for h in manifest["header"]}
    page.goto(site_url)
    sheet = next(s for s in manifest["worksheets"] if s["id"] == "werkblad-2")
    verdicts = [f for f in sheet["fields"] if f.get("role") == "verdict"]
    store_answers(page, manifest, {
        header["organisation"]["id"]: "Bibliotheek Rivierenland",
        "w3-kernboodschap": "Samen <b>x</b> & meer",
        "w3-acties": [{"actie": "", "wie": ""}, {"actie": "Afspraak maken", "wie": ""}],
        verdicts[1]["id"]: verdicts[1]["options"][0]["value"]})
    printed = body(print_handout(page, site_url, tmp_path))

    assert "Samen <b>x</b> & meer" in printed
    assert "Bibliotheek Rivierenland" in printed
    assert "Contactpersoon" not in printed and header["audience"]["label"] not in printed
    for title in ("Onze boodschap", "Hoe staat onze dienstverlening ervoor?", "Volgende stappen"):
        assert title in printed
    for part in manifest["handout"]["parts"]:
        if part["title"] not in ("Onze boodschap", "Hoe staat onze dienstverlening ervoor?", "Volgende stappen"):
            assert part["title"] not in printed, f"het lege onderdeel {part['title']!r} staat erin"
    # Only the judged step, and only the filled row and column of the actions table.
    assert sheet["sections"][1]["title"] in printed and sheet["sections"][0]["title"] not in printed
    assert "Afspraak maken" in printed and "Wie" not in printed
    assert "Nog niet" not in printed


# WebKitWebDriver has no print command (POST /session/{id}/print: "Unknown command"), so WebKit makes
# no PDF here. Instead the handout is drawn in WebKit by the real button, the stylesheets' own print
# rules are applied to the screen, and the box is measured at the width of an A4 page's text.
PRINT_RULES_ON_SCREEN = """
var screen = new CSSStyleSheet();
Array.from(document.styleSheets).forEach(function (sheet) {
  Array.from(sheet.cssRules).forEach(function (rule) {
    if (rule.media && rule.media.mediaText === "print") {
      Array.from(rule.cssRules).forEach(function (inner) {
        try { screen.insertRule(inner.cssText, screen.cssRules.length); } catch (error) { /* @page */ }
      });
    }
  });
});
document.adoptedStyleSheets = document.adoptedStyleSheets.concat([screen]);
var box = document.querySelector("[data-wb-handout]");
box.style.width = "180mm";  // A4 minus the 15 mm side margins of the print stylesheet
var mm = box.getBoundingClientRect().width / 180;
var cut = Array.from(box.querySelectorAll("p, td, th, dd, li")).filter(function (node) {
  return node.scrollWidth > node.clientWidth + 1;
}).map(function (node) { return node.textContent.slice(0, 40); });
return {heightMm: box.getBoundingClientRect().height / mm, text: box.innerText, cut: cut,
        shown: getComputedStyle(box).display, plan: getComputedStyle(document.querySelector("[data-wb-plan]")).display};
"""


@pytest.mark.filterwarnings("ignore:setting remote_server_addr:DeprecationWarning")
def test_handout_in_webkit_fits_two_pages_with_every_chosen_answer(webkit, site_url, manifest):
    filler = Filler()
    answers = {**everything_answered(manifest, filler), **LONG}
    webkit.get(site_url)
    webkit.execute_script("""localStorage.setItem(arguments[0] + ':werkmap:standaard', JSON.stringify(
        {format: 'werkboek-antwoorden', schema: 1, answers: arguments[1], updated: new Date().toISOString(), exported: null}))""",
                          manifest["storageKey"], answers)
    webkit.get(site_url + "mijn-plan/")
    engine_wait = WebDriverWait(webkit, 10)
    engine_wait.until(lambda d: d.execute_script("return document.documentElement.classList.contains('wb-js')"))
    webkit.execute_script("window.print = function () { window.__printed = (window.__printed || 0) + 1; };"
                          "document.querySelector('[data-wb-print-handout]').click();")
    engine_wait.until(lambda d: d.execute_script("return window.__printed === 1"), "the handout did not print")
    assert webkit.execute_script("return document.documentElement.classList.contains('wb-print-handout')")
    measured = webkit.execute_script(PRINT_RULES_ON_SCREEN)
    assert measured["shown"] == "block" and measured["plan"] == "none", measured
    assert measured["heightMm"] <= 2 * (297 - 16 - 18), f"{measured['heightMm']:.0f} mm: more than two A4 pages"
    assert measured["cut"] == [], f"text cut off: {measured['cut']}"
    text = squash(measured["text"])
    for field_id in handout_fields(manifest):
        for expected in [LONG[field_id]] if field_id in LONG else filler.shown[field_id]:
            assert squash(expected) in text, f"{field_id}: {expected[:40]!r} ontbreekt"
    header = {h["role"]: h["id"] for h in manifest["header"]}
    assert text.startswith("Gespreksnotitie") and filler.shown[header["organisation"]][0] in text


def download(page, button: str, tmp_path):
    with page.expect_download() as info:
        page.get_by_role("button", name=button).click()
    target = tmp_path / info.value.suggested_filename
    info.value.save_as(target)
    return target


def cell_texts(document) -> list[str]:
    return [cell.text for table in document.tables for row in table.rows for cell in row.cells]


def test_handout_as_word_file(page, site_url, manifest, full, tmp_path):
    filler, answers = full
    page.goto(site_url + "mijn-plan/")
    target = download(page, "Gespreksnotitie als Word-bestand", tmp_path)
    header = {h["role"]: h["id"] for h in manifest["header"]}
    organisation, audience = filler.shown[header["organisation"]][0], filler.shown[header["audience"]][0]
    assert re.fullmatch(rf"werkboek-digitale-inclusie-gespreksnotitie-{organisation}-{audience}-\d{{4}}-\d\d-\d\d\.docx",
                        target.name), target.name
    assert "gedownload" in page.locator("[data-wb-word-message]").inner_text()

    document = docx.Document(io.BytesIO(target.read_bytes()))
    paragraphs = [(p.style.name, p.text) for p in document.paragraphs if p.text]
    assert paragraphs[0] == ("Title", "Gespreksnotitie")
    assert [text for style, text in paragraphs if style == "Heading 1"] == [p["title"] for p in manifest["handout"]["parts"]]
    assert document.core_properties.author == organisation
    text = squash(" ".join([p.text for p in document.paragraphs] + cell_texts(document)))
    for field_id in handout_fields(manifest):
        for expected in filler.shown[field_id]:
            assert squash(expected) in text, f"{field_id}: {expected[:40]!r} ontbreekt in het Word-bestand"
    title_block, diagnosis, partners, actions = document.tables
    assert [[c.text for c in row.cells] for row in title_block.rows] == [
        ["Bibliotheek", organisation], ["Gemeente of gemeenten", audience], ["Datum", dutch_date("2026-03-14")],
        ["Contactpersoon", filler.shown[header["contact"]][0]]]
    assert [c.text for c in diagnosis.rows[0].cells] == ["Onderdeel", "Oordeel"]
    assert len(diagnosis.rows) == 1 + 6 and len(actions.rows) == 1 + 2

    # LibreOffice opens it with the same text.
    pdf = libreoffice(target, "pdf", tmp_path)
    words = squash(pdf_text(pdf.read_bytes(), tmp_path))
    assert "slotpitchx" in words and filler.shown["w3-acties"][-1] in words


def test_all_answers_as_word_file(page, site_url, manifest, tmp_path):
    filler = seed_everything(page, site_url, manifest, Filler("woord"))
    answers = stored(page, manifest)
    answers["w1-agenda"] = "Een <b>x</b> & <script>"
    store_answers(page, manifest, answers)
    page.goto(site_url + "mijn-plan/")
    target = download(page, "Alle antwoorden als Word-bestand", tmp_path)
    assert re.fullmatch(r"werkboek-digitale-inclusie-mijn-plan-woord\d+x-woord\d+x-\d{4}-\d\d-\d\d\.docx", target.name)

    document = docx.Document(io.BytesIO(target.read_bytes()))
    headings = [(p.style.name, p.text) for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert [t for s, t in headings if s == "Heading 1"] == [s["title"] for s in manifest["worksheets"]]
    assert ("Heading 2", "Onderdeel 1. Strategie en beleid") in headings
    assert ("Heading 3", next(f["label"] for f in manifest["worksheets"][0]["fields"] if f["id"] == "w1-agenda")) in headings
    text = squash(" ".join([p.text for p in document.paragraphs] + cell_texts(document)))
    assert "Een <b>x</b> & <script>" in text
    filler.shown.pop("w1-agenda")
    for field_id, texts in filler.shown.items():
        for expected in texts:
            assert expected in text, f"{field_id}: {expected!r} ontbreekt in het Word-bestand"
    tables = sum(1 for s in manifest["worksheets"] for f in s["fields"] if f["kind"] == "table") + 1  # + diagnosis
    assert len(document.tables) == tables


# -- Configuration: checked at build time, optional ------------------------------------------------

PAGES = {"index.md": "# Start\n", "blad.md": '# Blad\n\n{{ worksheet("blad", "Blad") }}\n\n{{ long("b-doel", "Doel?") }}\n',
         "plan.md": "# Plan\n\n{{ plan() }}\n\n{{ werkmappen() }}\n"}


def build_with(tmp_path, handout: str | None):
    config = fixture_site(tmp_path / "src", PAGES)
    if handout is not None:
        text = config.read_text(encoding="utf-8").replace("glossary: includes/afkortingen.md}", f"glossary: includes/afkortingen.md, handout: {handout}}}")
        config.write_text(text, encoding="utf-8")
    return build_site(tmp_path / "out", "http://127.0.0.1:8000/", config=config), tmp_path / "out"


def test_an_unknown_id_in_the_handout_stops_the_build_naming_it(tmp_path):
    result, _ = build_with(tmp_path, "{title: Notitie, parts: [{title: Doel, fields: [b-doel, b-dool]}]}")
    assert result.returncode != 0
    assert "extra.werkboek.handout" in result.stderr and "'b-dool' bestaat niet" in result.stderr, result.stderr[-1500:]
    result, _ = build_with(tmp_path / "2", "{title: Notitie, parts: [{title: Stand, diagnosis: blad}]}")
    assert result.returncode != 0 and "'blad' is geen werkblad met oordelen" in result.stderr


def test_a_workbook_without_handout_has_no_handout_button(tmp_path):
    result, site = build_with(tmp_path, None)
    assert result.returncode == 0, result.stderr
    html = (site / "plan/index.html").read_text(encoding="utf-8")
    assert "data-wb-print-handout" not in html and 'data-wb-word="handout"' not in html
    assert "Alle antwoorden als Word-bestand" in html
    assert '"handout":null' in (site / "assets/werkboek/manifest.js").read_text(encoding="utf-8")
