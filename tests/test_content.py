"""Content tests: the workbook's questions, pages and glossary, read from the built site.

`built_site` (tests/conftest.py) is the folder of one real strict build. Its manifest lists every
worksheet field in workbook order; the mapping below ties every row of the workbook inventory
(../shared/workbook-inventory.md) to the field that asks it, so a missing question fails a test.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest

pytestmark = pytest.mark.reference  # about this repository's own workbook (conftest.py)

ROOT = Path(__file__).resolve().parents[1]
SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
GLOSSARY = ROOT / "includes" / "afkortingen.md"

# Inventory row -> the fields that ask it, as (field id, kind). "table.column" names a column of a
# table. A row may need several fields (a yes/no and its follow-up, for instance).
INVENTORY = {
    "werkblad-1": {
        "1 agenda of coalitieakkoord": [("w1-agenda", "long")],
        "2 aanspreekpunt bij de gemeente": [
            ("w1-aanspreekpunt", "table"), ("w1-aanspreekpunt.naam", "text"),
            ("w1-aanspreekpunt.afdeling", "text"), ("w1-aanspreekpunt.functie", "text"),
            ("w1-aanspreekpunt.mandaat", "long")],
        "3 resultaatdoelen van de gemeente": [
            ("w1-doelen", "yesno"), ("w1-doelen-welke", "long"), ("w1-doelen-wensen", "long")],
        "4 gemeenteraad": [("w1-gemeenteraad", "yesno"), ("w1-gemeenteraad-hoe", "long")],
        "5 huidige relatie (staat twee keer in de bron)": [("w1-relatie", "long")],
        "6 vaste overlegstructuur": [("w1-overleg", "yesno"), ("w1-overleg-wie", "long")],
        "7 relatie met de gemeente in het MT": [("w1-mt", "yesno"), ("w1-mt-hoe", "long")],
    },
    "werkblad-2": {
        "1.1 doelen in beleidsplan": [("w2-beleidsdoelen", "yesno"), ("w2-beleidsdoelen-welke", "long")],
        "1.2 eigen meerjarenplan": [("w2-eigen-plan", "yesno"), ("w2-eigen-plan-inhoud", "long")],
        "2.1 onderscheid met reguliere dienstverlening": [("w2-onderscheid", "long")],
        "2.2 diensten": [("w2-diensten", "multi"), ("w2-diensten-anders", "text")],
        "2.3 collectie": [("w2-collectie", "yesno"), ("w2-collectie-welke", "long")],
        "2.4 partners waarnaar je doorverwijst": [
            ("w2-partners", "table"), ("w2-partners.partner", "text"), ("w2-partners.waarvoor", "long")],
        "2.4.1 overzicht aanbod partners": [("w2-partneraanbod", "yesno")],
        "2.4.2 partners die naar jullie verwijzen": [("w2-partners.richting", "choice")],
        "2.4.3 gewenste partners": [("w2-gewenste-partners", "long")],
        "2.5 groepen of vragen buiten het aanbod": [
            ("w2-buiten-aanbod", "yesno"), ("w2-buiten-aanbod-welke", "long"),
            ("w2-buiten-aanbod-signalen", "long")],
        "3.1 functies, betaald of vrijwillig": [
            ("w2-functies", "table"), ("w2-functies.functie", "text"), ("w2-functies.betaald", "choice")],
        "3.2 taken, verantwoordelijkheden en bevoegdheden": [
            ("w2-functies.taken", "long"), ("w2-functies.verantwoordelijkheden", "long"),
            ("w2-functies.bevoegdheden", "long")],
        "3.3 voldoende uren": [
            ("w2-functies.uren", "choice"), ("w2-uren-nodig", "long")],
        "3.4 collectief geheugen": [("w2-geheugen", "long")],
        "4.1 doelen afgestemd met partners": [("w2-doelen-afgestemd", "choice")],
        "4.2 samenwerkingsafspraken vastgelegd": [("w2-partners.afspraken", "choice")],
        "4.3 periodieke evaluatie": [("w2-evaluatie", "yesno"), ("w2-partners.geevalueerd", "date")],
        "4.4 taken van medewerkers van partners": [("w2-partners-taken", "yesno")],
        "4.5 verwijzing vanuit partners": [("w2-verwijzing-naar-ons", "long")],
        "5.1a registratie": [("w2-registratie", "long")],
        "5.1a-II cijfers over vragen": [("w2-cijfers-vragen", "yesno"), ("w2-cijfers-vragen-aantallen", "long")],
        "5.1a-III cijfers over doorverwijzingen, per partner": [
            ("w2-cijfers-verwijzingen", "yesno"), ("w2-cijfers-per-partner", "choice"),
            ("w2-cijfers-verwijzingen-partners", "long")],
        "5.1b partners registreren ook": [
            ("w2-partners-registreren", "yesno"), ("w2-partners-registreren-hoe", "long"),
            ("w2-partners-registreren-wens", "long")],
        "5.1c invoer in G!DS": [("w2-gids", "text")],
        "6.1 meerjarenbegroting": [("w2-begroting", "yesno")],
        "6.1a financiële afspraken met de gemeente": [("w2-financiele-afspraken", "long")],
        "6.1b gezamenlijke begroting, dekkend of extra geldstromen": [
            ("w2-gezamenlijke-begroting", "yesno"), ("w2-begroting-dekkend", "yesno"),
            ("w2-geldstromen", "multi")],
        "6.1c bestuurlijke eindverantwoordelijkheid": [("w2-eindverantwoordelijkheid", "long")],
    },
    "werkblad-3": {
        "1 wie wil je bereiken": [
            ("w3-stakeholders", "table"), ("w3-stakeholders.relatie", "long"),
            ("w3-stakeholders.belang", "long")],
        "2 kernboodschap": [("w3-kernboodschap", "long")],
        "3 doelen": [("w3-doelen", "long")],
        "4 intern betrokken": [("w3-intern", "table"), ("w3-intern.rol", "long")],
        "5 rol van de bibliotheek": [("w3-rol", "long")],
        "6 externe partners": [("w3-externe-partners", "table"), ("w3-externe-partners.verband", "long")],
        "7 wat heb je nodig": [("w3-nodig", "long")],
        "8 acties": [
            ("w3-acties", "table"), ("w3-acties.actie", "long"), ("w3-acties.wie", "text"),
            ("w3-acties.status", "choice")],
        "9 planning": [("w3-acties.wanneer", "date"), ("w3-planning", "long")],
    },
}
ROW_COUNTS = {"werkblad-1": 7, "werkblad-2": 28, "werkblad-3": 9}

# Follow-up questions and the answer that shows them: (parent id, option value).
FOLLOWUPS = {
    "w1-doelen-welke": ("w1-doelen", "ja"),
    "w1-doelen-wensen": ("w1-doelen", "nee"),
    "w1-gemeenteraad-hoe": ("w1-gemeenteraad", "ja"),
    "w1-overleg-wie": ("w1-overleg", "ja"),
    "w1-mt-hoe": ("w1-mt", "ja"),
    "w2-beleidsdoelen-welke": ("w2-beleidsdoelen", "ja"),
    "w2-buiten-aanbod-welke": ("w2-buiten-aanbod", "ja"),
    "w2-buiten-aanbod-signalen": ("w2-buiten-aanbod", "ja"),
    "w2-cijfers-vragen-aantallen": ("w2-cijfers-vragen", "ja"),
    "w2-cijfers-per-partner": ("w2-cijfers-verwijzingen", "ja"),
    "w2-cijfers-verwijzingen-partners": ("w2-cijfers-verwijzingen", "ja"),
    "w2-partners-registreren-hoe": ("w2-partners-registreren", "ja"),
    "w2-partners-registreren-wens": ("w2-partners-registreren", "nee"),
}
# Questions the source asks of everyone, whatever the answer before them.
ALWAYS_ASKED = ["w2-geldstromen", "w2-uren-nodig"]

# Columns the brief names for the shared tables, in this order.
TABLE_COLUMNS = {
    "w2-partners": ["partner", "waarvoor", "richting", "afspraken", "geevalueerd"],
    "w2-functies": ["functie", "betaald", "taken", "verantwoordelijkheden", "bevoegdheden", "uren"],
    "w3-acties": ["actie", "wie", "wanneer", "status"],
}

REQUIRED_ABBREVIATIONS = {"IDO", "SPUK", "VNG", "KB", "BZK", "MT", "G!DS", "WEB", "AOW", "MEE", "DigiD"}


# -- helpers ----------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def manifest(built_site: Path) -> dict:
    return json.loads((built_site / "assets" / "werkboek" / "manifest.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def sheets(manifest: dict) -> dict[str, dict]:
    return {sheet["id"]: sheet for sheet in manifest["worksheets"]}


def fields_of(sheet: dict) -> dict[str, dict]:
    return {f["id"]: f for f in sheet["fields"]}


def resolve(sheet: dict, ref: str) -> tuple[dict | None, str | None]:
    """The field (and its kind) or the column of a table that `ref` names."""
    field_id, _, column_id = ref.partition(".")
    found = fields_of(sheet).get(field_id)
    if found is None or not column_id:
        return found, found and found["kind"]
    column = next((c for c in found.get("columns", []) if c["id"] == column_id), None)
    return found, column and column["kind"]


def read_glossary() -> list[tuple[str, str]]:
    entries = []
    for number, line in enumerate(GLOSSARY.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        match = re.fullmatch(r"\*\[([^\]]+)\]:(.*)", line.strip())
        assert match, f"afkortingen.md regel {number} volgt de vorm *[AFK]: uitleg niet: {line!r}"
        entries.append((match[1], match[2].strip()))
    return entries


def content_pages(built_site: Path) -> list[Path]:
    return sorted(p for p in built_site.rglob("*.html") if "assets" not in p.relative_to(built_site).parts)


def page_text(path: Path) -> str:
    source = path.read_text(encoding="utf-8")
    source = re.sub(r"<(script|style|template)\b.*?</\1>", " ", source, flags=re.S | re.I)
    return html.unescape(re.sub(r"<[^>]+>", " ", source))


def macro_call(sheet_id: str, field_id: str) -> str:
    """The macro call in the worksheet's Markdown that makes `field_id` (label, hint and options)."""
    markdown = (ROOT / "docs" / "werkbladen" / f"{sheet_id}.md").read_text(encoding="utf-8")
    start = markdown.index(f'("{field_id}"')
    return markdown[start:markdown.index("}}", start)]


def nav_sources() -> list[Path]:
    """The Markdown pages in the nav of mkdocs.yml (the workbook's own content)."""
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    nav = config[config.index("\nnav:"):]
    return [ROOT / "docs" / name for name in re.findall(r"^\s*-\s*(?:[^:\n]*:\s*)?([\w/.-]+\.md)\s*$", nav, flags=re.M)]


# -- the worksheets ---------------------------------------------------------------------------------

def test_inventory_has_every_row():
    assert {sheet: len(rows) for sheet, rows in INVENTORY.items()} == ROW_COUNTS


@pytest.mark.parametrize("sheet_id, row, ref, kind", [
    (sheet_id, row, ref, kind)
    for sheet_id, rows in INVENTORY.items() for row, refs in rows.items() for ref, kind in refs])
def test_inventory_row_has_field_of_its_kind(sheets, sheet_id, row, ref, kind):
    assert sheet_id in sheets, f"werkblad {sheet_id} ontbreekt in de manifest"
    found, found_kind = resolve(sheets[sheet_id], ref)
    assert found is not None, f"{sheet_id} vraag {row}: veld {ref} ontbreekt"
    assert found_kind == kind, f"{sheet_id} vraag {row}: {ref} is {found_kind}, verwacht {kind}"


def test_worksheets_in_workbook_order(manifest):
    order = [sheet["id"] for sheet in manifest["worksheets"]]
    assert [sheet_id for sheet_id in order if sheet_id in INVENTORY] == list(INVENTORY)


def test_every_worksheet_field_is_mapped_or_a_followup_or_extra(sheets):
    """Fields outside the mapping are allowed, but every mapped field lives on its own worksheet."""
    for sheet_id, rows in INVENTORY.items():
        others = {f["id"] for other, sheet in sheets.items() if other != sheet_id for f in sheet["fields"]}
        for refs in rows.values():
            for ref, _ in refs:
                assert ref.partition(".")[0] not in others, f"{ref} staat op een ander werkblad"


@pytest.mark.parametrize("child, parent, when", [(c, p, w) for c, (p, w) in FOLLOWUPS.items()])
def test_followups_hang_under_their_answer(sheets, child, parent, when):
    everything = {f["id"]: f for sheet in sheets.values() for f in sheet["fields"]}
    assert everything[child]["parent"] == parent
    assert everything[child]["when"] == when


@pytest.mark.parametrize("field_id", ALWAYS_ASKED)
def test_questions_the_source_always_asks_hang_under_no_answer(sheets, field_id):
    everything = {f["id"]: f for sheet in sheets.values() for f in sheet["fields"]}
    assert everything[field_id]["parent"] == "", f"{field_id} verschijnt alleen na een bepaald antwoord"


def test_hours_are_asked_once_per_function(sheets):
    """The hours column of the functions table asks it; no separate yes/no repeats it."""
    fields = fields_of(sheets["werkblad-2"])
    assert "w2-uren" not in fields
    assert "Genoeg uren?" in macro_call("werkblad-2", "w2-uren-nodig")


def test_referral_figures_are_asked_per_partner_with_the_numbers(sheets):
    fields = fields_of(sheets["werkblad-2"])
    assert "per partner" in fields["w2-cijfers-per-partner"]["label"]
    for field_id in ("w2-cijfers-vragen-aantallen", "w2-cijfers-verwijzingen-partners"):
        assert "aantallen" in fields[field_id]["label"], f"{field_id} vraagt niet naar de getallen zelf"


def test_partner_column_fits_both_directions(sheets):
    table = fields_of(sheets["werkblad-2"])["w2-partners"]
    waarvoor = next(c for c in table["columns"] if c["id"] == "waarvoor")
    assert waarvoor["label"] == "Voor welke vragen verwijzen jullie door?"


def test_digital_inclusion_is_not_narrowed_to_ido_questions(sheets):
    call = macro_call("werkblad-2", "w2-onderscheid")
    assert "breder dan het IDO" in call and "IDO-vraag" not in call


def test_plan_questions_carry_their_meaning_in_the_label(sheets):
    """The printed plan shows labels, not hints: what the source asks must stand in the label."""
    fields = fields_of(sheets["werkblad-3"])
    assert all(word in fields["w3-nodig"]["label"] for word in ("tijd", "budget", "middelen"))
    assert "tijdpad" in fields["w3-planning"]["label"]
    assert "vaste momenten" not in fields["w3-planning"]["label"]


def test_worksheet_2_names_its_parts_onderdeel(sheets):
    sheet = sheets["werkblad-2"]
    for number, section in enumerate(sheet["sections"], 1):
        assert section["title"].startswith(f"Onderdeel {number}. "), section["title"]
    for field in sheet["fields"]:
        assert not re.search(r"\b[Ss]tap \d", field["label"]), field["id"]
    markdown = (ROOT / "docs" / "werkbladen" / "werkblad-2.md").read_text(encoding="utf-8")
    assert not re.search(r"\b(stap|Stap) [1-6]\b(?!\]\(\.\./handleiding)", markdown.replace("uitleg bij stap", "")), \
        "werkblad 2 noemt zijn onderdelen nog 'stap'"


@pytest.mark.parametrize("table_id, columns", TABLE_COLUMNS.items())
def test_tables_have_the_named_columns(sheets, table_id, columns):
    table = next(f for sheet in sheets.values() for f in sheet["fields"] if f["id"] == table_id)
    assert [c["id"] for c in table["columns"]] == columns


def test_partner_table_direction_options(sheets):
    table = fields_of(sheets["werkblad-2"])["w2-partners"]
    richting = next(c for c in table["columns"] if c["id"] == "richting")
    assert {o["label"] for o in richting["options"]} == {
        "Wij verwijzen naar hen", "Zij verwijzen naar ons", "Beide kanten op"}


def test_worksheet_2_keeps_its_six_steps(sheets):
    sheet = sheets["werkblad-2"]
    assert [s["id"] for s in sheet["sections"]] == [f"w2-stap-{n}" for n in range(1, 7)]
    for row, refs in INVENTORY["werkblad-2"].items():
        step = row.split(".")[0]
        for ref, _ in refs:
            if "." in ref:  # a column: its table may sit in an earlier step (the partner overview)
                continue
            field = fields_of(sheet)[ref]
            assert field["section"] == f"w2-stap-{step}", f"vraag {row} ({ref}) staat niet in stap {step}"


def test_elevator_pitch_counts_words(sheets, built_site):
    pitch = fields_of(sheets["werkblad-3"])["w3-pitch"]
    assert pitch["kind"] == "long"
    page = (built_site / "werkbladen" / "werkblad-3" / "index.html")
    if not page.exists():
        page = built_site / "werkbladen" / "werkblad-3.html"
    markup = page.read_text(encoding="utf-8")
    start = markup.index('data-wb-field="w3-pitch"')
    assert "wordcount" in markup[start:start + 3000], "de elevator pitch heeft geen woordenteller"


def test_worksheets_link_to_their_guidance_and_back(built_site, sheets):
    pairs = {
        "werkblad-1": "stap-1-gemeentelandschap",
        "werkblad-2": "stap-2-randvoorwaarden",
        "werkblad-3": "stap-3-plan-van-aanpak",
    }
    for sheet_id, guide in pairs.items():
        sheet_md = (ROOT / "docs" / "werkbladen" / f"{sheet_id}.md").read_text(encoding="utf-8")
        guide_md = (ROOT / "docs" / "handleiding" / f"{guide}.md").read_text(encoding="utf-8")
        assert f"handleiding/{guide}.md" in sheet_md, f"{sheet_id} linkt niet naar zijn uitleg"
        assert f"werkbladen/{sheet_id}.md" in guide_md, f"{guide} linkt niet naar {sheet_id}"


# -- the pages --------------------------------------------------------------------------------------

def test_every_page_has_one_h1(built_site):
    pages = content_pages(built_site)
    assert len(pages) >= 18
    for page in pages:
        count = len(re.findall(r"<h1[\s>]", page.read_text(encoding="utf-8")))
        assert count == 1, f"{page.relative_to(built_site)} heeft {count} h1-koppen"


def test_every_dated_fact_keeps_its_year(built_site):
    text = " ".join(page_text(p) for p in content_pages(built_site))
    text = re.sub(r"\s+", " ", text)
    for fact in ["€ 750", "1 januari 2023", "oktober 2022", "najaar van 2022", "Medio 2023",
                 "februari 2021", "september 2023", "31 mei 2023"]:
        assert fact in text, f"{fact!r} staat nergens op de site"


def test_no_text_copied_from_the_seeds(built_site):
    """The seeds give facts, not sentences: no run of ten words may stand verbatim on a page."""
    if not SEEDS.is_dir():
        pytest.skip(f"bronteksten niet gevonden in {SEEDS}")
    n = 10  # the same rule and tokenizer as ../shared/hooks/before-stop
    words = lambda s: re.findall(r"[\w'’-]+", s.lower())  # noqa: E731
    seen = set()
    for seed in SEEDS.glob("*.txt"):
        w = words(seed.read_text(encoding="utf-8", errors="ignore"))
        seen.update(" ".join(w[i:i + n]) for i in range(len(w) - n + 1))
    sources = [(p.relative_to(built_site), page_text(p)) for p in content_pages(built_site)]
    own = [GLOSSARY, *sorted((ROOT / "includes").glob("*.md")), *sorted((ROOT / "includes").glob("*.yml")), *nav_sources()]
    sources += [(p.relative_to(ROOT), p.read_text(encoding="utf-8")) for p in own]
    copied = {}
    for name, text in sources:
        w = words(text)
        runs = {" ".join(w[i:i + n]) for i in range(len(w) - n + 1)} & seen
        if runs:
            copied[str(name)] = sorted(runs)[:3]
    assert not copied, f"letterlijk overgenomen uit de bronnen: {copied}"


# -- the glossary -----------------------------------------------------------------------------------

def test_glossary_entries_have_definitions():
    entries = read_glossary()
    assert entries
    for abbreviation, definition in entries:
        assert definition, f"{abbreviation} heeft geen uitleg"
    names = [a for a, _ in entries]
    assert len(names) == len(set(names)), "een afkorting staat twee keer in afkortingen.md"
    assert REQUIRED_ABBREVIATIONS <= set(names)


def test_every_abbreviation_on_a_page_is_explained():
    known = {a for a, _ in read_glossary()}
    for source in nav_sources():
        text = source.read_text(encoding="utf-8")
        text = re.sub(r"\]\([^)]*\)|<[^>]+>", " ", text)  # link targets and tags are no prose
        used = set(re.findall(r"(?<![\w!])[A-Z][A-Z!]+(?![\w!])", text))
        missing = used - known
        assert not missing, f"{source.relative_to(ROOT)} gebruikt afkortingen zonder uitleg: {sorted(missing)}"


def test_glossary_page_lists_every_abbreviation(built_site):
    text = page_text(built_site / "begrippen" / "index.html") if (built_site / "begrippen").is_dir() \
        else page_text(built_site / "begrippen.html")
    for abbreviation, _ in read_glossary():
        assert abbreviation in text, f"{abbreviation} staat niet op de pagina Begrippen"
