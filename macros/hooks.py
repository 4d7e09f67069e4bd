"""MkDocs hooks for the worksheet engine (listed under `hooks:` in mkdocs.yml)."""

import sys
from pathlib import Path

# MkDocs loads hook files by path; make the `macros` package importable the way mkdocs-macros
# imports it, so the macros and these hooks share one build state.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from macros import csp, site  # noqa: E402


def on_pre_build(config):
    site.start(config)


def on_nav(nav, config, files):
    # Workbook order is navigation order; pages themselves are rendered in file order.
    site.current().workbook.page_order = [page.file.src_uri for page in nav.pages]


def on_page_content(html, page, config, files):
    return site.current().page_html(html, page)


def on_post_page(output, page, config):
    return csp.protect(output)


def on_post_template(output_content, template_name, config):
    # Pages from theme templates alone (404.html); sitemap.xml is no page.
    return csp.protect(output_content) if template_name.endswith(".html") else output_content


def on_post_build(config):
    site.current().finish(config["site_dir"])
