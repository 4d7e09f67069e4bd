"""Import tried with thousands of hostile back-up files (issue 12), in Chromium against the real build.

The files come from tests/import_fuzz.py (Hypothesis, a fixed seed: the same ~5,000 files every
run): valid and near-valid back-ups, wrong shapes, deep nesting, huge strings, unknown keys,
__proto__/constructor/prototype, markup and script in every string, other formats, encodings and
schema numbers, bytes that are not JSON. Each goes through the file input of Mijn plan. For every
file: no uncaught error, nothing stored before the user confirms, the message or preview the file
deserves, after "Zet terug als nieuwe werkmap" exactly the answers that fit their field (or, for
questions the workbook does not have, plain answer data), and no element or script from the file
on the page. A larger run: WERKBOEK_FUZZ_FILES=50000 ./dev test -k fuzz (or ./dev bench); another
corpus: WERKBOEK_FUZZ_SEED=<n>.

The corpus is made once per run and tried in SLICES consecutive parts, each in its own
fresh browser profile and page, so the test processes share the work: together the parts try every
file of the corpus, each exactly once, with the same checks as one long run (and the checks on the
page at the end hold for every part).
"""

from __future__ import annotations

import fcntl
import pickle
import time

import pytest

import import_fuzz

pytestmark = pytest.mark.reference  # about this repository's own workbook (conftest.py)

SLICES = 4


@pytest.fixture(scope="session")
def fuzz_corpus(manifest, tmp_path_factory, worker_id):
    """(files, seconds to generate): the whole corpus for this seed and size, made ONCE per run. With
    test processes (pytest-xdist) the first to get here makes it and leaves it for the others in the
    run's shared temporary folder, under a file lock (the pattern in pytest-xdist's documentation)."""
    count, seed_value = import_fuzz.fuzz_size()

    def make():
        started = time.perf_counter()
        files = import_fuzz.corpus(manifest, count, seed_value)
        return files, time.perf_counter() - started

    if worker_id == "master":  # one process: nothing to share
        return make()
    shared = tmp_path_factory.getbasetemp().parent / f"fuzz-corpus-{seed_value}-{count}.pickle"
    with open(shared.with_suffix(".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if shared.exists():
            return pickle.loads(shared.read_bytes())
        made = make()
        shared.write_bytes(pickle.dumps(made))
        return made


def part_of(files: list, part: int) -> list:
    """Part `part` (1…SLICES) of the files: consecutive, the parts together exactly the whole list."""
    size = -(-len(files) // SLICES)
    return files[(part - 1) * size:part * size]


def test_the_parts_together_are_the_whole_corpus():
    files = list(range(4999))
    assert [f for part in range(1, SLICES + 1) for f in part_of(files, part)] == files
    assert all(part_of(files, part) for part in range(1, SLICES + 1))


@pytest.mark.parametrize("part", range(1, SLICES + 1))
def test_thousands_of_hostile_backup_files(browser, site_url, manifest, report, part, fuzz_corpus):
    count, seed_value = import_fuzz.fuzz_size()
    files, generated = fuzz_corpus
    assert len(files) >= count, f"Hypothesis made only {len(files)} files"
    if count >= import_fuzz.DEFAULT_FILES:  # a smaller run on demand may miss the rarer kinds
        families = {item.family for item in files}
        assert {"valid", "not-json", "deep", "many", "big", "huge", "encoding", "schema"} <= families, families
    mine = part_of(files, part)
    assert mine, f"part {part} of {SLICES} has no files ({count} files)"

    context = browser.new_context(locale="nl-NL")
    page = context.new_page()
    page_errors, console_errors = [], []
    page.on("pageerror", lambda error: page_errors.append(str(error)))
    page.on("console", lambda message: console_errors.append(message.text) if message.type == "error" else None)
    try:
        import_fuzz.open_plan_with_two_werkmappen(page, site_url, manifest)
        run = import_fuzz.run_corpus(page, mine)
        run.generate_seconds = generated
        in_page = page.evaluate("window.__wbFuzzErrors")
        werkmappen = page.evaluate("Werkboek.store.sets().map(s => s.name)")
        own_answer = page.evaluate("Werkboek.store.answers()")
    finally:
        context.close()
    report(f"Import fuzzing, part {part} of {SLICES} (files {mine[0].index}-{mine[-1].index} of {len(files)})",
           run.summary(seed_value).splitlines())
    assert run.previews > len(mine) // 6 and run.errors > len(mine) // 2, "the corpus no longer covers both outcomes"
    assert not run.failures, (f"{len(run.failures)} of {len(mine)} files went wrong (seed {seed_value}, "
                              f"{count} files, part {part} of {SLICES}):\n" + "\n".join(run.failures[:10]))
    assert not page_errors and not in_page, f"uncaught errors: {(page_errors + in_page)[:10]}"
    assert not console_errors, f"errors in the console: {console_errors[:10]}"
    assert werkmappen == ["Mijn werkmap", "Tweede werkmap"], "werkmappen were left behind or lost"
    assert own_answer == {import_fuzz.TYPED_FIELD: import_fuzz.TYPED}
