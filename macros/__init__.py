"""mkdocs-macros module: registers the worksheet macros. The logic lives in model, render and site."""

from . import site
from .model import FIELD_KINDS


def define_env(env):
    def page():
        return env.page.file.src_uri, env.page.url

    def bind(function, *args):
        return lambda *a, **kw: function(*args, page(), *a, **kw)

    for kind in FIELD_KINDS:
        env.macro(bind(site.field, kind), kind)
    env.macro(bind(site.column), "column")
    env.macro(bind(site.worksheet), "worksheet")
    env.macro(bind(site.section), "section")
    env.macro(site.glossary_list, "begrippenlijst")
    for name in site.WIDGETS:
        env.macro(bind(site.widget, name), name)
