"""MkDocs hooks for the worksheet engine (listed under `hooks:` in mkdocs.yml)."""

import os
import sys
from pathlib import Path

# MkDocs loads hook files by path; make the `macros` package importable the way mkdocs-macros
# imports it, so the macros and these hooks share one build state.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from mkdocs.plugins import event_priority  # noqa: E402

from macros import csp, site  # noqa: E402


_serving = False


def on_startup(command, dirty):
    global _serving
    _serving = command == "serve"  # `mkdocs serve`: its own address, and its live-reload script


def on_config(config):
    # SITE_URL is the address the site will be served from (the tests, README "Publishing", GitHub
    # Pages): it wins over site_url in mkdocs.yml, where an editor writes the address plainly.
    address = os.environ.get("SITE_URL")
    if address and not _serving:
        config["site_url"] = address if address.endswith("/") else address + "/"
    # mkdocs-macros ends the process on a mistake in a macro call (on_error_fail: sys.exit), which
    # during `mkdocs serve` stops the server at an editor's first typo. There it logs the mistake as
    # a warning instead: strict mode fails that rebuild (MkDocs holds the browser's requests until a
    # build succeeds) and the next save rebuilds.
    macros = config.plugins.get("macros")
    if _serving and macros is not None:
        macros.config["on_error_fail"] = False
    return config


def on_serve(server, config, builder):
    # `mkdocs serve` rebuilds when docs/ or mkdocs.yml change; also when the example file or the
    # glossary does.
    for path in site.current().inputs:
        if path.is_file():
            server.watch(str(path))
    return server


def on_pre_build(config):
    site.start(config)


def on_nav(nav, config, files):
    # Workbook order is navigation order; pages themselves are rendered in file order.
    site.current().workbook.page_order = [page.file.src_uri for page in nav.pages]


@event_priority(100)  # before mkdocs-macros (default priority 0) renders the page
def on_page_markdown(markdown, page, config, files):
    # mkdocs-macros compiles every page as a Jinja2 template. A page without any Jinja2 markup
    # would come out unchanged, so it skips that; front matter that says otherwise still wins.
    macros = config.plugins.get("macros")
    if macros is not None:
        page.meta.setdefault("render_macros", macros.has_j2(markdown))
    return markdown


def on_page_content(html, page, config, files):
    return site.current().page_html(html, page)


def on_post_page(output, page, config):
    build = site.current()
    return csp.protect(build.late_html(output), build.inline_styles, serving=_serving)


def on_post_template(output_content, template_name, config):
    # Pages from theme templates alone (404.html); sitemap.xml is no page.
    if not template_name.endswith(".html"):
        return output_content
    return csp.protect(output_content, site.current().inline_styles, serving=_serving)


def on_post_build(config):
    site.current().finish(config["site_dir"])
