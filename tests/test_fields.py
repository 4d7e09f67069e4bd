"""Unit tests of the field macros: the HTML of each kind, escaping, and every validation error."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from macros.assets import default_texts
from macros.model import (Workbook, WorksheetError, check_example, check_lock, lock_of, make_column_spec, make_field,
                          make_handout, make_header, make_texts, option)
from macros.render import Renderer

PAGE = "werkbladen/test.md"
GLOSSARY = {"IDO": "Informatiepunt Digitale Overheid", "G!DS": "Gids voor digitale inclusie"}


class Elements(HTMLParser):
    """Collects every start tag with its attributes, and the text inside each label/legend."""

    def __init__(self, html: str):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.texts: dict[str, str] = {}
        self._open: list[tuple[str, dict]] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attributes = {name: value or "" for name, value in attrs}
        self.tags.append((tag, attributes))
        if tag in ("label", "legend"):
            self._open.append((tag, attributes))

    def handle_endtag(self, tag):
        if self._open and self._open[-1][0] == tag:
            self._open.pop()

    def handle_data(self, data):
        for tag, attributes in self._open:
            key = attributes.get("for") or tag
            self.texts[key] = self.texts.get(key, "") + data

    def find(self, tag, **wanted):
        return [a for t, a in self.tags if t == tag and all(a.get(k.rstrip("_").replace("_", "-")) == v for k, v in wanted.items())]

    def ids(self):
        return [a["id"] for _, a in self.tags if "id" in a]


def render(kind, field_id, label, **params):
    return Renderer(GLOSSARY).field(make_field(kind, field_id, label, page=PAGE, **params))


def column(column_id, label, kind="text", options=None):
    return make_column_spec(PAGE, column_id, label, kind, options)


def assert_labelled(html: Elements):
    """Every form control has exactly one label pointing at it, and all ids are unique."""
    ids = html.ids()
    assert len(ids) == len(set(ids)), f"duplicate ids: {ids}"
    for tag in ("input", "textarea", "select"):
        for control in html.find(tag):
            assert control.get("id"), f"{tag} without id"
            assert len(html.find("label", for_=control["id"])) == 1, f"no label for {control['id']}"


@pytest.mark.parametrize("kind,tag", [("text", "input"), ("long", "textarea"), ("date", "input")])
def test_single_control_has_label_hint_and_description(kind, tag):
    html = Elements(render(kind, "w1-vraag", "Wat vind je?", hint="Schrijf kort."))
    control = html.find(tag, id="wb-w1-vraag")[0]
    assert html.texts["wb-w1-vraag"] == "Wat vind je?"
    assert control["aria-describedby"] == "wb-w1-vraag--hint"
    assert html.find("div", id="wb-w1-vraag--hint")
    assert html.find("div", data_wb_field="w1-vraag", data_wb_kind=kind)
    assert "hidden" not in control
    assert_labelled(html)
    if kind == "date":
        assert control["type"] == "date"


def test_without_hint_there_is_no_dangling_description():
    html = Elements(render("text", "w1-vraag", "Wat vind je?"))
    assert "aria-describedby" not in html.find("input", id="wb-w1-vraag")[0]


def test_user_visible_text_is_escaped_and_raw_html_only_when_asked():
    hostile = '<img src=x onerror="alert(1)"> & "quotes"'
    escaped = render("text", "w1-vraag", hostile, hint=hostile)
    assert "<img" not in escaped
    assert "&lt;img src=x onerror=" in escaped and "&amp;" in escaped
    raw = render("text", "w1-vraag", "", label_html="Vraag met <strong>nadruk</strong>",
                 hint_html='Lees de <a href="../handleiding/">handleiding</a>')
    assert "<strong>nadruk</strong>" in raw and '<a href="../handleiding/">' in raw


def test_abbreviations_in_labels_get_a_tooltip():
    html = render("text", "w2-gids", "Wie zet jullie aanbod in G!DS voor het IDO?")
    assert '<abbr title="Gids voor digitale inclusie">G!DS</abbr>' in html
    assert '<abbr title="Informatiepunt Digitale Overheid">IDO</abbr>' in html
    assert "<abbr" not in render("text", "w2-x", "IDOS")  # whole words only


def test_yesno_is_a_fieldset_with_followups_linked_by_aria_controls():
    html = Elements(render("yesno", "w1-doelen", "Zijn er doelen?", hint="Kijk in het beleid.",
                           ja=[make_field("long", "w1-doelen-welke", "Welke?", page=PAGE)],
                           nee=[make_field("long", "w1-doelen-wensen", "Welke wensen?", page=PAGE)]))
    assert html.find("fieldset", aria_describedby="wb-w1-doelen--hint")
    assert html.texts["legend"].strip() == "Zijn er doelen?"
    yes, no = html.find("input", type="radio", name="w1-doelen")
    assert (yes["value"], no["value"]) == ("ja", "nee")
    assert yes["aria-controls"] == "wb-w1-doelen--ja--vervolg"
    assert no["aria-controls"] == "wb-w1-doelen--nee--vervolg"
    # Nothing is hidden in the HTML itself: follow-ups start closed (nothing is chosen yet) under a
    # class that hides only with scripting on (werkboek.css), so the script moves nothing; without
    # the script every follow-up is visible (test_storage: test_without_javascript_...).
    for followup in ("wb-w1-doelen--ja--vervolg", "wb-w1-doelen--nee--vervolg"):
        element = html.find("div", id=followup)[0]
        assert "hidden" not in element and "wb-followup--hidden" in element["class"]
    assert html.find("textarea", id="wb-w1-doelen-welke") and html.find("textarea", id="wb-w1-doelen-wensen")
    assert_labelled(html)


def test_choice_and_multi_with_other():
    choice = Elements(render("choice", "w2-afgestemd", "Afgestemd?", options=["Ja", "Deels", "Nee"]))
    assert [r["value"] for r in choice.find("input", type="radio")] == ["ja", "deels", "nee"]
    assert_labelled(choice)
    multi = Elements(render("multi", "w2-diensten", "Welke diensten?", options=["Cursussen", "Spreekuren"], other=True))
    boxes = multi.find("input", type="checkbox", name="w2-diensten")
    assert [b["value"] for b in boxes] == ["cursussen", "spreekuren", "anders"]
    assert boxes[-1]["aria-controls"] == "wb-w2-diensten--anders--vervolg"
    assert multi.texts["wb-w2-diensten--anders"] == "Anders, namelijk"
    assert multi.find("input", type="text", id="wb-w2-diensten-anders")
    assert_labelled(multi)


def test_table_rows_columns_and_buttons():
    html = Elements(render("table", "w2-partners", "Partners", rows=2, columns=[
        column("partner", "Partner"), column("waarvoor", "Waarvoor", "long"),
        column("richting", "Richting", "choice", ["Wij naar hen", "Zij naar ons"]),
        column("datum", "Laatst geëvalueerd", "date")]))
    assert [a.get("scope") for a in html.find("th")] == ["col"] * 5
    assert len(html.find("tr", data_wb_row="")) == 3  # two rows and the template row
    assert html.find("input", id="wb-w2-partners--2--partner")
    assert html.find("textarea", id="wb-w2-partners--1--waarvoor")
    assert html.find("select", id="wb-w2-partners--1--richting")
    assert html.find("input", id="wb-w2-partners--2--datum", type="date")
    assert html.texts["wb-w2-partners--2--partner"] == "Partner, rij 2"
    add = html.find("button", data_wb_add_row="")[0]
    # Only with scripting on are add/remove offered (.wb-js-only; test_storage checks the page without
    # JavaScript); the starting rows work without it. In the page from the start: showing them moves nothing.
    assert "wb-js-only" in add["class"].split() and "hidden" not in add
    assert html.find("tbody", data_wb_rows="2")
    assert_labelled(html)


def test_long_with_wordcount_is_described_by_the_count():
    html = Elements(render("long", "w3-pitch", "Je pitch", wordcount=True))
    assert html.find("textarea", id="wb-w3-pitch")[0]["aria-describedby"] == "wb-w3-pitch--telling"
    assert html.find("p", id="wb-w3-pitch--telling", data_wb_wordcount="130")


# -- validation ---------------------------------------------------------------------------------

@pytest.mark.parametrize("call,message", [
    (lambda: make_field("slider", "w1-a", "Vraag", page=PAGE), "onbekend soort veld 'slider'"),
    (lambda: make_field("text", "w1-a", "  ", page=PAGE), "er ontbreekt een label"),
    (lambda: make_field("table", "w1-a", "Tabel", page=PAGE), "minstens één kolom"),
    (lambda: make_field("table", "w1-a", "Tabel", columns=[], page=PAGE), "minstens één kolom"),
    (lambda: make_field("choice", "w1-a", "Kies", options=[], page=PAGE), "keuzes (options) is leeg"),
    (lambda: make_field("multi", "w1-a", "Kies", page=PAGE), "keuzes (options) is leeg"),
    (lambda: make_field("choice", "w1-a", "Kies", options="Ja, Nee", page=PAGE),
     'geen lijst. Zet de keuzes tussen [ en ], met een komma ertussen: options=["Ja", "Nee"].'),
    (lambda: make_field("choice", "w1-a", "Kies", options=["Ja", "ja"], page=PAGE), "eigen waarde"),
    (lambda: make_field("choice", "w1-a", "Kies", options=["A", option("B", value="a")], page=PAGE), "eigen waarde"),
    (lambda: make_field("choice", "w1-a", "Kies", options=["A", option("B", was="a")], page=PAGE), "eigen waarde"),
    (lambda: make_field("choice", "w1-a", "Kies", options=[option("B", value="Grote B")], page=PAGE), "kleine letters"),
    (lambda: make_field("choice", "w1-a", "Kies", options=["A", option("B", tone="good")], page=PAGE),
     "tone= kan alleen bij een oordeel"),
    (lambda: make_field("choice", "w1-a", "Kies", role="verdict", options=[option("A", tone="good"), "B"], page=PAGE),
     "keuze 'B': bij een oordeel (role=\"verdict\") heeft elke keuze een tone="),
    (lambda: make_field("choice", "w1-a", "Kies", role="verdict", options=[option("A", tone="mooi")], page=PAGE),
     "tone= kan alleen"),
    (lambda: make_field("text", "w1-a", "Vraag", role="verdict", page=PAGE), "een oordeel is een choice"),
    (lambda: make_field("choice", "w1-a", "Kies", role="baas", options=["A"], page=PAGE), "een oordeel is een choice"),
    (lambda: make_field("text", "w1-a", "Vraag", was="w1-a", page=PAGE), "moet anders zijn"),
    (lambda: make_field("text", "w1-a", "Vraag", was="Oud Id", page=PAGE), "kleine letters"),
    (lambda: make_field("text", "W1 A", "Vraag", page=PAGE), "kleine letters, cijfers en losse streepjes en begint met een "
                                                            "letter. Bijvoorbeeld: 'w1-a'."),
    (lambda: make_field("text", "w1--a", "Vraag", page=PAGE), "kleine letters"),
    (lambda: make_field("text", "w1-a", "Vraag", plaatje=True, page=PAGE), "onbekende instelling(en): plaatje"),
    (lambda: make_field("long", "w1-a", "Vraag", rows=0, page=PAGE), "rows moet een heel getal"),
    (lambda: make_field("yesno", "w1-a", "Vraag", ja=["tekst"], page=PAGE), "vervolgvraag moet zelf een veld"),
    (lambda: column("naam", ""), "geen kop"),
    (lambda: column("keuze", "Keuze", "choice"), "keuzes (options) is leeg"),
    (lambda: column("x", "X", "radio"), "onbekend soort kolom 'radio'"),
])
def test_mistakes_stop_with_a_dutch_message_naming_page_and_id(call, message):
    with pytest.raises(WorksheetError) as error:
        call()
    assert message in str(error.value)
    assert PAGE in str(error.value)


def registered(workbook, page, kind, field_id, **params):
    return workbook.add(make_field(kind, field_id, "Vraag", page=page, **params), lambda f: f"<{f.id}>")


def test_duplicate_ids_are_refused_across_pages_and_on_one_page():
    workbook = Workbook()
    workbook.start_worksheet("werkbladen/een.md", "werkbladen/een/", "werkblad-een", "Een")
    workbook.start_worksheet("werkbladen/twee.md", "werkbladen/twee/", "werkblad-twee", "Twee")
    registered(workbook, "werkbladen/een.md", "text", "w-vraag")
    with pytest.raises(WorksheetError, match=r"werkbladen/twee\.md.*'w-vraag'.*ook in werkbladen/een\.md"):
        registered(workbook, "werkbladen/twee.md", "long", "w-vraag")
    with pytest.raises(WorksheetError, match=r"'w-vraag'.*op dezelfde pagina"):
        registered(workbook, "werkbladen/een.md", "long", "w-vraag")
    # A multi's own "anders" follow-up takes an id as well.
    registered(workbook, "werkbladen/een.md", "text", "w-keuze-anders")
    with pytest.raises(WorksheetError, match="'w-keuze-anders'"):
        registered(workbook, "werkbladen/een.md", "multi", "w-keuze", options=["A"], other=True)


def test_fields_need_a_worksheet_and_one_worksheet_per_page():
    workbook = Workbook()
    with pytest.raises(WorksheetError, match="staat niet in een werkblad"):
        registered(workbook, "los.md", "text", "w-los")
    workbook.start_worksheet("blad.md", "blad/", "blad-een", "Een")
    with pytest.raises(WorksheetError, match="al een werkblad op deze pagina"):
        workbook.start_worksheet("blad.md", "blad/", "blad-twee", "Twee")


def test_manifest_follows_navigation_order_not_render_order():
    workbook = Workbook()
    workbook.page_order = ["eerste.md", "tweede.md"]
    for page, sheet in (("tweede.md", "blad-2"), ("eerste.md", "blad-1")):  # rendered in the wrong order
        workbook.start_worksheet(page, page[:-3] + "/", sheet, sheet)
    workbook.start_section("eerste.md", "stap-1", "Stap 1")
    child = registered(workbook, "eerste.md", "long", "b1-welke")
    workbook.add(make_field("yesno", "b1-doel", "Doel?", page="eerste.md", ja=[child]), lambda f: "")
    registered(workbook, "eerste.md", "table", "b1-tabel", columns=[column("wie", "Wie")])
    registered(workbook, "tweede.md", "text", "b2-naam")
    manifest = workbook.manifest(storage_key="sleutel", title="Werkboek")
    assert [s["id"] for s in manifest["worksheets"]] == ["blad-1", "blad-2"]
    fields = manifest["worksheets"][0]["fields"]
    assert [(f["id"], f["parent"], f["when"], f["section"], f["shape"]) for f in fields] == [
        ("b1-doel", "", "", "stap-1", "string"), ("b1-welke", "b1-doel", "ja", "stap-1", "string"),
        ("b1-tabel", "", "", "stap-1", "rows")]
    assert fields[2]["columns"] == [{"id": "wie", "label": "Wie", "kind": "text"}]
    assert manifest["worksheets"][0]["sections"] == [{"id": "stap-1", "title": "Stap 1"}]
    assert [(h["id"], h["role"]) for h in manifest["header"]] == [
        ("kop-naam", "contact"), ("kop-organisatie", "organisation"), ("kop-voor-wie", "audience"), ("kop-datum", "date")]
    assert (manifest["schema"], manifest["storageKey"], manifest["title"]) == (2, "sleutel", "Werkboek")
    assert manifest["plan"] is None and manifest["texts"] == {}
    assert manifest["renames"] == {"fields": {}, "values": {}}


def test_options_have_stable_values_tones_and_renames():
    workbook = Workbook()
    workbook.start_worksheet("blad.md", "blad/", "blad", "Blad")
    workbook.start_section("blad.md", "stap-1", "Stap 1")
    workbook.add(make_field("choice", "b-oordeel", "Oordeel", page="blad.md", role="verdict", options=[
        option("Helemaal op orde", value="op-orde", tone="good"),
        option("Een beetje", value="deels", tone="partly", was="soms"),
        option("Nog niet inzichtelijk", tone="open")]), lambda f: "")
    workbook.add(make_field("multi", "b-nieuw", "Welke?", page="blad.md", was="b-oud",
                            options=["Één keer", "Vaak"], other=True), lambda f: "")
    manifest = workbook.manifest(storage_key="s", title="t")
    verdict, multi, other = manifest["worksheets"][0]["fields"]
    assert verdict["role"] == "verdict" and "role" not in multi
    assert verdict["options"] == [{"value": "op-orde", "label": "Helemaal op orde", "tone": "good"},
                                  {"value": "deels", "label": "Een beetje", "tone": "partly"},
                                  {"value": "nog-niet-inzichtelijk", "label": "Nog niet inzichtelijk", "tone": "open"}]
    assert [o["value"] for o in multi["options"]] == ["een-keer", "vaak", "anders"] and multi["shape"] == "list"
    assert (other["id"], other["parent"], other["when"]) == ("b-nieuw-anders", "b-nieuw", "anders")
    assert manifest["renames"] == {"fields": {"b-oud": "b-nieuw"}, "values": {"b-oordeel": {"soms": "deels"}}}


def test_a_rename_whose_old_id_still_exists_is_refused():
    workbook = Workbook()
    workbook.start_worksheet("blad.md", "blad/", "blad", "Blad")
    registered(workbook, "blad.md", "text", "b-oud")
    registered(workbook, "blad.md", "text", "b-nieuw", was="b-oud")
    with pytest.raises(WorksheetError, match=r"blad\.md.*'b-nieuw'.*was=\"b-oud\".*bestaat nog.*Haal de oude vraag weg"):
        workbook.manifest(storage_key="s", title="t")


def test_every_field_is_rendered_once_followups_inside_their_parent():
    workbook = Workbook()
    workbook.start_worksheet("blad.md", "blad/", "blad", "Blad")
    rendered = []

    def html_of(item):
        rendered.append(item.id)
        return f"<{item.id}>" + "".join(f"<{c.id}>" for c in item.children())

    child = workbook.add(make_field("long", "b-welke", "Welke?", page="blad.md"), html_of)
    parent = workbook.add(make_field("yesno", "b-doel", "Doel?", page="blad.md", ja=[child]), html_of)
    assert rendered == []  # nothing rendered until a token lands in a page
    assert workbook.swap_tokens(f"<p>{parent}</p>") == "<b-doel><b-welke>"
    assert rendered == ["b-doel"]


def test_header_comes_from_the_configuration():
    header = make_header([{"id": "kop-school", "label": "School", "role": "organisation"},
                          {"id": "kop-wanneer", "label": "Wanneer", "kind": "date"}])
    workbook = Workbook(header)
    assert workbook.manifest(storage_key="s", title="t")["header"] == [
        {"id": "kop-school", "label": "School", "kind": "text", "shape": "string", "role": "organisation"},
        {"id": "kop-wanneer", "label": "Wanneer", "kind": "date", "shape": "string", "role": ""}]
    workbook.start_worksheet("blad.md", "blad/", "blad", "Blad")
    with pytest.raises(WorksheetError, match="'kop-school'.*ook in mkdocs.yml"):
        registered(workbook, "blad.md", "text", "kop-school")


@pytest.mark.parametrize("entries,message", [
    ("kop", "een lijst met velden"),
    ([{"id": "Kop", "label": "Kop"}], "kleine letters"),
    ([{"id": "kop", "label": ""}], "er ontbreekt een label"),
    ([{"id": "kop", "label": "Kop", "kind": "long"}], "kind is een van: text, date"),
    ([{"id": "kop", "label": "Kop", "role": "baas"}], "role is een van"),
    ([{"id": "kop", "label": "Kop"}, {"id": "kop", "label": "Nog een"}], "twee keer"),
    ([{"id": "kop", "label": "Kop", "role": "date"}, {"id": "kop-2", "label": "Nog een", "role": "date"}],
     "role 'date' staat al"),
    ([{"id": "kop", "label": "Kop", "soort": "tekst"}], "onbekende instelling(en): soort"),
])
def test_header_mistakes_name_the_setting(entries, message):
    with pytest.raises(WorksheetError, match=r"mkdocs\.yml \(extra\.werkboek\.header\)") as error:
        make_header(entries)
    assert message in str(error.value)


@pytest.mark.parametrize("settings,message", [
    ("Notitie", "title:, intro: en parts:"),
    ({"title": "", "parts": [{"title": "A", "fields": ["a"]}]}, "er ontbreekt een titel"),
    ({"title": "N", "parts": []}, "parts: is een lijst"),
    ({"title": "N", "parts": [{"fields": ["a"]}]}, "onderdeel 1 heeft geen titel"),
    ({"title": "N", "parts": [{"title": "A"}]}, "onderdeel 'A': geef fields:"),
    ({"title": "N", "parts": [{"title": "A", "fields": ["a"], "diagnosis": "blad"}]}, "onderdeel 'A': geef fields:"),
    ({"title": "N", "parts": [{"title": "A", "fields": "a"}]}, "fields: is een lijst"),
    ({"title": "N", "parts": [{"title": "A", "fields": ["a"]}], "kop": 1}, "onbekende instelling(en): kop"),
])
def test_handout_mistakes_name_the_setting(settings, message):
    with pytest.raises(WorksheetError, match=r"mkdocs\.yml \(extra\.werkboek\.handout\)") as error:
        make_handout(settings)
    assert message in str(error.value)


def test_handout_ids_are_checked_against_the_worksheets():
    workbook = Workbook()
    workbook.start_worksheet("blad.md", "blad/", "blad", "Blad")
    registered(workbook, "blad.md", "long", "b-doel")
    handout = make_handout({"title": " Notitie ", "parts": [{"title": "Doel", "fields": ["b-doel"]}]})
    assert workbook.manifest(storage_key="s", title="t", handout=handout)["handout"] == {
        "title": "Notitie", "intro": "", "parts": [{"title": "Doel", "fields": ["b-doel"]}]}
    assert workbook.manifest(storage_key="s", title="t")["handout"] is None
    for part, message in ([{"title": "Doel", "fields": ["kop-naam"]}, "'kop-naam' bestaat niet in een werkblad"],
                          [{"title": "Stand", "diagnosis": "blad"}, "'blad' is geen werkblad met oordelen"]):
        with pytest.raises(WorksheetError, match=message):
            workbook.manifest(storage_key="s", title="t", handout=make_handout({"title": "N", "parts": [part]}))


def test_a_text_of_the_workbook_uses_only_the_names_its_engine_text_fills_in():
    """extra.werkboek.texts: {name} that the engine does not fill in would show as typed, so it stops the
    build naming the key and the names that text has; leaving a name out is fine."""
    known = default_texts()
    assert make_texts({"set.switched": "Nu in {name}.", "handout.print": "Afdrukken"}, known)["set.switched"] == "Nu in {name}."
    with pytest.raises(WorksheetError, match=r"'set.switched' noemt \{naam\}.*Deze tekst kent: \{name\}\."):
        make_texts({"set.switched": "Je werkt nu in {naam}."}, known)
    with pytest.raises(WorksheetError, match=r"'table.add' noemt \{label\}.*Deze tekst vult niets in\."):
        make_texts({"table.add": "Rij toevoegen aan {label}"}, known)


def test_a_diagnosis_names_a_worksheet_with_verdicts():
    """diagnose("id") with a mistyped id, or a worksheet without verdicts, stops the build (its block
    would stay empty on the page) and names the page and the worksheets that do have verdicts."""
    workbook = Workbook()
    workbook.start_worksheet("blad.md", "blad/", "blad", "Blad")
    registered(workbook, "blad.md", "long", "b-doel")
    workbook.mark_diagnosis("plan.md", "blad")
    with pytest.raises(WorksheetError, match=r'Fout in plan\.md: diagnose\("blad"\).*Geen werkblad heeft oordelen'):
        workbook.manifest(storage_key="s", title="t")
    workbook.start_worksheet("oordeel.md", "oordeel/", "oordeel", "Oordeel")
    registered(workbook, "oordeel.md", "choice", "o-oordeel", role="verdict", options=[option("Goed", tone="good")])
    workbook.diagnoses = [("plan.md", "oordeel"), ("oordeel.md", "oordel")]
    with pytest.raises(WorksheetError, match=r'Fout in oordeel\.md: diagnose\("oordel"\).*met oordelen: oordeel\.'):
        workbook.manifest(storage_key="s", title="t")



def test_after_a_rename_the_handout_and_the_example_name_the_new_id():
    """An editor renames a question or an option value with was=: the handout settings and the
    example file still have the old one, and the message says what it is called now."""
    workbook = Workbook()
    workbook.start_worksheet("blad.md", "blad/", "blad", "Blad")
    registered(workbook, "blad.md", "multi", "b-nieuw", was="b-oud", options=["Een", option("Twee", value="twee", was="2")])
    with pytest.raises(WorksheetError, match=r"onderdeel 'Doel': de vraag 'b-oud' heet nu 'b-nieuw' \(was= in blad\.md\)\. "
                                             r"Zet het nieuwe id hier\."):
        workbook.manifest(storage_key="s", title="t", handout=make_handout({"title": "N", "parts": [
            {"title": "Doel", "fields": ["b-oud"]}]}))
    manifest = workbook.manifest(storage_key="s", title="t")
    for answers, message in (({"b-oud": ["een"]}, "veld 'b-oud': dit veld heet nu 'b-nieuw' (was= op de pagina). "
                                                  "Zet het nieuwe id in het voorbeeld."),
                             ({"b-nieuw": ["een", "2"]}, "veld 'b-nieuw': de keuze '2' heet nu 'twee' (was= op de pagina). "
                                                         "Zet de nieuwe waarde in het voorbeeld.")):
        with pytest.raises(WorksheetError) as error:
            check_example({"naam": "Voorbeeld", "antwoorden": answers}, manifest, "voorbeeld.yml")
        assert str(error.value) == f"Fout in voorbeeld.yml, {message}"


# -- the lock ------------------------------------------------------------------------------------

def lock_for(*fields, page="blad.md"):
    workbook = Workbook()
    workbook.start_worksheet(page, "blad/", "blad", "Blad")
    for kind, field_id, params in fields:
        registered(workbook, page, kind, field_id, **params)
    return lock_of(workbook.manifest(storage_key="s", title="t"))


PUBLISHED = lock_for(("choice", "b-keuze", {"options": ["Ja", "Deels", "Nee"]}),
                     ("table", "b-tabel", {"columns": [column("wie", "Wie"), column("rol", "Rol", "choice", ["A", "B"])]}))


def problems(*fields):
    return check_lock(PUBLISHED, lock_for(*fields), {"blad": "blad.md"}, "werkboek.lock.json")


TABLE = ("table", "b-tabel", {"columns": [column("wie", "Wie"), column("rol", "Rol", "choice", ["A", "B"])]})


def test_lock_records_ids_kinds_values_and_columns():
    assert PUBLISHED["header"]["kop-datum"] == {"kind": "date"}
    assert PUBLISHED["worksheets"]["blad"] == {
        "b-keuze": {"kind": "choice", "values": ["ja", "deels", "nee"]},
        "b-tabel": {"kind": "table", "columns": {"wie": {"kind": "text"}, "rol": {"kind": "choice", "values": ["a", "b"]}}}}


def test_lock_allows_new_labels_and_declared_renames():
    assert problems(("choice", "b-keuze", {"options": [option("Jazeker", value="ja"), "Deels", "Nee", "Nieuw"]}), TABLE) == []
    assert problems(("choice", "b-nieuw", {"was": "b-keuze", "options": [
        "Ja", option("Een beetje", value="een-beetje", was="deels"), "Nee"]}), TABLE) == []


def test_each_lock_message_says_what_the_editor_can_do_about_it():
    """The fix that fits the change: a reworded option keeps its value with value=, a renamed question
    takes was=, a table column and its cells keep their ids (there is no was= for them), a header
    field lives in mkdocs.yml; a deliberate removal is ./dev lock."""
    relabelled = problems(("choice", "b-keuze", {"options": ["Ja", "Een beetje", "Nee"]}), TABLE)
    assert 'Veranderde je alleen de tekst? Schrijf dan option("Nieuwe tekst", value="deels").' in relabelled[0]
    assert 'Een nieuwe waarde: option("Nieuwe tekst", was="deels").' in relabelled[0]
    gone = problems(TABLE)[0]
    assert 'Gaf je de vraag een nieuw id? Zet dan was="b-keuze" bij de vraag.' in gone and "./dev lock" in gone
    typo = problems(("choice", "b-nieuw", {"was": "b-keuz", "options": ["Ja", "Deels", "Nee"]}), TABLE)
    assert len(typo) == 1 and 'Bij \'b-nieuw\' staat was="b-keuz": bedoel je was="b-keuze"?' in typo[0]
    keuze = ("choice", "b-keuze", {"options": ["Ja", "Deels", "Nee"]})
    column_gone = problems(keuze, ("table", "b-tabel", {"columns": [column("wie", "Wie"), column("functie", "Rol")]}))[0]
    assert "de kolom 'rol' bestaat niet meer. Een kolom houdt zijn id; de kop mag wel veranderen: column(\"rol\", \"Nieuwe kop\")." in column_gone
    cell = problems(keuze, ("table", "b-tabel", {"columns": [column("wie", "Wie"), column("rol", "Rol", "choice", ["A", "C"])]}))[0]
    assert "veld 'b-tabel, kolom rol': de keuze met waarde 'b' bestaat niet meer." in cell
    assert 'value="b"' in cell and "was=" not in cell
    header = check_lock(PUBLISHED, {**PUBLISHED, "header": {}}, {}, "werkboek.lock.json")[0]
    assert "Zet het kopveld terug onder extra.werkboek.header" in header and "was=" not in header


def test_a_table_column_refuses_a_renamed_option_value():
    """Stored rows are not migrated, so was= on a column's option would quietly lose the cells."""
    with pytest.raises(WorksheetError, match=r"in een tabelkolom kan een keuze geen nieuwe waarde krijgen .*"
                                             r'option\("Soms", value="deels"\)'):
        column("rol", "Rol", "choice", ["Ja", option("Soms", value="soms", was="deels")])


def test_a_published_rename_stays_declared_also_after_a_second_one():
    """`./dev lock` after a rename records it; an editor who then tidies was= away would leave every
    answer still stored (or backed up) under the old id or value behind. Renamed once more, the field
    names both old ids (was= takes a list)."""
    renamed = lock_for(("choice", "b-nieuw", {"was": "b-keuze", "options": ["Ja", option("Een beetje", was="deels"), "Nee"]}),
                       TABLE)

    def after(*fields):
        return check_lock(renamed, lock_for(*fields), {"blad": "blad.md"}, "werkboek.lock.json")

    assert after(("choice", "b-nieuw", {"was": "b-keuze", "options": ["Ja", option("Een beetje", was="deels"), "Nee"]}), TABLE) == []
    dropped = after(("choice", "b-nieuw", {"options": ["Ja", "Een beetje", "Nee"]}), TABLE)
    assert len(dropped) == 2
    assert dropped[0].startswith("Fout in blad.md, veld 'b-nieuw': werkboek.lock.json onthoudt dat dit veld eerder "
                                 "'b-keuze' heette, maar was=\"b-keuze\" staat er niet meer bij. Zet het oude id erbij: was=\"b-keuze\"")
    assert "een keuze van dit veld eerder 'deels' heette" in dropped[1] and 'option("...", was="deels")' in dropped[1]
    again = after(("choice", "b-laatst", {"was": "b-nieuw", "options": ["Ja", option("Een beetje", was="deels"), "Nee"]}), TABLE)
    assert len(again) == 1 and 'Zet alle oude ids erbij: was=["b-keuze", "b-nieuw"]' in again[0]
    both = lock_for(("choice", "b-laatst", {"was": ["b-keuze", "b-nieuw"], "options": ["Ja", option("Een beetje", was="deels"), "Nee"]}),
                    TABLE)
    assert check_lock(renamed, both, {"blad": "blad.md"}, "werkboek.lock.json") == []
    assert both["renames"] == {"fields": {"b-keuze": "b-laatst", "b-nieuw": "b-laatst"}, "values": {"b-laatst": {"deels": "een-beetje"}}}


def test_a_question_moved_under_another_answer_stops_the_build():
    """Moved into a follow-up, a question shows only after that answer: whoever answered it without
    choosing that no longer sees their answer. Moved out (or along with a renamed parent) is fine."""
    def follow(field_id):
        return make_field("long", field_id, "Vervolg", page="blad.md")

    def sheet(*fields):
        return lock_for(*fields)

    top = ("long", "b-los", {})
    published = sheet(top, ("yesno", "b-janee", {"ja": [follow("b-welke")]}))
    assert published["worksheets"]["blad"]["b-welke"] == {"kind": "long", "parent": "b-janee", "when": "ja"}

    def after(*fields):
        return check_lock(published, sheet(*fields), {"blad": "blad.md"}, "werkboek.lock.json")

    moved_in = after(("yesno", "b-janee", {"ja": [follow("b-welke")], "nee": [follow("b-los")]}))
    assert moved_in == ["Fout in blad.md, veld 'b-los': deze vraag is nu een vervolgvraag bij 'b-janee', die alleen te "
                        "zien is bij het antwoord 'nee'. Wie de vraag al beantwoordde zonder dat antwoord te kiezen, ziet het "
                        "eigen antwoord niet meer. Zet de vraag terug waar ze stond. Wil je het bewust zo? Voer dan ./dev lock uit."]
    other_answer = after(top, ("yesno", "b-janee", {"nee": [follow("b-welke")]}))
    assert len(other_answer) == 1 and "veld 'b-welke': deze vraag is nu een vervolgvraag bij 'b-janee'" in other_answer[0]
    assert after(top, ("yesno", "b-janee", {}), ("long", "b-welke", {})) == []  # moved out: always shown
    assert after(top, ("yesno", "b-ander", {"was": "b-janee", "ja": [follow("b-welke")]})) == []
    older = {**published, "schema": 1, "worksheets": {"blad": {"b-los": {"kind": "long"}, "b-janee": {"kind": "yesno", "values": ["ja", "nee"]},
                                                               "b-welke": {"kind": "long"}}}}
    assert check_lock(older, sheet(("yesno", "b-janee", {"ja": [follow("b-welke")], "nee": [follow("b-los")]})),
                      {"blad": "blad.md"}, "werkboek.lock.json") == []  # a lock from before follow-ups were recorded


def test_lock_refuses_lost_values_ids_columns_and_kinds():
    lost_value = problems(("choice", "b-keuze", {"options": ["Ja", "Nee"]}), TABLE)
    assert len(lost_value) == 1
    assert lost_value[0].startswith("Fout in blad.md, veld 'b-keuze': de keuze met waarde 'deels' bestaat niet meer.")
    assert "was=" in lost_value[0] and "./dev lock" in lost_value[0]
    relabelled = problems(("choice", "b-keuze", {"options": ["Ja", "Een beetje", "Nee"]}), TABLE)
    assert "'deels' bestaat niet meer" in relabelled[0]
    assert "veld 'b-keuze': dit veld staat in werkboek.lock.json maar bestaat niet meer" in problems(TABLE)[0]
    assert "van choice naar multi" in problems(("multi", "b-keuze", {"options": ["Ja", "Deels", "Nee"]}), TABLE)[0]
    widened = ("table", "b-tabel", {"columns": [column("wie", "Wie", "long"), column("rol", "Rol", "choice", ["A", "B"])]})
    assert problems(("choice", "b-keuze", {"options": ["Ja", "Deels", "Nee"]}), widened) == []  # a text fits a box of lines
    narrowed = lock_for(("choice", "b-keuze", {"options": ["Ja", "Deels", "Nee"]}), widened)
    assert "van long naar text" in check_lock(narrowed, PUBLISHED, {"blad": "blad.md"}, "werkboek.lock.json")[0]
    no_column = problems(("choice", "b-keuze", {"options": ["Ja", "Deels", "Nee"]}),
                         ("table", "b-tabel", {"columns": [column("wie", "Wie")]}))
    assert "veld 'b-tabel': de kolom 'rol' bestaat niet meer" in no_column[0]
    header = check_lock(PUBLISHED, {**PUBLISHED, "header": {}}, {}, "werkboek.lock.json")
    assert "Fout in mkdocs.yml, veld 'kop-naam'" in header[0] and len(header) == 4


def test_the_page_blocks_take_every_word_from_the_texts_table():
    """What the templates (ours and the theme overrides) write for people to read (text, aria-label,
    title) comes from the one table a workbook may reword (extra.werkboek.texts), never words fixed
    in a template."""
    readable_attribute = re.compile(r'\b(?:aria-label|title|placeholder|alt)="([^"]*)"')
    root = Path(__file__).parent.parent
    for template in sorted((root / "macros/templates").rglob("*.html")) + sorted((root / "overrides").glob("*.html")):
        source = re.sub(r"\{#.*?#\}|\{%.*?%\}|<script>.*?</script>", "", template.read_text(encoding="utf-8"), flags=re.S)
        source = re.sub(r"\{\{.*?\}\}", "", source, flags=re.S)  # what t() and the template's data give
        attributes = [value for value in readable_attribute.findall(source) if value.strip()]
        text = re.sub(r"<[^>]*>", " ", source)
        text = re.sub(r'\s[\w-]+="[^"]*"', " ", text)  # an attribute written outside a tag by a macro
        words = re.findall(r"[^\W\d_]{2,}", text)
        assert not words and not attributes, f"{template.name}: {words or attributes}"


def test_a_workbook_can_reword_a_page_block():
    texts = {"table.add": "Nog een rij", "plan.print": "Plan printen"}
    renderer = Renderer({}, texts)
    assert ">Nog een rij<" in renderer.field(make_field("table", "t-tabel", "Tabel", page=PAGE, columns=[column("a", "A")]))
    assert ">Plan printen<" in renderer.widget("plan", "", handout=None)


def test_a_workbook_can_reword_the_options_the_engine_adds():
    words = {**default_texts(), "option.yes": "Klopt", "option.other": "Iets anders", "option.otherWhat": "Wat dan?"}
    yesno = make_field("yesno", "b-klopt", "Klopt het?", page=PAGE, engine_texts=words,
                       ja=[make_field("long", "b-klopt-hoe", "Hoe?", page=PAGE)])
    assert [(o.label, o.value) for o in yesno.options] == [("Klopt", "ja"), ("Nee", "nee")]  # stored values stay
    assert [child.id for child in yesno.followups["ja"]] == ["b-klopt-hoe"]
    multi = make_field("multi", "b-wat", "Wat?", page=PAGE, engine_texts=words, options=["Een"], other=True)
    assert (multi.options[-1].label, multi.options[-1].value) == ("Iets anders", "anders")
    assert multi.followups["anders"][0].label == "Wat dan?"


def test_a_was_naming_nothing_that_was_published_stops_the_build():
    """was= moves stored answers from an old id or value; one the lock never had moves nothing, so it is
    most likely a typo: the build says so, and which published id or value was meant when one is close."""
    keuze = ("choice", "b-keuze", {"options": ["Ja", "Deels", "Nee"]})
    unknown = problems(keuze, TABLE, ("long", "b-nieuw", {"was": "b-oud"}))
    assert unknown == ["Fout in blad.md, veld 'b-nieuw': was=\"b-oud\" noemt een id dat niet in werkboek.lock.json staat. "
                       "Onder 'b-oud' zijn dus nooit antwoorden bewaard die mee moeten verhuizen. Schreef je het oude id "
                       "goed? Is het nooit gepubliceerd, haal was= dan weg."]
    value = problems(("choice", "b-keuze", {"options": ["Ja", option("Een beetje", was="deel"), "Nee"]}), TABLE)
    assert any("veld 'b-keuze': bij een keuze staat was=\"deel\", maar dit veld had nooit een keuze met waarde 'deel'"
               in message and 'Bedoel je was="deels"?' in message for message in value), value
    # The typo of a lost id is named once, with the id it should be.
    typo = problems(("choice", "b-nieuw", {"was": "b-keuz", "options": ["Ja", "Deels", "Nee"]}), TABLE)
    assert len(typo) == 1 and 'bedoel je was="b-keuze"?' in typo[0]
