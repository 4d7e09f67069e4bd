"""The Content-Security-Policy: written once, here, into every built page as a <meta http-equiv>.

The policy travels inside each page, so it holds on any static host and in the offline copy (opened
from disk), which has no server to send headers. Scripts run only from the site's own files; the
few inline scripts the theme writes into a page are allowed by their sha256 hash, computed from that
page's final HTML. The site's inline styles (the plan's, in the <head> of the pages that show it)
are allowed by hash on every page: instant navigation puts them into whichever page the visitor
opened first, under that page's policy. Nothing may load from another origin. What could not be
tightened, and why, is in the README ("Content-Security-Policy").
"""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

# Directive -> sources. Inline-script hashes are added to script-src per page, inline-style hashes
# to style-src.
POLICY = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    # The theme's icons are data: SVGs in its stylesheet.
    "img-src": ["'self'", "data:"],
    "style-src": ["'self'"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "worker-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    # Our forms (werkmappen) are handled by the script; without it nothing may be sent anywhere.
    "form-action": ["'none'"],
}

# Inline <script> elements without src. JSON data blocks (the theme's __config) never run, so
# they need no hash; any other type would.
INLINE_SCRIPT = re.compile(r"<script\b(?![^>]*\bsrc\s*=)([^>]*)>(.*?)</script\s*>", re.S | re.I)
DATA_BLOCK = re.compile(r"""\btype\s*=\s*["']?application/(?:ld\+)?json""", re.I)
# The policy must come before the first script: right after <meta charset>, else first in <head>.
CHARSET = re.compile(r"<meta\s+charset=[^>]*>", re.I)
HEAD = re.compile(r"<head\b[^>]*>", re.I)


# The offline copy runs search in an iframe instead of a worker (iframe-worker shim, see
# mkdocs-offline.yml). The shim writes one inline script into that iframe, made of two of its own
# functions and the worker's address; it runs under this page's policy, so it needs a hash too.
SHIM = Path(__file__).resolve().parent.parent / "overrides" / "assets" / "vendor" / "iframe-worker-shim.js"
SHIM_SCRIPT = re.compile(r"<html><body><script>(.*?)<\\/script>")
SEARCH_WORKER = re.compile(r'"search":\s*"([^"]+)"')


def sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def function_source(code: str, name: str) -> str:
    """The source text of `function name(…){…}` in code, as Function.prototype.toString gives it."""
    start = code.index(f"function {name}(")
    depth = 0
    for end in range(code.index("{", start), len(code)):
        depth += {"{": 1, "}": -1}.get(code[end], 0)
        if depth == 0:
            return code[start:end + 1]
    raise ValueError(f"{SHIM.name}: function {name} has no end")


def shim_script(html: str) -> str | None:
    """The script the iframe-worker shim will write for this page, or None without shim."""
    if "iframe-worker-shim.js" not in html:  # cheap test first: only the offline copy has the shim
        return None
    worker = SEARCH_WORKER.search(html)
    if not worker:
        return None
    code = SHIM.read_text(encoding="utf-8")
    template = SHIM_SCRIPT.search(code).group(1)
    def fill(match):
        name = match.group(1)
        return function_source(code, name) if f"function {name}(" in code else worker.group(1)
    return re.sub(r"\$\{(\w+)\}", fill, template)


def script_hashes(html: str) -> list[str]:
    """'sha256-…' sources for every inline script the page runs, in page order, without repeats."""
    scripts = [match.group(2) for match in INLINE_SCRIPT.finditer(html) if not DATA_BLOCK.search(match.group(1))]
    shim = shim_script(html)
    hashes = []
    for source in map(sha256, scripts + ([shim] if shim else [])):
        if source not in hashes:
            hashes.append(source)
    return hashes


def policy(html: str, styles: tuple[str, ...] = (), serving: bool = False) -> str:
    """The policy for one page; `styles`: the texts of the site's inline <style> elements.
    `serving`: for `mkdocs serve`, which adds its live-reload script inline to every page it sends,
    new for each request (it carries the time), so no hash can allow it: there inline scripts may
    run ('unsafe-inline' only works without hashes). Built sites never."""
    directives = {name: list(sources) for name, sources in POLICY.items()}
    directives["script-src"] += ["'unsafe-inline'"] if serving else script_hashes(html)
    directives["style-src"] += [sha256(text) for text in styles if text]
    return "; ".join(f"{name} {' '.join(sources)}" for name, sources in directives.items())


def protect(html: str, styles: tuple[str, ...] = (), serving: bool = False) -> str:
    """The page with its policy as the first thing in <head> after the character set."""
    if "http-equiv=\"Content-Security-Policy\"" in html:
        raise ValueError("Deze pagina heeft al een Content-Security-Policy; die hoort alleen in macros/csp.py.")
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy(html, styles, serving)}">'
    anchor = CHARSET.search(html) or HEAD.search(html)
    if not anchor:
        raise ValueError("Deze pagina heeft geen <head>: de Content-Security-Policy kan er niet in.")
    return html[:anchor.end()] + meta + html[anchor.end():]
