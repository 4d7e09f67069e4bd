"""Near the browser's storage limit (issue 12), in Chromium and WebKit against the real build.

20 werkmappen with 2,000 long answers between them; the rest of the browser's quota filled under
another site's key until setItem throws, then a little freed. Saving, switching werkmappen,
exporting and importing keep working or say so in Dutch (notice.vol, import.full), and nothing
that was stored before is lost: every stored key is compared before and after, also after a reload.
The test prints how much was stored and how long switching took.
"""

from __future__ import annotations

import json
import re

import pytest
from playwright.sync_api import expect

from engines import display, engine, webkit  # noqa: F401  (fixtures)

pytestmark = [pytest.mark.reference,  # about this repository's own workbook (conftest.py)
              pytest.mark.filterwarnings("ignore:setting remote_server_addr:DeprecationWarning")]  # selenium, WebKit

PLAN = "mijn-plan/"
SETS = 20
ANSWERS = 2000
FILLER = "andere-site:vulling-"
FREED = 16_000  # characters freed again after the quota was full: a few saves, not a whole werkmap

LONG_TEXT = ("Wij bespreken de digitale inclusie elk kwartaal met de gemeente en leggen de afspraken vast. "
             "Het Informatiepunt helpt inwoners met formulieren, DigiD en toeslagen. ") * 6


def seed_werkmappen(page, manifest) -> dict:
    """20 werkmappen through the store itself, 100 long answers each (text questions, then questions
    the workbook no longer has, which a werkmap keeps as well)."""
    texts = [f["id"] for sheet in manifest["worksheets"] for f in sheet["fields"]
             if f["kind"] in ("text", "long")]
    return page.evaluate("""([sets, perSet, texts, long]) => {
        const store = Werkboek.store;
        for (let n = 0; n < sets; n++) {
          if (n) store.createSet('Gemeente ' + n);
          const answers = {};
          for (let a = 0; a < perSet; a++) {
            const id = a < texts.length ? texts[a] : 'oude-vraag-' + a;
            answers[id] = 'Werkmap ' + n + ', antwoord ' + a + '. ' + long;
          }
          if (!store.replaceAnswers(answers)) throw new Error('seeding hit the quota');
        }
        store.switchSet(store.sets()[0].id);
        Werkboek.refresh();
        return {sets: store.sets().length};
    }""", [SETS, ANSWERS // SETS, texts, LONG_TEXT])


FILL_QUOTA = """([prefix, freed]) => {
    // Fill in halving chunks until not one character more fits, then free `freed` characters.
    let chunk = 1 << 20, n = 0, filled = 0;
    while (chunk >= 1) {
      try { localStorage.setItem(prefix + n, 'x'.repeat(chunk)); n += 1; filled += chunk; }
      catch (error) {
        if (error.name !== 'QuotaExceededError') throw error;
        chunk = Math.floor(chunk / 2);
      }
    }
    let last = n - 1;
    while (localStorage.getItem(prefix + last).length <= freed) { localStorage.removeItem(prefix + last); last -= 1; }
    const value = localStorage.getItem(prefix + last);
    localStorage.setItem(prefix + last, value.slice(freed));
    return {filled: filled - freed};
}"""
ALL_STORAGE = "() => Object.fromEntries(Object.keys(localStorage).map(k => [k, localStorage.getItem(k)]))"
SIZES = """() => { let ours = 0, all = 0; const key = Werkboek.workbook.storageKey() + ':';
  for (const k of Object.keys(localStorage)) { const n = k.length + localStorage.getItem(k).length;
    all += n; if (k.startsWith(key)) ours += n; }
  return {ours, all}; }"""


def import_as_new(page, backup: dict) -> None:
    """Choose a back-up file on the plan page and confirm "Zet terug als nieuwe werkmap"."""
    page.locator("[data-wb-import-file]").set_input_files(
        {"name": "back-up.json", "mimeType": "application/json", "buffer": json.dumps(backup).encode()})
    preview = page.locator("[data-wb-import-preview]")
    preview.wait_for(state="visible")
    preview.get_by_role("button", name="Zet terug als nieuwe werkmap").click()


def assert_nothing_lost(before: dict, after: dict, edited: dict[str, set[str]], key: str):
    """Every key stored before is still there with the same content; in werkmappen only the answers
    in `edited` ({storage key: field ids}) may differ, and the index keeps every werkmap."""
    for name, value in before.items():
        assert name in after, f"{name} was lost"
        if name == f"{key}:werkmappen":
            sets = lambda raw: [(s["id"], s["name"]) for s in json.loads(raw)["sets"]]  # noqa: E731
            assert sets(value)[:SETS] == sets(after[name])[:SETS], "a werkmap disappeared from the list"
        elif f"{key}:werkmap:" in name:
            old, new = json.loads(value)["answers"], json.loads(after[name])["answers"]
            changed = {i for i in set(old) | set(new) if old.get(i) != new.get(i)}
            assert changed <= edited.get(name, set()), f"{name}: answers changed or lost: {sorted(changed)[:5]}"
        else:
            assert after[name] == value, f"{name} changed"


def test_near_the_storage_limit_nothing_is_lost(page, site_url, manifest, tmp_path, report):
    key = manifest["storageKey"]
    sheet = manifest["worksheets"][0]
    page.goto(site_url + PLAN)
    page.wait_for_selector("html.wb-js", state="attached")
    seed_werkmappen(page, manifest)
    stored = page.evaluate(SIZES)
    filler = page.evaluate(FILL_QUOTA, [FILLER, FREED])
    before = page.evaluate(ALL_STORAGE)
    sets = page.evaluate("Werkboek.store.sets()")
    assert len(sets) == SETS
    active_key = f"{key}:werkmap:{sets[0]['id']}"

    # Switching werkmappen: the list is small, so it still fits.
    page.reload()
    switch = page.get_by_role("button", name=f"Open werkmap {sets[5]['name']}")
    switch_ms = page.evaluate("""name => { const button = [...document.querySelectorAll('[data-wb-switch-set]')]
        .find(b => b.textContent.includes(name)); const start = performance.now(); button.click();
        return performance.now() - start; }""", sets[5]["name"])
    expect(switch).to_have_count(0)
    expect(page.locator("[data-wb-active-set]")).to_contain_text(sets[5]["name"])
    field = next(f for f in sheet["fields"] if f["kind"] == "long")
    expect(page.locator(f"[data-wb-answer='{field['id']}']")).to_contain_text("Werkmap 5, antwoord")
    page.get_by_role("button", name=f"Open werkmap {sets[0]['name']}").click()
    expect(page.locator("[data-wb-active-set]")).to_contain_text(sets[0]["name"])

    # Saving: a short change fits; a long one does not, and the user is told while the text stays.
    page.goto(site_url + sheet["url"])
    page.locator(f"#wb-{field['id']}").fill("Kort en bewaard")
    assert json.loads(page.evaluate(f"localStorage.getItem('{active_key}')"))["answers"][field["id"]] == "Kort en bewaard"
    expect(page.locator("[data-wb-notice]")).to_have_count(0)
    too_long = "Een heel lang antwoord. " * 2000
    page.locator(f"#wb-{field['id']}").fill(too_long)
    notice = page.get_by_role("alert")
    expect(notice).to_contain_text("de opslag van je browser is vol")
    assert page.locator(f"#wb-{field['id']}").input_value() == too_long
    page.locator(f"#wb-{field['id']}").fill("Weer kort")  # fits again: the warning goes
    expect(page.locator("[data-wb-notice]")).to_have_count(0)
    assert json.loads(page.evaluate(f"localStorage.getItem('{active_key}')"))["answers"][field["id"]] == "Weer kort"

    # Exporting: the back-up holds every answer of the werkmap.
    page.goto(site_url + PLAN)
    with page.expect_download() as info:
        page.get_by_role("button", name="Back-up downloaden (bestand)").first.click()
    backup = tmp_path / "back-up.json"
    info.value.save_as(backup)
    exported = json.loads(backup.read_text(encoding="utf-8"))
    assert len(exported["answers"]) == ANSWERS // SETS and exported["answers"][field["id"]] == "Weer kort"

    # Importing it as a new werkmap needs more room than is left: a Dutch message, no empty werkmap.
    page.locator("[data-wb-import-file]").set_input_files(str(backup))
    preview = page.locator("[data-wb-import-preview]")
    preview.wait_for(state="visible")
    preview.get_by_role("button", name="Zet terug als nieuwe werkmap").click()
    expect(page.locator("[data-wb-sets-message]")).to_contain_text("geen ruimte")
    expect(page.locator("[data-wb-sets-message]")).to_contain_text("Er is niets veranderd")
    assert len(page.evaluate("Werkboek.store.sets()")) == SETS
    expect(page.locator("[data-wb-active-set]")).to_contain_text(sets[0]["name"])

    # Replacing the active werkmap with it fits (the same size): that works.
    page.on("dialog", lambda dialog: dialog.accept())
    page.locator("[data-wb-import-file]").set_input_files(str(backup))
    preview.wait_for(state="visible")
    preview.get_by_role("button", name=re.compile("^Vervang de antwoorden")).click()
    expect(page.locator("[data-wb-sets-message]")).to_contain_text("vervangen")

    page.reload()
    after = page.evaluate(ALL_STORAGE)
    assert_nothing_lost(before, after, {active_key: {field["id"]}}, key)
    assert json.loads(after[active_key])["answers"][field["id"]] == "Weer kort"
    report("Near the storage limit", [f"  Chromium: {SETS} werkmappen, {ANSWERS} answers, "
           f"{stored['ours'] / 1e6:.2f} million characters stored by the workbook, "
           f"{(filler['filled']) / 1e6:.2f} million by another key, {FREED:,} left free; "
           f"switching werkmap {switch_ms:.0f} ms"])


def test_a_full_browser_never_imports_into_the_active_werkmap(page, site_url, manifest):
    """With not one character free, "import as new werkmap" could not write the new werkmap to the
    list, and the answers went into the werkmap the user was working in. Now: a Dutch message."""
    sheet = manifest["worksheets"][0]
    field = next(f for f in sheet["fields"] if f["kind"] == "long")
    page.goto(site_url + sheet["url"])
    page.locator(f"#wb-{field['id']}").fill("mijn eigen antwoord")
    page.goto(site_url + PLAN)
    page.get_by_label("Nieuwe werkmap maken").fill("Tweede werkmap")  # the list of werkmappen is stored
    page.get_by_role("button", name="Werkmap maken").click()
    page.get_by_role("button", name="Open werkmap Mijn werkmap").click()
    page.evaluate(FILL_QUOTA, [FILLER, 0])
    before = page.evaluate(ALL_STORAGE)
    import_as_new(page, {"format": "werkboek-antwoorden", "schema": 1, "set": {"name": "Andere gemeente"},
                         "answers": {field["id"]: "uit een andere werkmap"}})
    expect(page.locator("[data-wb-sets-message]")).to_contain_text("geen ruimte")
    expect(page.get_by_role("alert").first).to_contain_text("opslag van je browser is vol")
    # Copying the werkmap and opening the example do not fit either: said, nothing half-made.
    page.get_by_label("Naam van de nieuwe werkmap").fill("Kopie")
    page.get_by_role("button", name="Kopie maken").click()
    expect(page.locator("[data-wb-sets-message]")).to_contain_text("geen ruimte meer voor een nieuwe werkmap")
    page.get_by_role("button", name="Bekijk een ingevuld voorbeeld").first.click()
    expect(page.locator("[data-wb-example-message]").first).to_contain_text("geen ruimte meer om het voorbeeld")
    expect(page.locator("[data-wb-example-notice]")).to_have_count(0)
    page.reload()
    assert page.evaluate(ALL_STORAGE) == before
    assert [s["name"] for s in page.evaluate("Werkboek.store.sets()")] == ["Mijn werkmap", "Tweede werkmap"]
    expect(page.locator(f"[data-wb-answer='{field['id']}']")).to_contain_text("mijn eigen antwoord")


# -- The same limits in every engine (tests/engines.py: Chromium and WebKit) ----------------------

SEED = """
var sets = arguments[0], perSet = arguments[1], texts = arguments[2], long = arguments[3], store = Werkboek.store;
for (var n = 0; n < sets; n++) {
  if (n) store.createSet('Gemeente ' + n);
  var answers = {};
  for (var a = 0; a < perSet; a++) answers[a < texts.length ? texts[a] : 'oude-vraag-' + a] = 'Werkmap ' + n + ', ' + a + '. ' + long;
  if (!store.replaceAnswers(answers)) return 'seeding hit the quota at werkmap ' + n;
}
store.switchSet(store.sets()[0].id);
return store.sets().length;
"""


def test_near_the_storage_limit_in_every_engine(engine, site_url, manifest, report):
    key = manifest["storageKey"]
    sheet = manifest["worksheets"][0]
    field = next(f for f in sheet["fields"] if f["kind"] == "long")
    texts = [f["id"] for s in manifest["worksheets"] for f in s["fields"] if f["kind"] in ("text", "long")]
    engine.open(site_url + PLAN)
    engine.started()
    assert engine.run(SEED, SETS, ANSWERS // SETS, texts, LONG_TEXT) == SETS
    stored = engine.run("return (" + SIZES + ")()")
    filler = engine.run("return (" + FILL_QUOTA + ")(arguments[0])", [FILLER, FREED])
    before = engine.run("return (" + ALL_STORAGE + ")()")
    sets = engine.run("return Werkboek.store.sets()")

    engine.reload()
    engine.started()
    switch_ms = engine.run("""var button = document.querySelector('[data-wb-switch-set="' + arguments[0] + '"]');
        var start = performance.now(); button.click(); return performance.now() - start;""", sets[5]["id"])
    assert sets[5]["name"] in engine.run("return document.querySelector('[data-wb-active-set]').textContent")
    assert "Werkmap 5," in engine.run("return document.querySelector(\"[data-wb-answer='\" + arguments[0] + \"']\").textContent",
                                      field["id"])
    engine.run("document.querySelector('[data-wb-switch-set=\"' + arguments[0] + '\"]').click()", sets[0]["id"])

    engine.open(site_url + sheet["url"])
    engine.started()
    type_into = """var control = document.getElementById('wb-' + arguments[0]); control.value = arguments[1];
                   control.dispatchEvent(new Event('input', {bubbles: true}));"""
    engine.run(type_into, field["id"], "Kort en bewaard")
    assert engine.run("return !document.querySelector('[data-wb-notice]')"), "a warning while there is room"
    engine.run(type_into, field["id"], "Een heel lang antwoord. " * 2000)
    notice = engine.run("var n = document.querySelector('[data-wb-notice]'); return n && n.textContent")
    assert notice and "opslag van je browser is vol" in notice, notice
    engine.run(type_into, field["id"], "Weer kort")
    assert engine.run("return !document.querySelector('[data-wb-notice]')"), "the warning stayed once it fitted again"

    engine.open(site_url + PLAN)
    engine.started()
    engine.run("""var backup = JSON.stringify({format: 'werkboek-antwoorden', schema: 1, answers: Werkboek.store.answers()});
                  var input = document.querySelector('[data-wb-import-file]'); var files = new DataTransfer();
                  files.items.add(new File([backup], 'back-up.json', {type: 'application/json'}));
                  input.files = files.files; input.dispatchEvent(new Event('change', {bubbles: true}));""")
    engine.wait("return !document.querySelector('[data-wb-import-preview]').hidden", "no import preview")
    engine.run("document.querySelector('[data-wb-import-new]').click()")
    message = engine.wait("return document.querySelector('[data-wb-sets-message]').textContent", "no message")
    assert "geen ruimte" in message and "Er is niets veranderd" in message, message
    assert len(engine.run("return Werkboek.store.sets()")) == SETS

    engine.reload()
    engine.started()
    after = engine.run("return (" + ALL_STORAGE + ")()")
    active_key = f"{key}:werkmap:{sets[0]['id']}"
    assert_nothing_lost(before, after, {active_key: {field["id"]}}, key)
    assert json.loads(after[active_key])["answers"][field["id"]] == "Weer kort"
    report("Near the storage limit", [f"  {engine.name}: {stored['ours'] / 1e6:.2f} million characters stored by "
           f"the workbook, {filler['filled'] / 1e6:.2f} million by another key; switching werkmap {switch_ms:.0f} ms"])



def test_with_storage_blocked_an_import_still_works_for_this_visit(page, site_url):
    """No storage at all is not a full storage: the back-up goes into a werkmap in memory, as typing does."""
    page.add_init_script("""Object.defineProperty(window, 'localStorage', {
        get() { throw new DOMException('Toegang geweigerd', 'SecurityError'); } });""")
    page.goto(site_url + PLAN)
    expect(page.get_by_role("alert")).to_contain_text("je antwoorden worden niet bewaard")
    import_as_new(page, {"format": "werkboek-antwoorden", "schema": 1, "set": {"name": "Uit het bestand"},
                         "answers": {"w1-agenda": "teruggezet"}})
    expect(page.locator("[data-wb-sets-message]")).to_contain_text("De back-up staat nu in de nieuwe werkmap")
    expect(page.locator("[data-wb-active-set]")).to_contain_text("Uit het bestand")
    expect(page.locator("[data-wb-answer='w1-agenda']")).to_contain_text("teruggezet")
