"""Build the offline copy: a folder and a zip that work when opened from disk or a USB stick.

    python scripts/offline.py [OUTPUT_DIR]      (./dev offline does this; default: dist/)

Uses mkdocs-offline.yml (mkdocs.yml without instant navigation, with directory URLs off and
mkdocs-material's offline plugin for search). Prints where the folder and the zip are.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NAME = "werkboek-digitale-inclusie"


def build(output: Path) -> tuple[Path, Path]:
    folder = output / NAME
    archive = output / f"{NAME}.zip"
    output.mkdir(parents=True, exist_ok=True)
    if folder.exists():
        shutil.rmtree(folder)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet",
                    "--config-file", str(ROOT / "mkdocs-offline.yml"), "--site-dir", str(folder)],
                   cwd=ROOT, env=env, check=True)
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as bundle:
        for path in sorted(folder.rglob("*")):
            bundle.write(path, Path(NAME) / path.relative_to(folder))
    return folder, archive


if __name__ == "__main__":
    folder, archive = build(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "dist")
    print(f"Offline-versie: {folder}/index.html")
    print(f"Als zip-bestand: {archive}")
