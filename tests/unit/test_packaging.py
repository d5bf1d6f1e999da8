"""The installed package carries no development data: the wheel's modules and data files are
what setuptools finds under the configured source folder, and none of them is a development set.
"""

from __future__ import annotations

import ast
import tomllib
from pathlib import Path
from typing import Any

from setuptools import find_packages

ROOT = Path(__file__).parents[2]


def _setuptools_config() -> dict[str, Any]:
    config: dict[str, Any] = tomllib.loads(
        (ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
    return config


def _source_folders() -> list[Path]:
    return [ROOT / where for where in _setuptools_config()["packages"]["find"]["where"]]


def _installed_files() -> list[Path]:
    """Every file the wheel gets: the modules of every package setuptools finds where
    pyproject.toml says to look, and the package-data globs."""
    files: set[Path] = set()
    for base in _source_folders():
        for package in find_packages(where=str(base)):
            files.update((base / package.replace(".", "/")).glob("*.py"))
        for package, globs in _setuptools_config().get("package-data", {}).items():
            folder = base / package.replace(".", "/")
            for pattern in globs:
                files.update(p for p in folder.glob(pattern) if p.is_file())
    return sorted(files)


def test_wheel_holds_no_development_set_when_packages_are_found() -> None:
    files = _installed_files()
    assert ROOT / "src/closeddoor/deid/vocabulary.py" in files  # the listing sees the runtime
    development = [f for f in files if f.name.startswith("devset") or "devdata" in f.parts]
    assert development == []
    # and the development set is still there to be found, outside the source folder
    assert (ROOT / "devdata/deid/devset.py").is_file()
    assert ROOT not in _source_folders()  # the root would bring devdata/ (and tests/) along


def test_installed_code_never_imports_devdata_when_its_modules_are_read() -> None:
    importing = []
    for path in (ROOT / "src").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            names = ([a.name for a in node.names] if isinstance(node, ast.Import)
                     else [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            if any(name.split(".")[0] == "devdata" for name in names):
                importing.append(path.relative_to(ROOT))
    assert importing == []
