"""Mijn plan (issue 4): the plan shows and prints every answer, worksheets print in full, blank
forms print without answers, progress and the worksheet-2 diagnosis count what the user filled.

Chromium via Playwright against the real build; PDFs are read back with pdftotext.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from plan_helpers import Filler, pdf_text, seed_everything, sheet_url, squash, stub_print

pytestmark = pytest.mark.reference  # about this repository's own workbook (conftest.py)


# Text that only the site's navigation, search, buttons and tools show: never on paper.
NAVIGATION_ONLY = ["Praktijkverhaal Achterhoekse Poort", "Hoe dit werkboek ontstond", "Colofon",
                   "Wijzigen", "Afdrukken of opslaan als pdf", "Werkmappen en back-up", "Je voortgang",
                   "Zoeken"]


def sheets_by_id(manifest):
    return {sheet["id"]: sheet for sheet in manifest["worksheets"]}


def top_level(sheet):
    return [f for f in sheet["fields"] if not f["parent"]]


@pytest.fixture
def filled(page, site_url, manifest):
    """Every worksheet answered (stored directly; filling through the page is tested elsewhere)."""
    return seed_everything(page, site_url, manifest)


def test_plan_shows_every_answer_and_prints_without_navigation(page, site_url, manifest, filled, tmp_path):
    page.goto(site_url + "mijn-plan/")
    plan = page.locator("[data-wb-plan]")
    text = squash(plan.inner_text())
    for field_id, texts in filled.shown.items():
        row = plan.locator(f"[data-wb-answer='{field_id}']").first
        assert row.get_attribute("data-wb-answered") == "ja", f"{field_id} staat niet als ingevuld in het plan"
        for expected in texts:
            assert expected in squash(row.inner_text()), f"antwoord {expected!r} van {field_id} ontbreekt"
    assert "Nog niet ingevuld" not in text
    # Every worksheet heading, in workbook order, and the werkmap's name in the header.
    positions = [text.index(sheet["title"]) for sheet in manifest["worksheets"]]
    assert positions == sorted(positions)
    assert "Mijn werkmap" in text

    printed = squash(pdf_text(page.pdf(format="A4"), tmp_path))
    for token in filled.tokens():
        assert token in printed, f"{token} ontbreekt in de pdf van het plan"
    for field_id in ("kop-bibliotheek", "w1-doelen", "w2-diensten"):
        for expected in filled.shown[field_id]:
            assert expected in printed
    for navigation in NAVIGATION_ONLY:
        assert navigation not in printed, f"{navigation!r} hoort niet in de afdruk"
    assert manifest["plan"]["title"] in printed
    assert re.search(r"Afgedrukt op \d{1,2} \w+ \d{4}", printed), "de voetregel met de afdrukdatum ontbreekt"
    assert "pagina 1 van" in printed


def test_each_worksheet_starts_on_a_new_page(page, site_url, manifest, tmp_path):
    page.goto(site_url + "mijn-plan/")
    pages = pdf_text(page.pdf(format="A4"), tmp_path).split("\f")
    for sheet in manifest["worksheets"]:
        title = sheet["title"]
        starts = [squash(p).strip().startswith(title) for p in pages]
        assert any(starts), f"{title} begint niet bovenaan een pagina"


def test_unanswered_question_says_so_and_wijzigen_goes_to_the_field(page, site_url, manifest):
    page.goto(site_url + "mijn-plan/")
    row = page.locator("[data-wb-answer='w1-relatie']")
    expect(row).to_contain_text("Nog niet ingevuld")
    row.get_by_role("link", name=re.compile("^Wijzigen")).click()
    page.wait_for_url(re.compile(r"werkbladen/werkblad-1/#wb-w1-relatie--veld$"))
    field = page.locator("#wb-w1-relatie")
    expect(field).to_be_focused()  # ready to type, as after GOV.UK's "Change" links
    page.keyboard.type("Goed contact")
    page.go_back()
    page.wait_for_url(re.compile(r"mijn-plan/$"))
    expect(page.locator("[data-wb-answer='w1-relatie']")).to_contain_text("Goed contact")


def test_wijzigen_links_work_without_directory_urls(tmp_path, browser):
    from conftest import build_site, free_port, serve

    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    result = build_site(tmp_path / "site", url, USE_DIRECTORY_URLS="false")
    assert result.returncode == 0, result.stderr
    httpd = serve(tmp_path / "site", port)
    try:
        context = browser.new_context()
        page = context.new_page()
        page.goto(url + "werkbladen/werkblad-3.html")
        status = page.locator("[data-wb-worksheet-status]")
        assert status.get_by_role("link").get_attribute("href") == url + "mijn-plan.html#wb-werkmappen"
        page.goto(url + "mijn-plan.html")
        link = page.locator("[data-wb-answer='w3-nodig']").get_by_role("link", name=re.compile("^Wijzigen"))
        assert link.get_attribute("href") == url + "werkbladen/werkblad-3.html#wb-w3-nodig--veld"
        link.click()
        page.locator("#wb-w3-nodig").wait_for(state="visible")
        context.close()
    finally:
        httpd.shutdown()


def test_worksheet_prints_a_long_answer_in_full(page, site_url, manifest, tmp_path):
    sheet = sheets_by_id(manifest)["werkblad-3"]
    page.goto(sheet_url(site_url, sheet))
    lines = [f"regel{n:02d}tekst" for n in range(1, 41)]
    page.locator("#wb-w3-kernboodschap").fill("\n".join(lines))
    page.locator("#wb-w3-nodig").fill("kort" * 3)
    printed = pdf_text(page.pdf(format="A4"), tmp_path)
    missing = [line for line in lines if line not in printed]
    assert not missing, f"deze regels van het lange antwoord staan niet op papier: {missing}"
    assert "kortkortkort" in printed
    flat = squash(printed)
    assert "Randvoorwaarden van je dienstverlening" not in flat  # no navigation on paper
    assert "Werkblad afdrukken met antwoorden" not in flat


def test_blank_worksheet_prints_questions_but_no_answers(page, site_url, manifest, tmp_path):
    stub_print(page)
    sheet = sheets_by_id(manifest)["werkblad-1"]
    page.goto(sheet_url(site_url, sheet))
    filler = Filler("vul")
    filler.fill_sheet(page, sheet, header=manifest["header"])
    page.get_by_role("button", name="Leeg werkblad afdrukken").click()
    page.wait_for_function("() => window.__printed === 1")  # the blank form's code loads when asked
    printed = squash(pdf_text(page.pdf(format="A4"), tmp_path))
    for token in filler.tokens():
        assert token not in printed, f"het lege werkblad bevat het antwoord {token}"
    assert "14 maart 2026" not in printed and "2026-03-14" not in printed
    for field in top_level(sheet):
        assert squash(field["label"]) in printed, f"de vraag {field['id']} staat niet op het lege werkblad"
    for option in ("Ja", "Nee"):
        assert option in printed
    assert "Bibliotheek:" in printed and "Naam:" in printed
    # After printing the page is as it was: the answers are still on screen and stored.
    page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    assert page.locator("#wb-w1-agenda").input_value() == filler.shown["w1-agenda"][0]
    assert not page.evaluate("document.documentElement.classList.contains('wb-print-blank')")


def test_all_blank_worksheets_from_the_plan_page(page, site_url, manifest, filled, tmp_path):
    stub_print(page)
    page.goto(site_url + "mijn-plan/")
    page.get_by_role("button", name="Lege werkbladen afdrukken").click()
    page.wait_for_function("() => window.__printed === 1")
    printed = squash(pdf_text(page.pdf(format="A4"), tmp_path))
    for token in filled.tokens():
        assert token not in printed
    for sheet in manifest["worksheets"]:
        assert sheet["title"] in printed
        for field in top_level(sheet):
            assert squash(field["label"]) in printed


def test_progress_counts_after_filling_part_of_a_worksheet(page, site_url, manifest):
    sheet = sheets_by_id(manifest)["werkblad-1"]
    questions = top_level(sheet)
    total = len(questions)
    page.goto(site_url)
    tasks = page.locator("[data-wb-progress]")
    for item in manifest["worksheets"]:
        expect(tasks.locator(f"[data-wb-progress-sheet='{item['id']}']")).to_contain_text("Nog niet begonnen")

    page.goto(sheet_url(site_url, sheet))
    status = page.locator("[data-wb-worksheet-status]")
    expect(status).to_contain_text(f"0 van {total} vragen beantwoord")
    expect(status).to_contain_text("Mijn werkmap")
    # Three questions, a follow-up (does not count) and the shared header (does not count).
    filler = Filler()
    filler.fill_sheet(page, sheet, header=manifest["header"], only={
        "kop-naam", questions[0]["id"], questions[1]["id"], "w1-doelen", "w1-doelen-welke"})
    expect(status).to_contain_text(f"3 van {total} vragen beantwoord")
    page.locator("#wb-w1-agenda").fill("   ")  # only spaces is no answer
    expect(status).to_contain_text(f"2 van {total} vragen beantwoord")

    page.goto(site_url)
    first = page.locator("[data-wb-progress-sheet='werkblad-1']")
    expect(first).to_contain_text(f"Bezig (2 van {total})")
    expect(page.locator("[data-wb-progress-sheet='werkblad-2']")).to_contain_text("Nog niet begonnen")
    first.get_by_role("link").click()
    page.wait_for_url(re.compile("werkblad-1/$"))
    # Instant navigation changes the address before the new content is in: wait for the engine there.
    page.locator(f"#wb-{questions[0]['id']}--veld[data-wb-ready]").wait_for()
    Filler().fill_sheet(page, sheet)
    expect(status).to_contain_text(f"{total} van {total} vragen beantwoord")
    page.goto(site_url + "mijn-plan/")
    expect(page.locator("[data-wb-progress] [data-wb-progress-sheet='werkblad-1']")).to_contain_text("Ingevuld")


def test_diagnosis_shows_each_step_and_the_plan_lists_what_is_open(page, site_url, manifest):
    sheet = sheets_by_id(manifest)["werkblad-2"]
    steps = sheet["sections"]
    assert len(steps) == 6
    page.goto(sheet_url(site_url, sheet))
    step_one = [f for f in top_level(sheet) if f["section"] == "w2-stap-1" and f.get("role") != "verdict"]
    verdicts = {f["section"]: {o["tone"]: o["label"] for o in f["options"]}
                for f in top_level(sheet) if f.get("role") == "verdict"}
    Filler().fill_sheet(page, sheet, only={f["id"] for f in step_one})
    page.locator("#wb-w2-stap-1-oordeel--op-orde").check()
    page.locator("#wb-w2-stap-2-oordeel--deels").check()
    page.locator("#wb-w2-stap-3-oordeel--nog-niet-inzichtelijk").check()

    overview = page.locator("[data-wb-diagnosis='werkblad-2'] .wb-diagnosis__step")
    assert overview.count() == 6
    expected = ["Jouw oordeel: " + verdicts["w2-stap-1"]["good"], "Jouw oordeel: " + verdicts["w2-stap-2"]["partly"],
                "Jouw oordeel: " + verdicts["w2-stap-3"]["open"]] + ["Jouw oordeel: Nog niet beoordeeld"] * 3
    for index, (step, verdict) in enumerate(zip(steps, expected)):
        item = squash(overview.nth(index).inner_text())
        assert step["title"] in item and verdict in item
    assert f"{len(step_one)} van {len(step_one)} vragen beantwoord" in squash(overview.nth(0).inner_text())

    page.goto(site_url + "mijn-plan/")
    improvements = page.locator("[data-wb-plan-sheet='werkblad-2'] .wb-improvements")
    text = squash(improvements.inner_text())
    assert steps[0]["title"] not in text  # op orde and nothing open
    for step in steps[1:]:
        assert step["title"] in text
    assert "Nog open: " + label_of_field(sheet, "w2-onderscheid") in text
    assert "jouw oordeel: " + verdicts["w2-stap-2"]["partly"].lower() in text


def label_of_field(sheet, field_id):
    return next(f["label"] for f in sheet["fields"] if f["id"] == field_id)


def test_plan_text_is_never_html(page, site_url, manifest):
    """An answer that looks like HTML shows as text in the plan and runs nothing."""
    sheet = sheets_by_id(manifest)["werkblad-1"]
    page.goto(sheet_url(site_url, sheet))
    hostile = '<img src=x onerror="window.__pwned=1"><b>vet</b>'
    page.locator("#wb-w1-agenda").fill(hostile)
    page.goto(site_url + "mijn-plan/")
    row = page.locator("[data-wb-answer='w1-agenda']")
    expect(row).to_contain_text(hostile)
    assert row.locator("img, b").count() == 0
    assert page.evaluate("window.__pwned") is None
