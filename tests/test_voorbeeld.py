"""The filled example (includes/voorbeeld-antwoorden.yml): every question of the built manifest
answered in the shape the browser stores, and nothing answered that the user could not see.

Shapes follow the engine contract: multi -> list of option values, table -> list of rows
{column id: string}, every other kind -> string.
"""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
import yaml

pytestmark = pytest.mark.reference  # about this repository's own workbook (conftest.py)

EXAMPLE = Path(__file__).resolve().parents[1] / "includes" / "voorbeeld-antwoorden.yml"


@pytest.fixture(scope="module")
def example() -> dict:
    return yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))


def fields(manifest: dict) -> dict[str, dict]:
    found = {h["id"]: {**h, "parent": "", "when": ""} for h in manifest["header"]}
    found.update({f["id"]: f for sheet in manifest["worksheets"] for f in sheet["fields"]})
    return found


def option_values(spec: dict) -> set[str]:
    return {o["value"] for o in spec.get("options", [])}


def is_date(value: str) -> bool:
    try:
        return datetime.date.fromisoformat(value).isoformat() == value
    except ValueError:
        return False


def check_string(where: str, spec: dict, value) -> None:
    assert isinstance(value, str), f"{where}: verwacht tekst, niet {type(value).__name__}"
    if spec["kind"] == "date" and value:
        assert is_date(value), f"{where}: datum {value!r} is niet JJJJ-MM-DD"
    if spec["kind"] in ("yesno", "choice") and value:
        assert value in option_values(spec), f"{where}: {value!r} is geen keuze ({sorted(option_values(spec))})"


def test_example_has_a_name_marked_as_example(example):
    assert set(example) == {"naam", "antwoorden"}
    assert example["naam"].startswith("Voorbeeld: ")
    assert "fictief" in example["antwoorden"]["kop-bibliotheek"]


def test_every_answer_fits_its_field(manifest, example):
    known = fields(manifest)
    for field_id, value in example["antwoorden"].items():
        assert field_id in known, f"{field_id} bestaat niet in het werkboek"
        spec = known[field_id]
        if spec["kind"] not in ("multi", "table"):
            check_string(field_id, spec, value)
        elif spec["kind"] == "multi":
            assert isinstance(value, list) and value, f"{field_id}: verwacht een lijst met keuzes"
            assert set(value) <= option_values(spec), f"{field_id}: onbekende keuze in {value}"
            assert len(set(value)) == len(value), f"{field_id}: dubbele keuze"
        else:
            assert isinstance(value, list) and value, f"{field_id}: verwacht rijen"
            columns = {c["id"]: c for c in spec["columns"]}
            for number, row in enumerate(value, 1):
                assert isinstance(row, dict) and set(row) == set(columns), \
                    f"{field_id} rij {number}: kolommen {sorted(row)} in plaats van {sorted(columns)}"
                for column_id, cell in row.items():
                    check_string(f"{field_id} rij {number}, {column_id}", columns[column_id], cell)
                    if columns[column_id]["kind"] != "date":
                        assert cell.strip(), f"{field_id} rij {number}: {column_id} is leeg"


def test_every_visible_question_is_answered_and_no_hidden_one(manifest, example):
    answers = example["antwoorden"]

    def shown(spec: dict) -> bool:
        if not spec["parent"]:
            return True
        parent, chosen = fields(manifest)[spec["parent"]], answers.get(spec["parent"])
        if not shown(parent):
            return False
        return spec["when"] in chosen if isinstance(chosen, list) else chosen == spec["when"]

    for field_id, spec in fields(manifest).items():
        if shown(spec):
            value = answers.get(field_id)
            assert value not in (None, "", []), f"het voorbeeld beantwoordt {field_id} niet"
        else:
            assert field_id not in answers, f"{field_id} hoort bij een ander antwoord en is dan niet te zien"


def test_the_pitch_lasts_about_a_minute(example):
    words = len(example["antwoorden"]["w3-pitch"].split())
    assert 110 <= words <= 150, f"de pitch heeft {words} woorden; bij 130 woorden per minuut is dat geen minuut"
