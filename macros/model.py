"""The worksheet model: field definitions, their validation, and the site-wide registry.

Macros create fields through `make_field`; the `Workbook` registry collects them per page, checks
ids across the whole site and produces the manifest: every worksheet and question in workbook
(navigation) order. Pages are rendered in file order, so nothing here depends on render order.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from itertools import count

FIELD_KINDS = ("text", "long", "yesno", "choice", "multi", "table", "date")
COLUMN_KINDS = ("text", "long", "choice", "date")
# No "--" inside an id: the templates derive element ids with "--" (wb-ID--hint), so they never clash.
ID_PATTERN = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")
MANIFEST_SCHEMA = 1
TOKEN = re.compile(r"<p>\s*(wbtoken\d{6}x)\s*</p>|(wbtoken\d{6}x)")

# The shared header of every worksheet: entered once, shown on every worksheet and printout.
HEADER_FIELDS = (
    ("kop-naam", "Naam", "text"),
    ("kop-bibliotheek", "Bibliotheek", "text"),
    ("kop-gemeente", "Gemeente of gemeenten", "text"),
    ("kop-datum", "Datum", "date"),
)


class WorksheetError(Exception):
    """A content mistake that must stop the build; the message is Dutch and names page and id."""


@dataclass(frozen=True)
class Option:
    value: str
    label: str


@dataclass(frozen=True)
class Column:
    id: str
    label: str
    kind: str = "text"
    options: tuple[Option, ...] = ()


@dataclass
class Field:
    id: str
    kind: str
    label: str
    page: str
    hint: str = ""
    label_html: str = ""
    hint_html: str = ""
    options: tuple[Option, ...] = ()
    columns: tuple[Column, ...] = ()
    rows: int = 3
    text_rows: int = 4
    wordcount: bool = False
    followups: dict[str, list["Field"]] = field(default_factory=dict)
    token: str = ""
    registered: bool = False

    def __str__(self) -> str:
        # A macro's result lands in the Markdown as this token; the page hook swaps it for the
        # field's HTML after Markdown ran, so no Markdown context can mangle the form.
        return self.token

    def descendants(self):
        for option in self.options:
            for child in self.followups.get(option.value, []):
                yield child
                yield from child.descendants()


def slugify(text: str) -> str:
    """'Anders, namelijk' -> 'anders-namelijk'; used for option values and column ids."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def _fail(page: str, field_id: str, problem: str) -> WorksheetError:
    return WorksheetError(f"Fout in {page}, veld '{field_id}': {problem}")


def check_id(page: str, field_id: object) -> str:
    if not isinstance(field_id, str) or not ID_PATTERN.match(field_id):
        raise _fail(page, str(field_id),
                    "een id bestaat uit kleine letters, cijfers en streepjes en begint met een letter.")
    return field_id


def make_options(page: str, field_id: str, labels) -> tuple[Option, ...]:
    if isinstance(labels, str) or not labels:
        raise _fail(page, field_id, "de lijst met keuzes (options) is leeg of geen lijst.")
    options = tuple(Option(slugify(str(label)), str(label)) for label in labels)
    values = [option.value for option in options]
    if "" in values or len(set(values)) != len(values):
        raise _fail(page, field_id, "elke keuze moet een eigen, niet-lege tekst hebben.")
    return options


def make_column(page: str, field_id: str, spec) -> Column:
    if not isinstance(spec, Column):
        raise _fail(page, field_id, "elke kolom maak je met column(\"id\", \"Kop\").")
    return spec


def make_field(kind: str, field_id, label, *, page: str, **params) -> Field:
    """Validate one macro call and return its Field. Raises WorksheetError on any mistake."""
    field_id = check_id(page, field_id)
    if kind not in FIELD_KINDS:
        raise _fail(page, field_id, f"onbekend soort veld '{kind}'. Kies uit: {', '.join(FIELD_KINDS)}.")
    label_html = params.pop("label_html", "") or ""
    if not (isinstance(label, str) and label.strip()) and not label_html:
        raise _fail(page, field_id, "er ontbreekt een label (de vraag zelf).")
    new = Field(id=field_id, kind=kind, label=(label or "").strip(), page=page,
                hint=params.pop("hint", "") or "", label_html=label_html,
                hint_html=params.pop("hint_html", "") or "")

    followups = params.pop("followups", None) or {}
    if kind == "yesno":
        new.options = (Option("ja", "Ja"), Option("nee", "Nee"))
        followups = {"Ja": params.pop("ja", None) or [], "Nee": params.pop("nee", None) or []}
    elif kind in ("choice", "multi"):
        new.options = make_options(page, field_id, params.pop("options", None))
        if kind == "multi" and params.pop("other", False):
            other = Option("anders", "Anders, namelijk")
            if other.value in {o.value for o in new.options}:
                raise _fail(page, field_id, "gebruik other=True in plaats van een eigen keuze 'Anders'.")
            new.options += (other,)
            followups = {**followups, other.label: [
                make_field("text", f"{field_id}-anders", "Wat nog meer?", page=page)]}
    elif kind == "table":
        columns = params.pop("columns", None)
        if not columns or isinstance(columns, (str, Column)):
            raise _fail(page, field_id, "een tabel heeft minstens één kolom nodig (columns=[column(...)]).")
        new.columns = tuple(make_column(page, field_id, c) for c in columns)
        ids = [c.id for c in new.columns]
        if len(set(ids)) != len(ids):
            raise _fail(page, field_id, "twee kolommen hebben hetzelfde id.")
        new.rows = _positive_int(page, field_id, "rows", params.pop("rows", 3), maximum=20)
    elif kind == "long":
        new.text_rows = _positive_int(page, field_id, "rows", params.pop("rows", 4), maximum=40)
        new.wordcount = bool(params.pop("wordcount", False))

    new.followups = _check_followups(page, new, followups)
    if params:
        raise _fail(page, field_id, f"onbekende instelling(en): {', '.join(sorted(params))}.")
    return new


def make_column_spec(page: str, column_id, label, kind="text", options=None) -> Column:
    column_id = check_id(page, column_id)
    if not (isinstance(label, str) and label.strip()):
        raise _fail(page, column_id, "deze kolom heeft geen kop (label).")
    if kind not in COLUMN_KINDS:
        raise _fail(page, column_id, f"onbekend soort kolom '{kind}'. Kies uit: {', '.join(COLUMN_KINDS)}.")
    column_options = make_options(page, column_id, options) if kind == "choice" else ()
    return Column(column_id, label.strip(), kind, column_options)


def _positive_int(page, field_id, name, value, *, maximum):
    if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= maximum:
        raise _fail(page, field_id, f"{name} moet een heel getal van 1 tot en met {maximum} zijn.")
    return value


def _check_followups(page: str, parent: Field, followups: dict) -> dict[str, list[Field]]:
    by_label = {option.label: option.value for option in parent.options}
    checked: dict[str, list[Field]] = {}
    for label, children in followups.items():
        if not children:
            continue
        if label not in by_label:
            raise _fail(page, parent.id, f"vervolgvraag bij onbekende keuze '{label}'.")
        children = list(children) if isinstance(children, (list, tuple)) else [children]
        for child in children:
            if not isinstance(child, Field):
                raise _fail(page, parent.id, "een vervolgvraag moet zelf een veld zijn, zoals long(...).")
        checked[by_label[label]] = children
    return checked


@dataclass
class Worksheet:
    id: str
    title: str
    page: str
    url: str
    fields: list[Field] = field(default_factory=list)  # top-level fields, in page order
    sections: dict[str, str] = field(default_factory=dict)  # field id -> section id
    section_titles: dict[str, str] = field(default_factory=dict)


class Workbook:
    """Everything the macros registered during one build."""

    def __init__(self) -> None:
        self.reset()

    def reset(self) -> None:
        self.owners: dict[str, str] = {}  # id -> page, for fields, sections and worksheets
        self.worksheets: dict[str, Worksheet] = {}  # page -> its worksheet
        self.current_section: dict[str, str] = {}  # page -> section id
        self.html_by_token: dict[str, str] = {}
        self.page_order: list[str] = []
        self._tokens = count(1)

    # -- registration -------------------------------------------------------------------------

    def claim(self, page: str, item_id: str) -> None:
        owner = self.owners.get(item_id)
        if owner is not None:
            where = "op dezelfde pagina" if owner == page else f"ook in {owner}"
            raise WorksheetError(f"Fout in {page}: het id '{item_id}' wordt twee keer gebruikt ({where}). "
                                 "Elk veld heeft een eigen id nodig.")
        self.owners[item_id] = page

    def start_worksheet(self, page: str, url: str, worksheet_id, title) -> Worksheet:
        worksheet_id = check_id(page, worksheet_id)
        if not (isinstance(title, str) and title.strip()):
            raise _fail(page, worksheet_id, "het werkblad heeft geen titel.")
        if page in self.worksheets:
            raise _fail(page, worksheet_id, "er staat al een werkblad op deze pagina; gebruik één werkblad per pagina.")
        self.claim(page, worksheet_id)
        sheet = Worksheet(worksheet_id, title.strip(), page, url)
        self.worksheets[page] = sheet
        return sheet

    def start_section(self, page: str, section_id, title) -> None:
        sheet = self._worksheet_of(page, str(section_id))
        section_id = check_id(page, section_id)
        if not (isinstance(title, str) and title.strip()):
            raise _fail(page, section_id, "de stap heeft geen titel.")
        self.claim(page, section_id)
        self.current_section[page] = section_id
        sheet.section_titles[section_id] = title.strip()

    def add(self, new: Field, html_of) -> Field:
        """Register a field and give it a token for the page hook.

        Follow-up macros run before their parent's (arguments first), so they are already
        registered; the parent adopts them, and they leave the top-level list.
        """
        sheet = self._worksheet_of(new.page, new.id)
        section = self.current_section.get(new.page, "")
        for item in (new, *new.descendants()):
            if not item.registered:  # the parent itself, or a follow-up the engine made (other=True)
                self.claim(new.page, item.id)
                sheet.sections[item.id] = section
                item.registered = True
        adopted = {child.id for child in new.descendants()}
        sheet.fields = [f for f in sheet.fields if f.id not in adopted]
        sheet.fields.append(new)
        new.token = self.stash(html_of(new))
        return new

    def stash(self, html: str) -> str:
        """Keep HTML aside and return the plain token that stands in for it in the Markdown."""
        token = f"wbtoken{next(self._tokens):06d}x"
        self.html_by_token[token] = html
        return token

    def swap_tokens(self, html: str) -> str:
        """Put stashed HTML back where its token landed, taking a wrapping <p> with it."""
        return TOKEN.sub(lambda m: self.html_by_token.get(m[1] or m[2], m[0]), html)

    def _worksheet_of(self, page: str, item_id: str) -> Worksheet:
        if page not in self.worksheets:
            raise _fail(page, item_id, "dit veld staat niet in een werkblad. Zet {{ worksheet(\"id\", \"Titel\") }} erboven.")
        return self.worksheets[page]

    # -- output ------------------------------------------------------------------------------

    def manifest(self, storage_key: str) -> dict:
        def rank(sheet: Worksheet) -> int:
            return self.page_order.index(sheet.page) if sheet.page in self.page_order else len(self.page_order)

        sheets = sorted(self.worksheets.values(), key=rank)
        return {
            "schema": MANIFEST_SCHEMA,
            "storageKey": storage_key,
            "header": [{"id": i, "label": label, "kind": kind} for i, label, kind in HEADER_FIELDS],
            "worksheets": [_sheet_entry(sheet) for sheet in sheets],
        }


def _sheet_entry(sheet: Worksheet) -> dict:
    flat: list[dict] = []

    def visit(item: Field, parent: str = "", when: str = "") -> None:
        flat.append(_field_entry(item, parent, when, sheet.sections.get(item.id, "")))
        for option in item.options:
            for child in item.followups.get(option.value, []):
                visit(child, item.id, option.value)

    for top in sheet.fields:
        visit(top)
    return {
        "id": sheet.id,
        "title": sheet.title,
        "url": sheet.url,
        "sections": [{"id": i, "title": t} for i, t in sheet.section_titles.items()],
        "fields": flat,
    }


def _field_entry(item: Field, parent: str, when: str, section: str) -> dict:
    entry = {"id": item.id, "kind": item.kind, "label": item.label or _strip_tags(item.label_html),
             "parent": parent, "when": when, "section": section}
    if item.kind in ("long", "table"):  # writing space on blank forms
        entry["rows"] = item.text_rows if item.kind == "long" else item.rows
    if item.options:
        entry["options"] = [{"value": o.value, "label": o.label} for o in item.options]
    if item.columns:
        entry["columns"] = [
            {"id": c.id, "label": c.label, "kind": c.kind,
             **({"options": [{"value": o.value, "label": o.label} for o in c.options]} if c.options else {})}
            for c in item.columns]
    return entry


def _strip_tags(html: str) -> str:
    return re.sub(r"<[^>]+>", "", html).strip()
