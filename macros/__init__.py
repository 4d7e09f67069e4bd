"""mkdocs-macros module: registers the worksheet macros. The logic lives in model, render and site."""

from . import site
from .model import FIELD_KINDS, option


def define_env(env):
    def on_page(method, *args):
        # Looked up at call time: every build (and every `mkdocs serve` rebuild) has its own state.
        return lambda *a, **kw: getattr(site.current(), method)(*args, env.page, *a, **kw)

    for kind in FIELD_KINDS:
        env.macro(on_page("field", kind), kind)
    for name in ("column", "worksheet", "section"):
        env.macro(on_page(name), name)
    for name in site.WIDGETS:
        env.macro(on_page("widget", name), name)
    env.macro(lambda: site.current().glossary_list(), "begrippenlijst")
    env.macro(option, "option")
