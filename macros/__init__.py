"""mkdocs-macros module: registers the worksheet macros. The logic lives in model, render and site."""

from . import errors, site
from .model import FIELD_KINDS, option


def define_env(env):
    def on_page(method, *args):
        # Looked up at call time: every build (and every `mkdocs serve` rebuild) has its own state.
        return lambda *a, **kw: getattr(site.current(), method)(*args, env.page, *a, **kw)

    macros = {kind: on_page("field", kind) for kind in FIELD_KINDS}
    macros.update({name: on_page(name) for name in ("column", "worksheet", "section")})
    macros.update({name: on_page("widget", name) for name in site.WIDGETS})
    macros.update(begrippenlijst=lambda: site.current().glossary_list(), option=option)
    for name, macro in macros.items():
        env.macro(macro, name)
    errors.register(list(macros))  # a mistake in a macro call: a Dutch message naming page and line
