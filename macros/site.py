"""Build-wide state shared by the macros (mkdocs-macros) and the page hooks (MkDocs hooks).

One build: `configure` and `start_build` run first, the macros register fields while pages are
rendered, `page_html` swaps field tokens for HTML, `write_manifest` runs last.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import rcssmin
import rjsmin

from .model import Workbook, check_id, make_column_spec, make_field
from .render import Renderer, read_glossary

MANIFEST_DIR = "assets/werkboek"
ELEMENT_ID = re.compile(r'\sid="([^"]+)"')

workbook = Workbook()
renderer = Renderer({})
storage_key = "werkboek"


def configure(config) -> None:
    global renderer, storage_key
    settings = config["extra"].get("werkboek", {})
    storage_key = settings.get("storage_key", storage_key)
    project_dir = Path(config["config_file_path"]).parent
    glossary = settings.get("glossary")
    renderer = Renderer(read_glossary(project_dir / glossary) if glossary else {})


def start_build() -> None:
    workbook.reset()


def set_page_order(src_uris: list[str]) -> None:
    workbook.page_order = src_uris


# -- what the macros call; `page` is (src_uri, url) of the page being rendered ---------------------

def field(kind: str, page: tuple[str, str], field_id, label="", **params):
    return workbook.add(make_field(kind, field_id, label, page=page[0], **params), renderer.field)


def column(page: tuple[str, str], column_id, label="", kind="text", options=None):
    return make_column_spec(page[0], column_id, label, kind, options)


def worksheet(page: tuple[str, str], worksheet_id, title="") -> str:
    sheet = workbook.start_worksheet(page[0], page[1], worksheet_id, title)
    return workbook.stash(renderer.worksheet(sheet))


def section(page: tuple[str, str], section_id, title="") -> str:
    workbook.start_section(page[0], section_id, title)
    return f"## {title.strip()} {{#{section_id}}}"


def glossary_list() -> str:
    return workbook.stash(renderer.glossary_list())


# The blocks of "Mijn plan" (issue 4): empty shells with a no-JavaScript message; plan.js,
# werkmappen.js and transfer.js fill them from the manifest and the stored answers.
WIDGETS = ("plan", "voortgang", "werkmappen", "diagnose")


def widget(name: str, page: tuple[str, str], worksheet_id: str = "") -> str:
    if name == "diagnose":
        check_id(page[0], worksheet_id)
    html = renderer.env.get_template(f"{name}.html").render(worksheet_id=worksheet_id)
    return workbook.stash(html)


# -- what the hooks call ---------------------------------------------------------------------------

def page_html(html: str, page) -> str:
    swapped = workbook.swap_tokens(html)
    # MkDocs checks links to #anchors against the ids Markdown saw; ours arrive after Markdown.
    if getattr(page, "present_anchor_ids", None) is not None:
        page.present_anchor_ids |= set(ELEMENT_ID.findall(swapped))
    return swapped


def write_manifest(site_dir: str) -> Path:
    target = Path(site_dir) / MANIFEST_DIR
    target.mkdir(parents=True, exist_ok=True)
    manifest = workbook.manifest(storage_key)
    text = json.dumps(manifest, ensure_ascii=False, indent=1)
    (target / "manifest.json").write_text(text, encoding="utf-8")
    # A script, not fetched JSON: pages opened from disk (file://) cannot fetch files.
    compact = json.dumps(manifest, ensure_ascii=False, separators=(",", ":"))
    (target / "manifest.js").write_text(f"window.WerkboekManifest = {compact};\n", encoding="utf-8")
    return target / "manifest.json"


def minify_assets(site_dir: str) -> None:
    """Minify our scripts and styles in the built site; the sources in overrides/ stay readable."""
    for path in (Path(site_dir) / MANIFEST_DIR).iterdir():
        minify = {".js": rjsmin.jsmin, ".css": rcssmin.cssmin}.get(path.suffix)
        if minify and path.name != "manifest.js":
            path.write_text(minify(path.read_text(encoding="utf-8")), encoding="utf-8")
