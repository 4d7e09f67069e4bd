"""./dev bundle: make the bundles of overrides/assets/werkboek/js/bundles.json that are missing or out
of date with their sources, minified (terser for scripts, rcssmin for the stylesheet), into
overrides/assets/werkboek/bundles/. `./dev bundle --all` makes every bundle again (after a terser
update: its other bytes change no source hash). Commit the result with the source change; the build
checks that the bundles match the sources (macros/assets.py)."""

from __future__ import annotations

import argparse
import gzip
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from macros import assets  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(prog="./dev bundle", description=__doc__.split("\n\n")[0])
    parser.add_argument("--all", action="store_true", help="make every bundle again, also those that are up to date")
    arguments = parser.parse_args()
    folder = assets.SOURCE / assets.BUNDLES
    made = assets.make_bundles(folder, remake_all=arguments.all)
    for path in made:
        code = assets.split_header(assets.read(path))[1].encode("utf-8")
        print(f"{path.relative_to(assets.ROOT)}: {len(code) / 1000:.1f} KB, "
              f"{len(gzip.compress(code, 6, mtime=0)) / 1000:.1f} KB gzipped")
    up_to_date = len(assets.read_table()) - len(made)
    if up_to_date:
        print(f"{up_to_date} bundle(s) already up to date with their sources (./dev bundle --all makes them again)")


if __name__ == "__main__":
    main()
