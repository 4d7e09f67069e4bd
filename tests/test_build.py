"""The real `mkdocs build --strict`: of the site itself, and of small fixture sites with mistakes."""

from __future__ import annotations

import json
import os
import re
from urllib.parse import urlsplit

import pytest

from conftest import REFERENCE_STORAGE_KEY, ROOT, SECOND_WORKBOOK, build_site, fixture_site, storage_key

from macros.model import lock_of

WORKSHEET = '{{ worksheet("blad", "Blad") }}\n\n'


@pytest.mark.reference
def test_the_site_builds_strictly_and_writes_its_manifest(built_site, manifest):
    assert manifest["schema"] == 2
    assert manifest["storageKey"] == "werkboek-digitale-inclusie"
    assert manifest["title"] == "Werkboek Digitale Inclusie"  # site_name
    assert manifest["plan"] == {"url": "mijn-plan/", "title": "Mijn plan"}  # where plan() is
    assert [s["title"] for s in manifest["worksheets"]] == [
        "Werkblad 1: Gemeentelandschap", "Werkblad 2: Randvoorwaarden", "Werkblad 3: Plan van aanpak"]
    verdicts = [f for s in manifest["worksheets"] for f in s["fields"] if f.get("role") == "verdict"]
    assert [f["id"] for f in verdicts] == [f"w2-stap-{n}-oordeel" for n in range(1, 7)]
    for verdict in verdicts:  # today's stored values keep working
        assert [(o["value"], o["tone"]) for o in verdict["options"]] == [
            ("op-orde", "good"), ("deels", "partly"), ("nog-niet-inzichtelijk", "open")]
    script = (built_site / "assets/werkboek/manifest.js").read_text(encoding="utf-8")
    assert json.loads(script.split("=", 1)[1].rstrip().rstrip(";")) == manifest
    ids = [f["id"] for sheet in manifest["worksheets"] for f in sheet["fields"]]
    assert ids and len(ids) == len(set(ids))
    for sheet in manifest["worksheets"]:
        html = (built_site / sheet["url"] / "index.html").read_text(encoding="utf-8")
        assert f'data-wb-worksheet="{sheet["id"]}"' in html
        for item in sheet["fields"]:
            assert f'data-wb-field="{item["id"]}"' in html, f"{item['id']} missing on {sheet['url']}"
        assert "wbtoken" not in html, "a field token was left in the page"


def test_search_finds_the_questions_and_not_the_engine_around_them(built_site, manifest):
    """The search index has every worksheet's questions, but not the status line (a token until
    the page is finished), the print buttons, the table controls or the notes for browsers
    without JavaScript: results and their excerpts show the workbook's content."""
    index = json.loads((built_site / "search/search_index.json").read_text(encoding="utf-8"))
    text = " ".join(doc["title"] + " " + doc["text"] for doc in index["docs"])
    for chrome in ("wbtoken", "Je werkt in werkmap", "Werkblad afdrukken met antwoorden", "Rij toevoegen", "Kies…",
                   "als JavaScript aanstaat"):
        assert chrome not in text, chrome
    for sheet in manifest["worksheets"]:
        question = next(f for f in sheet["fields"] if not f["parent"] and f["kind"] != "table")
        assert question["label"] in text, question["id"]


def test_the_lock_is_up_to_date_with_the_content(manifest):
    """After a deliberate change, `./dev lock` records it; this fails until someone did. A new
    workbook has no lock until it is published (README)."""
    if not (ROOT / "werkboek.lock.json").is_file() and storage_key() != REFERENCE_STORAGE_KEY:
        pytest.skip("nog geen werkboek.lock.json: voer ./dev lock uit zodra het werkboek gepubliceerd is")
    locked = json.loads((ROOT / "werkboek.lock.json").read_text(encoding="utf-8"))
    assert locked == lock_of(manifest), "werkboek.lock.json is out of date: run ./dev lock"


def build_fixture(tmp_path, pages, **env):
    config = fixture_site(tmp_path / "src", pages)
    return build_site(tmp_path / "out", "http://127.0.0.1:8000/", config=config, **env), tmp_path / "out"


def test_duplicate_id_stops_the_build_naming_file_and_id(tmp_path):
    result, _ = build_fixture(tmp_path, {
        "een.md": "# Een\n\n" + WORKSHEET + '{{ text("dubbel-id", "Vraag een") }}\n',
        "twee.md": '# Twee\n\n{{ worksheet("blad-2", "Blad 2") }}\n\n{{ long("dubbel-id", "Vraag twee") }}\n',
    })
    assert result.returncode != 0
    assert "'dubbel-id'" in result.stderr
    assert "een.md" in result.stderr and "twee.md" in result.stderr


def test_content_mistakes_stop_the_build_with_page_and_id(tmp_path):
    for number, (call, message) in enumerate([
        ('{{ slider("w-a", "Vraag") }}', "slider"),  # unknown macro: on_undefined strict
        ('{{ table("w-tabel", "Tabel", columns=[]) }}', "minstens één kolom"),
        ('{{ choice("w-keuze", "Kies", options=[]) }}', "keuzes (options) is leeg"),
        ('{{ text("w-leeg", "") }}', "er ontbreekt een label"),
        ('{{ diagnose("blad") }}', "'blad' is geen werkblad met oordelen"),
    ]):
        result, _ = build_fixture(tmp_path / str(number), {"blad.md": "# Blad\n\n" + WORKSHEET + call + "\n"})
        assert result.returncode != 0, call
        assert message in result.stderr, result.stderr[-2000:]
        if "slider" not in call:
            assert "blad.md" in result.stderr


def test_links_to_pages_in_hint_html_point_to_the_built_pages(tmp_path):
    """hint_html/label_html are HTML that Markdown never sees: a link to a page (uitleg/meer.md) gets
    the page's address as Markdown links do, on the site and in the offline copy (.html addresses);
    a link to a page that does not exist stops the build."""
    hint = 'Lees <a href="uitleg/meer.md#kop">meer</a> of <a href="https://example.org/x.md">elders</a>.'
    pages = {"blad.md": "# Blad\n\n" + WORKSHEET + f"{{{{ text(\"w-a\", \"Vraag\", hint_html='{hint}') }}}}\n",
             "uitleg/meer.md": "# Meer\n\n## Kop\n"}
    result, site = build_fixture(tmp_path / "site", pages)
    assert result.returncode == 0, result.stderr[-2000:]
    html = (site / "blad/index.html").read_text(encoding="utf-8")
    assert '<a href="../uitleg/meer/#kop">meer</a>' in html and 'href="https://example.org/x.md"' in html
    config = fixture_site(tmp_path / "offline" / "src", pages)
    config.write_text(config.read_text(encoding="utf-8") + "use_directory_urls: false\n", encoding="utf-8")
    result = build_site(tmp_path / "offline" / "out", "http://127.0.0.1:8000/", config=config)
    assert result.returncode == 0, result.stderr[-2000:]
    assert '<a href="uitleg/meer.html#kop">meer</a>' in (tmp_path / "offline/out/blad.html").read_text(encoding="utf-8")
    pages["blad.md"] = pages["blad.md"].replace("uitleg/meer.md", "uitleg/weg.md")
    result, _ = build_fixture(tmp_path / "missing", pages)
    assert result.returncode != 0
    assert "Fout in blad.md, regel 5, veld 'w-a': de link naar uitleg/weg.md wijst naar een pagina die niet bestaat." in result.stderr


@pytest.mark.parametrize("call, message", [
    # an engine check: its message without a Python traceback, with the line
    ('{{ text("w-a", "Een") }}\n{{ text("w-a", "Twee") }}',
     "Fout in blad.md, regel 6: het id 'w-a' wordt twee keer gebruikt (op dezelfde pagina)."),
    ('{{ lang("w-a", "Vraag") }}', "Fout in blad.md, regel 5: de macro 'lang' bestaat niet. Bedoel je long?"),
    ('Schrijf {{ naam }} bovenaan.', "Zet dan {% raw %} ervoor en {% endraw %} erachter."),
    ('{{ long("w-a", "Vraag?, hint="Uitleg") }}', "Kijk of elke tekst tussen twee aanhalingstekens staat"),
    ('{{ long("w-a", "Vraag", hint="Uitleg" }}', "of elk haakje dicht is"),
    ('{{ long(“w-a”, “Vraag”) }}', "niet tussen krullen zoals “ ” of ‘ ’."),
    ('{{ long("w-a", "Vraag", hint="Klik op "Opslaan"") }}', "Zet die tekst dan tussen ' en ', zoals 'Klik op \"Opslaan\"'."),
    ('{{ long("w-a", rows=3, "Vraag") }}', "Zet de instellingen met = (zoals hint=, rows= of was=) achter het id en de vraag."),
    ('{{ table("w-a", "Tabel", columns=[column("a", "A", was="b")]) }}', "column(...) kent de instelling was= niet."),
])
def test_a_typo_in_a_macro_call_gets_a_dutch_message_with_page_and_line(tmp_path, call, message):
    """Editors know Markdown, not Python: no traceback, no English parser message, but the page, the
    line (shown as well) and what to do."""
    result, _ = build_fixture(tmp_path, {"blad.md": "# Blad\n\n" + WORKSHEET + call + "\n"})
    assert result.returncode != 0
    assert message in result.stderr, result.stderr[-3000:]
    assert "Traceback" not in result.stderr and "Error_" not in result.stderr, result.stderr[-3000:]
    assert "\n    regel " in result.stderr  # the line itself, under the message


def test_fields_survive_admonitions_lists_and_multiline_calls(tmp_path):
    page = "# Blad\n\n" + WORKSHEET + """!!! tip "Tip"

    {{ yesno("w-janee", "Ja of nee?",
        ja=[long("w-welke", "Welke?")]) }}

    Tekst na het veld in de tip.

- Eerste punt:

    {{ table("w-tabel", "Tabel", columns=[
        column("a", "Kolom A"),
        column("b", "Kolom B", kind="long")]) }}

    Tekst na de tabel in de lijst.

Gewone alinea met *nadruk* erna.
"""
    result, out = build_fixture(tmp_path, {"blad.md": page})
    assert result.returncode == 0, result.stderr
    html = (out / "blad/index.html").read_text(encoding="utf-8")
    assert "<pre" not in html and "<code" not in html, "field HTML fell out of its block into a code block"
    admonition = html[html.index('class="admonition tip"'):]
    assert admonition.index('data-wb-field="w-janee"') < admonition.index("Tekst na het veld in de tip.")
    assert re.search(r"<p>Tekst na het veld in de tip\.</p>", html)
    content = html[html.index("<article"):]
    item = content[content.index("<li>"):content.index("</li>")]
    assert 'data-wb-field="w-tabel"' in item and "Tekst na de tabel in de lijst." in item
    assert "<p><div" not in html and "<em>nadruk</em>" in html


def test_manifest_is_in_navigation_order(tmp_path):
    pages = {  # nav order b, a; files render in alphabetical order
        "b.md": '# B\n\n{{ worksheet("blad-b", "B") }}\n\n{{ text("b-vraag", "Vraag B") }}\n',
        "a.md": '# A\n\n{{ worksheet("blad-a", "A") }}\n\n{{ text("a-vraag", "Vraag A") }}\n',
    }
    result, out = build_fixture(tmp_path, pages)
    assert result.returncode == 0, result.stderr
    manifest = json.loads((out / "assets/werkboek/manifest.json").read_text(encoding="utf-8"))
    assert [s["id"] for s in manifest["worksheets"]] == ["blad-b", "blad-a"]
    assert manifest["worksheets"][0]["url"] == "b/"


def test_a_worksheet_left_out_of_nav_stops_the_build(tmp_path):
    """An editor adds a worksheet page but not to nav: MkDocs only mentions it (in English, as INFO),
    while the plan and the progress would list the worksheet last, wherever it belongs."""
    config = fixture_site(tmp_path / "src", {
        "blad.md": "# Blad\n\n" + WORKSHEET + '{{ text("w-a", "Vraag") }}\n',
        "nieuw.md": '# Nieuw\n\n{{ worksheet("blad-nieuw", "Nieuw") }}\n\n{{ text("w-b", "Vraag") }}\n'})
    config.write_text(config.read_text(encoding="utf-8").replace("  - nieuw.md\n", ""), encoding="utf-8")
    result = build_site(tmp_path / "out", "http://127.0.0.1:8000/", config=config)
    assert result.returncode != 0
    assert "Fout in nieuw.md, veld 'blad-nieuw': dit werkblad staat niet onder nav: in mkdocs.yml." in result.stderr, \
        result.stderr[-2000:]


def test_links_to_field_anchors_are_checked(tmp_path):
    sheet = "# Blad\n\n" + WORKSHEET + '{{ long("w-vraag", "Vraag") }}\n'
    good, _ = build_fixture(tmp_path / "goed", {"blad.md": sheet, "link.md": "# Link\n\n[Naar de vraag](blad.md#wb-w-vraag--veld)\n"})
    assert good.returncode == 0, good.stderr
    bad, _ = build_fixture(tmp_path / "fout", {"blad.md": sheet, "link.md": "# Link\n\n[Naar de vraag](blad.md#wb-bestaat-niet)\n"})
    assert bad.returncode != 0 and "wb-bestaat-niet" in bad.stderr


def read_manifest(out):
    return json.loads((out / "assets/werkboek/manifest.json").read_text(encoding="utf-8"))


PUBLISHED = "# Blad\n\n" + WORKSHEET + """{{ choice("w-keuze", "Hoe gaat het?", options=["Goed", "Matig", "Slecht"]) }}

{{ text("w-naam", "Naam van het team") }}
"""


def rebuild_after_publishing(tmp_path, page):
    """Build PUBLISHED with `./dev lock`'s setting (writes the lock), then build the edited page."""
    locked, _ = build_fixture(tmp_path, {"blad.md": PUBLISHED}, WERKBOEK_WRITE_LOCK="1")
    assert locked.returncode == 0, locked.stderr
    assert (tmp_path / "src/werkboek.lock.json").is_file()
    (tmp_path / "src/docs/blad.md").write_text(page, encoding="utf-8")
    return build_site(tmp_path / "out", "http://127.0.0.1:8000/", config=tmp_path / "src/mkdocs.yml"), tmp_path / "out"


def test_a_removed_option_value_stops_the_build_naming_page_field_and_value(tmp_path):
    result, _ = rebuild_after_publishing(tmp_path, PUBLISHED.replace('"Matig", ', ""))
    assert result.returncode != 0
    assert "Fout in blad.md, veld 'w-keuze': de keuze met waarde 'matig' bestaat niet meer" in result.stderr
    assert "./dev lock" in result.stderr


def test_a_removed_or_retyped_field_stops_the_build(tmp_path):
    gone, _ = rebuild_after_publishing(tmp_path / "weg", PUBLISHED.replace('{{ text("w-naam", "Naam van het team") }}', ""))
    assert gone.returncode != 0 and "veld 'w-naam': dit veld staat in werkboek.lock.json maar bestaat niet meer" in gone.stderr
    retyped, _ = rebuild_after_publishing(tmp_path / "soort", PUBLISHED.replace('text("w-naam"', 'date("w-naam"'))
    assert retyped.returncode != 0 and "veld 'w-naam': het soort veld is veranderd van text naar date" in retyped.stderr
    widened, _ = rebuild_after_publishing(tmp_path / "ruimer", PUBLISHED.replace('text("w-naam"', 'long("w-naam"'))
    assert widened.returncode == 0, widened.stderr  # every stored line of text fits a box of lines


def test_a_relabelled_option_with_its_value_builds(tmp_path):
    result, out = rebuild_after_publishing(tmp_path, PUBLISHED.replace('"Matig"', 'option("Zo-zo", value="matig")'))
    assert result.returncode == 0, result.stderr
    options = read_manifest(out)["worksheets"][0]["fields"][0]["options"]
    assert {"value": "matig", "label": "Zo-zo"} in options


def test_renamed_field_and_value_with_was_build_and_are_in_the_manifest(tmp_path):
    page = PUBLISHED.replace('choice("w-keuze", "Hoe gaat het?", options=["Goed", "Matig", "Slecht"])',
                             'choice("w-gevoel", "Hoe gaat het?", was="w-keuze", '
                             'options=["Goed", option("Zo-zo", was="matig"), "Slecht"])')
    result, out = rebuild_after_publishing(tmp_path, page)
    assert result.returncode == 0, result.stderr
    assert read_manifest(out)["renames"] == {"fields": {"w-keuze": "w-gevoel"}, "values": {"w-gevoel": {"matig": "zo-zo"}}}
    html = (out / "blad/index.html").read_text(encoding="utf-8")
    assert 'name="w-gevoel" value="zo-zo"' in html


def test_dev_lock_records_a_deliberate_removal(tmp_path):
    result, _ = rebuild_after_publishing(tmp_path, PUBLISHED.replace('"Matig", ', ""))
    assert result.returncode != 0
    config = tmp_path / "src/mkdocs.yml"
    relocked = build_site(tmp_path / "out", "http://127.0.0.1:8000/", config=config, WERKBOEK_WRITE_LOCK="1")
    assert relocked.returncode == 0, relocked.stderr
    again = build_site(tmp_path / "out", "http://127.0.0.1:8000/", config=config)
    assert again.returncode == 0, again.stderr
    assert '"w-keuze": {"kind": "choice", "values": ["goed", "slecht"]}' in (tmp_path / "src/werkboek.lock.json").read_text()


def test_publishing_needs_every_question_in_the_lock(tmp_path):
    """A question published without ./dev lock is unprotected: a later change of its id would pass.
    Drafting builds only mention it; the publishing build (WERKBOEK_PUBLISH=1, set by the GitHub
    Pages workflow) stops, also without any lock."""
    config = tmp_path / "src/mkdocs.yml"
    fresh, _ = build_fixture(tmp_path / "nieuw", {"blad.md": PUBLISHED}, WERKBOEK_PUBLISH="1")
    assert fresh.returncode != 0 and "Nog geen werkboek.lock.json: voer ./dev lock uit" in fresh.stderr, fresh.stderr[-2000:]
    added, _ = rebuild_after_publishing(tmp_path, PUBLISHED + '\n{{ text("w-nieuw", "Een nieuwe vraag") }}\n')
    assert added.returncode == 0, added.stderr
    published = build_site(tmp_path / "out", "http://127.0.0.1:8000/", config=config, WERKBOEK_PUBLISH="1")
    assert published.returncode != 0
    assert "werkboek.lock.json loopt achter op de inhoud (nieuwe vragen of keuzes): voer ./dev lock uit" in published.stderr
    assert build_site(tmp_path / "out", "http://127.0.0.1:8000/", config=config, WERKBOEK_WRITE_LOCK="1").returncode == 0
    again = build_site(tmp_path / "out", "http://127.0.0.1:8000/", config=config, WERKBOEK_PUBLISH="1")
    assert again.returncode == 0, again.stderr
    workflow = (ROOT / ".github/workflows/pages.yml").read_text(encoding="utf-8")
    assert 'WERKBOEK_PUBLISH: "1"' in workflow and "run: ./dev build" in workflow


def test_a_lock_from_another_workbook_gives_one_message_that_says_what_to_do(tmp_path):
    """An editor starts a new workbook from a copy of this repository: the old lock is still there.
    One message, not one per old field; the same when a used workbook's storage_key changed."""
    result, _ = rebuild_after_publishing(tmp_path, PUBLISHED)
    assert result.returncode == 0, result.stderr
    config = tmp_path / "src/mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("storage_key: testwerkboek", "storage_key: nieuw-werkboek"),
                      encoding="utf-8")
    (tmp_path / "src/docs/blad.md").write_text("# Blad\n\n" + WORKSHEET + '{{ text("n-vraag", "Nieuwe vraag") }}\n',
                                              encoding="utf-8")
    moved = build_site(tmp_path / "out", "http://127.0.0.1:8000/", config=config)
    assert moved.returncode != 0
    assert ("werkboek.lock.json hoort bij een ander werkboek: daarin is storage_key 'testwerkboek', "
            "in mkdocs.yml staat 'nieuw-werkboek'. Begin je een nieuw werkboek? Haal dan werkboek.lock.json weg") in moved.stderr
    assert "w-keuze" not in moved.stderr, "the old workbook's fields are not this workbook's problem"
    (tmp_path / "src/werkboek.lock.json").unlink()
    fresh = build_site(tmp_path / "out", "http://127.0.0.1:8000/", config=config)
    assert fresh.returncode == 0, fresh.stderr


def test_a_workbook_words_the_engine_texts_in_its_own_way(tmp_path):
    """extra.werkboek.texts: in the page the build writes and in what the scripts draw; only what
    the scripts can show goes to the browser. A key the engine does not have stops the build."""
    config = fixture_site(tmp_path / "src", {
        "blad.md": "# Blad\n\n" + WORKSHEET + '{{ text("w-naam", "Naam") }}\n',
        "plan.md": "# Plan\n\n{{ plan() }}\n\n{{ werkmappen() }}\n"})
    own = 'texts: {sets.intro: "Maak per school een werkmap.", status.otherSet: "Andere map kiezen"}, '
    config.write_text(config.read_text(encoding="utf-8").replace("{storage_key: testwerkboek, ", "{storage_key: testwerkboek, " + own),
                      encoding="utf-8")
    result = build_site(tmp_path / "out", "http://127.0.0.1:8000/", config=config)
    assert result.returncode == 0, result.stderr
    assert "<p>Maak per school een werkmap.</p>" in (tmp_path / "out/plan/index.html").read_text(encoding="utf-8")
    assert "Andere map kiezen" in (tmp_path / "out/blad/index.html").read_text(encoding="utf-8")
    assert read_manifest(tmp_path / "out")["texts"] == {"status.otherSet": "Andere map kiezen"}
    config.write_text(config.read_text(encoding="utf-8").replace("status.otherSet", "status.anderSet"), encoding="utf-8")
    typo = build_site(tmp_path / "out", "http://127.0.0.1:8000/", config=config)
    assert typo.returncode != 0
    assert "Fout in mkdocs.yml (extra.werkboek.texts): de sleutel 'status.anderSet' bestaat niet." in typo.stderr


def test_a_workbook_can_have_no_header_fields(tmp_path):
    """header: [] in mkdocs.yml: no "Je gegevens" on the worksheets (without header: the default four)."""
    config = fixture_site(tmp_path / "src", {"blad.md": "# Blad\n\n" + WORKSHEET + '{{ text("w-naam", "Naam") }}\n'})
    config.write_text(config.read_text(encoding="utf-8").replace("{storage_key: testwerkboek, ", "{storage_key: testwerkboek, header: [], "),
                      encoding="utf-8")
    result = build_site(tmp_path / "out", "http://127.0.0.1:8000/", config=config)
    assert result.returncode == 0, result.stderr
    assert read_manifest(tmp_path / "out")["header"] == []
    html = (tmp_path / "out/blad/index.html").read_text(encoding="utf-8")
    assert "wb-header" not in html and "Je gegevens" not in html and 'data-wb-field="w-naam"' in html


def test_the_werkmappen_belong_on_the_plan_page(tmp_path):
    """The worksheets' "Andere werkmap kiezen" and the back-up reminder link to the werkmappen on the
    plan page: werkmappen() elsewhere, or a plan page without it, left those links pointing at
    nothing. The build says so; without a plan page werkmappen() may go on any page."""
    sheet = {"blad.md": "# Blad\n\n" + WORKSHEET + '{{ text("w-naam", "Naam") }}\n'}
    for name, pages, message in [
        ("elsewhere", {"plan.md": "# Plan\n\n{{ plan() }}\n", "bewaren.md": "# Bewaren\n\n{{ werkmappen() }}\n"},
         "Fout in bewaren.md: werkmappen() staat niet op de planpagina (plan.md)."),
        ("missing", {"plan.md": "# Plan\n\n{{ voortgang() }}\n\n{{ plan() }}\n"},
         "Fout in plan.md: op de planpagina ontbreekt werkmappen()."),
    ]:
        result, _ = build_fixture(tmp_path / name, {**sheet, **pages})
        assert result.returncode != 0, name
        assert message in result.stderr, result.stderr[-2000:]
    result, site = build_fixture(tmp_path / "no-plan", {**sheet, "bewaren.md": "# Bewaren\n\n{{ werkmappen() }}\n"})
    assert result.returncode == 0, result.stderr[-2000:]
    assert "data-wb-sets" in (site / "bewaren/index.html").read_text(encoding="utf-8")
    # The worksheet sends you there to choose another werkmap (it linked to no page before).
    assert read_manifest(site)["sets"] == {"url": "bewaren/"} and read_manifest(site)["plan"] is None
    assert 'href="../bewaren/#wb-werkmappen">Andere werkmap kiezen</a>' in (site / "blad/index.html").read_text(encoding="utf-8")
    # The progress list's back-up reminder links to the plan page's werkmappen: without one it
    # advised a back-up that no button or link on the page could make.
    result, _ = build_fixture(tmp_path / "progress", {**sheet, "start.md": "# Start\n\n{{ voortgang() }}\n"})
    assert result.returncode != 0
    assert "Fout in start.md: voortgang() raadt een back-up aan, maar" in result.stderr, result.stderr[-2000:]
    result, _ = build_fixture(tmp_path / "progress-sets", {**sheet, "start.md": "# Start\n\n{{ voortgang() }}\n\n{{ werkmappen() }}\n"})
    assert result.returncode == 0, result.stderr[-2000:]


def test_a_new_workbook_that_kept_this_storage_key_is_told_before_any_test_runs(tmp_path):
    """A copy without its own storage_key would run the tests about this repository's content on
    other content (and fail by the dozen): ./dev test stops first and says what to do."""
    from conftest import kept_reference_key
    (tmp_path / "mkdocs.yml").write_text(f"extra:\n  werkboek:\n    storage_key: {REFERENCE_STORAGE_KEY}\n",
                                         encoding="utf-8")
    assert "Geef het dan een eigen storage_key" in kept_reference_key(tmp_path)
    (tmp_path / "werkboek.lock.json").write_text("{}", encoding="utf-8")
    assert kept_reference_key(tmp_path) == ""
    (tmp_path / "mkdocs.yml").write_text("extra:\n  werkboek:\n    storage_key: eigen-werkboek\n", encoding="utf-8")
    (tmp_path / "werkboek.lock.json").unlink()
    assert kept_reference_key(tmp_path) == ""
    assert kept_reference_key() == ""  # this repository


def test_a_second_workbook_is_built_for_the_address_it_is_served_from(second_workbook):
    """Its mkdocs.yml names its own address (https://example.org/werkboeken/scholen/) plainly, as the
    README says; SITE_URL (tests, README "Publishing", GitHub Pages) still decides where the build
    points to: the canonical links, and the 404 page, whose links start at the site's root."""
    site, url = second_workbook
    path = urlsplit(url).path
    assert path != "/"  # served from a sub-folder
    start = (site / "werkbladen/blad-a/index.html").read_text(encoding="utf-8")
    assert f'<link rel="canonical" href="{url}werkbladen/blad-a/">' in start
    missing = (site / "404.html").read_text(encoding="utf-8")
    assets = re.findall(r'(?:href|src)="([^"]*assets/[^"]*)"', missing)
    assert assets and all(asset.startswith(path + "assets/") for asset in assets), assets
    assert "example.org" not in start + missing


def test_a_second_workbook_builds_with_the_same_engine(second_workbook):
    """tests/fixtures/tweede-werkboek: other title, storage key, header, plan page and worksheet names."""
    site, _ = second_workbook
    manifest = read_manifest(site)
    assert manifest["title"] == "Werkboek Samenwerken met Scholen"
    assert manifest["storageKey"] == "werkboek-samenwerken-scholen"
    assert manifest["plan"] == {"url": "overzicht/", "title": "Jouw overzicht"}
    assert [(h["id"], h["label"], h["kind"], h["role"]) for h in manifest["header"]] == [
        ("kop-school", "Voor welke school?", "text", "audience"),
        ("kop-team", "Jouw team of vestiging", "text", "organisation"),
        ("kop-ingevuld", "Ingevuld op", "date", "date")]
    assert [s["title"] for s in manifest["worksheets"]] == ["Werkblad A: Waar sta je?", "Werkblad B: Afspraken"]
    fields = [f for s in manifest["worksheets"] for f in s["fields"]]
    assert not any(f.get("role") for f in fields)  # no diagnosis
    assert [f["id"] for f in fields if f["kind"] == "table"] == ["b-afspraken"]
    assert [(f["id"], f["parent"], f["when"]) for f in fields if f["parent"]] == [("a-eerder-wat", "a-eerder", "ja")]
    page = (site / "werkbladen/blad-a/index.html").read_text(encoding="utf-8")
    for header in manifest["header"]:
        assert f'data-wb-field="{header["id"]}"' in page
    assert "kop-bibliotheek" not in page and "Digitale Inclusie" not in page
    # The engine's own wording is not this workbook's: no municipalities or libraries on any page.
    for built in site.rglob("*.html"):
        words = built.read_text(encoding="utf-8").lower()
        assert "gemeente" not in words and "bibliotheek" not in words, f"the first workbook's words in {built}"
    locked = json.loads((SECOND_WORKBOOK / "werkboek.lock.json").read_text(encoding="utf-8"))
    assert locked == lock_of(manifest), "tests/fixtures/tweede-werkboek/werkboek.lock.json is out of date"


def test_serving_reloads_the_page_and_survives_a_mistake(tmp_path, page):
    """./dev serve (mkdocs serve): saving a page reloads it in the browser by itself (MkDocs' live
    reload script runs under the policy); a mistake in a macro call fails that rebuild with its Dutch
    message, and the server rebuilds once the page is fixed, or when the example file changes."""
    import subprocess
    import sys
    import time

    from playwright.sync_api import expect

    from conftest import free_port

    source = tmp_path / "src" / "docs" / "blad.md"
    config = fixture_site(tmp_path / "src", {"blad.md": "# Blad\n\n" + WORKSHEET + '{{ text("w-a", "Vraag een") }}\n'})
    config.write_text(config.read_text(encoding="utf-8").replace(
        "glossary: includes/afkortingen.md", "glossary: includes/afkortingen.md, example: voorbeeld.yml"), encoding="utf-8")
    example = tmp_path / "src" / "voorbeeld.yml"
    example.write_text('naam: "Voorbeeld"\nantwoorden: {w-a: "goed"}\n', encoding="utf-8")
    port = free_port()
    log = tmp_path / "serve.log"
    violations = []
    page.on("console", lambda message: "Content Security Policy" in message.text and violations.append(message.text))

    def wait_for(condition, what):
        deadline = time.monotonic() + 30
        while not condition():
            assert server.poll() is None, f"the server stopped ({what}):\n{log.read_text(encoding='utf-8')[-2000:]}"
            assert time.monotonic() < deadline, f"timed out: {what}"
            time.sleep(0.1)

    with open(log, "w", encoding="utf-8") as output:
        server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--config-file", str(config),
                                   "--dev-addr", f"127.0.0.1:{port}"], cwd=ROOT, stdout=output, stderr=output,
                                  env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
        try:
            wait_for(lambda: "Serving on" in log.read_text(encoding="utf-8"), "the first build")
            page.goto(f"http://127.0.0.1:{port}/blad/")
            expect(page.locator("#wb-w-a")).to_have_count(1)
            source.write_text(source.read_text(encoding="utf-8") + '{{ text("w-a", "Vraag twee") }}\n', encoding="utf-8")
            wait_for(lambda: "wordt twee keer gebruikt" in log.read_text(encoding="utf-8"), "the mistake reported")
            source.write_text(source.read_text(encoding="utf-8").replace('text("w-a", "Vraag twee")', 'text("w-b", "Vraag twee")'),
                              encoding="utf-8")
            expect(page.locator("#wb-w-b")).to_have_count(1, timeout=30_000)  # reloaded by itself
            # The example file (outside docs/) is watched too.
            example.write_text('naam: "Voorbeeld"\nantwoorden: {w-c: "fout"}\n', encoding="utf-8")
            wait_for(lambda: "veld 'w-c': dit veld bestaat niet" in log.read_text(encoding="utf-8"), "the example checked")
            assert not violations
        finally:
            server.terminate()
            server.wait(timeout=10)
