"""Copying a werkmap for another municipality (Mijn plan, Werkmappen en back-up): the chosen
worksheets and header fields go into a new werkmap, the original stays as it was."""

from __future__ import annotations

import pytest

from playwright.sync_api import expect

from plan_helpers import seed_everything, stored_sets

pytestmark = pytest.mark.reference  # about this repository's own workbook (conftest.py)


def plan(page, site_url, manifest):
    page.goto(site_url + manifest["plan"]["url"])
    expect(page.locator("html.wb-js")).to_have_count(1)


def sheet_ids(manifest, sheet_id):
    return {f["id"] for s in manifest["worksheets"] if s["id"] == sheet_id for f in s["fields"]}


def header_ids(manifest, *roles):
    return {h["id"] for h in manifest["header"] if h["role"] in roles}


def copy(page, name):
    form = page.locator("[data-wb-copy-form]")
    form.get_by_label("Naam van de nieuwe werkmap").fill(name)
    form.get_by_role("button", name="Kopie maken").click()


def test_copy_takes_worksheet_2_and_the_library_and_leaves_the_original(page, site_url, manifest):
    seed_everything(page, site_url, manifest)
    original = stored_sets(page)["Mijn werkmap"]
    plan(page, site_url, manifest)
    choices = page.locator("[data-wb-copy-choices]")
    # The default: what mkdocs.yml and the worksheet calls mark (copy=True, header roles).
    expect(choices.get_by_label("Je gegevens: Naam")).to_be_checked()
    expect(choices.get_by_label("Je gegevens: Bibliotheek")).to_be_checked()
    expect(choices.get_by_label("Werkblad 2: Randvoorwaarden")).to_be_checked()
    expect(choices.get_by_label("Werkblad 1: Gemeentelandschap")).not_to_be_checked()
    expect(choices.get_by_label("Werkblad 3: Plan van aanpak")).not_to_be_checked()
    expect(choices.locator("input")).to_have_count(5)  # no municipality, no date

    copy(page, "Gemeente Oosterbroek")
    expect(page.locator("[data-wb-sets-message]")).to_contain_text(
        "Werkmap Gemeente Oosterbroek is gemaakt, met: Je gegevens: Naam, Je gegevens: Bibliotheek, "
        "Werkblad 2: Randvoorwaarden. Je werkt nu in werkmap Gemeente Oosterbroek. Werkmap Mijn werkmap blijft")
    expect(page.locator("[data-wb-active-set]")).to_have_text("Je werkt nu in werkmap Gemeente Oosterbroek.")
    expect(page.locator("[data-wb-active-set]")).to_be_focused()

    sets = stored_sets(page)
    taken = sheet_ids(manifest, "werkblad-2") | header_ids(manifest, "organisation", "contact")
    assert sets["Gemeente Oosterbroek"] == {i: v for i, v in original.items() if i in taken}
    assert any(i.startswith("w2-") for i in sets["Gemeente Oosterbroek"])
    assert sets["Mijn werkmap"] == original
    # The plan of the new werkmap: the library's answers are there, the municipality is not.
    expect(page.locator("[data-wb-answer='kop-bibliotheek']")).to_contain_text(original["kop-bibliotheek"])
    expect(page.locator("[data-wb-answer='kop-gemeente']")).to_contain_text("Nog niet ingevuld")
    expect(page.locator("[data-wb-answer='w1-agenda']")).to_contain_text("Nog niet ingevuld")

    page.locator("[data-wb-switch-set]").click()  # "Open" Mijn werkmap
    expect(page.locator("[data-wb-active-set]")).to_have_text("Je werkt nu in werkmap Mijn werkmap.")
    expect(page.locator("[data-wb-answer='w1-agenda']")).to_contain_text(original["w1-agenda"])
    assert stored_sets(page)["Mijn werkmap"] == original


def test_copy_with_another_choice_and_without_a_name(page, site_url, manifest):
    seed_everything(page, site_url, manifest)
    original = stored_sets(page)["Mijn werkmap"]
    plan(page, site_url, manifest)
    copy(page, "   ")
    expect(page.locator("[data-wb-sets-message]")).to_have_text("Vul eerst een naam in.")
    expect(page.locator("#wb-kopie-naam")).to_be_focused()
    choices = page.locator("[data-wb-copy-choices]")
    for label in ("Je gegevens: Naam", "Je gegevens: Bibliotheek", "Werkblad 2: Randvoorwaarden"):
        choices.get_by_label(label).uncheck()
    copy(page, "Niets")
    expect(page.locator("[data-wb-sets-message]")).to_have_text("Kies eerst wat je wilt meenemen naar de nieuwe werkmap.")
    assert list(stored_sets(page)) == ["Mijn werkmap"]

    choices.get_by_label("Werkblad 1: Gemeentelandschap").check()
    choices.get_by_label("Je gegevens: Bibliotheek").check()
    copy(page, "Alleen werkblad 1")
    expect(page.locator("[data-wb-active-set]")).to_have_text("Je werkt nu in werkmap Alleen werkblad 1.")
    taken = sheet_ids(manifest, "werkblad-1") | header_ids(manifest, "organisation")
    sets = stored_sets(page)
    assert sets["Alleen werkblad 1"] == {i: v for i, v in original.items() if i in taken}
    assert "kop-naam" not in sets["Alleen werkblad 1"]
    assert sets["Mijn werkmap"] == original
