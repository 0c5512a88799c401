"""The command line: parse, check, --help, --version, exit codes and error lines."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from briefing_tui import __version__
from briefing_tui.cli import main

from .conftest import SEEDS

ARTICLE = "Troops gather\n\nLONDON — The minister said the plan would cost £3bn, officials said.\n"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_parse_seeds_folder_in_stable_order(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "parse", str(SEEDS))
    assert code == 0, err
    rows = [json.loads(line) for line in out.splitlines()]
    assert [r["id"] for r in rows[:3]] == ["desk-2024-11-12-treaty", "desk-2005-ba-fuel", "desk-2004-davis-cup"]
    assert rows[3]["id"] == "desk-2024-11-12-kursk"
    seed = rows[4]
    assert Path(seed["source_path"]).name == "rfa-kursk-north-korean-troops.txt"
    for key in ("title", "dateline", "actors", "quotes", "figures", "related", "places"):
        assert key in seed


def test_parse_keeps_input_order_reports_errors_and_writes_the_rest(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = tmp_path / "b.txt"
    good.write_text(ARTICLE, encoding="utf-8")
    bad = tmp_path / "a.yaml"
    bad.write_text("title: [x]\n", encoding="utf-8")
    binary = tmp_path / "c.txt"
    binary.write_bytes(bytes(range(256)) * 10)
    code, out, err = run(capsys, "parse", str(good), str(bad), str(binary), str(tmp_path / "missing.md"))
    assert code == 1
    assert [json.loads(line)["title"] for line in out.splitlines()] == ["Troops gather"]
    assert err.splitlines() == [
        f"{bad}:1:8: title: expected text, got a list",
        f"{binary}: binary data, not text (NUL bytes)",
        f"{tmp_path / 'missing.md'}: no such file or folder",
    ]


@pytest.mark.parametrize("fmt", ["json", "yaml"])
def test_parse_formats(tmp_path: Path, capsys: pytest.CaptureFixture[str], fmt: str) -> None:
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    code, out, _ = run(capsys, "parse", "--format", fmt, str(article), str(article))
    assert code == 0
    data = json.loads(out) if fmt == "json" else yaml.safe_load(out)
    if fmt == "yaml":
        data = data if isinstance(data, list) else [data]
    assert len(data) == 1  # the same file named twice is read once
    assert data[0]["dateline"] == "LONDON"


def test_yaml_output_loads_back_through_the_cli(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "parse", "--format", "yaml", str(SEEDS))
    assert code == 0
    saved = tmp_path / "all.yaml"
    saved.write_text(out, encoding="utf-8")
    code2, out2, err2 = run(capsys, "parse", "--format", "yaml", str(saved))
    assert code2 == 0, err2
    assert out2 == out


def test_check_summarises_and_fails_on_problems(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "check", str(SEEDS))
    assert code == 0
    assert out.strip() == "3 files, 5 items, no problems"
    (tmp_path / "x.yaml").write_text("title: a\ntitle: b\n", encoding="utf-8")
    (tmp_path / "y.md").write_text("# Head\n\nSome words here said the man.\n", encoding="utf-8")
    (tmp_path / ".hidden.yaml").write_text("broken: [", encoding="utf-8")
    code, out, _ = run(capsys, "check", str(tmp_path))
    assert code == 1
    assert out.splitlines() == [
        f"{tmp_path / 'x.yaml'}:2:1: title: duplicate key (first set on line 1)",
        "2 files, 1 item, 1 problem",
    ]


def test_file_names_with_control_characters_are_shown_escaped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "evil\x1b]0;title\x07\nname.yaml"
    bad.write_text("- 1\n", encoding="utf-8")
    code, out, _ = run(capsys, "check", str(tmp_path))
    assert code == 1
    assert "\x1b" not in out and "\x07" not in out
    assert "evil\\x1b]0;title\\x07\\nname.yaml:1:1: expected a mapping" in out


def test_installed_command_help_and_version() -> None:
    exe = Path(sys.executable).parent / "briefing"
    argv = [str(exe)] if exe.exists() else [sys.executable, "-m", "briefing_tui"]
    version = subprocess.run([*argv, "--version"], capture_output=True, text=True, check=True)
    assert version.stdout.strip() == f"briefing {__version__}"
    help_ = subprocess.run([*argv, "--help"], capture_output=True, text=True, check=True)
    assert "parse" in help_.stdout and "check" in help_.stdout
    parsed = subprocess.run([*argv, "parse", str(SEEDS / "rfa-kursk-north-korean-troops.txt")],
                            capture_output=True, text=True, check=True)
    assert json.loads(parsed.stdout)["dateline"] == "TAIPEI, Taiwan"


def test_export_markdown_and_json_with_state(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from briefing_tui.sqlite_store import SQLiteStore

    state = tmp_path / "state.sqlite3"
    with SQLiteStore.open(state) as store:
        store.set_flagged("desk-2005-ba-fuel", True)
        store.set_note("desk-2005-ba-fuel", "Ask the desk about the surcharge")
        store.set_reviewed("not-loaded-any-more", True)
    code, out, err = run(capsys, "export", str(SEEDS), "--state", str(state), "--only", "flagged")
    assert code == 0, err
    assert out.startswith("# Briefing digest\n")
    assert "## BA blames fuel for a 40% drop in quarterly profit" in out
    assert "Ask the desk about the surcharge" in out
    assert "Moya calls Davis Cup" not in out
    target = tmp_path / "digest.json"
    code, out, err = run(capsys, "export", str(SEEDS), "--state", str(state), "--format", "json", "-o", str(target))
    assert code == 0 and out == "" and f"wrote {target}" in err
    data = json.loads(target.read_text(encoding="utf-8"))
    assert data["counts"]["flagged"] == 1
    assert [e["id"] for e in data["not_loaded"]] == ["not-loaded-any-more"]
    assert list(tmp_path.glob("*.tmp*")) == []


def test_export_without_state_file_still_writes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "export", str(SEEDS), "--state", str(tmp_path / "none.sqlite3"))
    assert code == 0
    assert "no such state file" in err and out.startswith("# Briefing digest")


def test_export_reads_the_state_a_sqlite_url_names(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    from briefing_tui.sqlite_store import SQLiteStore

    monkeypatch.chdir(tmp_path)
    with SQLiteStore.open(tmp_path / "desk" / "state.sqlite3") as store:
        store.set_note("desk-2005-ba-fuel", "From the desk file")
    for url in (f"sqlite:///{tmp_path}/desk/state.sqlite3", "sqlite:///desk/state.sqlite3"):
        code, out, err = run(capsys, "export", str(SEEDS), "--state", url, "--only", "reviewed")
        assert code == 0, err
        code, out, err = run(capsys, "export", str(SEEDS), "--state", url)
        assert code == 0 and "From the desk file" in out, err


@pytest.mark.parametrize("argv", [
    ["export", str(SEEDS), "--state", "postgresql://desk@db/briefing"],
    ["--state", "postgresql://desk@db/briefing", str(SEEDS)],
])
def test_a_state_url_this_version_cannot_open_is_refused_at_once(argv: list[str],
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(argv)
    assert exited.value.code == 2
    err = capsys.readouterr().err
    assert "PostgreSQL review state is not available in this version" in err.splitlines()[-1]


def test_help_says_state_takes_a_path_or_a_url(capsys: pytest.CaptureFixture[str]) -> None:
    for argv in (["--help"], ["export", "--help"]):
        with pytest.raises(SystemExit):
            main(argv)
        assert "sqlite:///" in " ".join(capsys.readouterr().out.split())
