"""Helpers for the plan, print and transfer tests: fill worksheets as a user would, read PDFs.

Every typed answer is a short token without spaces or hyphens ("antw007x"), so it survives line
breaking in a PDF and can be searched for in page text, PDF text and exported files.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

from playwright.sync_api import expect

from wb_pages import built_pages, page_file

MONTHS = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
          "september", "oktober", "november", "december"]


def dutch_date(iso: str) -> str:
    year, month, day = iso.split("-")
    return f"{int(day)} {MONTHS[int(month) - 1]} {year}"


def sheet_url(site_url: str, sheet: dict) -> str:
    return site_url + sheet["url"]


def label_of(options: list[dict], value: str) -> str:
    return next(o["label"] for o in options if o["value"] == value)


class Filler:
    """Fills fields through the page, like a user, and remembers what the plan must show."""

    def __init__(self, prefix: str = "antw"):
        self.prefix = prefix
        self.count = 0
        self.shown: dict[str, list[str]] = {}  # field id -> texts the plan must show for it

    def token(self) -> str:
        self.count += 1
        return f"{self.prefix}{self.count:03d}x"

    def fill_page(self, page, manifest: dict) -> dict[str, list[str]]:
        """Fill the worksheet on the current page (its header too), the one the page names, as the
        whole manifest describes it (a worksheet page itself loads only its part, without wording)."""
        sheet_id = page.locator("[data-wb-worksheet]").first.get_attribute("data-wb-worksheet")
        sheet = next(s for s in manifest["worksheets"] if s["id"] == sheet_id)
        self.fill_sheet(page, sheet, header=manifest["header"])
        return self.shown

    def fill_sheet(self, page, sheet: dict, header: list[dict] | None = None, only: set[str] | None = None) -> None:
        """Fill every field of the sheet that is visible when its turn comes (yes/no: "Ja")."""
        for field in (header or []) + sheet["fields"]:
            if only is not None and field["id"] not in only:
                continue
            root = page.locator(f"#wb-{field['id']}--veld")
            if not root.is_visible():
                continue  # a follow-up of an answer we did not choose
            self.fill(page, field)

    def fill(self, page, field: dict) -> None:
        fid, kind = field["id"], field["kind"]
        if kind in ("text", "long"):
            value = self.token()
            page.locator(f"#wb-{fid}").fill(value)
            self.shown[fid] = [value]
        elif kind == "date":
            page.locator(f"#wb-{fid}").fill("2026-03-14")
            self.shown[fid] = [dutch_date("2026-03-14")]
        elif kind == "yesno":
            page.locator(f"#wb-{fid}--ja").check()
            self.shown[fid] = ["Ja"]
        elif kind == "choice":
            option = field["options"][-1]
            page.locator(f"#wb-{fid}--{option['value']}").check()
            self.shown[fid] = [option["label"]]
        elif kind == "multi":
            for option in field["options"]:
                page.locator(f"#wb-{fid}--{option['value']}").check()
            self.shown[fid] = [o["label"] for o in field["options"]]
        elif kind == "table":
            row = page.locator(f"#wb-{fid}--veld [data-wb-row]").first
            texts = []
            for column in field["columns"]:
                control = row.locator(f"[data-wb-column='{column['id']}'] input, "
                                      f"[data-wb-column='{column['id']}'] textarea, "
                                      f"[data-wb-column='{column['id']}'] select")
                if column["kind"] == "choice":
                    control.select_option(column["options"][0]["value"])
                    texts.append(column["options"][0]["label"])
                elif column["kind"] == "date":
                    control.fill("2026-05-02")
                    texts.append(dutch_date("2026-05-02"))
                else:
                    value = self.token()
                    control.fill(value)
                    texts.append(value)
            # "Rij toevoegen", then the new row's first text cell.
            rows = page.locator(f"#wb-{fid}--veld [data-wb-row]")
            before = rows.count()
            page.locator(f"#wb-{fid}--veld [data-wb-add-row]").click()
            assert rows.count() == before + 1, f"{fid}: 'Rij toevoegen' added no row"
            value = self.token()
            rows.last.locator("[data-wb-column] input[type=text], [data-wb-column] textarea").first.fill(value)
            self.shown[fid] = texts + [value]

    def answer(self, field: dict):
        """The value a user's filling stores for this field (what fill() types or picks)."""
        kind = field["kind"]
        if kind in ("text", "long"):
            value = self.token()
            self.shown[field["id"]] = [value]
        elif kind == "date":
            value = "2026-03-14"
            self.shown[field["id"]] = [dutch_date(value)]
        elif kind == "yesno":
            value = "ja"
            self.shown[field["id"]] = [label_of(field["options"], "ja")]
        elif kind == "choice":
            value = field["options"][-1]["value"]
            self.shown[field["id"]] = [field["options"][-1]["label"]]
        elif kind == "multi":
            value = [o["value"] for o in field["options"]]
            self.shown[field["id"]] = [o["label"] for o in field["options"]]
        else:  # table: the first row, as fill() does
            row, texts = {}, []
            for column in field["columns"]:
                if column["kind"] == "choice":
                    row[column["id"]] = column["options"][0]["value"]
                    texts.append(column["options"][0]["label"])
                elif column["kind"] == "date":
                    row[column["id"]] = "2026-05-02"
                    texts.append(dutch_date("2026-05-02"))
                else:
                    row[column["id"]] = self.token()
                    texts.append(row[column["id"]])
            first_text = next(c["id"] for c in field["columns"] if c["kind"] in ("text", "long"))
            added = self.token()
            value = [row, {first_text: added}]
            self.shown[field["id"]] = texts + [added]
        return value

    def tokens(self) -> list[str]:
        """The typed texts only (not option labels): unique to this filler."""
        return [t for texts in self.shown.values() for t in texts if re.fullmatch(rf"{self.prefix}\d+x", t)]


def fill_everything(page, site_url: str, manifest: dict, filler: Filler | None = None) -> Filler:
    filler = filler or Filler()
    for index, sheet in enumerate(manifest["worksheets"]):
        page.goto(sheet_url(site_url, sheet))
        filler.fill_sheet(page, sheet, header=manifest["header"] if index == 0 else None)
    return filler


def everything_answered(manifest: dict, filler: Filler) -> dict[str, object]:
    """The answers fill_everything() would store; follow-ups only under the chosen options."""
    answers: dict[str, object] = {}
    for field in manifest["header"]:
        answers[field["id"]] = filler.answer(field)
    for sheet in manifest["worksheets"]:
        for field in sheet["fields"]:
            chosen = answers.get(field["parent"]) if field["parent"] else None
            if field["parent"] and field["when"] not in (chosen if isinstance(chosen, list) else [chosen]):
                continue
            answers[field["id"]] = filler.answer(field)
    return answers


def seed_everything(page, site_url: str, manifest: dict, filler: Filler | None = None) -> Filler:
    """Store the answers fill_everything() would give, straight into localStorage (faster; for tests
    where filling in is not what is tested)."""
    filler = filler or Filler()
    answers = everything_answered(manifest, filler)
    page.goto(site_url)
    page.evaluate("""([key, answers]) => localStorage.setItem(key + ':werkmap:standaard', JSON.stringify(
        {format: 'werkboek-antwoorden', schema: 1, answers, updated: new Date().toISOString(), exported: null}))""",
                  [manifest["storageKey"], answers])
    return filler


def pdf_text(pdf: bytes, tmp_path: Path) -> str:
    """The text of a PDF, read back with poppler's pdftotext (Debian package poppler-utils)."""
    assert shutil.which("pdftotext"), "pdftotext ontbreekt: installeer poppler-utils (./dev test doet dat als root)"
    source = tmp_path / "print.pdf"
    source.write_bytes(pdf)
    result = subprocess.run(["pdftotext", "-enc", "UTF-8", str(source), "-"], capture_output=True, text=True, check=True)
    return result.stdout


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def stored_sets(page) -> dict:
    """Every werkmap in localStorage: {set name: answers}."""
    return page.evaluate("""() => {
        const ns = window.WerkboekManifest.storageKey;
        // Until a werkmap is made or renamed, only the default one exists (store.js DEFAULT_SET).
        const index = JSON.parse(localStorage.getItem(ns + ':werkmappen') ||
                                 '{"sets": [{"id": "standaard", "name": "Mijn werkmap"}]}');
        const out = {};
        for (const set of index.sets) {
            const raw = localStorage.getItem(ns + ':werkmap:' + set.id);
            out[set.name] = raw ? JSON.parse(raw).answers : {};
        }
        return out;
    }""")


def stub_print(page) -> None:
    """window.print() would open a dialog; the tests print with page.pdf() instead. Wait for it with
    page.wait_for_function("() => window.__printed === 1"): a function, since a bare expression
    makes Playwright call eval, which the site's policy refuses."""
    page.add_init_script("window.print = () => { window.__printed = (window.__printed || 0) + 1; };")


def the_only_werkmap(page) -> dict:
    [answers] = stored_sets(page).values()
    return answers


def core_flow(page, site: Path, url: str, manifest: dict, tmp_path: Path) -> tuple[Filler, str]:
    """The flow every workbook must carry, on any content: every field filled through the page and
    saved, kept after a reload, every typed answer on the plan page and on paper, and a back-up
    exported, the answers cleared and the back-up imported. Returns the filler and the printed plan.
    A workbook without a plan page or without the werkmappen block has those steps left out."""
    filler = fill_everything(page, url, manifest)
    stored = the_only_werkmap(page)
    for field in manifest["header"] + [f for s in manifest["worksheets"] for f in s["fields"] if not f["parent"]]:
        assert field["id"] in stored, f"{field['id']} was filled but not saved"

    page.reload()
    page.wait_for_selector("html.wb-js")
    assert the_only_werkmap(page) == stored
    last = manifest["worksheets"][-1]
    for field in last["fields"]:
        if field["kind"] in ("text", "long", "date") and page.locator(f"#wb-{field['id']}").is_visible():
            assert page.locator(f"#wb-{field['id']}").input_value() == stored[field["id"]], field["id"]

    printed = ""
    if manifest["plan"]:
        page.goto(url + manifest["plan"]["url"])
        plan = page.locator("[data-wb-plan]")
        for token in filler.tokens():
            expect(plan).to_contain_text(token)
        printed = squash(pdf_text(page.pdf(format="A4"), tmp_path))
        for token in filler.tokens():
            assert token in printed, token

    sets_page = next((p for p in built_pages(site) if "data-wb-sets" in page_file(site, p).read_text(encoding="utf-8")), None)
    if sets_page is not None:
        page.goto(url + sets_page)
        block = page.locator("[data-wb-sets]")
        block.locator("[data-wb-sets-body]").wait_for()
        with page.expect_download() as info:
            block.locator("[data-wb-export-json]").first.click()  # the back-up reminder has one too
        backup = tmp_path / info.value.suggested_filename
        info.value.save_as(backup)
        assert backup.name.startswith(manifest["storageKey"] + "-")
        assert json.loads(backup.read_text(encoding="utf-8"))["answers"] == stored
        page.on("dialog", lambda dialog: dialog.accept())
        expect(block.locator("[data-wb-sets-message]")).to_be_empty()  # so its message below is the clearing's
        block.locator("[data-wb-clear]").click()
        expect(block.locator("[data-wb-sets-message]")).not_to_be_empty()
        assert the_only_werkmap(page) == {}
        block.locator("[data-wb-import-file]").set_input_files(
            {"name": backup.name, "mimeType": "application/json", "buffer": backup.read_bytes()})
        block.locator("[data-wb-import-replace]").click()
        expect(block.locator("[data-wb-import-preview]")).to_be_hidden()
        assert the_only_werkmap(page) == stored
    return filler, printed
