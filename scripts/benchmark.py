"""Performance figures for the workbook (./dev bench). Prints a report; it is not a test.

1. Build time: our site against plain mkdocs-material building the same Markdown without our
   macros, overrides and hooks (macro calls stripped), at 1x, 10x and 50x the content, in
   alternating pairs; the ratio is the median of the pairs' ratios. Goal: <= 1.15 at every size.
2. Our JavaScript and CSS that each kind of page really loads (recorded in Chromium), gzipped, next
   to the theme's. Goal: <= 10 KB gzipped on guidance pages and worksheets.
3. Lighthouse (mobile, the npm package pinned in scripts/lighthouse/, on Debian's Chromium) on the
   start page, a worksheet and the plan page, served with gzip like a common static host.
   Goal: performance 100 (98+), accessibility, best practices and SEO 100, CLS 0.
4. In Chromium: restore 500 stored answers (goal <= 15 ms), render a plan of 2,000 answers
   (goal <= 100 ms), one save with 500 answers stored (goal <= 1 ms).
5. The Word writer: size (goal <= 6 KB gzipped) and building a file of 2,000 answers (goal <= 200 ms).
6. The import tried with 20,000 hostile back-up files (tests/import_fuzz.py; WERKBOEK_FUZZ_FILES and
   WERKBOEK_FUZZ_SEED change the number and the corpus): files per second, and any that went wrong.

Run with the project's virtual environment: ./dev bench (or .venv/bin/python scripts/benchmark.py).
"""

from __future__ import annotations

import functools
import gzip
import http.server
import io
import json
import os
import re
import resource
import threading
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
# Pages with these widgets (or the start page) exist once per site; every other page is copied for
# the larger sizes, whatever the workbook and its folders.
SINGLE = re.compile(r"\{\{-?\s*(?:plan|voortgang|werkmappen|voorbeeld)\(")


def load_config() -> dict:
    class Loader(yaml.SafeLoader):
        pass
    # !ENV [NAME, default]: the default is what a plain build uses.
    Loader.add_constructor("!ENV", lambda loader, node: loader.construct_sequence(node)[-1])
    # pymdownx and friends may use python tags; mkdocs.yml does not today.
    return yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)


def write_docs(target: Path, copies: int, plain: bool):
    """The site's docs, plus (copies - 1) copies of its pages (all but the start page and the pages
    with a once-per-site widget), with renamed ids."""
    shutil.copytree(ROOT / "docs", target)
    copied = [page for page in sorted((ROOT / "docs").rglob("*.md"))
              if page.relative_to(ROOT / "docs").as_posix() != "index.md" and not SINGLE.search(page.read_text(encoding="utf-8"))]
    for number in range(2, copies + 1):
        for page in copied:
            destination = target / f"kopie-{number}" / page.relative_to(ROOT / "docs")
            destination.parent.mkdir(parents=True, exist_ok=True)
            text = page.read_text(encoding="utf-8")
            destination.write_text(ID_MACROS.sub(lambda m: f'{m.group(1)}("{m.group(2)}-k{number}"', text), encoding="utf-8")
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


def build_seconds(folder: Path, target: Path) -> tuple[float, float]:
    """Wall time and CPU time (user + system) of one `mkdocs build` (a fresh process, as a user runs
    it). CPU time moves less than wall time when other work shares the machine."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--quiet", "--site-dir", str(target)],
                   cwd=folder, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    seconds = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    shutil.rmtree(target)
    return seconds, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def section(title: str):
    print(f"\n## {title}\n")


def builds(base: Path):
    section("Build time: our site against plain mkdocs-material (same Markdown, macro calls stripped)")
    print("Alternating pairs (ours, then plain); ratio = median of the pairs' ratios, times = medians.\n")
    print("| size | pages | pairs | ours (s) | plain (s) | ours / plain | CPU: ours / plain | ours / ours at 1x | plain / plain at 1x |")
    print("|---|---|---|---|---|---|---|---|---|")
    first = None
    for copies, pairs in ((1, 9), (10, 5), (50, 3)):
        ours = workspace(base, copies, plain=False)
        plain = workspace(base, copies, plain=True)
        # Warm the file cache and Python's bytecode once, so the first timed pair is not penalised.
        build_seconds(ours, base / "warm"), build_seconds(plain, base / "warm")
        timed = [(build_seconds(ours, base / "o"), build_seconds(plain, base / "p")) for _ in range(pairs)]
        ours_s = statistics.median(o[0] for o, _ in timed)
        plain_s = statistics.median(p[0] for _, p in timed)
        ratio = statistics.median(o[0] / p[0] for o, p in timed)
        cpu_ratio = statistics.median(o[1] / p[1] for o, p in timed)
        first = first or (ours_s, plain_s)
        pages = len(list((ours / "docs").rglob("*.md")))
        print(f"| {copies}x | {pages} | {pairs} | {ours_s:.2f} | {plain_s:.2f} | {ratio:.2f} | {cpu_ratio:.2f} "
              f"| {ours_s / first[0]:.1f} | {plain_s / first[1]:.1f} |")
        shutil.rmtree(ours), shutil.rmtree(plain)
    print("\nGoal: ours / plain <= 1.15 at every size; ours grows no faster than plain.")


def gz(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6))


def assets(site: Path, url: str, pages: dict[str, str]):
    """What each kind of page really loads, recorded in Chromium (the loader loads more after the
    first paint): our files against the theme's, gzipped as a static host sends them."""
    from conftest import CHROMIUM, CHROMIUM_ARGS
    from playwright.sync_api import sync_playwright

    section("JavaScript and CSS each kind of page loads (recorded in Chromium), gzipped (KB)")
    rows = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for kind, path in pages.items():
            context = browser.new_context()
            page = context.new_page()
            loaded = []
            page.on("response", lambda response, loaded=loaded: loaded.append(response.url))
            page.goto(url + path)
            page.wait_for_selector("html.wb-js")
            page.wait_for_load_state("networkidle")
            context.close()
            files = [site / address[len(url):].split("?")[0] for address in loaded
                     if address.startswith(url) and address.split("?")[0].endswith((".js", ".css"))]
            ours = [f for f in files if "assets/werkboek/" in f.as_posix()]
            theme = [f for f in files if f not in ours and "workers/" not in f.as_posix()]
            # Our inline styles (the plan's, in the head of the pages that show it) count as ours too.
            html = (site / path / "index.html").read_text(encoding="utf-8").split("</head>", 1)[0]
            inline = "".join(re.findall(r"<style>(.*?)</style>", html, re.S)).encode("utf-8")
            rows.append((kind, path, ours, inline, sum(gz(f.read_bytes()) for f in ours) + (gz(inline) if inline else 0),
                         sum(gz(f.read_bytes()) for f in theme)))
        browser.close()
    print("| page | our files | ours (gzip) | theme's (gzip) | goal |")
    print("|---|---|---|---|---|")
    for kind, path, ours, inline, ours_size, theme_size in rows:
        names = ", ".join([f"{f.name} {gz(f.read_bytes()) / 1024:.1f}" for f in ours]
                          + ([f"inline styles {gz(inline) / 1024:.1f}"] if inline else []))
        goal = "≤ 10" if kind != "plan" else "(may load more)"
        print(f"| {kind} (`/{path}`) | {names} | {ours_size / 1024:.1f} | {theme_size / 1024:.1f} | {goal} |")
    print("\nCounted: every .js and .css file the page fetched until the network was idle after the engine "
          "started (the search worker is the theme's and starts later). Rare actions (export, import, "
          "printing, Word) load when asked and are not in these figures.")


# -- Serving like a static host ----------------------------------------------------------------------

COMPRESSIBLE = (".html", ".js", ".css", ".json", ".svg", ".xml", ".txt")


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Static files, gzipped when the browser accepts it (as nginx' gzip or most static hosts do)."""

    def log_message(self, *args):
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?")[0].endswith("/"):
            path = path / "index.html"
        if not (path.is_file() and path.suffix in COMPRESSIBLE and "gzip" in self.headers.get("Accept-Encoding", "")):
            return super().send_head()  # also redirects /page to /page/
        body = gzip.compress(path.read_bytes(), compresslevel=6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=3600")
        self.end_headers()
        return io.BytesIO(body)


def serve_gzip(directory: Path, port: int) -> http.server.ThreadingHTTPServer:
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", port), functools.partial(GzipHandler, directory=str(directory)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd


# -- Lighthouse --------------------------------------------------------------------------------------

LIGHTHOUSE = ROOT / "scripts" / "lighthouse" / "node_modules" / "lighthouse" / "cli" / "index.js"
METRICS = (("first-contentful-paint", "FCP"), ("largest-contentful-paint", "LCP"), ("total-blocking-time", "TBT"),
           ("cumulative-layout-shift", "CLS"), ("speed-index", "SI"))
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
LIGHTHOUSE_RUNS = int(os.environ.get("LIGHTHOUSE_RUNS", "3"))


def lighthouse_run(url: str, output: Path) -> dict:
    """One Lighthouse run (mobile, its default), on Debian's Chromium with the tests' network flags."""
    from conftest import CHROMIUM, CHROMIUM_ARGS
    flags = " ".join(["--headless=new", *CHROMIUM_ARGS])
    subprocess.run(["node", str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={output}",
                    f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={flags}"],
                   env={**os.environ, "CHROME_PATH": CHROMIUM}, check=True, stdout=subprocess.DEVNULL,
                   stderr=subprocess.PIPE, timeout=300)
    report = json.loads(output.read_text(encoding="utf-8"))
    figures = {name: round(report["categories"][name]["score"] * 100) for name in CATEGORIES}
    figures.update({label: report["audits"][audit]["numericValue"] for audit, label in METRICS})
    figures["version"] = report["lighthouseVersion"]
    return figures


def lighthouse(site: Path, url: str, pages: dict[str, str], runs: int = 3):
    section(f"Lighthouse, mobile (median of {runs} runs per page; served with gzip)")
    if not LIGHTHOUSE.exists():
        print("Lighthouse is not installed (./dev bench installs it into scripts/lighthouse/).")
        return
    print("| page | performance | accessibility | best practices | SEO | FCP (ms) | LCP (ms) | TBT (ms) | CLS | SI (ms) |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    version = ""
    for kind, path in pages.items():
        reports = [lighthouse_run(url + path, site.parent / f"lighthouse-{run}.json") for run in range(runs)]
        version = reports[0]["version"]
        median = {key: statistics.median(r[key] for r in reports) for key in reports[0] if key != "version"}
        scores = ", ".join(str(r["performance"]) for r in reports)
        print(f"| {kind} | {median['performance']:.0f} ({scores}) | {median['accessibility']:.0f} "
              f"| {median['best-practices']:.0f} | {median['seo']:.0f} | {median['FCP']:.0f} | {median['LCP']:.0f} "
              f"| {median['TBT']:.0f} | {median['CLS']:.3f} | {median['SI']:.0f} |")
    print(f"\nLighthouse {version}, simulated slow 4G and 4x CPU slowdown (its mobile defaults). Goal: performance "
          "100 (98+ given noise), the other three 100, CLS 0. On a busy 2-core machine TBT (the theme's bundle "
          "under the CPU slowdown) varies most between runs.")


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
        page.goto(url + manifest["plan"]["url"])
        page.wait_for_selector("html.wb-js")
        plan = page.evaluate("""() => {
            const times = [];
            for (let i = 0; i < 7; i++) {
              const start = performance.now();
              Werkboek.runPageHooks(document);
              times.push(performance.now() - start);
            }
            times.sort((a, b) => a - b);
            return times[Math.floor(times.length / 2)];
        }""")
        shown = page.locator("[data-wb-plan]").inner_text()
        assert "Antwoord 0" in shown and "Cel " in shown, "the plan did not show the answers"
        figures.append((f"Draw the plan page with {len(two_thousand)} answers (its page hooks: plan, progress, werkmappen)", plan, 100))
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
    sys.path.insert(0, str(ROOT))
    from macros.assets import minify_js  # terser, as ./dev bundle minifies the bundles
    from conftest import CHROMIUM, CHROMIUM_ARGS
    from playwright.sync_api import sync_playwright

    section("Word file (js/docx.js, loaded only when a user asks for the file)")
    script = ROOT / "overrides/assets/werkboek/js/docx.js"
    packed = gz(minify_js(script.read_text(encoding="utf-8")).encode("utf-8"))
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
        from conftest import free_port
        site = base / "real" / "site"
        site.parent.mkdir()
        port = free_port()
        url = f"http://127.0.0.1:{port}/"
        # The real site, built for the address it is served from (instant navigation needs it).
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": url}
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "--quiet", "--site-dir", str(site)], cwd=ROOT,
                       env=env, check=True, stderr=subprocess.PIPE)
        manifest = json.loads((site / "assets/werkboek/manifest.json").read_text(encoding="utf-8"))
        guidance = next(p.parent.relative_to(site).as_posix() + "/" for p in sorted(site.glob("*/*/index.html"))
                        if "data-wb-load" not in p.read_text(encoding="utf-8"))
        # Every worksheet: they differ (a diagnosis block brings its own bundle, parts differ in size).
        sheets = {f"worksheet {n}": sheet["url"] for n, sheet in enumerate(manifest["worksheets"], 1)}
        pages = {"start": "", "guidance": guidance, **sheets, "plan": manifest["plan"]["url"]}
        httpd = serve_gzip(site, port)
        try:
            assets(site, url, pages)
            # Every worksheet, as for the weights: one with a diagnosis block has more to draw.
            lighthouse(site, url, {kind: path for kind, path in pages.items() if kind != "guidance"}, runs=LIGHTHOUSE_RUNS)
        finally:
            httpd.shutdown()
        browser_timings(base)
        import_fuzz_run(site)
    word_file()


if __name__ == "__main__":
    main()
