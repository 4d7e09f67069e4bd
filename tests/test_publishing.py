"""Publishing: the site builds unchanged with ProperDocs, and the offline copy works from disk.

ProperDocs is the maintained fork of MkDocs 1.x: proof that the site is not stuck on one tool.
The offline copy (./dev offline, scripts/offline.py) is opened over file:// in Chromium.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import expect

from conftest import ROOT, SECOND_WORKBOOK
from wb_pages import page_file


def load_yaml(path: Path) -> dict:
    class Loader(yaml.SafeLoader):
        pass
    # mkdocs.yml uses !ENV; its default is all we need here.
    Loader.add_constructor("!ENV", lambda loader, node: loader.construct_sequence(node)[-1]
                           if isinstance(node, yaml.SequenceNode) else None)
    return yaml.load(path.read_text(encoding="utf-8"), Loader=Loader)


# -- ProperDocs ------------------------------------------------------------------------------------

def test_properdocs_builds_the_site_unchanged(tmp_path, built_site, manifest, site_url):
    """`properdocs build --strict` in the project folder: it finds mkdocs.yml by itself."""
    target = tmp_path / "properdocs-site"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": site_url}
    result = subprocess.run([str(Path(sys.executable).parent / "properdocs"), "build", "--strict", "--site-dir", str(target)],
                            cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert "mkdocs.yml" in result.stderr  # it says which configuration it fell back to
    # The same worksheets and questions as with MkDocs, read from the manifest it wrote.
    assert json.loads((target / "assets/werkboek/manifest.json").read_text(encoding="utf-8")) == manifest
    generator = re.compile(r'<meta name="generator" content="[^"]*">')  # names the tool, naturally
    for sheet in (sheet["url"] for sheet in manifest["worksheets"]):
        html = page_file(target, sheet).read_text(encoding="utf-8")  # also with use_directory_urls: false
        assert html.count("data-wb-field=") >= 2, sheet
        same = page_file(built_site, sheet).read_text(encoding="utf-8")
        assert generator.sub("", html) == generator.sub("", same), f"{sheet}: ProperDocs wrote different HTML than MkDocs"


# -- The offline copy ------------------------------------------------------------------------------

def test_the_offline_config_takes_its_lists_from_mkdocs_yml(tmp_path):
    """INHERIT does not merge lists: the offline build works them out from mkdocs.yml (features without
    instant navigation, plugins plus offline), so an editor changes only mkdocs.yml; mkdocs-offline.yml
    has no lists to keep in step."""
    sys.path.insert(0, str(ROOT / "scripts"))
    import offline
    settings = load_yaml(ROOT / "mkdocs-offline.yml")
    assert settings["INHERIT"] == "mkdocs.yml" and settings["use_directory_urls"] is False
    assert "theme" not in settings and "plugins" not in settings
    main = load_yaml(ROOT / "mkdocs.yml")
    made = offline.offline_config()
    assert made["INHERIT"] == "mkdocs-offline.yml"
    assert made["theme"]["features"] == [f for f in main["theme"]["features"] if not f.startswith("navigation.instant")]
    assert "navigation.instant" in main["theme"]["features"]  # the test sees what it guards
    assert made["plugins"] == main["plugins"] + ["offline"]
    # An editor's own mkdocs.yml (the second workbook's): its lists, whatever they are.
    (tmp_path / "mkdocs.yml").write_text((SECOND_WORKBOOK / "mkdocs.yml").read_text(encoding="utf-8")
                                         .replace("    - navigation.footer\n", "    - navigation.footer\n    - navigation.instant.progress\n"),
                                         encoding="utf-8")
    other = offline.offline_config(tmp_path)
    assert other["theme"]["features"] == ["navigation.footer"]
    assert other["plugins"] == load_yaml(tmp_path / "mkdocs.yml")["plugins"] + ["offline"]


@pytest.mark.reference
def test_the_offline_copy_is_named_after_its_own_workbook(offline_copy):
    sys.path.insert(0, str(ROOT / "scripts"))
    import offline  # scripts/offline.py
    assert offline_copy.name == "werkboek-digitale-inclusie"
    assert offline.name_of(SECOND_WORKBOOK / "mkdocs.yml") == "werkboek-samenwerken-scholen"


def test_offline_copy_loads_nothing_from_elsewhere(offline_copy):
    html = "\n".join(path.read_text(encoding="utf-8") for path in offline_copy.rglob("*.html"))
    assert "navigation.instant" not in html
    assert not re.findall(r'<(?:script|link)\b[^>]*(?:src|href)="(?:https?:)?//[^"]*"', html)
    assert (offline_copy / "search" / "search_index.js").exists()


@pytest.mark.reference
def test_offline_copy_works_from_disk(offline_copy, browser):
    context = browser.new_context(locale="nl-NL")
    outside = []
    context.on("request", lambda request: None if request.url.startswith(("file://", "data:", "blob:", "about:"))
               else outside.append(request.url))
    context.add_init_script("window.print = function () { window.__wbPrinted = (window.__wbPrinted || 0) + 1; };")
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(error))
    start = offline_copy.as_uri() + "/index.html"
    try:
        page.goto(start)
        expect(page.locator("html.wb-js")).to_have_count(1)
        assert page.evaluate("location.protocol") == "file:"

        # Fill in a worksheet, reached by the navigation (full page loads: no instant navigation).
        page.locator(".md-nav__link[href$='werkblad-1.html']").first.click()
        page.wait_for_url(re.compile(r"werkbladen/werkblad-1\.html$"))
        page.fill("#wb-kop-naam", "Offline Tester")
        page.fill("#wb-w1-agenda", "Getypt vanaf een USB-stick")
        page.check("#wb-w1-doelen--ja")
        page.fill("#wb-w1-doelen-welke", "Doelen zonder internet")
        page.locator(".md-nav__link[href$='werkblad-2.html']").first.click()
        page.wait_for_url(re.compile(r"werkblad-2\.html$"))
        expect(page.locator("#wb-kop-naam")).to_have_value("Offline Tester")  # the shared header
        page.go_back()
        page.wait_for_url(re.compile(r"werkblad-1\.html$"))
        expect(page.locator("#wb-w1-agenda")).to_have_value("Getypt vanaf een USB-stick")
        page.reload()
        expect(page.locator("#wb-w1-doelen-welke")).to_have_value("Doelen zonder internet")

        # Search works from disk.
        page.goto(start)
        page.keyboard.press("/")
        expect(page.locator(".md-search-result__meta")).to_have_text(re.compile("Typ om"), timeout=15_000)
        page.locator(".md-search__input").press_sequentially("gemeente")
        expect(page.locator(".md-search-result__item").first).to_be_visible()

        page.goto(offline_copy.as_uri() + "/mijn-plan.html")
        expect(page.locator("html.wb-js")).to_have_count(1)
        assert not outside, f"requests from the offline copy: {outside}"
        assert not errors, f"JavaScript errors: {errors}"
        content = page.locator(".md-content")
        for text in ("Offline Tester", "Getypt vanaf een USB-stick", "Doelen zonder internet"):
            expect(content).to_contain_text(text)
        page.get_by_role("button", name=re.compile("Afdrukken")).first.click()
        assert page.evaluate("window.__wbPrinted") == 1, "the print button did not print"
        pdf = page.pdf()
        assert len(pdf) > 1000
    finally:
        context.close()
