"""The Word writer (overrides/assets/werkboek/js/docx.js): a .docx made in Chromium, read back by real
readers: Python's zipfile, python-docx, and LibreOffice (Debian's headless Writer) converting it to PDF
and to its own flat XML format."""

from __future__ import annotations

import io
import shutil
import subprocess
import xml.etree.ElementTree as ET
import zipfile
from datetime import datetime
from pathlib import Path

import docx
import pytest

from conftest import ROOT

SCRIPT = ROOT / "overrides/assets/werkboek/js/docx.js"
SOFFICE = shutil.which("soffice")

HOSTILE = "<script>alert(1)</script> & ümlaut \"quoted\" 'single'"
MULTILINE = "Eerste regel\nTweede regel\n\n  ingesprongen regel met  twee spaties\tna een tab"
HEADER = ["Partner", "Waarvoor", "Sinds"]
ROWS = [["Welzijn & Co", "Doorverwijzen <samen>", "2021"],
        ["SeniorWeb", "Cursussen\nop dinsdag", ""]]
LIST = ["Spreekuren", "Klik & Tik", "Hulp bij DigiD"]
MODEL = {
    "title": "Werkboek: plan voor gemeente Één & Twee",
    "properties": {"creator": "Bibliotheek <Test>", "subject": "Gespreksnotitie"},
    "blocks": [
        {"type": "heading", "level": 1, "text": "Werkblad 1: Gemeentelandschap"},
        {"type": "paragraph", "text": HOSTILE},
        {"type": "heading", "level": 2, "text": "Stap 1 & stap 2"},
        {"type": "paragraph", "text": MULTILINE},
        {"type": "paragraph", "text": "Toelichting bij de vraag", "style": "note"},
        {"type": "paragraph", "text": "Nog niet ingevuld", "style": "empty"},
        {"type": "list", "items": LIST},
        {"type": "heading", "level": 3, "text": "Partners"},
        {"type": "table", "header": HEADER, "rows": ROWS},
        {"type": "table", "header": [], "rows": []},
        {"type": "table", "rows": [["Zonder kop"]]},
        {"type": "pagebreak"},
        {"type": "heading", "level": 1, "text": "Werkblad 2: Na de pagina-einde"},
        {"type": "paragraph", "text": "Emoji blijft: 📚, stuurtekens niet: a\u0001b\u000bc\ufffe, Windows:\r\nregel"},
    ],
}
CLEANED = "Emoji blijft: 📚, stuurtekens niet: abc, Windows:\nregel"


def build(page, model) -> bytes:
    page.set_content("<!doctype html><html lang='nl'><head><title>docx</title></head><body></body></html>")
    page.add_script_tag(path=str(SCRIPT))
    return bytes(page.evaluate("model => Array.from(window.Werkboek.docx.build(model))", model))


@pytest.fixture
def docx_bytes(page) -> bytes:
    return build(page, MODEL)


def test_zip_is_intact_with_utf8_names_and_dates(docx_bytes):
    archive = zipfile.ZipFile(io.BytesIO(docx_bytes))
    assert archive.testzip() is None  # every CRC-32 checks out
    assert archive.namelist()[0] == "[Content_Types].xml"
    assert set(archive.namelist()) == {
        "[Content_Types].xml", "_rels/.rels", "word/document.xml", "word/_rels/document.xml.rels",
        "word/styles.xml", "word/numbering.xml", "docProps/core.xml"}
    today = datetime.now()
    for info in archive.infolist():
        assert info.flag_bits & 0x800, f"{info.filename}: name not marked UTF-8"
        assert info.date_time[:3] == (today.year, today.month, today.day)
        ET.fromstring(archive.read(info))  # well-formed XML


def test_python_docx_reads_headings_texts_lists_and_tables(docx_bytes):
    document = docx.Document(io.BytesIO(docx_bytes))
    paragraphs = [(p.style.name, p.text) for p in document.paragraphs]
    assert paragraphs == [
        ("Title", MODEL["title"]),
        ("Heading 1", "Werkblad 1: Gemeentelandschap"),
        ("Normal", HOSTILE),
        ("Heading 2", "Stap 1 & stap 2"),
        ("Normal", MULTILINE),
        ("Note", "Toelichting bij de vraag"),
        ("Empty", "Nog niet ingevuld"),
        *[("List Bullet", item) for item in LIST],
        ("Heading 3", "Partners"),
        ("Normal", ""),  # after each table, so two tables never join
        ("Normal", ""),
        ("Normal", ""),  # the page break (checked below)
        ("Heading 1", "Werkblad 2: Na de pagina-einde"),
        ("Normal", CLEANED),
    ]
    breaks = document.element.body.xpath('.//w:br[@w:type="page"]')
    assert len(breaks) == 1

    table, headless = document.tables  # the empty table is left out
    assert table.style.name == "Table Grid"
    assert [[cell.text for cell in row.cells] for row in table.rows] == [HEADER, *ROWS]
    assert all(run.bold for cell in table.rows[0].cells for run in cell.paragraphs[0].runs)
    assert table.rows[0]._tr.trPr.xpath("./w:tblHeader")  # repeated on every page
    assert [[cell.text for cell in row.cells] for row in headless.rows] == [["Zonder kop"]]

    styles = document.styles
    for level in (1, 2, 3):
        outline = styles[f"Heading {level}"].element.xpath("./w:pPr/w:outlineLvl/@w:val")
        assert outline == [str(level - 1)]  # what Word's navigation pane lists
    assert styles["List Bullet"].element.xpath("./w:pPr/w:numPr/w:numId/@w:val") == ["1"]

    core = document.core_properties
    assert (core.title, core.subject, core.author, core.language) == (
        MODEL["title"], "Gespreksnotitie", "Bibliotheek <Test>", "nl-NL")


def test_characters_xml_cannot_hold_are_dropped(page):
    build(page, {"blocks": []})
    # Made in the page: lone surrogates do not survive the trip from Python.
    data = bytes(page.evaluate("""() => {
        let text = "";
        for (let code = 0; code < 32; code++) text += String.fromCharCode(code);
        text += "\\uD800|\\uDFFF|\\uFFFE|\\uFFFF|\\uD83D\\uDCDA|ok";
        return Array.from(window.Werkboek.docx.build({blocks: [{type: "paragraph", text: text}]}));
    }"""))
    [paragraph] = docx.Document(io.BytesIO(data)).paragraphs
    assert paragraph.text == "\t\n\n||||📚|ok"  # tab, line feed and carriage return stay, as tab and breaks


def test_blob_has_the_word_type_and_the_same_bytes(page):
    build(page, MODEL)
    result = page.evaluate("""async model => {
        const blob = window.Werkboek.docx.blob(model);
        const bytes = new Uint8Array(await blob.arrayBuffer());
        return {type: blob.type, size: blob.size, start: Array.from(bytes.slice(0, 4))};
    }""", MODEL)
    assert result["type"] == "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    assert result["start"] == [0x50, 0x4B, 0x03, 0x04]
    assert abs(result["size"] - len(build(page, MODEL))) < 100  # same document, another timestamp at most


def test_unknown_block_type_is_an_error(page):
    build(page, {"blocks": []})
    message = page.evaluate("""() => {
        try { window.Werkboek.docx.build({blocks: [{type: "image"}]}); return ""; }
        catch (error) { return error.message; }
    }""")
    assert "image" in message


def libreoffice(source: Path, fmt: str, tmp_path: Path) -> Path:
    assert SOFFICE, "LibreOffice ontbreekt: ./dev test installeert libreoffice-writer-nogui"
    profile = tmp_path / "lo-profile"
    result = subprocess.run(
        [SOFFICE, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
         "--convert-to", fmt, "--outdir", str(tmp_path / "out"), str(source)],
        capture_output=True, text=True, timeout=180)
    target = tmp_path / "out" / f"{source.stem}.{fmt}"
    assert result.returncode == 0 and target.exists(), result.stdout + result.stderr
    return target


def test_libreoffice_opens_it_with_headings_table_and_all_text(docx_bytes, tmp_path):
    source = tmp_path / "plan.docx"
    source.write_bytes(docx_bytes)

    pdf = libreoffice(source, "pdf", tmp_path)
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    pages = text.split("\f")
    words = " ".join(text.split())
    for expected in [MODEL["title"], HOSTILE, "Eerste regel", "ingesprongen regel", "Toelichting bij de vraag",
                     *LIST, *HEADER, "Welzijn & Co", "Doorverwijzen <samen>", "Cursussen", "op dinsdag",
                     "stuurtekens niet: abc"]:
        assert " ".join(expected.split()) in words, expected
    assert "Werkblad 2: Na de pagina-einde" in pages[1] and "Werkblad 2" not in pages[0]

    # LibreOffice's own format shows how it understood the file: outline headings and a real table.
    flat = libreoffice(source, "fodt", tmp_path).read_text(encoding="utf-8")
    ns = {"text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
          "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0"}
    root = ET.fromstring(flat)
    headings = [("".join(h.itertext()), h.get(f"{{{ns['text']}}}outline-level")) for h in root.iterfind(".//text:h", ns)]
    assert headings == [("Werkblad 1: Gemeentelandschap", "1"), ("Stap 1 & stap 2", "2"), ("Partners", "3"),
                        ("Werkblad 2: Na de pagina-einde", "1")]
    table, headless = root.findall(".//table:table", ns)
    assert len(table.findall(".//table:table-row", ns)) == 3
    assert len(table.findall(".//table:table-cell", ns)) == 9
    assert ["".join(p.itertext()) for p in headless.iterfind(".//text:p", ns)] == ["Zonder kop"]
