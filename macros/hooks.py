"""MkDocs hooks for the worksheet engine (listed under `hooks:` in mkdocs.yml)."""

import sys
from pathlib import Path

# MkDocs loads hook files by path; make the `macros` package importable the way mkdocs-macros
# imports it, so the macros and these hooks share one build state.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from macros import site  # noqa: E402


def on_pre_build(config):
    site.start(config)


def on_nav(nav, config, files):
    # Workbook order is navigation order; pages themselves are rendered in file order.
    site.current().workbook.page_order = [page.file.src_uri for page in nav.pages]


def on_page_content(html, page, config, files):
    return site.current().page_html(html, page)


def on_post_build(config):
    site.current().finish(config["site_dir"])
