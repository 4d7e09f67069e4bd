"""An editor changes a published workbook; the user's answers survive (Chromium, real builds)."""

from __future__ import annotations

from conftest import build_site, fixture_site, free_port, serve

SHEET = """# Blad

{{ worksheet("blad", "Blad") }}

{{ choice("w-keuze", "Hoe gaat het?", options=[OPTIONS]) }}
"""


def test_a_relabelled_option_keeps_the_stored_answer_checked(page, tmp_path):
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    config = fixture_site(tmp_path / "src", {"blad.md": SHEET.replace("OPTIONS", '"Goed", "Matig", "Slecht"')}, site_url=url)
    site = tmp_path / "site"
    first = build_site(site, url, config=config, WERKBOEK_WRITE_LOCK="1")
    assert first.returncode == 0, first.stderr
    httpd = serve(site, port)
    try:
        page.goto(url + "blad/")
        page.get_by_label("Matig").check()
        # The editor rewords the option and keeps its value; the lock lets the build pass.
        (tmp_path / "src/docs/blad.md").write_text(
            SHEET.replace("OPTIONS", '"Goed", option("Het gaat wel", value="matig"), "Slecht"'), encoding="utf-8")
        second = build_site(site, url, config=config)
        assert second.returncode == 0, second.stderr
        page.reload()
        assert page.get_by_label("Het gaat wel").is_checked()
        assert page.get_by_label("Matig").count() == 0
    finally:
        httpd.shutdown()
