"""Settings remembered between launches: read back only while the YAML files are unchanged."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from briefing_tui import settings as settings_mod
from briefing_tui.settings import load_settings

CONFIG = """\
keywords:
  - {key: "1", name: Sanctions, terms: [sanction, embargo]}
  - {key: "2", name: Nuclear, terms: ["/nuclear|atomic/"]}
keys:
  item.next: ctrl+n
"""


def _as_plain(settings) -> tuple:
    return ([(k.key, k.name, k.terms, k.pattern.pattern, k.pattern.flags) for k in settings.keywords],
            settings.keymap, settings.source, settings.problems)


@pytest.fixture
def config(tmp_path: Path) -> Path:
    path = tmp_path / "config.yaml"
    path.write_text(CONFIG, encoding="utf-8")
    return path


def test_a_second_launch_reads_the_remembered_settings_not_the_yaml(tmp_path, config, monkeypatch) -> None:
    remember = tmp_path / "cache" / "settings.json"
    first = load_settings(config, remember=remember)
    assert remember.exists() and not first.problems
    monkeypatch.setattr(settings_mod, "_load_settings", lambda *a, **k: pytest.fail("read the YAML again"))
    again = load_settings(config, remember=remember)
    assert _as_plain(again) == _as_plain(first)
    assert again.keywords[1].pattern.search("an atomic plant")


def test_an_edited_config_is_read_again(tmp_path, config) -> None:
    remember = tmp_path / "settings.json"
    load_settings(config, remember=remember)
    config.write_text(CONFIG.replace("Sanctions", "Embargoes") + "\n", encoding="utf-8")
    assert load_settings(config, remember=remember).keywords[0].name == "Embargoes"


def test_a_config_created_later_is_read(tmp_path) -> None:
    remember = tmp_path / "settings.json"
    config = tmp_path / "config.yaml"
    defaults = load_settings(config, remember=remember)
    config.write_text(CONFIG, encoding="utf-8")
    assert [k.name for k in load_settings(config, remember=remember).keywords] == ["Sanctions", "Nuclear"]
    assert [k.name for k in defaults.keywords] != ["Sanctions", "Nuclear"]


@pytest.mark.parametrize("content", ["", "{", "[]", '{"layout": 1}', "\x00\xff"])
def test_a_damaged_remembered_file_only_costs_a_yaml_read(tmp_path, config, content) -> None:
    remember = tmp_path / "settings.json"
    remember.write_text(content, encoding="utf-8", errors="surrogateescape")
    assert [k.name for k in load_settings(config, remember=remember).keywords] == ["Sanctions", "Nuclear"]


def test_settings_with_problems_are_not_remembered(tmp_path) -> None:
    remember = tmp_path / "settings.json"
    config = tmp_path / "config.yaml"
    config.write_text("keywords: 3\n", encoding="utf-8")
    first = load_settings(config, remember=remember)
    assert first.problems and not remember.exists()
    assert load_settings(config, remember=remember).problems  # reported on every launch


def test_a_launch_with_remembered_settings_does_not_import_yaml(tmp_path, config) -> None:
    remember = tmp_path / "settings.json"
    load_settings(config, remember=remember)
    code = ("import sys; from pathlib import Path; from briefing_tui.settings import load_settings; "
            f"s = load_settings(Path({str(config)!r}), remember=Path({str(remember)!r})); "
            "print(len(s.keywords), 'yaml' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out == ["2", "False"]


# ------------------------------------------------------------------ values YAML cannot read (issue 14, defect 1)

@pytest.mark.parametrize("value, message", [
    ("2024-13-45", "'2024-13-45' is not a date or time (month must be in 1..12)"),
    ("!!int abc", "'abc' is not a whole number"),
    ("!!bool maybe", "'maybe' is not true or false"),
    ("!!timestamp soon", "'soon' is not a date or time"),
    ("0x" + "f" * 2000, "number too large (2,000 digits)"),
])
def test_a_config_value_yaml_cannot_read_is_reported_and_the_rest_applies(tmp_path: Path, value: str,
                                                                           message: str) -> None:
    """Such a value used to raise out of the settings loader at every launch; now its section is reported at
    the value's line and column, the defaults stand for it, and the other sections apply."""
    path = tmp_path / "config.yaml"
    path.write_text(f'keywords:\n  - key: "1"\n    name: Sanctions\n    terms: [sanction, {value}]\n'
                    "keys:\n  item.next: ctrl+n\n", encoding="utf-8")
    settings = load_settings(path, explicit=True)
    assert [str(p) for p in settings.problems] == [f"{path}:4:23: {message}"]
    assert settings.keymap == {"item.next": "ctrl+n"}
    assert [k.name for k in settings.keywords] == [k.name for k in load_settings(None).keywords]  # the defaults


def test_a_config_that_is_a_fifo_is_reported_not_waited_on(tmp_path: Path) -> None:
    path = tmp_path / "config.yaml"
    os.mkfifo(path)
    settings = load_settings(path, explicit=True)
    assert [str(p) for p in settings.problems] == [f"{path}: not a regular file (a FIFO); not read"]
