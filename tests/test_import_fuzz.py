"""Import tried with thousands of hostile back-up files (issue 12), in Chromium against the real build.

The files come from tests/import_fuzz.py (Hypothesis, a fixed seed: the same ~5,000 files every
run): valid and near-valid back-ups, wrong shapes, deep nesting, huge strings, unknown keys,
__proto__/constructor/prototype, markup and script in every string, other formats, encodings and
schema numbers, bytes that are not JSON. Each goes through the file input of Mijn plan, in one page.
For every file: no uncaught error, nothing stored before the user confirms, the message or preview
the file deserves, after "Zet terug als nieuwe werkmap" exactly the answers that fit their field
(or, for questions the workbook does not have, plain answer data), and no element or script from
the file on the page. A larger run: WERKBOEK_FUZZ_FILES=50000 ./dev test -k fuzz (or ./dev bench);
another corpus: WERKBOEK_FUZZ_SEED=<n>.
"""

from __future__ import annotations

import time

import import_fuzz


def test_thousands_of_hostile_backup_files(browser, site_url, manifest, report):
    count, seed_value = import_fuzz.fuzz_size()
    started = time.perf_counter()
    files = import_fuzz.corpus(manifest, count, seed_value)
    generated = time.perf_counter() - started
    assert len(files) >= count, f"Hypothesis made only {len(files)} files"
    if count >= import_fuzz.DEFAULT_FILES:  # a smaller run on demand may miss the rarer kinds
        families = {item.family for item in files}
        assert {"valid", "not-json", "deep", "many", "big", "huge", "encoding", "schema"} <= families, families

    context = browser.new_context(locale="nl-NL")
    page = context.new_page()
    page_errors, console_errors = [], []
    page.on("pageerror", lambda error: page_errors.append(str(error)))
    page.on("console", lambda message: console_errors.append(message.text) if message.type == "error" else None)
    try:
        import_fuzz.open_plan_with_two_werkmappen(page, site_url, manifest)
        run = import_fuzz.run_corpus(page, files)
        run.generate_seconds = generated
        in_page = page.evaluate("window.__wbFuzzErrors")
        werkmappen = page.evaluate("Werkboek.store.sets().map(s => s.name)")
        own_answer = page.evaluate("Werkboek.store.answers()")
    finally:
        context.close()
    report("Import fuzzing", run.summary(seed_value).splitlines())
    assert run.previews > count // 6 and run.errors > count // 2, "the corpus no longer covers both outcomes"
    assert not run.failures, (f"{len(run.failures)} of {len(files)} files went wrong (seed {seed_value}, "
                              f"{count} files):\n" + "\n".join(run.failures[:10]))
    assert not page_errors and not in_page, f"uncaught errors: {(page_errors + in_page)[:10]}"
    assert not console_errors, f"errors in the console: {console_errors[:10]}"
    assert werkmappen == ["Mijn werkmap", "Tweede werkmap"], "werkmappen were left behind or lost"
    assert own_answer == {import_fuzz.TYPED_FIELD: import_fuzz.TYPED}
