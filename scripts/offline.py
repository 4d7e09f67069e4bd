"""Build the offline copy: a folder and a zip that work when opened from disk or a USB stick.

    python scripts/offline.py [OUTPUT_DIR]      (./dev offline does this; default: dist/)

Uses mkdocs-offline.yml (mkdocs.yml without instant navigation, with directory URLs off and
mkdocs-material's offline plugin for search). The folder and the zip are named after the workbook's
storage_key (extra.werkboek.storage_key). Prints where they are.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def name_of(config: Path) -> str:
    """The copy's name: the workbook's storage_key, a stable name of lowercase letters and dashes."""
    from mkdocs.utils.yaml import yaml_load  # reads the !ENV tags mkdocs.yml uses

    with open(config, encoding="utf-8") as file:
        extra = yaml_load(file).get("extra") or {}
    return (extra.get("werkboek") or {}).get("storage_key") or "werkboek"


def build(output: Path) -> tuple[Path, Path]:
    name = name_of(ROOT / "mkdocs.yml")
    folder = output / name
    archive = output / f"{name}.zip"
    output.mkdir(parents=True, exist_ok=True)
    if folder.exists():
        shutil.rmtree(folder)
    # A copy on disk has no address: SITE_URL (set for the online build) would win over mkdocs-offline.yml.
    env = {key: value for key, value in os.environ.items() if key != "SITE_URL"}
    env["NO_MKDOCS_2_WARNING"] = "1"
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet",
                    "--config-file", str(ROOT / "mkdocs-offline.yml"), "--site-dir", str(folder)],
                   cwd=ROOT, env=env, check=True)
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as bundle:
        for path in sorted(folder.rglob("*")):
            bundle.write(path, Path(name) / path.relative_to(folder))
    return folder, archive


if __name__ == "__main__":
    folder, archive = build(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "dist")
    print(f"Offline-versie: {folder}/index.html")
    print(f"Als zip-bestand: {archive}")
