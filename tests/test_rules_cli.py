"""`briefing rules`: the rules listed with their lines, and `--dry-run PATH...` counting what each matches."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing_tui.cli import main

DESK = """\
items:
  - id: s1
    title: New sanctions on steel exports
    body: [Ministers agreed an asset freeze.]
  - id: s2
    title: Football results
    body: [The home side won.]
    tags: [sport]
  - id: s3
    title: "Sanctions talks \\e[31mred"
    body: [More.]
"""

RULES = """\
rules:
  - name: Sanctions watch
    when: {title: sanction*}
    tag: sanctions
    flag: true
  - name: Noise
    when: {tags: sport}
    hide: true
"""


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def desk(tmp_path: Path) -> Path:
    folder = tmp_path / "desk"
    folder.mkdir()
    (folder / "desk.yaml").write_text(DESK, encoding="utf-8")
    (folder / "broken.yaml").write_text("id: [\n", encoding="utf-8")
    return folder


def test_dry_run_counts_each_rule_over_the_items(tmp_path: Path, desk: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    config = tmp_path / "rules.yaml"  # a draft holding only rules: is read like config.yaml
    config.write_text(RULES, encoding="utf-8")
    code, out, err = run(capsys, "rules", "--dry-run", str(desk), "--config", str(config))
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0] == f"{config}:2: Sanctions watch: 2 of 3 items; tag: sanctions, flag"
    assert lines[1] == "    · New sanctions on steel exports"
    assert lines[2].startswith("    · Sanctions talks ") and "\x1b" not in out  # file text, escapes removed
    assert lines[3] == f"{config}:6: Noise: 1 of 3 items; hide"
    assert lines[4] == "    · Football results"
    assert lines[5] == "2 rules over 3 items from 2 files; 1 file problem; nothing applied"
    assert "broken.yaml" in err  # the file that failed to load is reported, as check does


def test_a_broken_rule_exits_1_with_its_line(tmp_path: Path, desk: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = tmp_path / "config.yaml"
    config.write_text(RULES + "  - name: Bad\n    when:\n      body: {regex: '(open'}\n    flag: true\n",
                      encoding="utf-8")
    code, out, err = run(capsys, "rules", "--dry-run", str(desk), "--config", str(config))
    assert code == 1
    assert f"{config}:11: rules[2].when.body.regex: bad regular expression" in err
    assert "2 rules (1 broken, left out) over 3 items" in out  # the good rules are still counted


def test_without_dry_run_the_rules_are_listed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = tmp_path / "config.yaml"
    config.write_text(RULES, encoding="utf-8")
    code, out, _ = run(capsys, "rules", "--config", str(config))
    assert code == 0
    assert out.splitlines() == [f"{config}:2: Sanctions watch: tag: sanctions, flag", f"{config}:6: Noise: hide"]


def test_the_user_config_is_the_default(isolated_xdg: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from briefing_tui.paths import user_config_file

    config = user_config_file()
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text(RULES, encoding="utf-8")
    code, out, _ = run(capsys, "rules")
    assert code == 0 and "Sanctions watch" in out


@pytest.mark.parametrize("argv", [("rules", "--dry-run"), ("rules", "somewhere"),
                                  ("rules", "--config", "/nonexistent/config.yaml")])
def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str], argv: tuple[str, ...]) -> None:
    code, _, err = run(capsys, *argv)
    assert code == 2 and err.startswith("briefing rules: ")
