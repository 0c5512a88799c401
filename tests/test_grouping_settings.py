"""``grouping:`` in config.yaml: off, a threshold and a date window; a bad value is reported at its line."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing_tui import settings as settings_mod
from briefing_tui.grouping import GroupingSettings
from briefing_tui.settings import load_settings


def _load(tmp_path: Path, text: str):
    config = tmp_path / "config.yaml"
    config.write_text(text, encoding="utf-8")
    return load_settings(config)


def test_grouping_is_on_with_the_defaults_unless_said() -> None:
    assert load_settings(None).grouping == GroupingSettings()


@pytest.mark.parametrize("value", ["off", "false", "no", "'off'"])
def test_grouping_can_be_turned_off(tmp_path: Path, value: str) -> None:
    settings = _load(tmp_path, f"grouping: {value}\n")
    assert settings.grouping is None and not settings.problems


def test_threshold_and_days_are_read(tmp_path: Path) -> None:
    settings = _load(tmp_path, "grouping:\n  threshold: 0.4\n  days: 1\n")
    assert settings.grouping == GroupingSettings(threshold=0.4, days=1) and not settings.problems
    assert _load(tmp_path, "grouping: {days: 7}\n").grouping == GroupingSettings(days=7)


@pytest.mark.parametrize(("text", "message"), [
    ("keys: {}\ngrouping:\n  threshold: 1.5\n", "3: grouping.threshold: 1.5 is not a number above 0"),
    ("grouping:\n  threshold: high\n", "2: grouping.threshold: 'high' is not a number"),
    ("grouping:\n  days: -1\n", "2: grouping.days: -1 is not a whole number of days"),
    ("grouping:\n  days: 2.5\n", "2: grouping.days: 2.5"),
    ("grouping:\n  treshold: 0.3\n", "2: grouping: unknown field 'treshold'"),
    ("grouping: [0.3]\n", "1: grouping: expected `off`, or a mapping"),
])
def test_a_bad_value_is_reported_at_its_line_and_the_default_stands(tmp_path: Path, text: str, message: str) -> None:
    settings = _load(tmp_path, text)
    assert any(message in str(p) for p in settings.problems), settings.problems
    assert settings.grouping == GroupingSettings()


def test_grouping_is_remembered_with_the_other_settings(tmp_path: Path, monkeypatch) -> None:
    config = tmp_path / "config.yaml"
    remember = tmp_path / "cache" / "settings.json"
    for text, expected in (("grouping: {threshold: 0.5}\n", GroupingSettings(threshold=0.5)),
                           ("grouping: off\n", None)):
        config.write_text(text, encoding="utf-8")
        assert load_settings(config, remember=remember).grouping == expected
        with monkeypatch.context() as patch:
            patch.setattr(settings_mod, "_load_settings", lambda *a, **k: pytest.fail("read the YAML again"))
            assert load_settings(config, remember=remember).grouping == expected
