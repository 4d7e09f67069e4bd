"""The core flow on the second example workbook (tests/fixtures/tweede-werkboek), in Chromium.

Same engine, other content: fill, reload, plan, print to PDF, export and import, with nothing of the
Werkboek Digitale Inclusie showing up.
"""

from __future__ import annotations

import json

from playwright.sync_api import expect

from plan_helpers import core_flow, fill_everything, pdf_text, sheet_url, squash, stub_print


def test_fill_reload_plan_print_export_and_import(page, second_workbook, tmp_path):
    site, url = second_workbook
    manifest = json.loads((site / "assets/werkboek/manifest.json").read_text(encoding="utf-8"))
    filler, printed = core_flow(page, site, url, manifest, tmp_path)
    # The footer on every printed page names this workbook and its own plan page.
    assert "Werkboek Samenwerken met Scholen – Jouw overzicht – werkmap Mijn werkmap" in printed
    assert "Werkblad A: Waar sta je?" in printed and "Werkblad B: Afspraken" in printed
    assert "Digitale Inclusie" not in printed and "Werkblad 1" not in printed and "Gemeente" not in printed
    # Its table and its follow-up, back from the imported back-up.
    page.goto(sheet_url(url, manifest["worksheets"][-1]))
    assert page.locator("#wb-b-afspraken--1--wat").input_value() in filler.shown["b-afspraken"]
    page.goto(sheet_url(url, manifest["worksheets"][0]))
    assert page.locator("#wb-a-eerder-wat").input_value() == filler.shown["a-eerder-wat"][0]


def test_its_own_handout_prints_its_chosen_answers(page, second_workbook, tmp_path):
    site, url = second_workbook
    manifest = json.loads((site / "assets/werkboek/manifest.json").read_text(encoding="utf-8"))
    filler = fill_everything(page, url, manifest)
    stub_print(page)
    page.goto(url + manifest["plan"]["url"])
    page.get_by_role("button", name="Afsprakenkaart afdrukken").click()
    page.wait_for_function("() => window.__printed === 1")
    printed = squash(pdf_text(page.pdf(format="A4"), tmp_path))
    assert printed.startswith("Afsprakenkaart") and "Op de school" in printed and "Onze afspraken" in printed
    for field_id in ("kop-school", "kop-team", "a-contact", "a-groepen", "b-afspraken", "b-vorm"):
        for expected in filler.shown[field_id]:
            assert expected in printed, f"{field_id}: {expected!r}"
    assert filler.shown["a-eerder-wat"][0] not in printed  # not chosen for the handout
    assert "Gespreksnotitie" not in printed and "Contactpersoon" not in printed and "Gemeente" not in printed


def test_a_label_that_ends_in_a_question_mark_gets_no_colon(page, second_workbook, tmp_path):
    """Its header asks "Voor welke school?" (as the engine's default "Voor wie is dit plan?" does): the
    blank forms, the text export and the Word file put the answer after it without a colon ("?:")."""
    import docx

    site, url = second_workbook
    manifest = json.loads((site / "assets/werkboek/manifest.json").read_text(encoding="utf-8"))
    page.goto(sheet_url(url, manifest["worksheets"][0]))
    page.fill("#wb-kop-school", "De Regenboog")
    page.fill("#wb-kop-team", "Team Noord")
    stub_print(page)
    page.goto(url + manifest["plan"]["url"])
    page.get_by_role("button", name="Lege werkbladen afdrukken").click()
    page.wait_for_function("() => window.__printed === 1")
    labels = page.locator(".wb-blank__header-label").all_inner_texts()
    assert labels[:3] == ["Voor welke school?", "Jouw team of vestiging:", "Ingevuld op:"], labels
    with page.expect_download() as info:
        page.get_by_role("button", name="Antwoorden als tekst downloaden").click()
    info.value.save_as(tmp_path / "plan.txt")
    lines = (tmp_path / "plan.txt").read_text(encoding="utf-8").splitlines()
    assert "Voor welke school? De Regenboog" in lines and "Jouw team of vestiging: Team Noord" in lines
    with page.expect_download() as info:
        page.get_by_role("button", name="Alle antwoorden als Word-bestand").click()
    info.value.save_as(tmp_path / "plan.docx")
    paragraphs = [p.text for p in docx.Document(str(tmp_path / "plan.docx")).paragraphs]
    assert "Voor welke school? De Regenboog" in paragraphs and "Jouw team of vestiging: Team Noord" in paragraphs
    assert not [p for p in paragraphs + lines if "?:" in p]


def test_the_status_line_link_works_straight_after_typing(page, second_workbook):
    """Typing and then clicking "Andere werkmap kiezen": the click's mousedown leaves the field, its
    change redraws the status line, and a link drawn anew under the pointer gets no click (the user
    stayed on the worksheet). The line keeps its link, so the first click goes to the werkmappen."""
    site, url = second_workbook
    manifest = json.loads((site / "assets/werkboek/manifest.json").read_text(encoding="utf-8"))
    page.goto(sheet_url(url, manifest["worksheets"][0]))
    page.wait_for_selector("html.wb-js")
    page.fill("#wb-kop-team", "Team Noord")
    page.get_by_role("link", name="Andere werkmap kiezen").click()
    page.wait_for_url(url + manifest["plan"]["url"] + "#wb-werkmappen", timeout=5000)
    expect(page.locator("#wb-werkmappen")).to_be_visible()  # instant navigation swaps the content after the address
