"""Hostile back-up files for the import (issue 12): a corpus made with Hypothesis, the rules a stored
answer must meet (written here again, from the README, as an independent check of js/answers.js),
and a runner that feeds the files to the real file input of the plan page in one browser page.

Used by tests/test_import_fuzz.py (a fixed seed, ~5,000 files) and scripts/benchmark.py (more).
WERKBOEK_FUZZ_FILES and WERKBOEK_FUZZ_SEED change the size and the seed; the same seed and size give
the same files (with the same test code: Hypothesis also draws on constants it finds in it), so a
failure names its seed and file number and replays exactly.
"""

from __future__ import annotations

import base64
import functools
import json
import math
import os
import pickle
import re
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from hypothesis import HealthCheck, Phase, given, seed, settings
from hypothesis import strategies as st

FORMAT = "werkboek-antwoorden"
MAX_BYTES = 1024 * 1024
MAX_ANSWERS = 2000
MAX_TEXT = 100_000
MAX_ROWS = 200
UNSAFE = ("__proto__", "constructor", "prototype")
ID = re.compile(r"[a-z][a-z0-9]*(-[a-z0-9]+)*")
ISO_DATE = re.compile(r"[0-9]{4,6}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])")
DEFAULT_FILES = 5000
DEFAULT_SEED = 12
PLACEHOLDER = "\x00DIEP\x00"

# Every element the payloads could make carries class "wbfuzz"; every script in them sets
# window.__wbFuzzRan. Neither may ever show up in the page.
MARKUP = [
    '<img src=x class=wbfuzz onerror="window.__wbFuzzRan=1">',
    "<script class=wbfuzz>window.__wbFuzzRan=2</script>",
    '<svg class=wbfuzz onload="window.__wbFuzzRan=3"><circle r=1></circle></svg>',
    '<a class=wbfuzz href="javascript:window.__wbFuzzRan=4">klik</a>',
    '<iframe class=wbfuzz srcdoc="<script>parent.__wbFuzzRan=5</script>"></iframe>',
    '"><b class=wbfuzz>vet</b><"',
    "</textarea></li><i class=wbfuzz>schuin</i>",
    "<style class=wbfuzz>*{display:none}</style>",
    '<details class=wbfuzz open ontoggle="window.__wbFuzzRan=6">',
    "{{7*7}} ${7*7} <!-- %s %n -->",
    "&lt;b&gt; &amp;amp; &#60;script&#62;",
    "\u202e\u0000\u200b\ufeff\r\n\t",
]
# Key names that mean something to JavaScript objects.
JS_NAMES = ["__proto__", "constructor", "prototype", "toString", "valueOf", "hasOwnProperty", "length",
            "__defineGetter__", "then", "toJSON"]
BAD_IDS = ["Rare Sleutel!", "W1-AGENDA", "", "a--b", "-a", "a-", "1abc", "w1_agenda", "wérk", " w1-agenda",
           "w1-agenda\n"] + JS_NAMES


def js_length(text: str) -> int:
    """A string's length as JavaScript counts it (UTF-16 code units)."""
    return len(text.encode("utf-16-le")) // 2


# -- The rules an imported answer must meet (README "The back-up file") ---------------------------

def strip_unsafe(value, depth: int):
    """The import drops __proto__/constructor/prototype keys (store.js sanitize, 8 levels deep)."""
    if depth > 8 or not isinstance(value, (dict, list)):
        return value
    if isinstance(value, list):
        return [strip_unsafe(item, depth + 1) for item in value]
    return {key: strip_unsafe(item, depth + 1) for key, item in value.items() if key not in UNSAFE}


def is_text(value) -> bool:
    return isinstance(value, str) and js_length(value) <= MAX_TEXT


def cell_fits(item: dict, value) -> bool:
    """A text for a field or table column: a date for a date, one of the options for a choice."""
    if not is_text(value):
        return False
    if item["kind"] == "date":
        return value == "" or ISO_DATE.fullmatch(value) is not None
    options = [o["value"] for o in item.get("options") or []] if item["kind"] != "text" else []
    return not options or value == "" or value in options


def fits(field_: dict, value) -> bool:
    if field_["shape"] == "list":
        allowed = [o["value"] for o in field_["options"]]
        return isinstance(value, list) and len(value) <= len(allowed) and \
            all(isinstance(v, str) and v in allowed for v in value)
    if field_["shape"] == "rows":
        columns = {c["id"]: c for c in field_["columns"]}
        return isinstance(value, list) and len(value) <= MAX_ROWS and all(
            isinstance(row, dict) and all(k in columns and cell_fits(columns[k], v) for k, v in row.items())
            for row in value)
    return field_["shape"] == "string" and cell_fits(field_, value)


def is_plain(value) -> bool:
    """An answer to a question the workbook no longer has is kept when it is plain answer data."""
    if is_text(value):
        return True
    return isinstance(value, list) and len(value) <= MAX_ROWS and all(
        is_text(item) or (isinstance(item, dict) and all(is_text(v) for v in item.values())) for item in value)


def expected_answers(answers: dict, fields_by_id: dict) -> dict:
    """What importing these answers may store: fitting answers to known questions, plain ones to others."""
    kept = {}
    for key, value in answers.items():
        if key in UNSAFE or not ID.fullmatch(key):
            continue
        value = strip_unsafe(value, 2)
        if (fits(fields_by_id[key], value) if key in fields_by_id else is_plain(value)):
            kept[key] = value
    return kept


# -- The corpus ------------------------------------------------------------------------------------

@dataclass
class BackupFile:
    family: str
    parts: list            # [[text, times], ...] or [["base64", bytes as base64]]
    expect: tuple          # what the user sees: ("preview",) or ("error", texts.js key, ...)
    answers: dict | None = None   # for previews: what may be stored after "import as new werkmap"
    index: int = field(default=0)

    def size(self) -> int:
        if self.parts and self.parts[0][0] == "base64":
            return len(base64.b64decode(self.parts[0][1]))
        return sum(len(text.encode("utf-8")) * times for text, times in self.parts)

    def content(self) -> bytes:
        if self.parts and self.parts[0][0] == "base64":
            return base64.b64decode(self.parts[0][1])
        return "".join(text * times for text, times in self.parts).encode("utf-8")

    def describe(self, limit: int = 300) -> str:
        data = self.content()
        shown = re.sub(r"(.)\1{20,}", lambda m: f"{m.group(1)}×{len(m.group(0))}", data.decode("utf-8", "replace"))[:limit]
        return f"file {self.index} ({self.family}, {len(data)} bytes, expected {self.expect}): {shown!r}"


# Strategies are made once and drawn from many times: making one costs far more than drawing.

def per_item(build):
    """Cache a strategy factory of a manifest entry (the manifest lives as long as the run)."""
    made = {}  # id(item) -> (item, strategy); the item is kept so its id is never reused

    def cached(item):
        if id(item) not in made:
            made[id(item)] = (item, build(item))
        return made[id(item)][1]
    return cached


@functools.cache
def text_strategy(max_size: int = 24):
    plain = st.text(max_size=max_size)
    marked = st.builds(lambda before, markup, after: before + markup + after,
                       st.text(max_size=6), st.sampled_from(MARKUP), st.text(max_size=6))
    return st.one_of(marked, marked, plain, st.sampled_from(JS_NAMES))


@functools.cache
def json_values():
    leaf = st.one_of(st.none(), st.booleans(), st.integers(-2**60, 2**60),
                     st.floats(allow_nan=False, allow_infinity=False), text_strategy())
    return st.recursive(leaf, lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(st.one_of(text_strategy(8), st.sampled_from(JS_NAMES)), inner, max_size=4)), max_leaves=12)


@per_item
def cell_value(item: dict):
    if item.get("options") and item["kind"] != "text":
        return st.sampled_from([""] + [o["value"] for o in item["options"]])
    if item["kind"] == "date":
        return st.one_of(st.just(""), st.dates().map(lambda d: d.isoformat()))
    return text_strategy()


@per_item
def fitting_value(item: dict):
    if item["shape"] == "list":
        return st.lists(st.sampled_from([o["value"] for o in item["options"]]), unique=True,
                        max_size=len(item["options"]))
    if item["shape"] == "rows":
        row = st.fixed_dictionaries({}, optional={c["id"]: cell_value(c) for c in item["columns"]})
        many = st.builds(lambda one, count: [one] * count, row, st.integers(MAX_ROWS - 1, MAX_ROWS + 1))
        return st.one_of(*[st.lists(row, max_size=3)] * 9, many)
    return cell_value(item)


@per_item
def misfit_value(item: dict):
    """Something close to an answer of this field, usually wrong (the rules decide, not we)."""
    near = {
        "list": st.one_of(text_strategy(), st.lists(st.one_of(text_strategy(), st.integers()), max_size=5),
                          st.lists(st.sampled_from([o["value"] for o in item.get("options") or [{"value": "x"}]]),
                                   min_size=len(item.get("options") or []) + 1,
                                   max_size=len(item.get("options") or []) + 2)),
        "rows": st.one_of(text_strategy(), st.lists(st.one_of(json_values(), st.dictionaries(
            st.one_of(st.sampled_from([c["id"] for c in item.get("columns") or [{"id": "x"}]]), text_strategy(8)),
            json_values(), max_size=4)), max_size=4)),
        "string": st.one_of(text_strategy(), st.lists(text_strategy(), max_size=3), json_values()),
    }
    return st.one_of(near[item["shape"]], json_values())


UNKNOWN_IDS = st.lists(st.text("abcdefghijklmnopqrstuvwxyz0123456789", min_size=1, max_size=6), min_size=1,
                       max_size=4).map(lambda parts: "v" + "-".join(parts))
ENTRY_KINDS = st.sampled_from(["fit", "fit", "fit", "misfit", "unknown", "bad", "unsafe"])
ENTRY_COUNT = st.integers(0, 30)
UNSAFE_KEYS = st.sampled_from(UNSAFE)
BOOLEANS = st.booleans()


@functools.cache
def unknown_value():
    return st.one_of(text_strategy(), st.lists(text_strategy(), max_size=3), json_values())


@functools.cache
def bad_id():
    return st.one_of(st.sampled_from(BAD_IDS), text_strategy(10))


def answer_entries(draw, fields: st.SearchStrategy) -> dict:
    """Up to 30 answers: mostly fitting answers to the workbook's questions, and every kind of wrong."""
    answers = {}
    for _ in range(draw(ENTRY_COUNT)):
        kind = draw(ENTRY_KINDS)
        if kind in ("fit", "misfit"):
            item = draw(fields)
            answers[item["id"]] = draw(fitting_value(item) if kind == "fit" else misfit_value(item))
        elif kind == "unknown":
            answers[draw(UNKNOWN_IDS)] = draw(unknown_value())
        elif kind == "bad":
            answers[draw(bad_id())] = draw(text_strategy())
        else:
            answers[draw(UNSAFE_KEYS)] = {"wbFuzzPolluted": "ja", "prototype": {"wbFuzzPolluted": "ja"}}
    return answers


SET_VALUES = st.one_of(st.none(), st.fixed_dictionaries({"name": text_strategy(100)}), json_values())
EXPORTED_VALUES = st.one_of(st.none(), st.datetimes().map(lambda d: d.isoformat() + "Z"), json_values(),
                            st.dictionaries(st.sampled_from(JS_NAMES), json_values(), min_size=1, max_size=2))
EXTRA_KEYS = st.lists(st.one_of(st.sampled_from(JS_NAMES), text_strategy(8)), max_size=3)


def envelope(draw, key: str, answers) -> dict:
    """A back-up file's top level around the answers, with extras a hostile file may carry."""
    data = {"format": FORMAT, "schema": 1}
    if draw(BOOLEANS):
        data["workbook"] = key
    set_value = draw(SET_VALUES)
    if set_value is not None:
        data["set"] = set_value
    exported = draw(EXPORTED_VALUES)
    if exported is not None:
        data["exported"] = exported
    data["answers"] = answers
    for extra in draw(EXTRA_KEYS):
        if extra not in data:
            data[extra] = {"wbFuzzPolluted": "ja"} if extra in UNSAFE else draw(json_values())
    return dict(draw(st.permutations(list(data.items()))))  # any order of keys


def schema_problem(schema) -> str | None:
    """The message for a schema number: only whole numbers from 1 to the current SCHEMA (1) import."""
    if isinstance(schema, bool) or not isinstance(schema, (int, float)):
        return "import.version"
    if schema != math.inf and (schema != math.floor(schema) or schema < 1):
        return "import.version"
    return "import.newer" if schema > 1 else None


def text_file(family, text, expect, answers=None) -> BackupFile:
    return BackupFile(family, [[text, 1]], expect, answers)


def as_json(data) -> str:
    return json.dumps(data, ensure_ascii=False, allow_nan=False)


HEAVY = st.sampled_from([None] * 4 + ["deep", "huge", "many", "big"])
WRONG_FORMATS = st.one_of(st.sampled_from(["werkboek", "Werkboek-antwoorden", " werkboek-antwoorden",
                                           "werkboek-antwoorden\n", "werkboek-antwoorden-2"]), json_values())
NOT_OBJECTS = st.one_of(st.lists(json_values(), max_size=4), text_strategy(), st.integers(), st.booleans(), st.none(),
                        st.just([FORMAT]))
SCHEMAS = st.one_of(st.sampled_from([None, "1", 1.5, 0, -1, -0.0, 1.0, 2, 3, 99, 10**20, True, [1], {"v": 1}, "missing"]),
                    st.integers(-5, 10**9), st.floats(allow_nan=False, allow_infinity=False))
NOT_ANSWERS = st.one_of(st.lists(json_values(), max_size=3), text_strategy(), st.integers(), st.booleans(), st.none(),
                        st.just("missing"))
BROKEN = st.sampled_from(["binary", "cut", "trailing", "comment", "nan", "quotes", "text-format", "empty"])
MAGIC = st.sampled_from([b"\x89PNG\r\n\x1a\n", b"PK\x03\x04", b"%PDF-1.7\n", b"\x00", b"GIF89a", b"\xd0\xcf\x11\xe0",
                         b"\x1f\x8b\x08", b"<?xml version='1.0'?>"])
BYTES = st.binary(max_size=400)
FRACTIONS = st.floats(0, 1, exclude_max=True)
OTHER_FORMATS = st.sampled_from([
    "format: werkboek-antwoorden\nschema: 1\nanswers:\n  w1-agenda: <script>window.__wbFuzzRan=7</script>\n",
    "veld;antwoord\nw1-agenda;<img src=x class=wbfuzz onerror=window.__wbFuzzRan=8>\n",
    "<!doctype html><title>x</title><script>window.__wbFuzzRan=9</script>",
    "{format: 'werkboek-antwoorden', schema: 1, answers: {}}"])
ENCODINGS = st.sampled_from(["utf-8-sig", "utf-16", "utf-16-le"])
DEPTHS = st.integers(9, 60_000)
NESTINGS = st.sampled_from([("[", "]"), ('{"a":', "}"), ('[{"__proto__":', "}]")])
MANY = st.tuples(st.sampled_from([MAX_ANSWERS - 1, MAX_ANSWERS, MAX_ANSWERS + 1]), st.integers(0, 300), st.booleans())
BIG_CHARS = st.sampled_from(["x", "é"])
BIG_EXTRA = st.sampled_from([0, 1, 2, MAX_BYTES])
HUGE = st.tuples(st.sampled_from(["x", "é", "😀"]), st.sampled_from([MAX_TEXT - 1, MAX_TEXT, MAX_TEXT + 1])).map(
    lambda pick: (pick[0], pick[1] // js_length(pick[0]) + (pick[1] % js_length(pick[0]))))


def shallow_copy(opening: str, closing: str):
    """The first 12 levels of a deep nesting: all the rules ever look at (store.js copies 8)."""
    return json.loads(opening * 12 + '"<b class=wbfuzz>diep</b>"' + closing * 12)


class Generator:
    """Back-up files for one manifest; `bundle` is the Hypothesis strategy (a list of files)."""

    def __init__(self, manifest: dict):
        self.fields_list = manifest["header"] + [f for sheet in manifest["worksheets"] for f in sheet["fields"]]
        self.by_id = {f["id"]: f for f in self.fields_list}
        self.fields = st.sampled_from(self.fields_list)
        self.nest_places = st.sampled_from([f["id"] for f in self.fields_list] + ["diep-genest"])
        self.key = manifest["storageKey"]
        self.workbooks = st.one_of(text_strategy(), st.just(self.key + "-2"), st.just(self.key.upper()), json_values())
        self.bundle = st.composite(lambda draw: self.draw_bundle(draw))()

    def entries(self, draw) -> dict:
        return answer_entries(draw, self.fields)

    def preview(self, family, text, answers) -> BackupFile:
        return text_file(family, text, ("preview",), expected_answers(answers, self.by_id))

    def draw_bundle(self, draw) -> list[BackupFile]:
        """One drawn back-up and what becomes of it: as it is, with each part spoiled, in other
        encodings, broken; a heavy file (deep, huge, many answers, 1 MB) in every other bundle.
        Drawing the answers costs most, so each draw makes about ten files."""
        answers = self.entries(draw)
        data = envelope(draw, self.key, answers)
        files = [self.preview("valid", as_json(data), answers)]
        for family in ("format", "not-object", "workbook", "schema", "answers", "not-json", "not-json", "encoding"):
            files.append(getattr(self, "family_" + family.replace("-", "_"))(draw, family, answers, dict(data)))
        heavy = draw(HEAVY)
        if heavy:
            files.append(getattr(self, "family_" + heavy)(draw, heavy, answers, dict(data)))
        return files

    def family_format(self, draw, family, answers, data):
        wrong = draw(WRONG_FORMATS)
        if draw(BOOLEANS) and wrong != FORMAT:
            data["format"] = wrong
        else:
            del data["format"]
        return text_file(family, as_json(data), ("error", "import.notBackup"))

    def family_not_object(self, draw, family, answers, data):
        return text_file(family, as_json(draw(NOT_OBJECTS)), ("error", "import.notBackup"))

    def family_workbook(self, draw, family, answers, data):
        data["workbook"] = draw(self.workbooks)
        if isinstance(data["workbook"], str) and data["workbook"] != self.key:
            return text_file(family, as_json(data), ("error", "import.otherWorkbook"))
        return self.preview(family, as_json(data), answers)  # not a text: not a workbook's name, ignored

    def family_schema(self, draw, family, answers, data):
        schema = draw(SCHEMAS)
        if schema == "missing":
            del data["schema"]
        else:
            data["schema"] = schema
        text = as_json(data)
        if schema == 3 and not isinstance(schema, bool):  # also the number JSON cannot hold: Infinity in JavaScript
            text, schema = text.replace('"schema": 3', '"schema": 1e400', 1), math.inf
        problem = schema_problem(schema)
        if problem:
            return text_file(family, text, ("error", problem))
        return self.preview(family, text, answers)

    def family_answers(self, draw, family, answers, data):
        value = draw(NOT_ANSWERS)
        if value == "missing":
            del data["answers"]
        else:
            data["answers"] = value
        return text_file(family, as_json(data), ("error", "import.noAnswers"))

    def family_not_json(self, draw, family, answers, data):
        valid = as_json(data)
        how = draw(BROKEN)
        if how == "binary":
            data = draw(MAGIC) + draw(BYTES)
            return BackupFile(family, [["base64", base64.b64encode(data).decode()]], ("error", "import.unreadable"))
        text = {"cut": lambda: valid[:int(draw(FRACTIONS) * len(valid))],
                "trailing": lambda: valid[:-1] + ", }",
                "comment": lambda: "// back-up\n" + valid,
                "nan": lambda: valid.replace('"schema": 1', '"schema": NaN', 1),
                "quotes": lambda: valid.replace('"', "'"),
                "text-format": lambda: draw(OTHER_FORMATS),
                "empty": lambda: ""}[how]()
        return text_file(family, text, ("error", "import.unreadable"))

    def family_encoding(self, draw, family, answers, data):
        """The same file in other encodings: with a byte-order mark the browser reads it."""
        encoding = draw(ENCODINGS)
        readable = encoding != "utf-16-le"
        return BackupFile(family, [["base64", base64.b64encode(as_json(data).encode(encoding)).decode()]],
                          ("preview",) if readable else ("error", "import.unreadable"),
                          expected_answers(answers, self.by_id) if readable else None)

    def around(self, draw, answers, data, placeholder_value):
        """The file's text split where one answer (drawn: a question or not) goes, and the answers without it."""
        where = draw(self.nest_places)
        others = {k: v for k, v in answers.items() if k != where}
        data["answers"] = {**others, where: PLACEHOLDER}
        head, tail = as_json(data).split(json.dumps(PLACEHOLDER), 1)
        return head, tail, {**others, where: placeholder_value}

    def family_deep(self, draw, family, answers, data):
        depth = draw(DEPTHS)
        opening, closing = draw(NESTINGS)
        inner = ['"<b class=wbfuzz>diep</b>"', 1]
        if draw(BOOLEANS):  # the whole file
            return BackupFile(family, [[opening, depth], inner, [closing, depth]], ("error", "import.notBackup"))
        head, tail, expected = self.around(draw, answers, data, shallow_copy(opening, closing))
        return BackupFile(family, [[head, 1], [opening, depth], inner, [closing, depth], [tail, 1]], ("preview",),
                          expected_answers(expected, self.by_id))

    def family_many(self, draw, family, answers, data):
        """Around the limit of 2,000 answers in one file."""
        base, more, unsafe = draw(MANY)
        count = base + (more if base > MAX_ANSWERS else 0)
        many = {f"vraag-{n}": f"<i class=wbfuzz>{n}</i>" for n in range(count)}
        if unsafe:  # dropped before counting
            many["__proto__"] = {"wbFuzzPolluted": "ja"}
        data["answers"] = many
        if count > MAX_ANSWERS:
            return text_file(family, as_json(data), ("error", "import.tooMany"))
        return self.preview(family, as_json(data), many)

    def family_huge(self, draw, family, answers, data):
        """One answer around the 100,000 character limit, in one- and two-unit characters."""
        char, length = draw(HUGE)
        head, tail, expected = self.around(draw, answers, data, char * length)
        return BackupFile(family, [[head + '"', 1], [char, length], ['"' + tail, 1]], ("preview",),
                          expected_answers(expected, self.by_id))

    def family_big(self, draw, family, answers, data):
        """Around the 1 MB limit of one file."""
        head = f'{{"format": "{FORMAT}", "schema": 1, "answers": {{"w1-agenda": "'
        tail = '"}}'
        char = draw(BIG_CHARS)
        room = MAX_BYTES - len(head) - len(tail)
        size = (room + draw(BIG_EXTRA)) // len(char.encode())
        parts = [[head, 1], [char, size], [tail, 1]]
        if len(head) + len(tail) + size * len(char.encode()) > MAX_BYTES:
            return BackupFile(family, parts, ("error", "import.tooBig"))
        return BackupFile(family, parts, ("preview",), {})


# The child process that makes the corpus: it loads only this module.
MAKE_IN_CHILD = """
import json, pickle, sys
sys.path.insert(0, sys.argv[1])
import import_fuzz
order = json.load(sys.stdin)
sys.stdout.buffer.write(pickle.dumps(import_fuzz.make_corpus(order["manifest"], order["count"], order["seed"])))
"""


def corpus(manifest: dict, count: int, seed_value: int) -> list[BackupFile]:
    """count files, always the same ones for the same seed and count. Made in a fresh Python
    process: Hypothesis also draws constants from the local modules already loaded (macros/...),
    so in the test process the files would change with the tests that ran before."""
    order = json.dumps({"manifest": manifest, "count": count, "seed": seed_value})
    made = subprocess.run([sys.executable, "-c", MAKE_IN_CHILD, str(Path(__file__).parent)], input=order.encode("utf-8"),
                          capture_output=True, check=True)
    return pickle.loads(made.stdout)


def make_corpus(manifest: dict, count: int, seed_value: int) -> list[BackupFile]:
    files: list[BackupFile] = []

    @settings(max_examples=count // 9 + 1, database=None, phases=[Phase.generate], deadline=None,
              suppress_health_check=list(HealthCheck))
    @seed(seed_value)
    @given(Generator(manifest).bundle)
    def collect(bundle):
        files.extend(bundle)

    collect()
    while len(files) < count:  # a bundle is 9 or 10 files
        collect()
    files = files[:count]
    for number, item in enumerate(files):
        item.index = number
        if item.size() > MAX_BYTES:  # whatever is inside: too big to open
            item.expect, item.answers = ("error", "import.tooBig"), None
    return files


def fuzz_size(default: int = DEFAULT_FILES) -> tuple[int, int]:
    """How many files and which seed: WERKBOEK_FUZZ_FILES and WERKBOEK_FUZZ_SEED, else the defaults."""
    return (int(os.environ.get("WERKBOEK_FUZZ_FILES", default)),
            int(os.environ.get("WERKBOEK_FUZZ_SEED", DEFAULT_SEED)))


# -- Running the files through the plan page -------------------------------------------------------

PLAN = "mijn-plan/"
TYPED_FIELD = "w1-agenda"
TYPED = "mijn eigen antwoord"
# Uncaught errors in the page, with the file that was being imported.
ERRORS = """
window.__wbFuzzErrors = [];
window.addEventListener('error', (event) => window.__wbFuzzErrors.push(
  'file ' + window.__wbFuzzFile + ': ' + event.message));
window.addEventListener('unhandledrejection', (event) => window.__wbFuzzErrors.push(
  'file ' + window.__wbFuzzFile + ': ' + event.reason));
"""


def open_plan_with_two_werkmappen(page, site_url: str, manifest: dict) -> None:
    """A user's browser: an answer in the first werkmap, a second werkmap, back in the first."""
    sheet = manifest["worksheets"][0]
    assert any(f["id"] == TYPED_FIELD for f in sheet["fields"])
    page.add_init_script(ERRORS)
    page.goto(site_url + sheet["url"])
    page.locator(f"#wb-{TYPED_FIELD}").fill(TYPED)
    page.goto(site_url + PLAN)
    page.get_by_label("Nieuwe werkmap maken").fill("Tweede werkmap")
    page.get_by_role("button", name="Werkmap maken").click()
    page.get_by_role("button", name="Open werkmap Mijn werkmap").click()
    page.locator("[data-wb-active-set]").filter(has_text="Mijn werkmap").wait_for()

# One batch in the page: every file goes through the file input as a user's choice would (change
# event, FileReader, check, preview); previews are confirmed with "Zet terug als nieuwe werkmap",
# the new werkmap is read back from storage and deleted again, so every file starts from the same
# storage. Returns one result per file.
RUN_BATCH = """async (files) => {
  const block = document.querySelector('[data-wb-sets]');
  const input = block.querySelector('[data-wb-import-file]');
  const errorBox = block.querySelector('[data-wb-import-error]');
  const preview = block.querySelector('[data-wb-import-preview]');
  const key = Werkboek.workbook.storageKey();
  const snapshot = () => JSON.stringify(Object.keys(localStorage).sort().map((k) => [k, localStorage.getItem(k)]));
  const baseline = snapshot();
  const firstSet = Werkboek.store.activeSet().id;
  const prototypeKeys = () => Object.getOwnPropertyNames(Object.prototype).join();
  const cleanPrototype = prototypeKeys();
  const done = () => errorBox.textContent !== '' || !preview.hidden;
  const settled = () => new Promise((resolve) => {
    if (done()) return resolve(true);
    const timer = setTimeout(() => { observer.disconnect(); resolve(false); }, 10000);
    const observer = new MutationObserver(() => {
      if (done()) { clearTimeout(timer); observer.disconnect(); resolve(true); }
    });
    observer.observe(block, {subtree: true, childList: true, attributes: true, characterData: true});
  });
  const bytes = (base64) => Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  const markup = () => document.querySelectorAll('.wbfuzz').length;
  const results = [];
  for (const file of files) {
    window.__wbFuzzFile = file.index;
    const parts = file.parts[0][0] === 'base64' ? [bytes(file.parts[0][1])]
      : file.parts.map(([text, times]) => times === 1 ? text : text.repeat(times));
    const chosen = new DataTransfer();
    chosen.items.add(new File(parts, 'back-up.json', {type: 'application/json'}));
    input.files = chosen.files;
    let start = performance.now();
    input.dispatchEvent(new Event('change', {bubbles: true}));
    const result = {index: file.index, answered: await settled()};
    result.readMs = performance.now() - start;
    result.outcome = preview.hidden ? 'error' : 'preview';
    result.error = errorBox.textContent;
    result.untouched = snapshot() === baseline;
    result.markup = markup();
    if (!preview.hidden) {
      start = performance.now();
      preview.querySelector('[data-wb-import-new]').click();
      result.confirmMs = performance.now() - start;
      const index = JSON.parse(localStorage.getItem(key + ':werkmappen'));
      const stored = JSON.parse(localStorage.getItem(key + ':werkmap:' + index.active) || 'null');
      result.stored = stored && stored.answers;
      result.markup += markup();  // the plan and the werkmappen list now show the imported answers
      Werkboek.store.deleteSet(index.active);
      Werkboek.store.switchSet(firstSet);  // deleting leaves the index pointing at no werkmap
      result.restored = snapshot() === baseline;
    }
    result.ran = window.__wbFuzzRan === undefined ? null : String(window.__wbFuzzRan);
    result.polluted = prototypeKeys() !== cleanPrototype || ({}).wbFuzzPolluted !== undefined;
    results.push(result);
  }
  return results;
}"""

BATCH_CHARACTERS = 2_000_000


def batches(files: list[BackupFile]):
    batch, size = [], 0
    for item in files:
        weight = sum(len(part[1]) if part[0] == "base64" else len(part[0]) for part in item.parts) + 200
        if batch and size + weight > BATCH_CHARACTERS:
            yield batch
            batch, size = [], 0
        batch.append(item)
        size += weight
    if batch:
        yield batch


def problems_with(item: BackupFile, result: dict, texts: dict) -> list[str]:
    """What is wrong with what the user saw and what was stored for one file."""
    found = []
    if not result["answered"]:
        found.append("no preview and no message within 10 s")
    if not result["untouched"]:
        found.append("storage changed before the user confirmed")
    if result["markup"]:
        found.append(f"{result['markup']} element(s) from the file are on the page")
    if result["ran"] is not None:
        found.append(f"a script from the file ran ({result['ran']})")
    if result["polluted"]:
        found.append("Object.prototype changed")
    if item.expect[0] == "preview":
        if result["outcome"] != "preview":
            found.append(f"no preview but: {result['error']!r}")
        else:
            if not result["restored"]:
                found.append("deleting the imported werkmap did not give back the storage from before")
            if result["stored"] != item.answers:
                stored, expected = result["stored"] or {}, item.answers
                wrong = sorted(k for k in set(stored) | set(expected) if stored.get(k) != expected.get(k))
                found.append(f"stored answers differ from the rules for ids {wrong[:8]}: stored "
                             f"{[repr(stored.get(k))[:120] for k in wrong[:3]]}, expected "
                             f"{[repr(expected.get(k))[:120] for k in wrong[:3]]}")
    else:
        message = texts[item.expect[1]]
        if result["outcome"] != "error":
            found.append(f"a preview instead of {item.expect[1]!r}")
        elif not result["error"].startswith(message.split("{")[0]):
            found.append(f"message {result['error']!r} instead of {item.expect[1]!r}")
    return found


@dataclass
class FuzzRun:
    files: int = 0
    previews: int = 0
    errors: int = 0
    generate_seconds: float = 0.0
    browser_seconds: float = 0.0
    failures: list = field(default_factory=list)
    page_errors: list = field(default_factory=list)
    read_ms: list = field(default_factory=list)
    confirm_ms: list = field(default_factory=list)

    def summary(self, seed_value: int) -> str:
        return (f"import fuzz: {self.files} files tried in {self.browser_seconds:.1f} s in Chromium "
                f"({self.files / max(self.browser_seconds, 1e-9):.0f} files/s; generated in "
                f"{self.generate_seconds:.1f} s with Hypothesis, seed {seed_value}): {self.previews} previews "
                f"confirmed and checked, {self.errors} refused with a Dutch message; per file in the page: "
                f"choose and check {sum(self.read_ms) / 1000:.1f} s, confirm {sum(self.confirm_ms) / 1000:.1f} s")


def run_corpus(page, files: list[BackupFile]) -> FuzzRun:
    """Feed files through the plan page (already open, werkmappen block started)."""
    run = FuzzRun(files=len(files))
    keys = sorted({item.expect[1] for item in files if item.expect[0] == "error"})
    # The messages as the import code shows them: its bundle brings its own texts.
    texts = page.evaluate("""keys => new Promise(done => Werkboek.load("transfer", () =>
        done(Object.fromEntries(keys.map(k => [k, Werkboek.texts.t(k)])))))""", keys)
    assert all(texts[key] != key for key in keys), texts
    by_index = {item.index: item for item in files}
    start = time.perf_counter()
    for batch in batches(files):
        payload = [{"index": item.index, "parts": item.parts} for item in batch]
        for result in page.evaluate(RUN_BATCH, payload):
            item = by_index[result["index"]]
            run.read_ms.append(result["readMs"])
            if result["outcome"] == "preview":
                run.previews += 1
                run.confirm_ms.append(result["confirmMs"])
            else:
                run.errors += 1
            for problem in problems_with(item, result, texts):
                run.failures.append(f"{problem}\n    {item.describe()}")
    run.browser_seconds = time.perf_counter() - start
    return run
