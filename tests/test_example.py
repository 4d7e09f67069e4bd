"""The filled example (extra.werkboek.example): opened on request as a separate, read-only werkmap,
marked on every page and on paper, one step back to the user's own werkmap, and never in their
back-up. Chromium for the whole story; Chromium and WebKit for the core; the offline copy from disk.
"""

from __future__ import annotations

import json
import re

import pytest
import yaml
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from conftest import ROOT, build_site, fixture_site
from macros.model import WorksheetError, check_example
from engines import display, engine, webkit  # noqa: F401  (fixtures)
from plan_helpers import pdf_text, seed_everything, sheet_url, squash, stored_sets
from test_accessibility import violations
from test_transfer import export_json

# The tests marked reference are about this repository's own workbook and its example (conftest.py);
# the example checks of the build and a workbook without an example run in any workbook.

EXAMPLE_FILE = ROOT / "includes" / "voorbeeld-antwoorden.yml"
# Read when the module loads; a workbook made from a copy may have no example (its tests skip).
EXAMPLE = yaml.safe_load(EXAMPLE_FILE.read_text(encoding="utf-8")) if EXAMPLE_FILE.is_file() else {"naam": "", "antwoorden": {}}
ANSWERS = EXAMPLE["antwoorden"]
NOTICE = "Je bekijkt een voorbeeld. Dit zijn niet jouw antwoorden"


def ready(page, url):
    page.goto(url)
    expect(page.locator("html.wb-js")).to_have_count(1)


def open_example(page):
    page.get_by_role("button", name="Bekijk een ingevuld voorbeeld").first.click()
    notice = page.locator("[data-wb-example-notice='example']")
    expect(notice).to_contain_text(NOTICE)
    return notice


def expect_example_answers(page, fields):
    """Every example answer of these fields is on the page, and no control takes typing."""
    for field in fields:
        value = ANSWERS.get(field["id"])
        if value is None:
            continue
        fid, kind = field["id"], field["kind"]
        if kind in ("text", "long", "date"):
            expect(page.locator(f"#wb-{fid}")).to_have_value(value)
            expect(page.locator(f"#wb-{fid}")).not_to_be_editable()
        elif kind in ("yesno", "choice"):
            expect(page.locator(f"#wb-{fid}--{value}")).to_be_checked()
            expect(page.locator(f"#wb-{fid}--{value}")).to_be_disabled()
        elif kind == "multi":
            for option in value:
                expect(page.locator(f"#wb-{fid}--{option}")).to_be_checked()
        else:
            rows = page.locator(f"#wb-{fid}--veld [data-wb-row]")
            expect(rows).to_have_count(len(value))
            first = next(c for c in field["columns"] if c["kind"] in ("text", "long"))
            expect(rows.first.locator(f"[data-wb-column='{first['id']}'] :is(input, textarea)")).to_have_value(
                value[0][first["id"]])
            expect(page.locator(f"#wb-{fid}--veld [data-wb-add-row]")).to_be_disabled()


def example_strings():
    """Every text the example holds (answers and table cells), for searching a back-up file."""
    for value in ANSWERS.values():
        for item in value if isinstance(value, list) else [value]:
            for text in item.values() if isinstance(item, dict) else [item]:
                if " " in text:  # typed text, not an option value the user may have chosen too
                    yield text


@pytest.mark.reference
def test_example_on_every_worksheet_and_the_plan_then_back_and_away(context, page, site_url, manifest, tmp_path):
    requests = []
    context.on("request", lambda request: requests.append(request.url))
    seed_everything(page, site_url, manifest)
    own = stored_sets(page)["Mijn werkmap"]

    ready(page, site_url)
    assert not [url for url in requests if "voorbeeld.js" in url], "the example loaded before anyone asked"
    notice = open_example(page)
    expect(notice).to_be_focused()
    assert [url for url in requests if url.endswith("assets/werkboek/voorbeeld.js")]
    assert all(url.startswith(site_url) for url in requests), [u for u in requests if not u.startswith(site_url)]
    expect(page.get_by_role("button", name="Bekijk een ingevuld voorbeeld")).to_be_hidden()
    expect(page.locator("[data-wb-backup-reminder]").first).to_be_empty()

    for index, sheet in enumerate(manifest["worksheets"]):
        ready(page, sheet_url(site_url, sheet))
        expect(page.locator("[data-wb-example-notice='example']")).to_contain_text(NOTICE)
        expect(page.locator("[data-wb-worksheet-status]")).to_contain_text(EXAMPLE["naam"])
        expect(page.locator("[data-wb-worksheet-status]")).not_to_contain_text("bewaart je browser")
        expect_example_answers(page, manifest["header"] + sheet["fields"] if index == 0 else sheet["fields"])
    # Typing into the read-only example changes nothing, on screen or in storage.
    page.locator("#wb-w3-pitch").focus()
    page.keyboard.type("mijn eigen tekst")
    expect(page.locator("#wb-w3-pitch")).to_have_value(ANSWERS["w3-pitch"])
    assert stored_sets(page)[EXAMPLE["naam"]] == ANSWERS

    ready(page, site_url + manifest["plan"]["url"])
    expect(page.locator("[data-wb-example-notice='example']")).to_contain_text(NOTICE)
    plan = page.locator("[data-wb-plan]")
    for field_id in ("kop-bibliotheek", "w1-agenda", "w2-onderscheid", "w3-pitch"):
        expect(plan.locator(f"[data-wb-answer='{field_id}']")).to_contain_text(ANSWERS[field_id])
    # Nothing here treats the example as the user's: no back-up, import, copy or clearing.
    expect(page.get_by_role("button", name="Back-up downloaden (bestand)")).to_have_count(0)
    expect(page.locator("[data-wb-copy-form]")).to_be_hidden()
    expect(page.locator("[data-wb-example-only]")).to_be_visible()
    printed = squash(pdf_text(page.pdf(format="A4"), tmp_path))
    assert NOTICE in printed, printed[:600]
    assert ANSWERS["kop-bibliotheek"] in printed
    assert "werkmap " + EXAMPLE["naam"] in printed  # the footer of every page

    # One step back: the user's own answers, untouched.
    page.get_by_role("button", name="Terug naar mijn eigen werkmap").click()
    back = page.locator("[data-wb-example-notice='left']")
    expect(back).to_have_text("Je werkt weer in je eigen werkmap Mijn werkmap. Je antwoorden zijn niet veranderd.")
    expect(back).to_be_focused()
    expect(plan.locator("[data-wb-answer='kop-bibliotheek']")).to_contain_text(own["kop-bibliotheek"])
    assert stored_sets(page)["Mijn werkmap"] == own

    # Their back-up holds their answers only.
    _, path = export_json(page, tmp_path)
    exported = path.read_text(encoding="utf-8")
    assert json.loads(exported)["answers"] == own
    assert not [text for text in example_strings() if text in exported]

    # Remove the example: no question asked, nothing of theirs goes.
    open_example(page)
    item = page.locator("[data-wb-set-list] li", has_text=EXAMPLE["naam"])
    expect(item.locator(".wb-tag--voorbeeld")).to_have_text("Voorbeeld")
    item.get_by_role("button", name=re.compile("^Verwijder")).click()
    expect(page.locator("[data-wb-sets-message]")).to_have_text(
        "Het voorbeeld is weggehaald. Je werkt nu in werkmap Mijn werkmap.")
    expect(page.locator("[data-wb-example-notice]")).to_have_count(0)
    assert stored_sets(page) == {"Mijn werkmap": own}
    assert not [key for key in page.evaluate("Object.keys(localStorage)") if "werkmap:m" in key]


@pytest.mark.reference
def test_a_worksheet_with_the_example_open_passes_axe(page, site_url, manifest):
    ready(page, site_url)
    open_example(page)
    ready(page, sheet_url(site_url, manifest["worksheets"][1]))
    expect(page.locator("[data-wb-example-notice='example']")).to_be_visible()
    assert violations(Axe(), page, "werkblad 2 met het voorbeeld") == []


@pytest.mark.reference
def test_example_opens_and_closes_in_every_engine(engine, site_url, manifest):
    sheet = sheet_url(site_url, manifest["worksheets"][0])
    engine.open(sheet)
    engine.started()
    engine.run("var box = document.getElementById('wb-w1-agenda'); box.value = 'Van mij';"
               "box.dispatchEvent(new Event('input', {bubbles: true}));")
    engine.open(site_url)
    engine.started()
    engine.run("document.querySelector('[data-wb-open-example]').click()")
    engine.wait("return document.querySelector(\"[data-wb-example-notice='example']\")", "geen voorbeeldmelding")
    engine.open(sheet)
    engine.started()
    engine.wait("return document.getElementById('wb-w1-agenda').value === arguments[0]",
                "het voorbeeld staat niet op het werkblad", ANSWERS["w1-agenda"])
    assert engine.run("return document.querySelector('[data-wb-example-notice]').textContent").startswith(NOTICE)
    assert engine.run("return document.getElementById('wb-w1-agenda').readOnly") is True
    engine.run("document.querySelector('[data-wb-leave-example]').click()")
    engine.wait("return document.getElementById('wb-w1-agenda').value === 'Van mij'", "niet terug in de eigen werkmap")
    assert engine.run("return document.getElementById('wb-w1-agenda').readOnly") is False
    assert engine.run("return document.querySelector(\"[data-wb-example-notice='example']\")") is None


@pytest.mark.reference
def test_example_opens_in_the_offline_copy_from_disk(browser, offline_copy):
    context = browser.new_context(locale="nl-NL")
    page = context.new_page()
    try:
        ready(page, offline_copy.as_uri() + "/index.html")
        open_example(page)
        ready(page, offline_copy.as_uri() + "/werkbladen/werkblad-1.html")
        expect(page.locator("#wb-w1-agenda")).to_have_value(ANSWERS["w1-agenda"])
    finally:
        context.close()


def test_the_offer_alone_on_a_page_loads_the_base_and_the_example_code_on_the_click(tmp_path, page):
    """A page whose only widget is the offer loads the engine's base (no fields, no example code);
    the click brings the example's code, which opens the example as on the start page."""
    from conftest import free_port, serve
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    config = fixture_site(tmp_path / "src", {
        "index.md": "# Welkom\n\n{{ voorbeeld() }}\n",
        "blad.md": '# Blad\n\n{{ worksheet("blad", "Blad") }}\n\n{{ text("blad-doel", "Wat is je doel?") }}\n'},
        site_url=url)
    (tmp_path / "src" / "voorbeeld.yml").write_text('naam: "Bibliotheek Proef"\nantwoorden:\n  blad-doel: "Meer bezoekers"\n',
                                                    encoding="utf-8")
    config.write_text(config.read_text(encoding="utf-8").replace("storage_key: testwerkboek,",
                                                                 "storage_key: testwerkboek, example: voorbeeld.yml,"),
                      encoding="utf-8")
    result = build_site(tmp_path / "site", url, config=config)
    assert result.returncode == 0, result.stderr
    httpd = serve(tmp_path / "site", port)
    try:
        loaded = []
        page.on("request", lambda request: loaded.append(request.url.rsplit("/", 1)[-1]))
        ready(page, url)
        page.wait_for_load_state("networkidle")
        ours = sorted(name for name in loaded if name in {"basis.js", "werkblad.js", "example.js", "example.css"})
        assert ours == ["basis.js"], loaded
        open_example(page)
        assert {"example.js", "example.css"} <= set(loaded)
        ready(page, url + "blad/")
        expect(page.locator("#wb-blad-doel")).to_have_value("Meer bezoekers")
        expect(page.locator("#wb-blad-doel")).not_to_be_editable()
    finally:
        httpd.shutdown()


def test_a_workbook_without_an_example_offers_none(second_workbook):
    site, _ = second_workbook
    manifest = json.loads((site / "assets/werkboek/manifest.json").read_text(encoding="utf-8"))
    assert manifest["example"] is None and not (site / "assets/werkboek/voorbeeld.js").exists()
    assert not [sheet["id"] for sheet in manifest["worksheets"] if sheet["copy"]]


# -- The build checks the example against the fields -----------------------------------------------

MANIFEST = {"header": [{"id": "kop-datum", "kind": "date", "shape": "string"}], "worksheets": [{"fields": [
    {"id": "keuze", "kind": "choice", "shape": "string", "options": [{"value": "ja"}, {"value": "nee"}]},
    {"id": "meer", "kind": "multi", "shape": "list", "options": [{"value": "a"}, {"value": "b"}]},
    {"id": "tabel", "kind": "table", "shape": "rows", "columns": [{"id": "wie", "kind": "text"}]}]}]}


@pytest.mark.parametrize("answers, message", [
    ('keuze: "misschien"', "veld 'keuze': 'misschien' is geen keuze van dit veld. Kies uit: ja, nee."),
    ('onbekend: "x"', "veld 'onbekend': dit veld bestaat niet in het werkboek. De kopvelden heten: kop-datum."),
    ('meer: ["a", "c"]', "veld 'meer': keuze 'c' bestaat niet of staat er twee keer. Kies uit: a, b."),
    ('meer: "a"', "veld 'meer': het antwoord is een lijst met keuzes (- waarde)."),
    ('tabel: [{wat: "x"}]', "veld 'tabel': rij 1, kolom 'wat': de kolom bestaat niet. Kies uit: wie."),
    ("kop-datum: 2026-03-14", "veld 'kop-datum': schrijf de datum tussen aanhalingstekens: \"2026-03-14\"."),
    ('kop-datum: "14 maart"', "veld 'kop-datum': '14 maart' is geen datum als 2026-03-14."),
])
def test_a_wrong_answer_in_the_example_is_named(answers, message):
    data = yaml.safe_load(f'naam: "Voorbeeld"\nantwoorden:\n  {answers}\n')
    with pytest.raises(WorksheetError) as error:
        check_example(data, MANIFEST, "voorbeeld.yml")
    assert str(error.value) == f"Fout in voorbeeld.yml, {message}"


def test_a_wrong_example_stops_the_build(tmp_path):
    sheet = '# Blad\n\n{{ worksheet("blad", "Blad") }}\n\n{{ choice("keuze", "Kies", options=["Ja", "Nee"]) }}\n'
    config = fixture_site(tmp_path / "src", {"index.md": "# Start\n\n{{ voorbeeld() }}\n", "blad.md": sheet})
    config.write_text(config.read_text(encoding="utf-8").replace(
        "glossary: includes/afkortingen.md", "glossary: includes/afkortingen.md, example: voorbeeld.yml"), encoding="utf-8")
    (tmp_path / "src" / "voorbeeld.yml").write_text('naam: "Voorbeeld"\nantwoorden: {keuze: "misschien"}\n', encoding="utf-8")
    result = build_site(tmp_path / "out", "http://127.0.0.1:8000/", config=config)
    assert result.returncode != 0
    assert "Fout in voorbeeld.yml, veld 'keuze': 'misschien' is geen keuze van dit veld." in result.stderr, \
        result.stderr[-1500:]


MARK = "Voorbeeld: de antwoorden hieronder zijn verzonnen"


@pytest.mark.reference
def test_the_handout_and_word_files_of_the_example_say_it_is_an_example(page, site_url, manifest, tmp_path):
    """The example can be looked at as handout and Word file too, and never passes for real answers."""
    import docx
    from plan_helpers import stub_print
    from test_handout import cell_texts, download

    stub_print(page)
    ready(page, site_url + manifest["plan"]["url"])
    open_example(page)
    page.get_by_role("button", name="Gespreksnotitie afdrukken").click()
    page.wait_for_function("() => window.__printed === 1")
    printed = squash(pdf_text(page.pdf(format="A4"), tmp_path))
    assert MARK in printed, printed[:400]
    assert squash(ANSWERS["w3-kernboodschap"])[:60] in printed

    for button, kind in (("Gespreksnotitie als Word-bestand", "gespreksnotitie"), ("Alle antwoorden als Word-bestand", "mijn-plan")):
        target = download(page, button, tmp_path)
        assert target.name.startswith(f"werkboek-digitale-inclusie-{kind}-voorbeeld-"), target.name
        document = docx.Document(str(target))
        texts = [p.text for p in document.paragraphs if p.text]
        assert any(text.startswith(MARK) for text in texts[:3]), texts[:3]
        assert ANSWERS["kop-bibliotheek"] in " ".join(texts + cell_texts(document))


@pytest.mark.reference
def test_the_example_keeps_its_look_through_instant_navigation(page, site_url, manifest):
    """The example's code and styles load only with the offer or while it is open; a worksheet
    reached by instant navigation (which drops from <head> what the next page lacks) still shows
    the notice styled, and a worksheet opened anew loads them again."""
    def notice_background():
        return page.locator("[data-wb-example-notice='example']").evaluate("n => getComputedStyle(n).backgroundColor")

    ready(page, site_url)
    open_example(page)
    styled = notice_background()
    assert styled not in ("rgba(0, 0, 0, 0)", "transparent"), styled
    sheet = manifest["worksheets"][0]
    page.evaluate("""address => { const link = document.createElement("a"); link.href = address;
                                  document.querySelector(".md-content__inner").appendChild(link); link.click(); }""",
                  sheet_url(site_url, sheet))
    page.wait_for_url(sheet_url(site_url, sheet))
    expect(page.locator("[data-wb-example-notice='example']")).to_contain_text(NOTICE)
    expect(page.locator("[data-wb-example-notice='example']")).to_have_css("background-color", styled)
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    ready(page, sheet_url(site_url, sheet))  # a page load: the open example brings its code and styles
    expect(page.locator("[data-wb-example-notice='example']")).to_have_css("background-color", styled)
    assert {url.rsplit("/", 1)[1] for url in requests} >= {"example.js", "example.css"}
    expect(page.locator("#wb-w1-agenda")).not_to_be_editable()  # read-only: the example code ran
