"""One build of the workbook: the state the macros (mkdocs-macros) and the page hooks share.

`start(config)` makes a fresh `Build` before every build (also each rebuild of `mkdocs serve`);
the macros register fields while pages are rendered, `page_html` swaps field tokens for HTML,
and `finish` checks the lock and writes the manifest last.
"""

from __future__ import annotations

import json
import logging
import os
import posixpath
import re
from pathlib import Path

import yaml
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File
from mkdocs.utils import get_relative_url

from . import assets
from .model import (CONFIG, Workbook, WorksheetError, check_example, check_id, check_lock, lock_of, lock_text,
                    diagnosis_steps, make_column_spec, make_field, make_handout, make_header, make_texts, manifest_part,
                    page_part)
from .render import Renderer, read_glossary

MANIFEST_DIR = "assets/werkboek"
EXAMPLE_FILE = "voorbeeld.js"  # the filled example, loaded only when a user asks to see it
ELEMENT_ID = re.compile(r'\sid="([^"]+)"')
PAGE_LINK = re.compile(r'(\bhref=")([^"#?:]+\.md)((?:#[^"]*)?")')  # a link to a page of docs/, in label_html/hint_html
WRITE_LOCK = "WERKBOEK_WRITE_LOCK"  # set by `./dev lock`: write the lock instead of checking it
# Set by the publishing workflow: what goes out must be in the lock, or a later change to it goes unnoticed.
PUBLISH = "WERKBOEK_PUBLISH"
log = logging.getLogger("mkdocs.plugins.werkboek")
# PyYAML's C loader where it is built (about ten times faster on the example file), else the Python one.
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# The blocks of the plan page: empty shells with a no-JavaScript message; the browser scripts fill
# them from the manifest and the stored answers.
WIDGETS = ("plan", "voortgang", "werkmappen", "diagnose", "voorbeeld")
# Widgets whose page also has inline styles in <head> (see overrides/main.html): the task list, the
# diagnosis block, the plan and the werkmappen are in the page from the first paint, so their
# styles must be too, without a second stylesheet to wait for. A page with several gets the first of
# assets.INLINE_STYLES that holds them all. The rest of the site has only werkboek.css.
WIDGET_STYLES = {"voortgang": assets.TASK_STYLES, "diagnose": assets.DIAGNOSIS_STYLES,
                 "plan": assets.PLAN_STYLES, "werkmappen": assets.PLAN_STYLES}
INLINE_STYLE = "werkboek_inline_style"  # page.meta key: the inline style bundle the theme block writes
THEME_STYLES = "werkboek_inline_css"  # config.extra key: {style bundle: its CSS text}
THEME_TEXTS = "werkboek_texts"  # config.extra key: the interface texts, for the theme's templates


class Build:
    def __init__(self, config) -> None:
        settings = config["extra"].get("werkboek", {}) or {}
        project_dir = Path(config["config_file_path"]).parent
        self.config = config
        self.storage_key = settings.get("storage_key", "werkboek")
        self.texts = make_texts(settings.get("texts"), assets.default_texts())
        self.handout = make_handout(settings.get("handout"))
        self.lock_path = project_dir / settings.get("lock", "werkboek.lock.json")
        glossary = settings.get("glossary")
        self.renderer = Renderer(read_glossary(project_dir / glossary) if glossary else {}, self.texts)
        # The theme's templates (overrides/main.html) speak with the same words.
        config["extra"][THEME_TEXTS] = self.renderer.texts
        self.bundle_table = assets.read_table()
        styles = {name: assets.inline_style(name) for name in assets.INLINE_STYLES}
        self.inline_styles = tuple(styles.values())  # every page's policy allows each (macros/csp.py)
        config["extra"][THEME_STYLES] = styles
        self.workbook = Workbook(make_header(settings.get("header")))
        self.plan_page = None
        self.sets_pages: list[str] = []  # the pages that call werkmappen()
        self.sets_url = ""  # where the worksheets and the back-up reminder send you for them: the first
        self.progress_pages: list[str] = []  # the pages that call voortgang()
        self.example_name = settings.get("example") or ""
        self.example = read_example(project_dir, self.example_name)
        # Files besides docs/ and mkdocs.yml that the build reads: `mkdocs serve` watches them too.
        self.inputs = [project_dir / name for name in (glossary, self.example_name) if name]

    # -- what the macros call; `page` is the MkDocs page being rendered ---------------------------

    def field(self, kind: str, page, field_id, label="", **params):
        for name in ("label_html", "hint_html"):
            if isinstance(params.get(name), str):
                params[name] = self.page_links(params[name], page, field_id)
        return self.workbook.add(make_field(kind, field_id, label, page=page.file.src_uri,
                                            engine_texts=self.renderer.texts, **params),
                                 self.renderer.field)

    def page_links(self, html: str, page, field_id) -> str:
        """Links to pages (`<a href="uitleg.md">`) in label_html/hint_html as MkDocs writes Markdown
        links: the page's address relative to this page (also in the offline copy, with its .html
        addresses). Markdown never sees this HTML, so it would not rewrite them; a missing page
        stops the build."""
        config = self.config

        def link(match):
            target = posixpath.normpath(posixpath.join(posixpath.dirname(page.file.src_uri), match[2]))
            if not (Path(config["docs_dir"]) / target).is_file():
                raise WorksheetError(f"Fout in {page.file.src_uri}, veld '{field_id}': de link naar {match[2]} "
                                     "wijst naar een pagina die niet bestaat.")
            file = File(target, config["docs_dir"], config["site_dir"], config["use_directory_urls"])
            return match[1] + file.url_relative_to(page.file) + match[3]

        return PAGE_LINK.sub(link, html)

    def column(self, page, column_id, label="", kind="text", options=None):
        return make_column_spec(page.file.src_uri, column_id, label, kind, options)

    def worksheet(self, page, worksheet_id, title="", copy=False) -> str:
        sheet = self.workbook.start_worksheet(page.file.src_uri, page.url, worksheet_id, title, copy)
        # Its status line counts the sheet's questions and links to the werkmappen: both known only
        # once every page is read, so it is filled in last (late_html).
        status = self.workbook.stash(lambda: self.renderer.first_state(
            "status", total=len([f for f in sheet.fields if not f.parent]),
            sets_url=self.sets_url and get_relative_url(self.sets_url, page.url)))
        return self.workbook.stash(self.renderer.worksheet(sheet, self.workbook.header, status))

    def section(self, page, section_id, title="") -> str:
        self.workbook.start_section(page.file.src_uri, section_id, title)
        return f"## {title.strip()} {{#{section_id}}}"

    def glossary_list(self) -> str:
        return self.workbook.stash(self.renderer.glossary_list())

    def widget(self, name: str, page, worksheet_id: str = "") -> str:
        if name == "diagnose":  # checked once every worksheet is read (Workbook.check_diagnoses)
            self.workbook.mark_diagnosis(page.file.src_uri, check_id(page.file.src_uri, worksheet_id))
        if name == "plan":
            self.workbook.mark_plan(page.file.src_uri, page.url)
            self.plan_page = page
        if name == "werkmappen":
            self.sets_pages.append(page.file.src_uri)
            self.sets_url = self.sets_url or page.url
        if name == "voortgang":
            self.progress_pages.append(page.file.src_uri)
        if name in WIDGET_STYLES:
            named = filter(None, (WIDGET_STYLES[name], page.meta.get(INLINE_STYLE)))
            page.meta[INLINE_STYLE] = assets.inline_style_for(named, self.bundle_table)
        if name == "voorbeeld" and self.example is None:
            raise PluginError(f"Fout in {page.file.src_uri}: voorbeeld() toont het ingevulde voorbeeld, maar {CONFIG} "
                              "noemt geen voorbeeldbestand (extra.werkboek.example).")
        context = {"handout": self.handout}
        if name == "diagnose":  # its steps are known once every page is read: filled in last (late_html)
            context["steps"] = self.workbook.stash(lambda: self.renderer.first_state(
                "diagnosis", steps=diagnosis_steps(next(
                    (sheet for sheet in self.workbook.sheets() if sheet.id == worksheet_id), None))))
        if name == "voortgang":  # the task list names every worksheet: filled in last (late_html)
            context["items"] = self.workbook.stash(lambda: self.renderer.first_state(
                "progress", sheets=self.workbook.sheets(), page_url=page.url, relative_url=get_relative_url))
        return self.workbook.stash(self.renderer.widget(name, worksheet_id, **context))

    # -- what the hooks call -----------------------------------------------------------------------

    def page_html(self, html: str, page) -> str:
        swapped = self.workbook.swap_tokens(html)
        # MkDocs checks links to #anchors against the ids Markdown saw; ours arrive after Markdown.
        if getattr(page, "present_anchor_ids", None) is not None:
            page.present_anchor_ids |= set(ELEMENT_ID.findall(swapped))
        return swapped

    def late_html(self, output: str) -> str:
        """The finished page: swap the tokens that needed the whole workbook (every page read)."""
        return self.workbook.swap_tokens(output) if "wbtoken" in output else output

    def manifest(self) -> dict:
        try:
            self.workbook.check_nav()
            return self.workbook.manifest(
                storage_key=self.storage_key, title=self.config["site_name"], handout=self.handout,
                texts={key: text for key, text in self.texts.items() if key in assets.browser_text_keys()},
                plan_title=self.plan_page.title if self.plan_page else "", sets_url=self.sets_url,
                example=EXAMPLE_FILE if self.example is not None else "")
        except WorksheetError as error:
            raise PluginError(str(error)) from error

    def check_sets_page(self) -> None:
        """The worksheets ("Andere werkmap kiezen") and the back-up reminder link to #wb-werkmappen on
        the plan page, so a plan page needs werkmappen(); without plan() it may go on any page, but
        voortgang() (its reminder advises a back-up) then needs it on its own page."""
        if self.plan_page is None:
            alone = [page for page in self.progress_pages if page not in self.sets_pages]
            if alone:
                raise PluginError(f"Fout in {alone[0]}: voortgang() raadt een back-up aan, maar er is geen planpagina "
                                  "(plan() met werkmappen()) waar je die maakt. Zet plan() en werkmappen() op een "
                                  "pagina, of werkmappen() op deze pagina.")
            return
        plan = self.plan_page.file.src_uri
        elsewhere = [page for page in self.sets_pages if page != plan]
        if elsewhere:
            raise PluginError(f"Fout in {elsewhere[0]}: werkmappen() staat niet op de planpagina ({plan}). "
                              "De werkbladen linken naar de werkmappen op de planpagina: zet werkmappen() daar.")
        if not self.sets_pages:
            raise PluginError(f"Fout in {plan}: op de planpagina ontbreekt werkmappen(). De werkbladen linken ernaar "
                              "om van werkmap te wisselen en een back-up te maken: zet werkmappen() op deze pagina.")

    def finish(self, site_dir: str) -> None:
        self.check_sets_page()
        manifest = self.manifest()
        self.check_lock(manifest)
        example = self.checked_example(manifest)
        write_manifest(site_dir, manifest)
        if example:
            write_script(Path(site_dir) / MANIFEST_DIR / EXAMPLE_FILE, "WerkboekVoorbeeld", example)
        try:
            assets.build_bundles(site_dir)
        except assets.BundleError as error:
            raise PluginError(str(error)) from error

    def checked_example(self, manifest: dict) -> dict | None:
        if self.example is None:
            return None
        try:
            return check_example(self.example, manifest, self.example_name)
        except WorksheetError as error:
            raise PluginError(str(error)) from error

    def check_lock(self, manifest: dict) -> None:
        """Stop the build when a published id or value disappeared; `./dev lock` rewrites the lock."""
        current = lock_of(manifest)
        name = self.lock_path.name
        if os.environ.get(WRITE_LOCK) == "1":
            self.lock_path.write_text(lock_text(current), encoding="utf-8")
            log.info("%s bijgewerkt.", self.lock_path)
            return
        publishing = os.environ.get(PUBLISH) == "1"
        if not self.lock_path.is_file():
            if publishing:
                raise PluginError(f"Nog geen {name}: voer ./dev lock uit en zet {name} in de repository voordat je "
                                  "publiceert. Daarmee stopt de bouw later als een vraag of keuze verdwijnt.")
            log.info("Nog geen %s: voer ./dev lock uit zodra het werkboek gepubliceerd is.", name)
            return
        try:
            locked = json.loads(self.lock_path.read_text(encoding="utf-8"))
        except ValueError as error:
            raise PluginError(f"{name} is geen geldig JSON-bestand ({error}). Voer ./dev lock uit.") from error
        pages = {sheet.id: sheet.page for sheet in self.workbook.worksheets.values()}
        problems = check_lock(locked, current, pages, name)
        if problems:
            raise PluginError("\n".join(problems))
        if locked != current:
            if publishing:
                raise PluginError(f"{name} loopt achter op de inhoud (nieuwe vragen of keuzes): voer ./dev lock uit en "
                                  "zet het bijgewerkte bestand mee in je wijziging. Anders zijn die vragen na het "
                                  "publiceren niet beschermd: verandert later hun id, dan merkt de bouw het niet.")
            log.info("%s loopt achter op de inhoud (nieuwe velden of keuzes): voer ./dev lock uit.", name)


def write_manifest(site_dir: str, manifest: dict) -> Path:
    target = Path(site_dir) / MANIFEST_DIR
    target.mkdir(parents=True, exist_ok=True)
    (target / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
    write_script(target / "manifest.js", "WerkboekManifest", manifest)
    # A worksheet page needs only the structure of its own worksheet, the task list only every
    # worksheet's title and questions (page_part), marked "part".
    for sheet_id in [sheet["id"] for sheet in manifest["worksheets"]] + [None]:
        write_script(target / manifest_part(sheet_id), "WerkboekManifest", page_part(manifest, sheet_id))
    return target / "manifest.json"


def write_script(path: Path, name: str, data: dict) -> None:
    """Data as a script (window.<name> = {...}), not fetched JSON: pages opened from disk (file://)
    cannot fetch files."""
    compact = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    path.write_text(f"window.{name} = {compact};\n", encoding="utf-8")


def read_example(project_dir: Path, name: str):
    """The example file named by extra.werkboek.example, parsed; None when there is none."""
    if not name:
        return None
    where = f"{CONFIG} (extra.werkboek.example)"
    path = project_dir / name
    if not path.is_file():
        raise WorksheetError(f"Fout in {where}: het voorbeeldbestand {name} bestaat niet.")
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=SAFE_LOADER)
    except yaml.YAMLError as error:
        raise WorksheetError(f"Fout in {name}: dit is geen geldig YAML-bestand ({error}).") from error


def start(config) -> Build:
    global _build
    try:
        _build = Build(config)
    except WorksheetError as error:
        raise PluginError(str(error)) from error
    return _build


def current() -> Build:
    if _build is None:
        raise RuntimeError("macros/hooks.py is not listed under hooks: in mkdocs.yml")
    return _build

