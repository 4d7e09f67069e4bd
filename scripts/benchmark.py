"""Performance figures for the workbook (./dev bench). Prints a report; it is not a test.

1. Build time: our site against plain mkdocs-material building the same Markdown without our
   macros, overrides and hooks (macro calls stripped), side by side. Goal: ratio <= 1.15.
2. Scaling: generated workbooks at 1x, 10x and 50x the size. Goal: linear.
3. Our JavaScript and CSS, raw and gzipped, next to the theme's. Goal: <= 10 KB gzipped in all.
4. In Chromium: restore 500 stored answers (goal <= 15 ms), render a plan of 2,000 answers
   (goal <= 100 ms), one save with 500 answers stored (goal <= 1 ms).
5. The Word writer: size (goal <= 6 KB gzipped) and building a file of 2,000 answers (goal <= 200 ms).
6. The import tried with 20,000 hostile back-up files (tests/import_fuzz.py; WERKBOEK_FUZZ_FILES and
   WERKBOEK_FUZZ_SEED change the number and the corpus): files per second, and any that went wrong.

Run with the project's virtual environment: ./dev bench (or .venv/bin/python scripts/benchmark.py).
"""

from __future__ import annotations

import gzip
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

MACRO_CALL = re.compile(r"\{\{-?.*?-?\}\}", re.DOTALL)
# The first argument of these macros is an id that must be unique on the whole site.
ID_MACROS = re.compile(r'\b(worksheet|section|text|long|yesno|choice|multi|table|date|diagnose)\(\s*"([a-z0-9-]+)"')
COPIED = ("handleiding", "werkbladen", "achtergrond")  # copied per extra "workbook"; the rest stays single


def load_config() -> dict:
    class Loader(yaml.SafeLoader):
        pass
    # !ENV [NAME, default]: the default is what a plain build uses.
    Loader.add_constructor("!ENV", lambda loader, node: loader.construct_sequence(node)[-1])
    # pymdownx and friends may use python tags; mkdocs.yml does not today.
    return yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)


def write_docs(target: Path, copies: int, plain: bool):
    """The site's docs, plus (copies - 1) renamed copies of the workbook pages."""
    shutil.copytree(ROOT / "docs", target)
    for number in range(2, copies + 1):
        for folder in COPIED:
            destination = target / f"kopie-{number}" / folder
            shutil.copytree(ROOT / "docs" / folder, destination)
            for page in destination.rglob("*.md"):
                text = page.read_text(encoding="utf-8")
                page.write_text(ID_MACROS.sub(lambda m: f'{m.group(1)}("{m.group(2)}-k{number}"', text), encoding="utf-8")
    if plain:
        for page in target.rglob("*.md"):
            page.write_text(MACRO_CALL.sub("", page.read_text(encoding="utf-8")), encoding="utf-8")


def workspace(base: Path, copies: int, plain: bool, extra_pages: dict[str, str] | None = None) -> Path:
    """A folder with docs and a config; ours links the real macros, overrides and includes."""
    folder = base / f"{'plain' if plain else 'ours'}-{copies}x"
    folder.mkdir()
    write_docs(folder / "docs", copies, plain)
    (folder / "includes").symlink_to(ROOT / "includes")
    config = load_config()
    config["site_url"] = "http://127.0.0.1:8000/"
    config["use_directory_urls"] = True
    config["strict"] = False  # the copies' links back to single pages do not resolve
    nav = config["nav"]
    for name, text in (extra_pages or {}).items():
        (folder / "docs" / name).write_text(text, encoding="utf-8")
        nav.append({name: name})
    for number in range(2, copies + 1):
        nav.append({f"Kopie {number}": [f"kopie-{number}/{p.relative_to(folder / 'docs' / f'kopie-{number}').as_posix()}"
                                        for p in sorted((folder / "docs" / f"kopie-{number}").rglob("*.md"))]})
    if plain:
        config["theme"].pop("custom_dir", None)
        config.pop("hooks", None)
        config["plugins"] = [p for p in config["plugins"] if not (isinstance(p, dict) and "macros" in p)]
        config["extra"].pop("werkboek", None)
    else:
        for shared in ("macros", "overrides"):
            (folder / shared).symlink_to(ROOT / shared)
    (folder / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return folder


def build_seconds(folder: Path, runs: int) -> float:
    """Median wall time of `mkdocs build` (a fresh process each time, as a user runs it)."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    times = []
    for run in range(runs):
        target = folder / f"site-{run}"
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "--quiet", "--site-dir", str(target)],
                       cwd=folder, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        times.append(time.perf_counter() - start)
        if run < runs - 1:
            shutil.rmtree(target)
    return statistics.median(times)


def section(title: str):
    print(f"\n## {title}\n")


def builds(base: Path):
    section("Build time: our site against plain mkdocs-material (same Markdown, macro calls stripped)")
    print("| size | pages | ours (s) | plain (s) | ours / plain | ours / ours at 1x |")
    print("|---|---|---|---|---|---|")
    first = None
    for copies, runs in ((1, 5), (10, 3), (50, 1)):
        ours = workspace(base, copies, plain=False)
        plain = workspace(base, copies, plain=True)
        # Warm the file cache and Python's bytecode once, so the first timed run is not penalised.
        if copies == 1:
            build_seconds(ours, 1), build_seconds(plain, 1)
        ours_s, plain_s = build_seconds(ours, runs), build_seconds(plain, runs)
        first = first or ours_s
        pages = len(list((ours / "docs").rglob("*.md")))
        print(f"| {copies}x | {pages} | {ours_s:.2f} | {plain_s:.2f} | {ours_s / plain_s:.2f} | {ours_s / first:.1f} |")
        shutil.rmtree(ours), shutil.rmtree(plain)
    print("\nGoal: ours / plain <= 1.15; time grows linearly with the size (10x, 50x).")


def gz(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6))


def assets(site: Path):
    section("JavaScript and CSS that every page loads, raw and gzipped (KB)")
    html = (site / "index.html").read_text(encoding="utf-8")
    loaded = re.findall(r'<script src="([^"]+)"', html) + re.findall(r'<link rel="stylesheet" href="([^"]+)"', html)
    ours, theme = [], []
    for url in loaded:
        path = site / url.split("?")[0].lstrip("./")
        (ours if "assets/werkboek/" in url else theme).append(path)
    print("| file | raw | gzip |")
    print("|---|---|---|")
    totals = {}
    for name, files in (("ours", ours), ("theme", theme)):
        raw = sum(p.stat().st_size for p in files)
        packed = sum(gz(p.read_bytes()) for p in files)
        totals[name] = (raw, packed)
        for p in files:
            print(f"| {p.relative_to(site)} | {p.stat().st_size / 1024:.1f} | {gz(p.read_bytes()) / 1024:.1f} |")
    manifest = site / "assets/werkboek/manifest.js"
    print("\n| total | raw | gzip |\n|---|---|---|")
    print(f"| ours (incl. manifest.js: the workbook's questions, {gz(manifest.read_bytes()) / 1024:.1f} KB gz) "
          f"| {totals['ours'][0] / 1024:.1f} | {totals['ours'][1] / 1024:.1f} |")
    code = [p for p in ours if p.name != "manifest.js"]
    print(f"| ours, code only | {sum(p.stat().st_size for p in code) / 1024:.1f} | {sum(gz(p.read_bytes()) for p in code) / 1024:.1f} |")
    print(f"| theme (mkdocs-material) | {totals['theme'][0] / 1024:.1f} | {totals['theme'][1] / 1024:.1f} |")
    print("\nGoal: ours <= 10 KB gzipped in all. (Files each page loads; search's worker loads on first use.)")


# -- Chromium ----------------------------------------------------------------------------------------

KINDS = ("text", "long", "yesno", "choice", "multi", "table")


def field_macro(number: int, prefix: str) -> str:
    kind = KINDS[number % len(KINDS)]
    ident = f"{prefix}-{number}"
    if kind in ("text", "long"):
        return f'{{{{ {kind}("{ident}", "Vraag {number}") }}}}'
    if kind == "yesno":
        return f'{{{{ yesno("{ident}", "Vraag {number}", ja=[long("{ident}-toelichting", "Toelichting {number}")]) }}}}'
    if kind == "choice":
        return f'{{{{ choice("{ident}", "Vraag {number}", options=["Ja", "Deels", "Nee"]) }}}}'
    if kind == "multi":
        return f'{{{{ multi("{ident}", "Vraag {number}", options=["Cursussen", "Spreekuren", "Doorverwijzing"], other=True) }}}}'
    return (f'{{{{ table("{ident}", "Vraag {number}", columns=[column("partner", "Partner"), '
            f'column("wat", "Waarvoor", kind="long")], rows=2) }}}}')


def bench_page(sheet: str, title: str, count: int, prefix: str) -> str:
    body = "\n\n".join(field_macro(n, prefix) for n in range(count))
    return f'# {title}\n\n{{{{ worksheet("{sheet}", "{title}") }}}}\n\n{body}\n'


def answer_for(field: dict, number: int):
    kind = field["kind"]
    if kind in ("text",):
        return f"Antwoord {number}"
    if kind == "long":
        return f"Een langer antwoord nummer {number}.\n" + "Met een tweede regel vol uitleg. " * 4
    if kind in ("yesno", "choice"):
        return field["options"][0]["value"]
    if kind == "multi":
        return [option["value"] for option in field["options"][:2]]
    if kind == "table":
        return [{column["id"]: f"Cel {number}" for column in field["columns"]}] * 2
    if kind == "date":
        return "2026-03-01"
    return f"Antwoord {number}"


def browser_timings(base: Path):
    from conftest import CHROMIUM, CHROMIUM_ARGS, free_port, serve
    from playwright.sync_api import sync_playwright

    section("In Chromium (median of repeated runs, ms)")
    site_dir = workspace(base, 1, plain=False, extra_pages={
        "bench-500.md": bench_page("bench-500", "Vijfhonderd vragen", 500, "b5"),
        "bench-1500.md": bench_page("bench-1500", "Vijftienhonderd vragen", 1500, "b15"),
    })
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    text = (site_dir / "mkdocs.yml").read_text(encoding="utf-8").replace("http://127.0.0.1:8000/", url)
    (site_dir / "mkdocs.yml").write_text(text, encoding="utf-8")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--quiet", "--site-dir", "site"], cwd=site_dir, env=env,
                   check=True, stderr=subprocess.PIPE)
    site = site_dir / "site"
    manifest = json.loads((site / "assets/werkboek/manifest.json").read_text(encoding="utf-8"))
    key = f"{manifest['storageKey']}:werkmap:standaard"
    sheets = {sheet["id"]: sheet for sheet in manifest["worksheets"]}
    five_hundred = {f["id"]: answer_for(f, n) for n, f in enumerate(sheets["bench-500"]["fields"]) if not f.get("parent")}
    five_hundred = dict(list(five_hundred.items())[:500])
    two_thousand = dict(five_hundred)
    for n, f in enumerate(sheets["bench-1500"]["fields"]):
        if len(two_thousand) >= 2000:
            break
        if not f.get("parent"):
            two_thousand[f["id"]] = answer_for(f, n)
    httpd = serve(site, port)

    def envelope(answers):
        return json.dumps({"format": "werkboek-antwoorden", "schema": 1, "answers": answers,
                           "updated": "2026-03-01T10:00:00.000Z", "exported": None})

    figures = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = browser.new_context()
        page = context.new_page()
        page.goto(url)
        page.evaluate("([key, value]) => localStorage.setItem(key, value)", [key, envelope(five_hundred)])

        # Restore on load: werkboek.js's own restore (fields, follow-ups, page hooks), timed in the page.
        page.goto(url + "bench-500/")
        page.wait_for_selector("html.wb-js")
        filled = page.evaluate("document.querySelectorAll('.wb-input, .wb-textarea').length")
        restore = page.evaluate("""() => {
            const times = [];
            for (let i = 0; i < 15; i++) {
              const start = performance.now();
              Werkboek.refresh();
              times.push(performance.now() - start);
            }
            times.sort((a, b) => a - b);
            return times[Math.floor(times.length / 2)];
        }""")
        check = page.evaluate("document.getElementById('wb-b5-0').value")
        assert check == "Antwoord 0", f"restore did not fill the fields: {check!r}"
        figures.append(("Restore 500 stored answers on load: all of it (Werkboek.refresh: fields, then page hooks)", restore, 15))
        fields_only = page.evaluate("""() => {
            const times = [];
            for (let i = 0; i < 15; i++) {
              const start = performance.now();
              Werkboek.fields.restore(document, Werkboek.store.answers(), false);
              times.push(performance.now() - start);
            }
            times.sort((a, b) => a - b);
            return times[Math.floor(times.length / 2)];
        }""")
        figures.append(("… of which reading storage and filling the fields (fields.restore)", fields_only, 15))

        # One save with 500 answers stored: read, change one answer, write back.
        save = page.evaluate("""() => {
            const times = [];
            for (let i = 0; i < 50; i++) {
              const start = performance.now();
              Werkboek.store.save("b5-0", "Antwoord " + i);
              times.push(performance.now() - start);
            }
            times.sort((a, b) => a - b);
            return times[Math.floor(times.length / 2)];
        }""")
        figures.append(("One save with 500 answers stored", save, 1))

        # The plan with 2,000 answers.
        page.evaluate("([key, value]) => localStorage.setItem(key, value)", [key, envelope(two_thousand)])
        page.goto(url + "mijn-plan/")
        page.wait_for_selector("html.wb-js")
        plan = page.evaluate("""() => {
            const times = [];
            for (let i = 0; i < 7; i++) {
              const start = performance.now();
              Werkboek.plan.renderAll(document);
              times.push(performance.now() - start);
            }
            times.sort((a, b) => a - b);
            return times[Math.floor(times.length / 2)];
        }""")
        shown = page.locator("[data-wb-plan]").inner_text()
        assert "Antwoord 0" in shown and "Cel " in shown, "the plan did not show the answers"
        figures.append((f"Render the plan with {len(two_thousand)} answers (Werkboek.plan.renderAll)", plan, 100))
        browser.close()
    httpd.shutdown()

    print("| measure | ms | goal (ms) |")
    print("|---|---|---|")
    for name, value, goal in figures:
        print(f"| {name} | {'—' if value is None else f'{value:.2f}'} | ≤ {goal} |")
    print(f"\n({filled} text fields on the 500-question page; "
          f"{subprocess.run([CHROMIUM, '--version'], capture_output=True, text=True).stdout.strip()}.)")


def word_file():
    """The Word writer (js/docx.js): its size, and the time to build a file of 2,000 answers."""
    import rjsmin
    from conftest import CHROMIUM, CHROMIUM_ARGS
    from playwright.sync_api import sync_playwright

    section("Word file (js/docx.js, loaded only when a user asks for the file)")
    script = ROOT / "overrides/assets/werkboek/js/docx.js"
    packed = gz(rjsmin.jsmin(script.read_text(encoding="utf-8")).encode("utf-8"))
    blocks = []
    for number in range(500):  # 2,000 answers: a question, an answer, a list and a table row each
        blocks += [{"type": "heading", "level": 3, "text": f"Vraag {number}"},
                   {"type": "paragraph", "text": f"Een langer antwoord nummer {number}.\n" + "Met uitleg. " * 8},
                   {"type": "list", "items": ["Cursussen", "Spreekuren"]},
                   {"type": "table", "header": ["Partner", "Waarvoor"], "rows": [[f"Partner {number}", "Cel"]]}]
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.add_script_tag(path=str(script))
        figures = page.evaluate("""blocks => {
            const model = {title: "Bench", blocks: blocks}, times = [];
            let size = 0;
            for (let i = 0; i < 9; i++) {
              const start = performance.now();
              size = Werkboek.docx.build(model).length;
              times.push(performance.now() - start);
            }
            times.sort((a, b) => a - b);
            return {ms: times[4], size: size};
        }""", blocks)
        browser.close()
    print("| measure | value | goal |\n|---|---|---|")
    print(f"| docx.js, minified and gzipped | {packed / 1024:.1f} KB | ≤ 6 KB |")
    print(f"| build a Word file of 2,000 answers (median) | {figures['ms']:.1f} ms | ≤ 200 ms |")
    print(f"| that file (uncompressed ZIP) | {figures['size'] / 1024:.0f} KB | |")


BENCH_FUZZ_FILES = 20_000


def import_fuzz_run(site: Path):
    """The import fuzz of tests/test_import_fuzz.py, larger: the same checks, the figures printed."""
    import import_fuzz
    from conftest import CHROMIUM, CHROMIUM_ARGS, free_port, serve
    from playwright.sync_api import sync_playwright

    count, seed_value = import_fuzz.fuzz_size(BENCH_FUZZ_FILES)
    section(f"Import fuzz ({count:,} hostile back-up files through the file input of the plan page)")
    manifest = json.loads((site / "assets/werkboek/manifest.json").read_text(encoding="utf-8"))
    start = time.perf_counter()
    files = import_fuzz.corpus(manifest, count, seed_value)
    generated = time.perf_counter() - start
    port = free_port()
    httpd = serve(site, port)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page()
        errors = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
        import_fuzz.open_plan_with_two_werkmappen(page, f"http://127.0.0.1:{port}/", manifest)
        run = import_fuzz.run_corpus(page, files)
        run.generate_seconds = generated
        browser.close()
    httpd.shutdown()
    print(run.summary(seed_value))
    print(f"\n{len(run.failures)} files went wrong, {len(errors)} errors in the page.")
    for failure in run.failures[:10] + errors[:10]:
        print("-", failure)


def main():
    print(f"# Werkboek Digitale Inclusie: performance ({time.strftime('%Y-%m-%d')}, {os.cpu_count()} cores, "
          f"Python {sys.version.split()[0]})")
    with tempfile.TemporaryDirectory(prefix="werkboek-bench-") as temporary:
        base = Path(temporary)
        builds(base)
        site = base / "assets-site"
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "--quiet", "--site-dir", str(site)], cwd=ROOT,
                       env=env, check=True, stderr=subprocess.PIPE)
        assets(site)
        browser_timings(base)
        import_fuzz_run(site)
    word_file()


if __name__ == "__main__":
    main()
