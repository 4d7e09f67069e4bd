"""Turn validated fields into HTML with one Jinja2 template per field kind.

Label and hint text is escaped (autoescape) and gets <abbr> tooltips from the glossary; raw
HTML is only ever taken from the explicit `label_html` / `hint_html` parameters.
"""

from __future__ import annotations

import re
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup, escape

from .assets import default_texts
from .model import PLACEHOLDER, Field, HeaderField, Worksheet, make_field, manifest_part

TEMPLATES = Path(__file__).parent / "templates"
ABBREVIATION_LINE = re.compile(r"^\*\[(?P<abbr>[^\]]+)\]:\s*(?P<definition>.*\S)\s*$")


def read_glossary(path: Path) -> dict[str, str]:
    """Read Markdown abbreviation lines (`*[IDO]: Informatiepunt ...`) into {abbr: definition}."""
    if not path.is_file():
        return {}
    glossary = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        match = ABBREVIATION_LINE.match(line)
        if match:
            glossary[match["abbr"].strip()] = match["definition"]
    return glossary


class Renderer:
    def __init__(self, glossary: dict[str, str], texts: dict[str, str] | None = None) -> None:
        """texts: the workbook's own wording (extra.werkboek.texts) over the engine's table."""
        self.glossary = glossary
        self.texts = {**default_texts(), **(texts or {})}
        self._abbr_pattern = (
            re.compile("|".join(rf"(?<!\w){re.escape(a)}(?!\w)" for a in sorted(glossary, key=len, reverse=True)))
            if glossary else None)
        # auto_reload off: a Renderer lives for one build, so a template never changes under it and
        # each of the many field renders skips a stat of its file.
        self.env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=True, auto_reload=False,
                               undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
        self.env.filters["abbr"] = self.abbreviate
        self.env.globals["t"] = self.text
        self.env.globals["manifest_part"] = manifest_part

    def text(self, key: str, **values) -> str:
        """The interface text for key, as the browser's t() gives it (js/texts.js plus overrides)."""
        return PLACEHOLDER.sub(lambda m: str(values.get(m[1], m[0])), self.texts.get(key, key))

    def abbreviate(self, text: str) -> Markup:
        """Escape plain text and mark every glossary abbreviation in it with an <abbr> tooltip."""
        if not self._abbr_pattern:
            return escape(text)
        out, last = [], 0
        for match in self._abbr_pattern.finditer(text):
            out.append(escape(text[last:match.start()]))
            out.append(Markup('<abbr title="{}">{}</abbr>').format(self.glossary[match[0]], match[0]))
            last = match.end()
        out.append(escape(text[last:]))
        return Markup("").join(out)

    def field(self, item: Field) -> str:
        return self.env.get_template(f"{item.kind}.html").render(field=item, render=self.field)

    def worksheet(self, sheet: Worksheet, header: tuple[HeaderField, ...], status: str) -> str:
        fields = [make_field(h.kind, h.id, h.label, page=sheet.page) for h in header]
        return self.env.get_template("worksheet.html").render(sheet=sheet, header=fields, render=self.field,
                                                              status=status)

    def widget(self, name: str, worksheet_id: str = "", **context) -> str:
        return self.env.get_template(f"{name}.html").render(worksheet_id=worksheet_id, **context)

    def first_state(self, name: str, **context) -> str:
        """What a script draws, as it looks before anything is stored (templates/first-state/):
        written into the page, so it has its final place from the first paint."""
        return self.env.get_template(f"first-state/{name}.html").render(**context)

    def glossary_list(self) -> str:
        return (self.env.get_template("glossary.html").render(glossary=sorted(
            self.glossary.items(), key=lambda item: item[0].casefold())))
