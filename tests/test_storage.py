"""Answers in the browser, as a user meets them: in Debian's Chromium against the built site."""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import expect

KEY = "testwerkboek"  # extra.werkboek.storage_key of the fixture site
SET_KEY = f"{KEY}:werkmap:standaard"
EXAMPLE = "voorbeeld/"


def open_example(page, example_url):
    page.goto(example_url + EXAMPLE)
    expect(page.locator("html.wb-js")).to_have_count(1)
    return page


def fill_every_kind(page):
    page.fill("#wb-kop-naam", "Sanne de Vries")
    page.fill("#wb-vb-tekst", "IDO Centrale")
    page.fill("#wb-vb-lang", "Regel een\nRegel twee")
    page.fill("#wb-vb-datum", "2026-03-14")
    page.check("#wb-vb-janee--ja")
    page.fill("#wb-vb-janee-welke", "Honderd vragen per jaar")
    page.check("#wb-vb-keuze--deels")
    page.check("#wb-vb-meer--spreekuren")
    page.check("#wb-vb-meer--anders")
    page.fill("#wb-vb-meer-anders", "Koffieochtend")
    page.click("#wb-vb-tabel--veld [data-wb-add-row]")
    page.fill("#wb-vb-tabel--3--partner", "Humanitas")
    page.fill("#wb-vb-tabel--3--waarvoor", "Thuisadministratie")
    page.select_option("#wb-vb-tabel--3--richting", "beide")
    page.fill("#wb-vb-tabel--3--geevalueerd", "2026-01-31")
    page.fill("#wb-vb-tabel--1--partner", "Formulierenbrigade")


def assert_every_kind(page):
    expect(page.locator("#wb-kop-naam")).to_have_value("Sanne de Vries")
    expect(page.locator("#wb-vb-tekst")).to_have_value("IDO Centrale")
    expect(page.locator("#wb-vb-lang")).to_have_value("Regel een\nRegel twee")
    expect(page.locator("#wb-vb-datum")).to_have_value("2026-03-14")
    expect(page.locator("#wb-vb-janee--ja")).to_be_checked()
    expect(page.locator("#wb-vb-janee-welke")).to_have_value("Honderd vragen per jaar")
    expect(page.locator("#wb-vb-janee-welke")).to_be_visible()
    expect(page.locator("#wb-vb-janee-wensen")).to_be_hidden()
    expect(page.locator("#wb-vb-janee--ja")).to_have_attribute("aria-controls", "wb-vb-janee--ja--vervolg")
    expect(page.locator("#wb-vb-keuze--deels")).to_be_checked()
    expect(page.locator("#wb-vb-meer--spreekuren")).to_be_checked()
    expect(page.locator("#wb-vb-meer--cursussen")).not_to_be_checked()
    expect(page.locator("#wb-vb-meer-anders")).to_have_value("Koffieochtend")
    expect(page.locator("#wb-vb-tabel--veld [data-wb-row]:not(template *)")).to_have_count(3)
    expect(page.locator("#wb-vb-tabel--1--partner")).to_have_value("Formulierenbrigade")
    expect(page.locator("#wb-vb-tabel--3--partner")).to_have_value("Humanitas")
    expect(page.locator("#wb-vb-tabel--3--waarvoor")).to_have_value("Thuisadministratie")
    expect(page.locator("#wb-vb-tabel--3--richting")).to_have_value("beide")
    expect(page.locator("#wb-vb-tabel--3--geevalueerd")).to_have_value("2026-01-31")


def stored(page) -> dict:
    return json.loads(page.evaluate(f"localStorage.getItem('{SET_KEY}')"))["answers"]


def test_every_field_kind_survives_a_reload(page, example_url):
    open_example(page, example_url)
    expect(page.locator("[data-wb-worksheet-status]")).to_contain_text("Wat je invult, bewaart je browser meteen.")
    # Before the script answers, follow-ups hide and the table buttons appear.
    expect(page.locator("#wb-vb-janee-welke")).to_be_hidden()
    expect(page.locator("#wb-vb-tabel--veld [data-wb-add-row]")).to_be_visible()
    fill_every_kind(page)
    page.reload()
    assert_every_kind(page)
    answers = stored(page)
    assert answers["vb-meer"] == ["spreekuren", "anders"]
    assert answers["vb-tabel"][2] == {"partner": "Humanitas", "waarvoor": "Thuisadministratie",
                                      "richting": "beide", "geevalueerd": "2026-01-31"}


def test_without_werkmappen_the_status_line_names_no_werkmap(page, example_url):
    """The example site has no werkmappen(): a user there has one werkmap and no page to choose
    another, so "Je werkt in werkmap Mijn werkmap" and a link to nowhere would only puzzle."""
    import re
    status = page.locator("[data-wb-worksheet-status]")
    page.route("**/*.js", lambda route: route.abort())  # the line as the build writes it
    page.goto(example_url + EXAMPLE)
    expect(status).to_have_text(re.compile(r"^Je hebt 0 van \d+ vragen beantwoord\. Wat je invult, bewaart je browser meteen\.$"))
    page.unroute("**/*.js")
    open_example(page, example_url)
    page.fill("#wb-vb-tekst", "IDO Centrale")
    page.locator("#wb-vb-tekst").blur()
    expect(status).to_have_text(re.compile(r"^Je hebt 1 van \d+ vragen beantwoord\. Wat je invult, bewaart je browser meteen\.$"))
    expect(status.locator("a")).to_have_count(0)


def test_removing_a_table_row_renumbers_moves_focus_and_saves(page, example_url):
    open_example(page, example_url)
    page.fill("#wb-vb-tabel--1--partner", "Eerste")
    page.fill("#wb-vb-tabel--2--partner", "Tweede")
    page.get_by_role("button", name="Verwijder rij 1").click()
    expect(page.locator("#wb-vb-tabel--1--partner")).to_have_value("Tweede")
    expect(page.locator("#wb-vb-tabel--1--partner")).to_be_focused()
    expect(page.locator("label[for='wb-vb-tabel--1--partner']")).to_have_text("Partner, rij 1")
    page.reload()
    expect(page.locator("#wb-vb-tabel--veld [data-wb-row]:not(template *)")).to_have_count(1)
    expect(page.locator("#wb-vb-tabel--1--partner")).to_have_value("Tweede")


def test_typing_then_closing_the_tab_at_once_keeps_the_text(context, example_url):
    page = open_example(context.new_page(), example_url)
    page.click("#wb-vb-lang")
    page.keyboard.type("Laatste woorden vlak voor het sluiten")
    page.close()  # no wait, no blur
    again = open_example(context.new_page(), example_url)
    expect(again.locator("#wb-vb-lang")).to_have_value("Laatste woorden vlak voor het sluiten")


def test_instant_navigation_round_trip(page, example_url):
    open_example(page, example_url)
    page.evaluate("window.__sameDocument = true")
    page.click("#wb-vb-tekst")
    page.keyboard.type("Getypt en meteen weg")
    page.click(".md-footer__link--prev")  # straight away, no pause
    page.wait_for_url(lambda url: not url.endswith(EXAMPLE))
    page.go_back()
    page.wait_for_url("**/" + EXAMPLE)
    expect(page.locator("#wb-vb-tekst")).to_have_value("Getypt en meteen weg")
    assert page.evaluate("window.__sameDocument === true"), "navigation was not instant"
    page.click("#wb-vb-tekst")
    page.keyboard.press("End")
    page.keyboard.type(", en weer terug")
    page.reload()
    expect(page.locator("#wb-vb-tekst")).to_have_value("Getypt en meteen weg, en weer terug")


def test_back_forward_shows_what_was_saved_elsewhere(page, example_url):
    open_example(page, example_url)
    page.fill("#wb-kop-naam", "Eerste naam")
    page.goto(example_url + "tweede/")  # a full page load, away from the worksheet
    page.evaluate(f"""() => {{
        const set = JSON.parse(localStorage.getItem('{SET_KEY}'));
        set.answers['kop-naam'] = 'Later gewijzigd';
        localStorage.setItem('{SET_KEY}', JSON.stringify(set));
    }}""")
    page.go_back()
    expect(page.locator("#wb-kop-naam")).to_have_value("Later gewijzigd")


def test_two_tabs_merge_field_by_field_and_update_live(context, example_url):
    first = open_example(context.new_page(), example_url)
    second = open_example(context.new_page(), example_url)  # loaded before the first tab typed
    first.fill("#wb-vb-tekst", "Uit tab een")
    second.fill("#wb-vb-lang", "Uit tab twee")
    expect(second.locator("#wb-vb-tekst")).to_have_value("Uit tab een")  # live, through the storage event
    expect(first.locator("#wb-vb-lang")).to_have_value("Uit tab twee")
    first.check("#wb-vb-keuze--ja")
    expect(second.locator("#wb-vb-keuze--ja")).to_be_checked()
    third = open_example(context.new_page(), example_url)
    expect(third.locator("#wb-vb-tekst")).to_have_value("Uit tab een")
    expect(third.locator("#wb-vb-lang")).to_have_value("Uit tab twee")


def test_full_storage_warns_and_keeps_what_was_typed(page, example_url):
    page.add_init_script("""
        Storage.prototype.setItem = function () {
            throw new DOMException('De opslag is vol', 'QuotaExceededError');
        };
    """)
    open_example(page, example_url)
    page.fill("#wb-vb-tekst", "Niet op te slaan")
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("niet bewaard")
    expect(page.locator("[data-wb-worksheet-status]")).not_to_contain_text("bewaart je browser meteen")
    expect(alert).to_contain_text("opslag van je browser is vol")
    expect(page.locator("#wb-vb-tekst")).to_have_value("Niet op te slaan")
    page.fill("#wb-vb-lang", "De pagina werkt nog")
    # Moving around inside the site keeps the typed answers in memory.
    page.click(".md-footer__link--prev")
    page.wait_for_url(lambda url: not url.endswith(EXAMPLE))
    page.go_back()
    expect(page.locator("#wb-vb-tekst")).to_have_value("Niet op te slaan")
    expect(page.get_by_role("alert")).to_contain_text("opslag van je browser is vol")


def test_blocked_storage_warns_and_the_page_keeps_working(page, example_url):
    page.add_init_script("""
        Object.defineProperty(window, 'localStorage', {
            get() { throw new DOMException('Toegang geweigerd', 'SecurityError'); }
        });
    """)
    open_example(page, example_url)
    expect(page.get_by_role("alert")).to_contain_text("je antwoorden worden niet bewaard")
    page.fill("#wb-vb-tekst", "Toch typen")
    page.check("#wb-vb-janee--nee")
    expect(page.locator("#wb-vb-janee-wensen")).to_be_visible()
    expect(page.locator("#wb-vb-tekst")).to_have_value("Toch typen")


def seed(page, example_url, entries: dict[str, str]):
    """Put raw strings in storage as if an earlier visit left them, then load the example."""
    page.goto(example_url)
    page.evaluate("entries => { for (const [k, v] of Object.entries(entries)) localStorage.setItem(k, v); }", entries)
    return open_example(page, example_url)


def test_corrupt_storage_is_backed_up_and_the_user_told(page, example_url):
    seed(page, example_url, {SET_KEY: '{"answers": {"vb-tekst": "half'})
    expect(page.get_by_role("alert")).to_contain_text("niet lezen")
    backups = page.evaluate(f"""Object.keys(localStorage).filter(k => k.startsWith('{KEY}:reservekopie:'))
                                .map(k => localStorage.getItem(k))""")
    assert backups == ['{"answers": {"vb-tekst": "half']
    page.fill("#wb-vb-tekst", "Opnieuw begonnen")
    page.reload()
    expect(page.locator("#wb-vb-tekst")).to_have_value("Opnieuw begonnen")


def test_proto_payload_pollutes_nothing_and_unknown_answers_are_kept(page, example_url):
    envelope = ('{"format": "werkboek-antwoorden", "schema": 1, "answers": {"__proto__": {"polluted": "ja"}, '
                '"constructor": {"prototype": {"polluted": "ja"}}, "vb-tekst": "veilig", "verdwenen-vraag": "bewaard"}}')
    seed(page, example_url, {SET_KEY: envelope,
                          f"{KEY}:werkmappen": '{"__proto__": {"polluted": "ja"}, "sets": [], "active": "x"}'})
    expect(page.locator("#wb-vb-tekst")).to_have_value("veilig")
    assert page.evaluate("({}).polluted === undefined && Object.prototype.polluted === undefined")
    page.fill("#wb-vb-lang", "Nieuw antwoord")
    answers = stored(page)
    assert answers["verdwenen-vraag"] == "bewaard", "answers to questions that no longer exist must be kept"
    assert answers["vb-lang"] == "Nieuw antwoord"
    assert "__proto__" not in page.evaluate(f"localStorage.getItem('{SET_KEY}')")


@pytest.mark.parametrize("key", [SET_KEY])
def test_answers_are_namespaced_per_site(page, example_url, key):
    open_example(page, example_url)
    page.fill("#wb-vb-tekst", "Alleen van dit werkboek")
    keys = page.evaluate("Object.keys(localStorage)")
    assert key in keys
    assert all(k.startswith(KEY + ":") for k in keys)


def test_without_javascript_every_field_and_follow_up_is_there(browser, example_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(example_url + EXAMPLE)
    for control in ("#wb-vb-tekst", "#wb-vb-lang", "#wb-vb-janee--ja", "#wb-vb-janee-welke",
                    "#wb-vb-janee-wensen", "#wb-vb-meer-anders", "#wb-vb-tabel--2--partner"):
        expect(page.locator(control)).to_be_visible()
    page.fill("#wb-vb-janee-wensen", "Typen kan gewoon")
    # Adding rows needs the script, so the button is not offered without it.
    expect(page.locator("#wb-vb-tabel--veld [data-wb-add-row]")).to_be_hidden()
    context.close()


RENAMED = """{{ worksheet("hernoemd", "Hernoemd werkblad") }}

{{ text("nieuwe-vraag", "Een vraag met een nieuw id", was=["oudste-vraag", "oude-vraag"]) }}

{{ choice("keuze", "Een keuze met een nieuwe waarde",
          options=[option("Helemaal", value="helemaal", was="ja"), "Nee"]) }}
"""


@pytest.fixture(scope="module")
def renamed_url(tmp_path_factory):
    """A site whose editor renamed a field id (twice) and an option value (was=)."""
    from conftest import build_site, fixture_site, free_port, serve

    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    config = fixture_site(tmp_path_factory.mktemp("renamed-src"), {"index.md": "# Start\n", "vraag.md": RENAMED}, site_url=url)
    target = tmp_path_factory.mktemp("renamed-site")
    result = build_site(target, url, config=config)
    assert result.returncode == 0, result.stderr
    httpd = serve(target, port)
    yield url
    httpd.shutdown()


def test_renamed_id_and_value_migrate_in_storage_and_in_a_backup(page, renamed_url):
    page.goto(renamed_url)
    page.evaluate(f"""() => localStorage.setItem('{SET_KEY}', JSON.stringify(
        {{format: 'werkboek-antwoorden', schema: 1, answers: {{'oude-vraag': 'van voor de wijziging', keuze: 'ja'}}}}))""")
    page.goto(renamed_url + "vraag/")
    expect(page.locator("#wb-nieuwe-vraag")).to_have_value("van voor de wijziging")
    expect(page.locator("#wb-keuze--helemaal")).to_be_checked()
    assert stored(page) == {"nieuwe-vraag": "van voor de wijziging", "keuze": "helemaal"}
    # A back-up made before the change (here: before the first rename) is migrated the same way when it is read.
    backup = json.dumps({"format": "werkboek-antwoorden", "schema": 1, "answers": {"oudste-vraag": "x", "keuze": "ja"}})
    # A worksheet page has only its part of the manifest: the checks refuse it rather than drop
    # answers, and run once the whole manifest is there, as on the plan page.
    refused = page.evaluate("""text => new Promise(done => Werkboek.load('transfer', () => {
        try { Werkboek.transfer.check(text); done(""); } catch (error) { done(error.message); } }))""", backup)
    assert refused == "Werkboek: fieldsById needs the whole manifest"
    checked = page.evaluate("""text => new Promise(done => Werkboek.workbook.whole(() =>
        done(Werkboek.transfer.check(text))))""", backup)
    assert checked["answers"] == {"nieuwe-vraag": "x", "keuze": "helemaal"} and checked["wrong"] == 0
