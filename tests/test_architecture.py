"""The layer rules of docs/architecture.md, as import contracts (pyproject.toml, [tool.importlinter]).

Run by import-linter over the installed package's source: an import that points back up a layer
(the domain importing the UI, the session importing Textual, the UI opening the SQLite store
directly) or closes a cycle fails here with the chain of imports that does it.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def test_the_import_contracts_hold() -> None:
    lint = shutil.which("lint-imports", path=str(Path(sys.executable).parent)) or shutil.which("lint-imports")
    if lint is None:
        pytest.fail("lint-imports is missing: install the test extra (pip install '.[test]')")
    done = subprocess.run([lint, "--no-cache"], cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout[-6000:] + done.stderr[-2000:]
    assert "BROKEN" not in done.stdout


def test_every_module_of_the_package_is_placed_in_a_layer() -> None:
    """'exhaustive' makes import-linter fail on a module no layer names; this says which one, early."""
    import tomllib

    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]
    layers = next(c for c in config["contracts"] if c["id"] == "layers")["layers"]
    placed = {name.strip() for layer in layers for name in layer.replace("|", ":").split(":")}
    package = ROOT / "briefing_tui"
    modules = {p.stem for p in package.glob("*.py") if p.stem != "__init__"}
    modules |= {p.name for p in package.iterdir() if (p / "__init__.py").exists()}
    assert modules <= placed, f"not in any layer of pyproject.toml: {sorted(modules - placed)}"
