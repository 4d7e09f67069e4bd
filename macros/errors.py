"""Dutch messages for mistakes in a page's macro calls, where mkdocs-macros prints its own.

mkdocs-macros reports a failing page through `format_error` (a singledispatch function): for our own
WorksheetError it printed a Python traceback with the message at its end, for a typo in a call an
English Jinja2 message. Editors know Markdown, not Python: `register(macro_names)` makes it print
one Dutch message naming the page, the line and what to do, with that line of the page.
"""

from __future__ import annotations

import re

from jinja2 import TemplateSyntaxError, UndefinedError

from . import __file__ as _REGISTRY  # macros/__init__.py: where each macro call is passed on
from .model import WorksheetError, nearest

RAW = ("Wil je {{ of {% gewoon als tekst op de pagina? Zet dan {% raw %} ervoor en {% endraw %} erachter.")
CALL_HINT = ("Kijk of elke tekst tussen twee aanhalingstekens staat (\"...\"), of er een komma tussen de "
             "onderdelen staat en of elk haakje dicht is: ( met ), [ met ], en de macro eindigt op }}. Staat er een \" "
             "in de tekst zelf? Zet die tekst dan tussen ' en ', zoals 'Klik op \"Opslaan\"'.")
# A Jinja2 syntax message -> what an editor most likely did, in Dutch (the first that matches; else CALL_HINT).
SYNTAX = (
    (re.compile(r"unexpected char '[\u2018\u2019\u201a\u201c\u201d\u201e]'"),
     "Zet een tekst tussen rechte aanhalingstekens (\"...\"), niet tussen krullen zoals “ ” of ‘ ’. Die komen vaak "
     "mee als je tekst uit Word of een mail kopieert."),
    (re.compile(r"invalid syntax for function call expression"),
     "Zet de instellingen met = (zoals hint=, rows= of was=) achter het id en de vraag."),
    (re.compile(r"unknown tag|tag name expected|Unexpected end of template. Jinja was looking for"),
     "{% hoort bij een macro-opdracht. " + RAW),
)


def line_of(error: BaseException) -> int | None:
    """The line of the page where the failing macro call starts (Jinja2 names template frames <template>)."""
    if isinstance(error, TemplateSyntaxError):
        return error.lineno
    line, trace = None, error.__traceback__
    while trace is not None:
        if trace.tb_frame.f_code.co_filename == "<template>":
            line = trace.tb_lineno
        trace = trace.tb_next
    return line


def message(error: BaseException, markdown: str, page: str, macro_names, first_line: int = 1) -> str:
    """One Dutch message for a mistake in a page's macros: page, line, what is wrong, what to do.
    first_line: the file's line where `markdown` starts (after the page's front matter)."""
    at = line_of(error)
    line = at + first_line - 1 if at else None
    where = f"Fout in {page}" + (f", regel {line}" if line else "")
    if isinstance(error, WorksheetError):
        text = str(error)
        own = f"Fout in {page}"
        text = where + text[len(own):] if text.startswith(own) else f"{where}: {text}"
    elif isinstance(error, UndefinedError):
        name = re.match(r"'([^']+)' is undefined", str(error))
        text = f"{where}: {_unknown_name(name[1], macro_names) if name else str(error)}"
    elif isinstance(error, TemplateSyntaxError):
        advice = next((hint for pattern, hint in SYNTAX if pattern.search(error.message or "")), CALL_HINT)
        text = f"{where}: deze macro kan niet gelezen worden. {advice}"
    elif isinstance(error, TypeError) and _at_the_call(error):
        setting = re.search(r"(\w+)\(\) got an unexpected keyword argument '([^']+)'", str(error))
        text = (f"{where}: {setting[1]}(...) kent de instelling {setting[2]}= niet. Kijk in de README (Voor "
                "redacteuren) welke instellingen er zijn." if setting else
                f"{where}: er ontbreekt iets in de macro, of er staat te veel in (zoals het id en de vraag). "
                "Kijk in de README (Voor redacteuren) hoe je hem schrijft.")
    else:
        return ""
    shown = _line_text(markdown, at)
    return text + (f"\n    regel {line}: {shown}" if shown else "")


def _at_the_call(error: TypeError) -> bool:
    """A TypeError of the call itself (a setting the macro does not have), not one from inside the engine."""
    trace = error.__traceback__
    while trace.tb_next is not None:
        trace = trace.tb_next
    code = trace.tb_frame.f_code
    return code.co_filename == "<template>" or (code.co_name == "<lambda>" and code.co_filename == _REGISTRY)


def _unknown_name(name: str, macro_names) -> str:
    names = sorted(macro_names)
    close = nearest(name, names)
    guess = f" Bedoel je {close}?" if close else ""
    return (f"de macro '{name}' bestaat niet.{guess} De macro's zijn: {', '.join(names)}. "
            f"{RAW if not close else ''}").rstrip()


def _line_text(markdown: str, line: int | None) -> str:
    lines = markdown.splitlines()
    return lines[line - 1].strip() if line and 0 < line <= len(lines) else ""


def register(macro_names) -> None:
    """Let mkdocs-macros print our message for these errors (its own for any other). A version of
    mkdocs-macros without this hook keeps its own messages rather than failing every build."""
    try:
        from mkdocs_macros.errors import format_error
    except ImportError:
        return
    if not hasattr(format_error, "register"):
        return

    def dutch(error, markdown, page):
        source = page.file.content_string
        start = source.find(markdown) if markdown else -1
        first_line = source.count("\n", 0, start) + 1 if start > 0 else 1
        return message(error, markdown, page.file.src_uri, macro_names, first_line) or format_error.dispatch(Exception)(
            error, markdown, page)

    for kind in (WorksheetError, UndefinedError, TemplateSyntaxError, TypeError):
        format_error.register(kind)(dutch)
