"""Werkmappen, export and import (issue 4), in Chromium via Playwright against the real build.

Export -> clear -> import gives back the same answers; the readable export holds every answer;
hostile files change nothing, run nothing and pollute nothing; werkmappen are isolated.
"""

from __future__ import annotations

import datetime
import json
import re

import pytest
from playwright.sync_api import expect

from plan_helpers import seed_everything, sheet_url, squash, stored_sets

pytestmark = pytest.mark.reference  # about this repository's own workbook (conftest.py)


PLAN = "mijn-plan/"


def sheets_by_id(manifest):
    return {sheet["id"]: sheet for sheet in manifest["worksheets"]}


def accept_dialogs(page, answers: list[bool] | None = None):
    """Answer native confirm() dialogs (True = OK); records their messages."""
    seen = []
    replies = list(answers or [])

    def handle(dialog):
        seen.append(dialog.message)
        if replies and not replies.pop(0):
            dialog.dismiss()
        else:
            dialog.accept()
    page.on("dialog", handle)
    return seen


def export_json(page, tmp_path):
    with page.expect_download() as info:
        page.get_by_role("button", name="Back-up downloaden (bestand)").first.click()
    download = info.value
    target = tmp_path / download.suggested_filename
    download.save_as(target)
    return download.suggested_filename, target


def choose_file(page, name: str, content: bytes):
    page.locator("[data-wb-import-file]").set_input_files(
        {"name": name, "mimeType": "application/json", "buffer": content})


def all_storage(page) -> dict:
    return page.evaluate("() => Object.fromEntries(Object.keys(localStorage).map(k => [k, localStorage.getItem(k)]))")


def test_export_clear_import_gives_back_the_same_answers(page, site_url, manifest, tmp_path):
    filler = seed_everything(page, site_url, manifest)
    page.goto(sheet_url(site_url, sheets_by_id(manifest)["werkblad-3"]))
    page.locator("#wb-w3-planning").fill("regel een\nregel twee\n\n  met spaties  ")
    filler.shown.pop("w3-planning")
    page.goto(site_url + PLAN)
    before = stored_sets(page)["Mijn werkmap"]
    assert len(before) > 60

    name, path = export_json(page, tmp_path)
    today = datetime.date.today().isoformat()
    library, municipality = filler.shown["kop-bibliotheek"][0], filler.shown["kop-gemeente"][0]
    assert name == f"{manifest['storageKey']}-{library}-{municipality}-{today}.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["format"] == "werkboek-antwoorden" and data["schema"] == 1
    assert data["workbook"] == manifest["storageKey"] and data["set"]["name"] == "Mijn werkmap"
    assert data["answers"] == before
    expect(page.locator("[data-wb-sets] [data-wb-backup-reminder]")).not_to_contain_text("geen back-up")

    dialogs = accept_dialogs(page)
    page.get_by_role("button", name="Alle antwoorden in deze werkmap wissen").click()
    assert dialogs and "wissen" in dialogs[0]
    assert stored_sets(page)["Mijn werkmap"] == {}
    plan_text = page.locator("[data-wb-plan]").inner_text()
    assert all(token not in plan_text for token in filler.tokens())

    choose_file(page, name, path.read_bytes())
    preview = page.locator("[data-wb-import-preview]")
    preview.wait_for(state="visible")
    expect(preview).to_contain_text("Nieuw ingevuld")
    assert stored_sets(page)["Mijn werkmap"] == {}, "de preview mag nog niets veranderen"
    preview.get_by_role("button", name=re.compile("^Vervang de antwoorden")).click()
    assert len(dialogs) == 2 and "vervangen" in dialogs[1]
    assert stored_sets(page)["Mijn werkmap"] == before
    plan_text = page.locator("[data-wb-plan]").inner_text()
    for token in filler.tokens():
        assert token in plan_text
    page.goto(sheet_url(site_url, sheets_by_id(manifest)["werkblad-3"]))
    assert page.locator("#wb-w3-planning").input_value() == "regel een\nregel twee\n\n  met spaties  "


def test_import_as_new_werkmap_keeps_the_active_one(page, site_url, manifest, tmp_path):
    sheet = sheets_by_id(manifest)["werkblad-1"]
    page.goto(sheet_url(site_url, sheet))
    page.locator("#wb-w1-agenda").fill("eerste werkmap")
    page.goto(site_url + PLAN)
    _, path = export_json(page, tmp_path)
    page.goto(sheet_url(site_url, sheet))
    page.locator("#wb-w1-agenda").fill("later veranderd")
    page.goto(site_url + PLAN)
    choose_file(page, "terug.json", path.read_bytes())
    preview = page.locator("[data-wb-import-preview]")
    preview.wait_for(state="visible")
    expect(preview).to_contain_text("Ander antwoord")
    preview.get_by_role("button", name="Zet terug als nieuwe werkmap").click()
    sets = stored_sets(page)
    assert sets["Mijn werkmap"]["w1-agenda"] == "later veranderd"
    assert sets["Mijn werkmap (2)"]["w1-agenda"] == "eerste werkmap"
    expect(page.locator("[data-wb-active-set]")).to_contain_text("Mijn werkmap (2)")
    expect(page.locator("[data-wb-answer='w1-agenda']")).to_contain_text("eerste werkmap")


def test_readable_export_contains_every_answer(page, site_url, manifest, tmp_path):
    filler = seed_everything(page, site_url, manifest)
    page.goto(site_url + PLAN)
    with page.expect_download() as info:
        page.get_by_role("button", name="Antwoorden als tekst downloaden").click()
    assert info.value.suggested_filename.endswith(".txt")
    path = tmp_path / "plan.txt"
    info.value.save_as(path)
    text = path.read_text(encoding="utf-8")
    for field_id, texts in filler.shown.items():
        for expected in texts:
            assert expected in text, f"{expected!r} ({field_id}) ontbreekt in de tekstversie"
    for sheet in manifest["worksheets"]:
        assert sheet["title"].upper() in text
    assert "Nog niet ingevuld" not in text


def hostile_files():
    big = b'{"format": "werkboek-antwoorden", "schema": 1, "answers": {"w1-agenda": "' + b"x" * (5 * 1024 * 1024) + b'"}}'
    return {
        "ongeldige json": (b'{"format": "werkboek-antwoorden", "answers": {', "niet lezen"),
        "verkeerde vorm": (b'[1, 2, 3]', "geen back-up"),
        "ander formaat": (json.dumps({"format": "iets-anders", "schema": 1, "answers": {}}).encode(), "geen back-up"),
        "nieuwere versie": (json.dumps({"format": "werkboek-antwoorden", "schema": 99, "answers": {}}).encode(), "nieuwere versie"),
        "antwoorden geen object": (json.dumps({"format": "werkboek-antwoorden", "schema": 1, "answers": "x"}).encode(), "geen antwoorden"),
        "5 MB": (big, "te groot"),
    }


@pytest.mark.parametrize("case", list(hostile_files()))
def test_broken_or_hostile_file_changes_nothing_and_says_why(page, site_url, manifest, case):
    content, message = hostile_files()[case]
    page.goto(sheet_url(site_url, sheets_by_id(manifest)["werkblad-1"]))
    page.locator("#wb-w1-agenda").fill("mijn eigen antwoord")
    page.goto(site_url + PLAN)
    before = all_storage(page)
    choose_file(page, "bestand.json", content)
    error = page.locator("[data-wb-import-error]")
    error.wait_for(state="visible")
    expect(error).to_contain_text(message)
    expect(error).to_contain_text("Er is niets veranderd")
    assert error.get_attribute("role") == "alert"
    assert page.locator("[data-wb-import-preview]").is_hidden()
    assert all_storage(page) == before
    expect(page.locator("[data-wb-answer='w1-agenda']")).to_contain_text("mijn eigen antwoord")


def test_proto_payload_and_html_answers_run_nothing_and_pollute_nothing(page, site_url, manifest):
    page.goto(sheet_url(site_url, sheets_by_id(manifest)["werkblad-1"]))
    page.locator("#wb-w1-agenda").fill("mijn eigen antwoord")
    page.goto(site_url + PLAN)
    before = stored_sets(page)
    hostile = '<img src=x onerror="window.__pwned=1">'
    payload = ('{"format": "werkboek-antwoorden", "schema": 1, "__proto__": {"polluted": "ja"},'
               ' "set": {"name": "<b onmouseover=alert(1)>Aanval</b>", "constructor": {"prototype": {"polluted": "ja"}}},'
               ' "answers": {"__proto__": {"polluted": "ja"}, "constructor": {"prototype": {"polluted": "ja"}},'
               f' "w1-agenda": {json.dumps(hostile)}, "w1-relatie": "gewoon", "Rare Sleutel!": "weg",'
               ' "w1-aanspreekpunt": [{"naam": "<script>window.__pwned=2</script>", "__proto__": {"polluted": "ja"}}]}}')
    choose_file(page, "aanval.json", payload.encode())
    preview = page.locator("[data-wb-import-preview]")
    preview.wait_for(state="visible")
    expect(preview).to_contain_text(re.compile(r"\d+ onderdelen van dit bestand horen niet in een back-up"))
    expect(preview).to_contain_text("<b onmouseover=alert(1)>Aanval</b>")
    assert preview.locator("b, img, script").count() == 0
    preview.get_by_role("button", name="Zet terug als nieuwe werkmap").click()

    sets = stored_sets(page)
    assert sets["Mijn werkmap"] == before["Mijn werkmap"], "de bestaande werkmap is veranderd"
    imported = sets["<b onmouseover=alert(1)>Aanval</b>"]
    assert imported == {"w1-agenda": hostile, "w1-relatie": "gewoon",
                        "w1-aanspreekpunt": [{"naam": "<script>window.__pwned=2</script>"}]}
    row = page.locator("[data-wb-answer='w1-agenda']")
    expect(row).to_contain_text(hostile)
    assert page.locator("[data-wb-plan] img, [data-wb-plan] script, [data-wb-sets] b").count() == 0
    page.goto(sheet_url(site_url, sheets_by_id(manifest)["werkblad-1"]))
    assert page.locator("#wb-w1-agenda").input_value() == hostile
    assert page.evaluate("window.__pwned") is None
    assert page.evaluate("({}).polluted === undefined && Object.prototype.polluted === undefined")


def test_werkmappen_are_isolated_and_deleting_one_keeps_the_others(page, site_url, manifest):
    sheet = sheets_by_id(manifest)["werkblad-1"]
    page.goto(sheet_url(site_url, sheet))
    page.locator("#wb-w1-agenda").fill("standaard")
    page.goto(site_url + PLAN)
    for name in ("Gemeente Noord", "Gemeente Zuid"):
        page.get_by_label("Nieuwe werkmap maken").fill(name)
        page.get_by_role("button", name="Werkmap maken").click()
        expect(page.locator("[data-wb-active-set]")).to_contain_text(name)
        page.goto(sheet_url(site_url, sheet))
        status = page.locator("[data-wb-worksheet-status]")
        expect(status).to_contain_text(name)
        expect(status).to_contain_text("0 van")
        assert page.locator("#wb-w1-agenda").input_value() == ""
        page.locator("#wb-w1-agenda").fill(f"agenda {name}")
        page.locator("#wb-kop-gemeente").fill(name)
        page.goto(site_url + PLAN)

    # Switch: the worksheet shows the other werkmap's answers.
    page.get_by_role("button", name="Open werkmap Gemeente Noord").click()
    expect(page.locator("[data-wb-active-set]")).to_contain_text("Gemeente Noord")
    expect(page.locator("[data-wb-answer='w1-agenda']")).to_contain_text("agenda Gemeente Noord")
    page.goto(sheet_url(site_url, sheet))
    assert page.locator("#wb-w1-agenda").input_value() == "agenda Gemeente Noord"

    # Rename the active one.
    page.goto(site_url + PLAN)
    page.get_by_label("Naam van de werkmap waarin je nu werkt").fill("Gemeente Noord-Oost")
    page.get_by_role("button", name="Naam opslaan").click()
    expect(page.locator("[data-wb-active-set]")).to_contain_text("Gemeente Noord-Oost")

    # Delete: cancelling keeps it; confirming removes only that werkmap.
    dialogs = accept_dialogs(page, [False, True])
    page.get_by_role("button", name="Verwijder werkmap Gemeente Zuid").click()
    assert "Gemeente Zuid" in stored_sets(page)
    page.get_by_role("button", name="Verwijder werkmap Gemeente Zuid").click()
    assert len(dialogs) == 2 and "Gemeente Zuid" in dialogs[1]
    sets = stored_sets(page)
    assert set(sets) == {"Mijn werkmap", "Gemeente Noord-Oost"}
    assert sets["Mijn werkmap"]["w1-agenda"] == "standaard"
    assert sets["Gemeente Noord-Oost"]["w1-agenda"] == "agenda Gemeente Noord"
    expect(page.locator("[data-wb-set-list]")).not_to_contain_text("Gemeente Zuid")
    keys = page.evaluate("Object.keys(localStorage)")
    assert len([k for k in keys if ":werkmap:" in k]) == 2, "de verwijderde werkmap staat nog in de opslag"


def test_backup_reminder_until_an_export(page, site_url, manifest, tmp_path):
    page.goto(site_url)
    expect(page.locator("[data-wb-progress]")).to_contain_text("nog geen back-up")
    expect(page.locator("[data-wb-progress]")).not_to_contain_text("Let op")
    page.goto(sheet_url(site_url, sheets_by_id(manifest)["werkblad-1"]))
    page.locator("#wb-w1-agenda").fill("iets")
    page.goto(site_url)
    reminder = page.locator("[data-wb-progress] [data-wb-backup-reminder]")
    expect(reminder).to_contain_text("Let op")
    page.goto(site_url + PLAN)
    export_json(page, tmp_path)
    text = squash(page.locator("[data-wb-sets] [data-wb-backup-reminder]").inner_text())
    assert "Let op" not in text and re.search(r"laatste back-up .* op \d{1,2} \w+ \d{4}", text)
    page.goto(sheet_url(site_url, sheets_by_id(manifest)["werkblad-1"]))
    page.locator("#wb-w1-agenda").fill("iets anders")
    page.goto(site_url)
    expect(reminder).to_contain_text("veranderd na je laatste back-up")
    # The browser was asked once to keep this site's storage.
    assert page.evaluate(f"localStorage.getItem('{manifest['storageKey']}:opslag-gevraagd')") is not None


def test_export_works_after_instant_navigation_to_the_plan(page, site_url, tmp_path):
    """Export and import load only on the plan page: also when it is reached without a page load."""
    page.goto(site_url)
    page.evaluate("window.__sameDocument = true")
    page.locator(".md-sidebar--primary").get_by_role("link", name="Mijn plan", exact=True).click()
    page.wait_for_url(re.compile(r"/mijn-plan/$"))
    name, target = export_json(page, tmp_path)
    assert page.evaluate("window.__sameDocument === true"), "navigation was not instant"
    assert name.endswith(".json")
    assert json.loads(target.read_text(encoding="utf-8"))["format"] == "werkboek-antwoorden"


def first_field(manifest, test):
    return next(f for sheet in manifest["worksheets"] for f in sheet["fields"] if test(f))


def test_import_checks_every_answer_against_its_field(page, site_url, manifest):
    """Answers of the wrong shape are left out and counted; answers to unknown questions are kept."""
    multi = first_field(manifest, lambda f: f["shape"] == "list")
    text = first_field(manifest, lambda f: f["kind"] == "text")
    table = first_field(manifest, lambda f: f["shape"] == "rows")
    choice = first_field(manifest, lambda f: f["kind"] == "choice")
    good = first_field(manifest, lambda f: f["kind"] == "long")
    column = table["columns"][0]["id"]
    answers = {multi["id"]: multi["options"][0]["value"],       # a string where a list belongs
               text["id"]: ["een", "lijst"],                     # a list where a text belongs
               table["id"]: "geen tabel",                        # a string where rows belong
               choice["id"]: "bestaat-niet",                     # an option the field does not have
               good["id"]: "dit klopt",
               "vraag-die-weg-is": "blijft bewaard"}
    backup = {"format": "werkboek-antwoorden", "schema": 1, "set": {"name": "Vormen"}, "answers": answers}
    page.goto(site_url + PLAN)
    choose_file(page, "vormen.json", json.dumps(backup).encode())
    preview = page.locator("[data-wb-import-preview]")
    preview.wait_for(state="visible")
    expect(preview).to_contain_text("Let op: 4 antwoorden passen niet bij de vraag")
    expect(preview).to_contain_text("1 antwoord hoort bij een vraag die niet meer in het werkboek staat")
    preview.get_by_role("button", name="Zet terug als nieuwe werkmap").click()
    assert stored_sets(page)["Vormen"] == {good["id"]: "dit klopt", "vraag-die-weg-is": "blijft bewaard"}

    # Table rows: only known columns, text values, and options of choice columns.
    table = first_field(manifest, lambda f: f["shape"] == "rows" and any(c["kind"] == "choice" for c in f["columns"]))
    column = table["columns"][0]["id"]
    choice_column = next(c for c in table["columns"] if c["kind"] == "choice")
    rows_ok = [{column: "rij", choice_column["id"]: choice_column["options"][0]["value"]}]
    for rows in ([{"onbekende-kolom": "x"}], [{column: 5}], [{choice_column["id"]: "geen-optie"}], rows_ok):
        result = page.evaluate("""text => { const r = Werkboek.transfer.check(text);
                                            return {answers: r.answers, wrong: r.wrong}; }""",
                               json.dumps({**backup, "answers": {table["id"]: rows}}))
        expected = ({table["id"]: rows}, 0) if rows is rows_ok else ({}, 1)
        assert (result["answers"], result["wrong"]) == expected, rows


# -- Found by the import fuzzer (tests/test_import_fuzz.py) ----------------------------------------

def test_a_backup_whose_date_is_an_object_still_shows_its_preview(page, site_url):
    """"exported": {"toString": ...} made new Date() throw: the user saw "cannot use" instead."""
    console = []
    page.on("console", lambda message: console.append(message.text) if message.type == "error" else None)
    page.goto(site_url + PLAN)
    backup = {"format": "werkboek-antwoorden", "schema": 1, "exported": {"toString": [], "valueOf": 1},
              "answers": {"w1-agenda": "uit het bestand"}}
    choose_file(page, "raar.json", json.dumps(backup).encode())
    preview = page.locator("[data-wb-import-preview]")
    preview.wait_for(state="visible")
    expect(preview).to_contain_text("Werkmap zonder naam, met 1 antwoord.")
    expect(page.locator("[data-wb-import-error]")).to_have_text("")
    assert console == []


def test_a_date_field_takes_only_a_date(page, site_url, manifest):
    """A date question (and a table's date column) keeps yyyy-mm-dd or nothing; other text is wrong."""
    date = next(f for f in manifest["header"] if f["kind"] == "date")
    table = first_field(manifest, lambda f: f["shape"] == "rows" and any(c["kind"] == "date" for c in f["columns"]))
    page.goto(site_url + PLAN)
    page.evaluate("new Promise(done => Werkboek.load('transfer', done))")
    check = "text => { const r = Werkboek.transfer.check(text); return {answers: r.answers, wrong: r.wrong}; }"
    for value, fits in [("2026-03-14", True), ("", True), ("14-03-2026", False), ("morgen", False),
                        ("2026-13-01", False), ("<b>2026-03-14</b>", False), ("2026-03-14\n", False)]:
        backup = {"format": "werkboek-antwoorden", "schema": 1, "answers": {date["id"]: value}}
        result = page.evaluate(check, json.dumps(backup))
        assert (result["answers"], result["wrong"]) == (({date["id"]: value}, 0) if fits else ({}, 1)), value
    column = next(c["id"] for c in table["columns"] if c["kind"] == "date")
    for value, fits in [("2026-03-14", True), ("volgende week", False)]:
        backup = {"format": "werkboek-antwoorden", "schema": 1, "answers": {table["id"]: [{column: value}]}}
        result = page.evaluate(check, json.dumps(backup))
        assert (result["answers"] != {}) == fits, value
