"""Build-time bundling of the browser code: overrides/assets/werkboek/js/bundles.json names each
bundle and the module files it is made of, in order. After the build every bundle is concatenated
and minified into site/assets/werkboek/<name>.js (or the .css file it is named after), and the
module sources mkdocs copied into the site are removed: the site ships bundles only.

The loader bundle learns the bundle table (file, and which other bundles each one contains) so
that a page never loads a bundle twice; loader.js runs on every page.
"""

from __future__ import annotations

import json
import re
import shutil
from functools import cache
from pathlib import Path

import rcssmin
import rjsmin

SOURCE = Path(__file__).resolve().parent.parent / "overrides" / "assets" / "werkboek"
TABLE = SOURCE / "js" / "bundles.json"
TARGET = "assets/werkboek"
LOADER = "loader"
TEXTS = "js/texts.js"
CORE = "js/core.js"  # the module registry: bundles without it are add-ons
# texts.js keeps its table as JSON-style literals: "key": "text" + "more text", // comments on their own lines.
TEXT_TABLE = re.compile(r"(var DEFAULTS = )(\{.*?\n  \});", re.S)
STRING = re.compile(r'"((?:[^"\\\n]|\\.)*)"')


def parse_texts(code: str) -> dict[str, str]:
    table = re.sub(r"^\s*//.*$", "", TEXT_TABLE.search(code).group(2), flags=re.M)
    return json.loads(re.sub(r'"\s*\+\s*"', "", table))


@cache
def default_texts(source: Path = SOURCE) -> dict[str, str]:
    """The engine's interface texts (js/texts.js), so the build can write the first state of what
    the scripts draw (progress, status line, print buttons) in the same words."""
    return parse_texts((source / TEXTS).read_text(encoding="utf-8"))


def texts_named(texts: dict[str, str], code: str) -> dict[str, str]:
    """The texts a bundle's code names: as a string literal ("status.set"), or under a literal
    prefix ending in a dot ("notice." + kind)."""
    literals = set(STRING.findall(code))
    prefixes = tuple(literal for literal in literals if literal.endswith("."))
    return {key: text for key, text in texts.items() if key in literals or key.startswith(prefixes)}


def bundle_text(files: list[str], source: Path) -> str:
    """A bundle's sources in order; its copy of texts.js carries only the texts the bundle uses."""
    code = {file: (source / file).read_text(encoding="utf-8") for file in files}
    if TEXTS in code:
        others = "\n".join(text for file, text in code.items() if file != TEXTS)
        used = texts_named(parse_texts(code[TEXTS]), others)
        code[TEXTS] = TEXT_TABLE.sub(lambda m: m[1] + json.dumps(used, ensure_ascii=False) + ";", code[TEXTS])
    return "\n".join(code.values())


def read_table(path: Path = TABLE) -> dict[str, list[str]]:
    table = json.loads(path.read_text(encoding="utf-8"))
    return {name: files for name, files in table.items() if not name.startswith("_")}


def output_name(name: str) -> str:
    return name if name.endswith(".css") else f"{name}.js"


def bundle_index(table: dict[str, list[str]]) -> dict[str, dict]:
    """For the loader: every script bundle's file, the bundles it fully contains, whether it is an
    add-on (no module registry of its own, so it must run after a bundle that has one), and its
    stylesheet when the table has a CSS bundle of the same name."""
    scripts = {name: set(files) for name, files in table.items() if not name.endswith(".css") and name != LOADER}
    def entry(name: str, files: set[str]) -> dict:
        found = {"file": output_name(name),
                 "covers": sorted(other for other, theirs in scripts.items() if other != name and theirs <= files),
                 "addOn": CORE not in files}
        if f"{name}.css" in table:  # a stylesheet named after the bundle loads with it
            found["styles"] = f"{name}.css"
        return found
    return {name: entry(name, files) for name, files in scripts.items()}


def build_bundles(site_dir: str, table: dict[str, list[str]] | None = None, source: Path = SOURCE) -> list[Path]:
    """Write every bundle, minified, into the built site; remove the copied module sources."""
    table = table if table is not None else read_table()
    target = Path(site_dir) / TARGET
    target.mkdir(parents=True, exist_ok=True)
    written = []
    for name, files in table.items():
        text = bundle_text(files, source)
        if name.endswith(".css"):
            text = rcssmin.cssmin(text)
        else:
            if name == LOADER:
                index = json.dumps(bundle_index(table), separators=(",", ":"))
                text = f"window.WerkboekBundles = {index};\n{text}"
            text = rjsmin.jsmin(text)
        path = target / output_name(name)
        path.write_text(text, encoding="utf-8")
        written.append(path)
    for folder in {Path(file).parts[0] for files in table.values() for file in files}:
        shutil.rmtree(target / folder, ignore_errors=True)
    return written
