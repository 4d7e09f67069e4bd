"""The worksheet model: field definitions, their validation, the site-wide registry and the lock.

Macros create fields through `make_field`; the `Workbook` registry collects them per page, checks
ids across the whole site and produces the manifest: every worksheet and question in workbook
(navigation) order. Pages are rendered in file order, so nothing here depends on render order.
The lock (`lock_of`, `check_lock`) keeps published ids and option values from disappearing.
"""

from __future__ import annotations

import datetime
import difflib
import json
import re
import unicodedata
from dataclasses import dataclass, field
from itertools import count

from .assets import default_texts

# Every field kind and the shape of its stored answer: the one place this is written down.
SHAPES = {"text": "string", "long": "string", "date": "string", "yesno": "string",
          "choice": "string", "multi": "list", "table": "rows"}
FIELD_KINDS = tuple(SHAPES)
COLUMN_KINDS = ("text", "long", "choice", "date")
HEADER_KINDS = ("text", "date")
# What the browser does with a header field: organisation and audience name the export file and the
# handout; organisation and contact are kept when a werkmap is copied; date goes on the handout.
HEADER_ROLES = ("organisation", "audience", "contact", "date")
FIELD_ROLES = ("verdict",)  # a section's self-assessment, shown in the diagnosis
TONES = ("good", "partly", "open")
# No "--" inside an id: the templates derive element ids with "--" (wb-ID--hint), so they never clash.
ID_PATTERN = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")
VALUE_PATTERN = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
MANIFEST_SCHEMA = 2
LOCK_SCHEMA = 2  # 2: a follow-up records the question and the answer that show it
# A token, and the paragraph Markdown may have wrapped around it (taken along when swapped). The token
# is found first, by its fixed start (fast on a whole page), then the wrapper is looked for around it.
TOKEN = re.compile(r"wbtoken\d{6}x")
WRAPPER_START = re.compile(r"<p>\s*\Z")
WRAPPER_END = re.compile(r"\s*</p>")

# The shared header of every worksheet when mkdocs.yml sets no `extra.werkboek.header`.
DEFAULT_HEADER = (
    {"id": "kop-naam", "label": "Naam", "kind": "text", "role": "contact"},
    {"id": "kop-organisatie", "label": "Organisatie", "kind": "text", "role": "organisation"},
    {"id": "kop-voor-wie", "label": "Voor wie is dit plan?", "kind": "text", "role": "audience"},
    {"id": "kop-datum", "label": "Datum", "kind": "date", "role": "date"},
)
CONFIG = "mkdocs.yml"


# The part of the manifest for pages that show every worksheet but none of its questions (the task
# list, the example's offer). A dot, which no field id has, keeps it apart from a worksheet's part.
OVERVIEW_PART = "manifest.overview.js"


def manifest_part(worksheet_id: str | None = None) -> str:
    """The file of the manifest with only this worksheet (`part`), which its page loads; without a
    worksheet the overview part."""
    return f"manifest-{worksheet_id}.js" if worksheet_id else OVERVIEW_PART


def page_part(manifest: dict, worksheet_id: str | None = None) -> dict:
    """What a page's scripts read of the manifest, and no more: the workbook's settings without
    header and handout, and of its own worksheet the top-level questions by id (the progress counts
    them), each with its section when the sheet has verdicts, and a verdict with its role and options
    (the diagnosis shows them). The page has all the wording, options and follow-ups in its HTML.
    Without a worksheet (the overview): every worksheet with its title, address and top-level
    questions by id, for the task list. Code that needs more (print views) loads the whole manifest
    (Werkboek.workbook.whole)."""
    settings = {key: value for key, value in manifest.items() if key not in ("header", "handout", "worksheets")}
    if not worksheet_id:
        overview = [{"id": sheet["id"], "title": sheet["title"], "url": sheet["url"],
                     "fields": [{"id": field["id"]} for field in sheet["fields"] if not field["parent"]]}
                    for sheet in manifest["worksheets"]]
        return {**settings, "part": "overview", "header": [], "handout": None, "worksheets": overview}
    sheet = next(sheet for sheet in manifest["worksheets"] if sheet["id"] == worksheet_id)
    tops = [field for field in sheet["fields"] if not field["parent"]]
    judged = any(field.get("role") == "verdict" for field in tops)

    def lean(field: dict) -> dict:
        kept = {"id": field["id"]}
        if judged:
            kept["section"] = field["section"]
        if field.get("role") == "verdict":
            kept.update(role="verdict", options=field["options"])
        return kept

    lean_sheet = {"id": sheet["id"], "fields": [lean(field) for field in tops]}
    if judged:
        lean_sheet["sections"] = sheet["sections"]
    return {**settings, "part": worksheet_id, "header": [], "handout": None, "worksheets": [lean_sheet]}


def diagnosis_steps(sheet: "Worksheet | None") -> list[dict]:
    """Per section with a verdict (role "verdict"), in order: its title and how many other top-level
    questions it has; what the diagnosis shows before anything is answered. Empty for an unknown
    worksheet (Workbook.check_diagnoses names that mistake)."""
    if sheet is None:
        return []
    tops = [field for field in sheet.fields if not field.parent]
    steps = []
    for section_id, title in sheet.section_titles.items():
        in_section = [field for field in tops if sheet.sections.get(field.id) == section_id]
        if any(field.role == "verdict" for field in in_section):
            steps.append({"title": title, "total": len(in_section) - 1})
    return steps


class WorksheetError(Exception):
    """A content mistake that must stop the build; the message is Dutch and names page and id."""


@dataclass(frozen=True)
class Option:
    """One answer of a choice. `value` is what is stored; the label may change freely. `was`: the
    values it had before (once made by make_options, a tuple; the macro takes one or a list)."""
    label: str
    value: str | None = None
    tone: str | None = None
    was: object = ()


@dataclass(frozen=True)
class Column:
    id: str
    label: str
    kind: str = "text"
    options: tuple[Option, ...] = ()


@dataclass(frozen=True)
class HeaderField:
    id: str
    label: str
    kind: str
    role: str


@dataclass
class Field:
    id: str
    kind: str
    label: str
    page: str
    hint: str = ""
    label_html: str = ""
    hint_html: str = ""
    role: str = ""
    was: tuple[str, ...] = ()  # the ids it had before
    options: tuple[Option, ...] = ()
    columns: tuple[Column, ...] = ()
    rows: int = 3
    text_rows: int = 4
    wordcount: bool = False
    followups: dict[str, list["Field"]] = field(default_factory=dict)  # option value -> its fields
    parent: str = ""
    when: str = ""
    token: str = ""

    def __str__(self) -> str:
        # A macro's result lands in the Markdown as this token; the page hook swaps it for the
        # field's HTML after Markdown ran, so no Markdown context can mangle the form.
        return self.token

    @property
    def shape(self) -> str:
        return SHAPES[self.kind]

    def children(self):
        for option in self.options:
            yield from self.followups.get(option.value, [])


def slugify(text: str) -> str:
    """'Anders, namelijk' -> 'anders-namelijk'; the default value of an option."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def nearest(word: str, candidates) -> str | None:
    """The candidate an editor most likely meant when typing `word` (lang -> long), or None."""
    close = difflib.get_close_matches(word, list(candidates), n=3, cutoff=0.6)
    return min(close, key=lambda near: _edits(word, near)) if close else None


def _edits(a: str, b: str) -> int:
    """How many letters to add, drop or change to turn a into b (lang -> long: 1, lang -> plan: 2)."""
    row = list(range(len(b) + 1))
    for i, letter in enumerate(a, 1):
        previous, row[0] = row[0], i
        for j, other in enumerate(b, 1):
            previous, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, previous + (letter != other))
    return row[-1]


def _fail(page: str, field_id: str, problem: str) -> WorksheetError:
    return WorksheetError(f"Fout in {page}, veld '{field_id}': {problem}")


def check_id(page: str, field_id: object) -> str:
    if not isinstance(field_id, str) or not ID_PATTERN.match(field_id):
        suggestion = slugify(field_id) if isinstance(field_id, str) else ""
        raise _fail(page, str(field_id),
                    "een id bestaat uit kleine letters, cijfers en losse streepjes en begint met een letter."
                    + (f" Bijvoorbeeld: '{suggestion}'." if ID_PATTERN.match(suggestion) else ""))
    return field_id


def option(label, value=None, tone=None, was=()) -> Option:
    """The `option()` macro: checked when the field that uses it is made."""
    return Option(label, value, tone, was)


def olds_of(page: str, field_id: str, was) -> list:
    """was="old" or was=["oldest", "old"] (renamed twice): the earlier ids or values, as a list."""
    if was is None or was == ():
        return []
    olds = [was] if isinstance(was, str) else list(was) if isinstance(was, (list, tuple)) else None
    if not olds or not all(isinstance(old, str) for old in olds):
        raise _fail(page, field_id, "was= is het oude id (of de oude waarde) tussen aanhalingstekens, of een lijst "
                                    "daarvan als het vaker veranderde: was=[\"oudste\", \"oud\"].")
    return olds


def make_options(page: str, field_id: str, specs, *, tones: bool = False) -> tuple[Option, ...]:
    if isinstance(specs, str) or not specs:
        raise _fail(page, field_id, "de lijst met keuzes (options) is leeg of geen lijst. Zet de keuzes tussen [ en ], "
                                    "met een komma ertussen: options=[\"Ja\", \"Nee\"].")
    options = tuple(_make_option(page, field_id, spec, tones) for spec in specs)
    values = [o.value for o in options] + [old for o in options for old in o.was]
    if len(set(values)) != len(values):
        raise _fail(page, field_id, "elke keuze moet een eigen waarde hebben (ook de oude waarden bij was=).")
    return options


def _make_option(page: str, field_id: str, spec, tones: bool) -> Option:
    spec = spec if isinstance(spec, Option) else Option(spec)
    label = spec.label.strip() if isinstance(spec.label, str) else ""
    value = slugify(label) if spec.value is None else spec.value
    if not label or not value:
        raise _fail(page, field_id, "elke keuze moet een eigen, niet-lege tekst hebben.")
    olds = olds_of(page, field_id, spec.was)
    for name, given in (("value", value), *(("was", old) for old in olds)):
        if given is not None and not (isinstance(given, str) and VALUE_PATTERN.match(given)):
            raise _fail(page, field_id, f"keuze '{label}': {name}=\"{given}\" mag alleen kleine letters, "
                                        "cijfers en losse streepjes bevatten.")
    if spec.tone is not None and (not tones or spec.tone not in TONES):
        raise _fail(page, field_id, f"keuze '{label}': tone= kan alleen bij een oordeel (role=\"verdict\") "
                                    f"en is een van: {', '.join(TONES)}.")
    if tones and spec.tone is None:
        raise _fail(page, field_id, f"keuze '{label}': bij een oordeel (role=\"verdict\") heeft elke keuze "
                                    f"een tone= ({', '.join(TONES)}).")
    return Option(label, value, spec.tone, tuple(olds))


def make_column(page: str, field_id: str, spec) -> Column:
    if not isinstance(spec, Column):
        raise _fail(page, field_id, "elke kolom maak je met column(\"id\", \"Kop\").")
    return spec


def make_field(kind: str, field_id, label, *, page: str, engine_texts: dict[str, str] | None = None, **params) -> Field:
    """Validate one macro call and return its Field. Raises WorksheetError on any mistake.
    engine_texts: the interface texts with the workbook's own wording (the labels of yes/no and
    "other"); the engine's table when not given."""
    words = engine_texts or default_texts()
    field_id = check_id(page, field_id)
    if kind not in FIELD_KINDS:
        raise _fail(page, field_id, f"onbekend soort veld '{kind}'. Kies uit: {', '.join(FIELD_KINDS)}.")
    label_html = params.pop("label_html", "") or ""
    if not (isinstance(label, str) and label.strip()) and not label_html:
        raise _fail(page, field_id, "er ontbreekt een label (de vraag zelf).")
    new = Field(id=field_id, kind=kind, label=(label or "").strip(), page=page,
                hint=params.pop("hint", "") or "", label_html=label_html,
                hint_html=params.pop("hint_html", "") or "")
    new.role = params.pop("role", None) or ""
    if new.role and (new.role not in FIELD_ROLES or kind != "choice"):
        raise _fail(page, field_id, f"role=\"{new.role}\" kan niet; een oordeel is een choice met role=\"verdict\".")
    new.was = tuple(check_id(page, old) for old in olds_of(page, field_id, params.pop("was", None)))
    if field_id in new.was or len(set(new.was)) != len(new.was):
        raise _fail(page, field_id, "was= is het oude id en moet anders zijn dan het nieuwe.")

    followups = params.pop("followups", None) or {}
    if kind == "yesno":
        new.options = (Option(words["option.yes"], "ja"), Option(words["option.no"], "nee"))
        followups = {"ja": params.pop("ja", None) or [], "nee": params.pop("nee", None) or []}
    elif kind in ("choice", "multi"):
        new.options = make_options(page, field_id, params.pop("options", None), tones=new.role == "verdict")
        if kind == "multi" and params.pop("other", False):
            other = Option(words["option.other"], "anders")
            if other.value in {o.value for o in new.options}:
                raise _fail(page, field_id, "gebruik other=True in plaats van een eigen keuze 'Anders'.")
            new.options += (other,)
            followups = {**followups, other.value: [
                make_field("text", f"{field_id}-anders", words["option.otherWhat"], page=page)]}
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
    renamed = next((o for o in column_options if o.was), None)
    if renamed:  # stored rows are not migrated: a cell keeps the value it was saved with
        raise _fail(page, column_id, f"keuze '{renamed.label}': in een tabelkolom kan een keuze geen nieuwe waarde "
                                     f"krijgen (was= kan hier niet). Houd de oude waarde: "
                                     f"option(\"{renamed.label}\", value=\"{renamed.was[0]}\").")
    return Column(column_id, label.strip(), kind, column_options)


def _positive_int(page, field_id, name, value, *, maximum):
    if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= maximum:
        raise _fail(page, field_id, f"{name} moet een heel getal van 1 tot en met {maximum} zijn.")
    return value


def _check_followups(page: str, parent: Field, followups: dict) -> dict[str, list[Field]]:
    """Follow-ups are keyed by an option's label (or its value); stored by value."""
    by_key = {o.label: o.value for o in parent.options} | {o.value: o.value for o in parent.options}
    checked: dict[str, list[Field]] = {}
    for key, children in followups.items():
        if not children:
            continue
        if key not in by_key:
            raise _fail(page, parent.id, f"vervolgvraag bij onbekende keuze '{key}'.")
        children = list(children) if isinstance(children, (list, tuple)) else [children]
        for child in children:
            if not isinstance(child, Field):
                raise _fail(page, parent.id, "een vervolgvraag moet zelf een veld zijn, zoals long(...).")
            if child.parent:
                raise _fail(page, child.id, f"deze vervolgvraag hoort al bij '{child.parent}'.")
            child.parent, child.when = parent.id, by_key[key]
        checked.setdefault(by_key[key], []).extend(children)
    return checked


def make_header(entries) -> tuple[HeaderField, ...]:
    """Check `extra.werkboek.header` from mkdocs.yml: a list of {id, label, kind, role}."""
    where = f"{CONFIG} (extra.werkboek.header)"
    if entries is None:
        entries = DEFAULT_HEADER
    if isinstance(entries, (str, dict)):
        raise WorksheetError(f"Fout in {where}: de kop is een lijst met velden (- id: ..., label: ...).")
    header = []
    for entry in entries:
        if not isinstance(entry, dict):
            raise WorksheetError(f"Fout in {where}: elk kopveld heeft id, label en kind.")
        field_id = check_id(where, entry.get("id"))
        label, kind, role = entry.get("label"), entry.get("kind", "text"), entry.get("role") or ""
        unknown = set(entry) - {"id", "label", "kind", "role"}
        if unknown:
            raise _fail(where, field_id, f"onbekende instelling(en): {', '.join(sorted(unknown))}.")
        if not (isinstance(label, str) and label.strip()):
            raise _fail(where, field_id, "er ontbreekt een label.")
        if kind not in HEADER_KINDS:
            raise _fail(where, field_id, f"kind is een van: {', '.join(HEADER_KINDS)}.")
        if role and role not in HEADER_ROLES:
            raise _fail(where, field_id, f"role is een van: {', '.join(HEADER_ROLES)}.")
        if role and role in {h.role for h in header}:
            raise _fail(where, field_id, f"role '{role}' staat al bij een ander kopveld.")
        if field_id in {h.id for h in header}:
            raise _fail(where, field_id, "dit id staat twee keer in de kop.")
        header.append(HeaderField(field_id, label.strip(), kind, role))
    return tuple(header)


def make_handout(settings) -> dict | None:
    """Check the shape of `extra.werkboek.handout`; `Workbook.check_handout` checks its ids later.

    {title, intro, parts: [{title, fields: [field id, ...]} or {title, diagnosis: worksheet id}]}
    """
    if settings is None:
        return None
    where = f"Fout in {CONFIG} (extra.werkboek.handout)"
    if not isinstance(settings, dict):
        raise WorksheetError(f"{where}: schrijf de gespreksnotitie als title:, intro: en parts:.")
    unknown = set(settings) - {"title", "intro", "parts"}
    if unknown:
        raise WorksheetError(f"{where}: onbekende instelling(en): {', '.join(sorted(unknown))}.")
    title, intro, parts = settings.get("title"), settings.get("intro", ""), settings.get("parts")
    if not (isinstance(title, str) and title.strip()):
        raise WorksheetError(f"{where}: er ontbreekt een titel (title:).")
    if not isinstance(intro, str):
        raise WorksheetError(f"{where}: intro: is een tekst.")
    if not isinstance(parts, list) or not parts:
        raise WorksheetError(f"{where}: parts: is een lijst met onderdelen (- title: ..., fields: [...]).")
    checked = []
    for number, part in enumerate(parts, 1):
        name = part.get("title") if isinstance(part, dict) else None
        if not (isinstance(name, str) and name.strip()):
            raise WorksheetError(f"{where}: onderdeel {number} heeft geen titel (title:).")
        here = f"{where}, onderdeel '{name.strip()}'"
        kinds = {"fields", "diagnosis"} & set(part)
        if set(part) - {"title", "fields", "diagnosis"} or len(kinds) != 1:
            raise WorksheetError(f"{here}: geef fields: [id, ...] of diagnosis: <werkblad-id>, en verder alleen title:.")
        entry = {"title": name.strip()}
        if "fields" in part:
            ids = part["fields"]
            if not isinstance(ids, list) or not ids or not all(isinstance(i, str) for i in ids):
                raise WorksheetError(f"{here}: fields: is een lijst met ids van vragen.")
            entry["fields"] = list(ids)
        else:
            entry["diagnosis"] = str(part["diagnosis"])
        checked.append(entry)
    return {"title": title.strip(), "intro": intro.strip(), "parts": checked}


# {name} in an interface text: filled in by t() in js/texts.js and Renderer.text.
PLACEHOLDER = re.compile(r"\{(\w+)\}")


def make_texts(texts, known: dict[str, str]) -> dict[str, str]:
    """`extra.werkboek.texts`: the workbook's own wording for the engine's interface texts (`known`:
    the engine's table). A key the engine does not have would change nothing: it stops the build."""
    texts = texts or {}
    if not isinstance(texts, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in texts.items()):
        raise WorksheetError(f"Fout in {CONFIG} (extra.werkboek.texts): schrijf elke tekst als sleutel: \"tekst\".")
    unknown = [key for key in texts if key not in known]
    if unknown:
        raise WorksheetError(f"Fout in {CONFIG} (extra.werkboek.texts): de sleutel '{unknown[0]}' bestaat niet. "
                             "De sleutels staan in overrides/assets/werkboek/js/texts.js.")
    for key, text in texts.items():  # a {name} the engine does not fill in would show as typed
        names = PLACEHOLDER.findall(known[key])
        wrong = [name for name in PLACEHOLDER.findall(text) if name not in names]
        if wrong:
            has = ("Deze tekst kent: " + ", ".join("{" + name + "}" for name in dict.fromkeys(names)) + "."
                   if names else "Deze tekst vult niets in.")
            raise WorksheetError(f"Fout in {CONFIG} (extra.werkboek.texts): '{key}' noemt {{{wrong[0]}}}, "
                                 f"maar dat vult het werkboek daar niet in. {has}")
    return dict(texts)


@dataclass
class Worksheet:
    id: str
    title: str
    page: str
    url: str
    copy: bool = False  # chosen by default when a werkmap is copied (e.g. for another municipality)
    fields: list[Field] = field(default_factory=list)  # every field, in registration order
    sections: dict[str, str] = field(default_factory=dict)  # field id -> section id
    section_titles: dict[str, str] = field(default_factory=dict)


class Workbook:
    """Everything the macros registered during one build."""

    def __init__(self, header: tuple[HeaderField, ...] | None = None) -> None:
        """header: the checked extra.werkboek.header (empty: none); the default one when not given."""
        self.header = make_header(None) if header is None else header
        self.owners: dict[str, str] = {h.id: CONFIG for h in self.header}  # id -> page
        self.worksheets: dict[str, Worksheet] = {}  # page -> its worksheet
        self.current_section: dict[str, str] = {}  # page -> section id
        self.renamed_fields: dict[str, tuple[str, str]] = {}  # old id -> (new id, page)
        self.html_by_token: dict[str, object] = {}  # token -> HTML, or a function making it
        self.page_order: list[str] = []
        self.plan: tuple[str, str] | None = None  # (page, url) of the page with plan()
        self.diagnoses: list[tuple[str, str]] = []  # (page, worksheet id) of every diagnose() call
        self._tokens = count(1)

    # -- registration -------------------------------------------------------------------------

    def claim(self, page: str, item_id: str) -> None:
        owner = self.owners.get(item_id)
        if owner is not None:
            where = "op dezelfde pagina" if owner == page else f"ook in {owner}"
            raise WorksheetError(f"Fout in {page}: het id '{item_id}' wordt twee keer gebruikt ({where}). "
                                 "Elk veld heeft een eigen id nodig.")
        self.owners[item_id] = page

    def start_worksheet(self, page: str, url: str, worksheet_id, title, copy=False) -> Worksheet:
        worksheet_id = check_id(page, worksheet_id)
        if not (isinstance(title, str) and title.strip()):
            raise _fail(page, worksheet_id, "het werkblad heeft geen titel.")
        if not isinstance(copy, bool):
            raise _fail(page, worksheet_id, "copy= is True (standaard mee bij het kopiëren van een werkmap) of False.")
        if page in self.worksheets:
            raise _fail(page, worksheet_id, "er staat al een werkblad op deze pagina; gebruik één werkblad per pagina.")
        self.claim(page, worksheet_id)
        sheet = Worksheet(worksheet_id, title.strip(), page, url, copy)
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

    def mark_plan(self, page: str, url: str) -> None:
        if self.plan and self.plan[0] != page:
            raise WorksheetError(f"Fout in {page}: plan() staat ook al in {self.plan[0]}; "
                                 "een werkboek heeft één planpagina.")
        self.plan = (page, url)

    def mark_diagnosis(self, page: str, worksheet_id: str) -> None:
        self.diagnoses.append((page, worksheet_id))

    def add(self, new: Field, html_of) -> Field:
        """Register a field (and the follow-ups the engine made for it) and give it a token.

        Follow-up macros run before their parent's (arguments first), so they are registered
        already. Only tokens that land in a page are rendered, so every field is rendered once:
        on its own, or inside its parent.
        """
        sheet = self._worksheet_of(new.page, new.id)
        section = self.current_section.get(new.page, "")
        for item in (new, *new.children()):
            if not item.token:  # the field itself, or a follow-up the engine made (other=True)
                self._register(sheet, item, section)
        new.token = self.stash(lambda: html_of(new))
        return new

    def _register(self, sheet: Worksheet, item: Field, section: str) -> None:
        self.claim(item.page, item.id)
        for old in item.was:
            if old in self.renamed_fields:
                raise _fail(item.page, item.id, f"was=\"{old}\" staat ook al bij een ander veld.")
            self.renamed_fields[old] = (item.id, item.page)
        sheet.sections[item.id] = section
        sheet.fields.append(item)

    def stash(self, html) -> str:
        """Keep HTML (or a function making it) aside; return the token standing in for it."""
        token = f"wbtoken{next(self._tokens):06d}x"
        self.html_by_token[token] = html
        return token

    def swap_tokens(self, html: str) -> str:
        """Put stashed HTML back where its token landed, taking a wrapping <p> with it."""
        parts, done = [], 0
        for match in TOKEN.finditer(html):
            stashed = self.html_by_token.get(match[0])
            if stashed is None:
                continue
            start, end = match.span()
            opening = WRAPPER_START.search(html, max(done, start - 64), start)
            closing = opening and WRAPPER_END.match(html, end)
            if closing:
                start, end = opening.start(), closing.end()
            parts += [html[done:start], stashed() if callable(stashed) else stashed]
            done = end
        return "".join(parts) + html[done:] if parts else html

    def _worksheet_of(self, page: str, item_id: str) -> Worksheet:
        if page not in self.worksheets:
            raise _fail(page, item_id, "dit veld staat niet in een werkblad. Zet {{ worksheet(\"id\", \"Titel\") }} erboven.")
        return self.worksheets[page]

    # -- output ------------------------------------------------------------------------------

    def sheets(self) -> list[Worksheet]:
        def rank(sheet: Worksheet) -> int:
            return self.page_order.index(sheet.page) if sheet.page in self.page_order else len(self.page_order)
        return sorted(self.worksheets.values(), key=rank)

    def check_nav(self) -> None:
        """Every worksheet is in the navigation: its place there is its place in the plan and the progress."""
        for sheet in self.worksheets.values():
            if sheet.page not in self.page_order:
                raise _fail(sheet.page, sheet.id, f"dit werkblad staat niet onder nav: in {CONFIG}. Zet de pagina "
                                                  "daar bij, op de plek waar het werkblad in het werkboek hoort: in die "
                                                  "volgorde staan de werkbladen ook in het plan.")

    def check_renames(self) -> None:
        """A rename's old id must be gone: otherwise two fields would claim the same answers."""
        for old, (new, page) in self.renamed_fields.items():
            if old in self.owners:
                raise _fail(page, new, f"was=\"{old}\", maar '{old}' bestaat nog (in {self.owners[old]}). Dan zouden "
                                       "twee vragen dezelfde antwoorden krijgen. Haal de oude vraag weg, of zet bij was= "
                                       "het id dat echt verdwenen is.")

    def verdict_sheets(self) -> set[str]:
        """The worksheets with verdicts (role="verdict"): the ones a diagnosis can show."""
        return {sheet.id for sheet in self.worksheets.values() if any(f.role == "verdict" for f in sheet.fields)}

    def check_diagnoses(self) -> None:
        """Every diagnose("id") names a worksheet with verdicts (else its block would stay empty)."""
        verdicts = self.verdict_sheets()
        for page, sheet_id in self.diagnoses:
            if sheet_id not in verdicts:
                known = (f"Werkbladen met oordelen: {', '.join(sorted(verdicts))}." if verdicts
                         else "Geen werkblad heeft oordelen.")
                raise WorksheetError(f"Fout in {page}: diagnose(\"{sheet_id}\") toont de oordelen van een werkblad, "
                                     f"maar '{sheet_id}' is geen werkblad met oordelen (role=\"verdict\"). {known}")

    def check_handout(self, handout: dict | None) -> None:
        """Every id the handout names must be a worksheet question, or a worksheet with verdicts."""
        if not handout:
            return
        fields = {item.id for sheet in self.worksheets.values() for item in sheet.fields}
        verdicts = self.verdict_sheets()
        for part in handout["parts"]:
            here = f"Fout in {CONFIG} (extra.werkboek.handout), onderdeel '{part['title']}'"
            for field_id in part.get("fields", []):
                if field_id not in fields:
                    renamed = self.renamed_fields.get(field_id)
                    raise WorksheetError(f"{here}: de vraag '{field_id}' " + (
                        f"heet nu '{renamed[0]}' (was= in {renamed[1]}). Zet het nieuwe id hier." if renamed else
                        "bestaat niet in een werkblad. Controleer het id op de pagina van het werkblad. Haalde je de "
                        "vraag weg? Haal haar dan ook hier weg."))
            sheet_id = part.get("diagnosis")
            if sheet_id is not None and sheet_id not in verdicts:
                raise WorksheetError(f"{here}: diagnosis: '{sheet_id}' is geen werkblad met oordelen "
                                     "(role=\"verdict\").")

    def manifest(self, *, storage_key: str, title: str, plan_title: str = "", sets_url: str = "", texts=None,
                 handout=None, example: str = "") -> dict:
        self.check_renames()
        self.check_handout(handout)
        self.check_diagnoses()
        sheets = self.sheets()
        fields = [item for sheet in sheets for item in sheet.fields]
        values = {}
        for item in fields:
            renamed = {old: o.value for o in item.options for old in o.was}
            if renamed:
                values[item.id] = renamed
        return {
            "schema": MANIFEST_SCHEMA,
            "storageKey": storage_key,
            "title": title,
            "plan": {"url": self.plan[1], "title": plan_title} if self.plan else None,
            "sets": {"url": sets_url} if sets_url else None,  # the page with werkmappen()
            "texts": dict(texts or {}),
            "example": {"file": example} if example else None,
            "handout": handout,
            "header": [{"id": h.id, "label": h.label, "kind": h.kind, "shape": SHAPES[h.kind], "role": h.role}
                       for h in self.header],
            "worksheets": [_sheet_entry(sheet) for sheet in sheets],
            "renames": {"fields": {old: new for old, (new, _) in self.renamed_fields.items()}, "values": values},
        }


def _sheet_entry(sheet: Worksheet) -> dict:
    flat: list[dict] = []

    def visit(item: Field) -> None:
        flat.append(_field_entry(item, sheet.sections.get(item.id, "")))
        for child in item.children():
            visit(child)

    for top in sheet.fields:
        if not top.parent:
            visit(top)
    return {
        "id": sheet.id,
        "title": sheet.title,
        "url": sheet.url,
        "copy": sheet.copy,
        "sections": [{"id": i, "title": t} for i, t in sheet.section_titles.items()],
        "fields": flat,
    }


def _options_entry(options) -> list[dict]:
    return [{"value": o.value, "label": o.label, **({"tone": o.tone} if o.tone else {})} for o in options]


def _field_entry(item: Field, section: str) -> dict:
    entry = {"id": item.id, "kind": item.kind, "shape": item.shape,
             "label": item.label or _strip_tags(item.label_html),
             "parent": item.parent, "when": item.when, "section": section}
    if item.role:
        entry["role"] = item.role
    if item.kind in ("long", "table"):  # writing space on blank forms
        entry["rows"] = item.text_rows if item.kind == "long" else item.rows
    if item.options:
        entry["options"] = _options_entry(item.options)
    if item.columns:
        entry["columns"] = [
            {"id": c.id, "label": c.label, "kind": c.kind,
             **({"options": _options_entry(c.options)} if c.options else {})}
            for c in item.columns]
    return entry


def _strip_tags(html: str) -> str:
    return re.sub(r"<[^>]+>", "", html).strip()


# -- the filled example: answers of a fictional user, checked against the fields -----------------

def check_example(data, manifest: dict, where: str) -> dict:
    """`extra.werkboek.example` ({naam, antwoorden}) -> {name, answers}, every answer in its stored shape.

    A wrong id, shape or option value stops the build with a Dutch message naming the id.
    """
    if not (isinstance(data, dict) and isinstance(data.get("naam"), str) and data["naam"].strip()
            and isinstance(data.get("antwoorden"), dict)) or set(data) - {"naam", "antwoorden"}:
        raise WorksheetError(f"Fout in {where}: een voorbeeld heeft alleen naam: (de naam van de werkmap) "
                             "en antwoorden: (per veld-id het antwoord).")
    known = {h["id"]: h for h in manifest["header"]}
    known.update({f["id"]: f for sheet in manifest["worksheets"] for f in sheet["fields"]})
    renames = manifest.get("renames", {"fields": {}, "values": {}})
    for field_id, value in data["antwoorden"].items():
        if field_id in renames["fields"]:
            raise _fail(where, str(field_id), f"dit veld heet nu '{renames['fields'][field_id]}' (was= op de pagina). "
                                              "Zet het nieuwe id in het voorbeeld.")
        if field_id not in known:
            # Header ids are not on any page (extra.werkboek.header, or the default ones): name them.
            header = ", ".join(h["id"] for h in manifest["header"])
            raise _fail(where, str(field_id), "dit veld bestaat niet in het werkboek."
                        + (f" De kopvelden heten: {header}." if header else ""))
        renamed = [old for old in (value if isinstance(value, list) else [value])
                   if isinstance(old, str) and old in renames["values"].get(field_id, {})]
        if renamed:
            raise _fail(where, field_id, f"de keuze '{renamed[0]}' heet nu '{renames['values'][field_id][renamed[0]]}' "
                                         "(was= op de pagina). Zet de nieuwe waarde in het voorbeeld.")
        problem = _answer_problem(known[field_id], value)
        if problem:
            raise _fail(where, field_id, problem)
    return {"name": data["naam"].strip(), "answers": data["antwoorden"]}


def _answer_problem(spec: dict, value) -> str:
    """Why a value does not fit its field (a manifest entry or table column); "" when it does."""
    values = [o["value"] for o in spec.get("options", [])]
    if isinstance(value, datetime.date):
        return f"schrijf de datum tussen aanhalingstekens: \"{value.isoformat()}\"."
    if spec.get("shape", "string") == "list":
        if not (isinstance(value, list) and all(isinstance(v, str) for v in value)):
            return "het antwoord is een lijst met keuzes (- waarde)."
        wrong = [v for v in value if v not in values]
        if wrong or len(set(value)) != len(value):
            return f"keuze '{(wrong or value)[0]}' bestaat niet of staat er twee keer. Kies uit: {', '.join(values)}."
        return ""
    if spec.get("shape") == "rows":
        columns = {c["id"]: c for c in spec["columns"]}
        if not (isinstance(value, list) and all(isinstance(row, dict) for row in value)):
            return "het antwoord is een lijst met rijen (- kolom-id: tekst)."
        for number, row in enumerate(value, 1):
            for column_id, cell in row.items():
                problem = (_answer_problem(columns[column_id], cell) if column_id in columns
                           else f"de kolom bestaat niet. Kies uit: {', '.join(columns)}.")
                if problem:
                    return f"rij {number}, kolom '{column_id}': {problem}"
        return ""
    if not isinstance(value, str):
        return "het antwoord is een tekst."
    if value and spec["kind"] == "date" and not _is_date(value):
        return f"'{value}' is geen datum als 2026-03-14."
    if value and values and value not in values:
        return f"'{value}' is geen keuze van dit veld. Kies uit: {', '.join(values)}."
    return ""


def _is_date(text: str) -> bool:
    try:
        return datetime.date.fromisoformat(text).isoformat() == text
    except ValueError:
        return False


# -- the lock: published ids, kinds and values ------------------------------------------------------

def lock_of(manifest: dict) -> dict:
    """What the lock file records for a manifest: every id with its kind and stored values."""
    def entry(item: dict) -> dict:
        out = {"kind": item["kind"]}
        if item.get("options"):
            out["values"] = [o["value"] for o in item["options"]]
        if item.get("columns"):
            out["columns"] = {c["id"]: entry(c) for c in item["columns"]}
        if item.get("parent"):
            out.update(parent=item["parent"], when=item["when"])
        return out

    return {
        "schema": LOCK_SCHEMA,
        "storage_key": manifest["storageKey"],  # the answers this lock protects are stored under it
        "header": {h["id"]: entry(h) for h in manifest["header"]},
        "worksheets": {s["id"]: {f["id"]: entry(f) for f in s["fields"]} for s in manifest["worksheets"]},
        "renames": manifest["renames"],
    }


def lock_text(lock: dict) -> str:
    """The lock as JSON with one line per field, so a change shows as a one-line diff."""
    def line(value) -> str:
        return json.dumps(value, ensure_ascii=False)

    def block(items: dict, indent: str) -> str:
        return "{\n" + ",\n".join(f"{indent} {line(k)}: {v}" for k, v in items.items()) + f"\n{indent}}}"

    sheets = {sheet: block({i: line(e) for i, e in fields.items()}, "  ") for sheet, fields in lock["worksheets"].items()}
    return block({"schema": line(lock["schema"]),
                  "storage_key": line(lock["storage_key"]),
                  "header": block({i: line(e) for i, e in lock["header"].items()}, " "),
                  "worksheets": block(sheets, " "),
                  "renames": line(lock["renames"])}, "") + "\n"


# Kind changes every stored answer survives as it is: one line of text fits a box of several lines.
WIDENINGS = {("text", "long")}
DELIBERATE = "Haal je dit bewust weg? Voer dan ./dev lock uit (de antwoorden daarop vervallen)."


def check_lock(locked: dict, current: dict, pages: dict[str, str], lock_name: str) -> list[str]:
    """Dutch messages for every locked id or value that the content lost without a declared rename.

    `pages` maps worksheet ids to their page, for naming where a field was. A lock made under
    another storage key (a lock from before it recorded one is taken as this workbook's) gives one
    message instead: either the editor started a new workbook from a copy of this repository, or
    the key changed, and with it every user would lose sight of their answers.
    """
    if locked.get("storage_key", current["storage_key"]) != current["storage_key"]:
        return [f"{lock_name} hoort bij een ander werkboek: daarin is storage_key '{locked['storage_key']}', "
                f"in {CONFIG} staat '{current['storage_key']}'. Begin je een nieuw werkboek? Haal dan "
                f"{lock_name} weg (zie de README, \"Een nieuw werkboek maken\"). Heb je storage_key "
                "veranderd in een werkboek dat al gebruikt wordt? Zet hem dan terug: onder een andere "
                "storage_key zien gebruikers hun opgeslagen antwoorden niet meer."]
    renamed_fields = current["renames"]["fields"]
    renamed_values = current["renames"]["values"]
    now = {**{i: (e, CONFIG) for i, e in current["header"].items()},
           **{i: (e, pages.get(s, s)) for s, fields in current["worksheets"].items() for i, e in fields.items()}}
    was = {**{i: (e, CONFIG) for i, e in locked.get("header", {}).items()},
           **{i: (e, pages.get(s, f"werkblad '{s}'")) for s, fields in locked.get("worksheets", {}).items()
              for i, e in fields.items()}}
    # A was= naming an id the lock never had is most likely a typo of the one that disappeared.
    unknown_olds = {o: n for o, n in renamed_fields.items()
                    if o not in was and o not in locked.get("renames", {}).get("fields", {})}
    problems = []
    hinted = set()  # unknown was= ids already named as the likely typo of a lost id
    for old_id, (old, where) in was.items():
        new_id = old_id if old_id in now else renamed_fields.get(old_id)
        if new_id not in now:
            typo = nearest(old_id, unknown_olds)
            hinted.add(typo)
            how = ("Zet het kopveld terug onder extra.werkboek.header (het label mag veranderen)." if where == CONFIG else
                   f"Bij '{unknown_olds[typo]}' staat was=\"{typo}\": bedoel je was=\"{old_id}\"?" if typo else
                   f"Gaf je de vraag een nieuw id? Zet dan was=\"{old_id}\" bij de vraag.")
            problems.append(f"Fout in {where}, veld '{old_id}': dit veld staat in {lock_name} maar bestaat niet meer. "
                            f"Opgeslagen antwoorden zouden verloren gaan. {how} {DELIBERATE}")
            continue
        new, page = now[new_id]
        problems += _compare(page, new_id, old, new, renamed_values.get(new_id, {}))
        if locked.get("schema", 1) >= 2:  # older locks did not record follow-ups
            problems += _hidden(page, new_id, old, new, current["renames"])
        locked_renames = locked.get("renames", {}).get("values", {})
        known = {*old.get("values", []), *locked_renames.get(new_id, {}), *locked_renames.get(old_id, {})}
        for value in sorted(set(renamed_values.get(new_id, {})) - known):
            close = nearest(value, old.get("values", []))
            problems.append(f"Fout in {page}, veld '{new_id}': bij een keuze staat was=\"{value}\", maar dit veld had nooit "
                            f"een keuze met waarde '{value}' ({lock_name}). " + (
                                f"Bedoel je was=\"{close}\"?" if close else "Haal was= weg of kijk welke waarde de keuze had."))
    for old_id in sorted(set(unknown_olds) - hinted):
        new_id = unknown_olds[old_id]
        close = nearest(old_id, [i for i in was if i not in now])
        problems.append(f"Fout in {now[new_id][1] if new_id in now else CONFIG}, veld '{new_id}': was=\"{old_id}\" noemt een id "
                        f"dat niet in {lock_name} staat. Onder '{old_id}' zijn dus nooit antwoorden bewaard die mee moeten "
                        "verhuizen. " + (f"Bedoel je was=\"{close}\"?" if close else
                                         "Schreef je het oude id goed? Is het nooit gepubliceerd, haal was= dan weg."))
    problems += _dropped_renames(locked.get("renames", {}), current["renames"], now, lock_name)
    return problems


def _hidden(page: str, field_id: str, old: dict, new: dict, renames: dict) -> list[str]:
    """A question moved under another question (or another answer of it) shows only after that
    answer: whoever answered it without choosing that would no longer see their answer."""
    if not new.get("parent"):
        return []
    parent = renames["fields"].get(old.get("parent"), old.get("parent", ""))
    when = renames["values"].get(parent, {}).get(old.get("when"), old.get("when", ""))
    if (parent, when) == (new["parent"], new["when"]):
        return []
    return [f"Fout in {page}, veld '{field_id}': deze vraag is nu een vervolgvraag bij '{new['parent']}', die alleen te "
            f"zien is bij het antwoord '{new['when']}'. Wie de vraag al beantwoordde zonder dat antwoord te kiezen, ziet "
            "het eigen antwoord niet meer. Zet de vraag terug waar ze stond. Wil je het bewust zo? Voer dan ./dev lock uit."]


def _dropped_renames(locked: dict, current: dict, now: dict, lock_name: str) -> list[str]:
    """A published rename stays declared: answers stored (or backed up) under the old id or value,
    by someone who has not opened the site since, move only while the manifest names it."""
    fields = current["fields"]
    problems = []

    def keep(field_id: str, old: str, what: str) -> None:
        if field_id in now:
            olds = sorted({*[o for o, n in fields.items() if n == field_id], old}) if what == "id" else None
            hint = (f"Zet het oude id erbij: was=\"{old}\"" if len(olds) == 1 else
                    "Zet alle oude ids erbij: was=[" + ", ".join(f"\"{o}\"" for o in olds) + "]") if olds else (
                    f"Zet de oude waarde erbij: option(\"...\", was=\"{old}\")")
            problems.append(f"Fout in {now[field_id][1]}, veld '{field_id}': {lock_name} onthoudt dat "
                            f"{'dit veld' if olds else 'een keuze van dit veld'} eerder '{old}' heette, maar was=\"{old}\" "
                            f"staat er niet meer bij. {hint}: wie nog antwoorden onder '{old}' heeft (in een oude "
                            "back-up, of wie de site sindsdien niet opende), ziet ze anders niet meer terug.")

    for old, new in locked.get("fields", {}).items():
        if old not in fields:
            keep(fields.get(new, new), old, "id")
    for field_id, values in locked.get("values", {}).items():
        field_id = fields.get(field_id, field_id)
        for old in values:
            if old not in current["values"].get(field_id, {}):
                keep(field_id, old, "value")
    return problems


def _compare(page: str, field_id: str, old: dict, new: dict, renamed: dict[str, str], *, column: bool = False) -> list[str]:
    where = f"Fout in {page}, veld '{field_id}'"
    if old["kind"] != new["kind"] and (old["kind"], new["kind"]) not in WIDENINGS:
        return [f"{where}: het soort veld is veranderd van {old['kind']} naar {new['kind']}. Opgeslagen antwoorden "
                "passen daar niet meer in. Zet het oude soort terug, of maak een nieuwe vraag met een nieuw id (zonder "
                f"was=) en voer ./dev lock uit: de antwoorden op de oude vraag vervallen dan."]
    problems = []
    for value in old.get("values", []):
        if renamed.get(value, value) not in new.get("values", []):
            how = f"Veranderde je alleen de tekst? Schrijf dan option(\"Nieuwe tekst\", value=\"{value}\")."
            if not column:  # a table's cells keep their values: was= is for a question's options only
                how += f" Een nieuwe waarde: option(\"Nieuwe tekst\", was=\"{value}\")."
            problems.append(f"{where}: de keuze met waarde '{value}' bestaat niet meer. Wie die keuze had, verliest het "
                            f"antwoord. {how} {DELIBERATE}")
    for column_id, locked_column in old.get("columns", {}).items():
        if column_id not in new.get("columns", {}):
            problems.append(f"{where}: de kolom '{column_id}' bestaat niet meer. Een kolom houdt zijn id; de kop mag wel "
                            f"veranderen: column(\"{column_id}\", \"Nieuwe kop\"). {DELIBERATE}")
        else:
            problems += _compare(page, f"{field_id}, kolom {column_id}", locked_column, new["columns"][column_id], {},
                                 column=True)
    return problems
