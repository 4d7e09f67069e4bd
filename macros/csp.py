"""The Content-Security-Policy: written once, here, into every built page as a <meta http-equiv>.

The policy travels inside each page, so it holds on any static host and in the offline copy (opened
from disk), which has no server to send headers. Scripts run only from the site's own files; the
few inline scripts the theme writes into a page are allowed by their sha256 hash, computed from that
page's final HTML. Nothing may load from another origin. What could not be tightened, and why, is in
the README ("Content-Security-Policy").
"""

from __future__ import annotations

import base64
import hashlib
import re

# Directive -> sources. Inline-script hashes are added to script-src per page.
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


def script_hashes(html: str) -> list[str]:
    """'sha256-…' sources for every inline script in the page, in page order, without repeats."""
    hashes = []
    for match in INLINE_SCRIPT.finditer(html):
        if DATA_BLOCK.search(match.group(1)):
            continue
        digest = base64.b64encode(hashlib.sha256(match.group(2).encode("utf-8")).digest()).decode("ascii")
        source = f"'sha256-{digest}'"
        if source not in hashes:
            hashes.append(source)
    return hashes


def policy(html: str) -> str:
    """The policy for one page."""
    directives = {name: list(sources) for name, sources in POLICY.items()}
    directives["script-src"] += script_hashes(html)
    return "; ".join(f"{name} {' '.join(sources)}" for name, sources in directives.items())


def protect(html: str) -> str:
    """The page with its policy as the first thing in <head> after the character set."""
    if "http-equiv=\"Content-Security-Policy\"" in html:
        raise ValueError("Deze pagina heeft al een Content-Security-Policy; die hoort alleen in macros/csp.py.")
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy(html)}">'
    anchor = CHARSET.search(html) or HEAD.search(html)
    if not anchor:
        raise ValueError("Deze pagina heeft geen <head>: de Content-Security-Policy kan er niet in.")
    return html[:anchor.end()] + meta + html[anchor.end():]
