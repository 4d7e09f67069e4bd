"""./dev bundle: make every bundle in overrides/assets/werkboek/js/bundles.json, minified (terser for
scripts, rcssmin for the stylesheet), into overrides/assets/werkboek/bundles/. Commit the result with
the source change; the build checks that the bundles match the sources (macros/assets.py)."""

from __future__ import annotations

import gzip
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from macros import assets  # noqa: E402


def main() -> None:
    folder = assets.SOURCE / assets.BUNDLES
    for path in assets.make_bundles(folder):
        code = assets.split_header(assets.read(path))[1].encode("utf-8")
        print(f"{path.relative_to(assets.ROOT)}: {len(code) / 1000:.1f} KB, "
              f"{len(gzip.compress(code, 6, mtime=0)) / 1000:.1f} KB gzipped")


if __name__ == "__main__":
    main()
