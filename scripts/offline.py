"""Build the offline copy: a folder and a zip that work when opened from disk or a USB stick.

    python scripts/offline.py [OUTPUT_DIR]      (./dev offline does this; default: dist/)

Uses mkdocs-offline.yml (mkdocs.yml with directory URLs off and no address), and works out from
mkdocs.yml what that cannot say: YAML inheritance does not merge lists, so the theme's features
(without instant navigation) and the plugins (plus mkdocs-material's offline plugin, for search) go
into a configuration made for the build (`offline_config`). An editor changes only mkdocs.yml. The
folder and the zip are named after the workbook's storage_key (extra.werkboek.storage_key). Prints
where they are.
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


def offline_config(root: Path = ROOT) -> dict:
    """The lists of mkdocs.yml as the offline copy needs them, on top of mkdocs-offline.yml: the theme's
    features without instant navigation (it fetches pages, which browsers refuse on file://), and the
    plugins with mkdocs-material's offline plugin (the search index as a script, so search works from disk)."""
    from mkdocs.utils.yaml import yaml_load  # reads the !ENV tags mkdocs.yml may use

    with open(root / "mkdocs.yml", encoding="utf-8") as file:
        main = yaml_load(file)
    theme = main.get("theme") if isinstance(main.get("theme"), dict) else {}
    features = [feature for feature in theme.get("features", []) if not feature.startswith("navigation.instant")]
    plugins = main.get("plugins", ["search"])
    plugins = [{name: settings} for name, settings in plugins.items()] if isinstance(plugins, dict) else list(plugins)
    if "offline" not in plugins:
        plugins.append("offline")
    return {"INHERIT": OFFLINE_SETTINGS, "theme": {"features": features}, "plugins": plugins}


OFFLINE_SETTINGS = "mkdocs-offline.yml"


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
    import tempfile
    import yaml
    # Beside mkdocs.yml (the paths in it are relative to it), a name of its own per build; removed after.
    with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=ROOT, prefix=".mkdocs-offline-", suffix=".yml",
                                     delete=False) as made:
        yaml.safe_dump(offline_config(), made, allow_unicode=True, sort_keys=False)
    config = Path(made.name)
    try:
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet",
                        "--config-file", str(config), "--site-dir", str(folder)],
                       cwd=ROOT, env=env, check=True)
    finally:
        config.unlink()
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as bundle:
        for path in sorted(folder.rglob("*")):
            bundle.write(path, Path(name) / path.relative_to(folder))
    return folder, archive


if __name__ == "__main__":
    folder, archive = build(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "dist")
    print(f"Offline-versie: {folder}/index.html")
    print(f"Als zip-bestand: {archive}")
