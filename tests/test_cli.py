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
    ["export", str(SEEDS), "--state", "mysql://desk@db/briefing"],
    ["--state", "mysql://desk@db/briefing", str(SEEDS)],
])
def test_a_state_url_this_version_cannot_open_is_refused_at_once(argv: list[str],
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(argv)
    assert exited.value.code == 2
    err = capsys.readouterr().err
    assert "mysql:// review state is not available in this version" in err.splitlines()[-1]


def test_help_says_state_takes_a_path_or_a_url(capsys: pytest.CaptureFixture[str]) -> None:
    for argv in (["--help"], ["export", "--help"]):
        with pytest.raises(SystemExit):
            main(argv)
        assert "sqlite:///" in " ".join(capsys.readouterr().out.split())


# ------------------------------------------------------------------ briefing fetch


def _fetch_env(tmp_path: Path) -> dict[str, str]:
    import os

    env = dict(os.environ)
    for name in ("XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME", "XDG_DATA_HOME"):
        env[name] = str(tmp_path / name.lower())
    env.pop("http_proxy", None), env.pop("HTTP_PROXY", None)
    return env


# Runs the command as cron would, and fails if the fetch imported Textual.
_NO_TEXTUAL = ("import sys\nfrom briefing_tui.cli import main\ncode = main(sys.argv[1:])\n"
               "assert 'textual' not in sys.modules, 'briefing fetch imported textual'\nsys.exit(code)")


def _fetch(tmp_path: Path, *argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", _NO_TEXTUAL, "fetch", *argv], capture_output=True, text=True,
                          env=_fetch_env(tmp_path), stdin=subprocess.DEVNULL, timeout=120)


def test_fetch_prints_a_line_per_feed_and_exits_1_when_one_failed(tmp_path: Path, feed_server) -> None:
    config = tmp_path / "xdg_config_home" / "briefing" / "config.yaml"
    config.parent.mkdir(parents=True)
    config.write_text(f"feeds:\n  - url: {feed_server.url}/good.rss\n    name: Desk Wire\n"
                      f"  - url: {feed_server.url}/missing\n    name: Gone\n"
                      f"  - url: {feed_server.url}/atom\n", encoding="utf-8")
    done = _fetch(tmp_path)
    assert done.returncode == 1, done.stderr
    assert done.stdout.splitlines() == ["Desk Wire: 3 entries, 2 KB", "Gone: error: HTTP 404 Not Found",
                                        "127.0.0.1/atom: 1 entry, 5 KB"]
    assert done.stderr == ""
    feeds = tmp_path / "xdg_data_home" / "briefing" / "feeds"
    assert sorted(p.name for p in feeds.iterdir()) == ["127-0-0-1-atom.atom", "desk-wire.rss"]

    again = _fetch(tmp_path, "--feed", "Desk Wire")
    assert (again.returncode, again.stdout) == (0, "Desk Wire: not modified\n"), again.stderr
    assert [h.get("if-none-match") for h in feed_server.hits("/good.rss")] == [None, '"desk-wire-v1"']

    due = _fetch(tmp_path, "--due")  # everything was tried a moment ago
    assert due.returncode == 0, due.stderr
    assert due.stdout.splitlines() == ["Desk Wire: not due (next in 30m)", "Gone: not due (next in 30m)",
                                       "127.0.0.1/atom: not due (next in 30m)"]


def test_fetch_usage_errors_exit_2(tmp_path: Path, feed_server) -> None:
    none = _fetch(tmp_path)
    assert none.returncode == 2 and "no feeds in" in none.stderr and none.stdout == ""
    config = tmp_path / "mine.yaml"
    config.write_text(f"feeds:\n  - {feed_server.url}/good.rss\n", encoding="utf-8")
    unknown = _fetch(tmp_path, "--config", str(config), "--feed", "Nope")
    assert unknown.returncode == 2
    assert unknown.stderr == "briefing fetch: no feed named 'Nope'; the feeds are: 127.0.0.1/good.rss\n"
    bad_option = _fetch(tmp_path, "--config", str(config), "--bogus")
    assert bad_option.returncode == 2 and "unrecognized arguments: --bogus" in bad_option.stderr
    assert feed_server.requests == []


def test_fetch_reports_bad_entries_and_still_fetches_the_good(tmp_path: Path, feed_server) -> None:
    config = tmp_path / "mine.yaml"
    config.write_text(f"feeds:\n  - url: ftp://127.0.0.1/feed.xml\n  - url: {feed_server.url}/good.rss\n"
                      "    name: wire\n", encoding="utf-8")
    exe = Path(sys.executable).parent / "briefing"
    argv = [str(exe)] if exe.exists() else [sys.executable, "-m", "briefing_tui"]
    done = subprocess.run([*argv, "fetch", "--config", str(config)], capture_output=True, text=True,
                          env=_fetch_env(tmp_path), stdin=subprocess.DEVNULL, timeout=120)
    assert done.returncode == 1
    assert done.stdout == "wire: 3 entries, 2 KB\n"
    assert done.stderr == (f"{config}:2: feeds[0].url: 'ftp://127.0.0.1/feed.xml': a URL of scheme ftp:; only "
                           "http:// and https:// feeds are fetched; this feed is left out\n")


@pytest.mark.parametrize(("typed", "meant"), [("chek", "check"), ("exprot", "export"), ("fetc", "fetch")])
def test_a_mistyped_command_is_named_not_opened_as_a_path(typed: str, meant: str, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    assert main([typed, "x"]) == 2
    err = capsys.readouterr().err
    assert f"'{typed}' is not a command" in err and f"`briefing {meant}`" in err


def test_a_folder_named_like_a_command_typo_is_still_a_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from briefing_tui.cli import _mistyped_command

    monkeypatch.chdir(tmp_path)
    (tmp_path / "chek").mkdir()
    assert _mistyped_command(["chek"]) is None  # it exists: the dashboard opens it
    assert _mistyped_command(["news"]) is None  # nothing like a command: a path that is reported missing
    assert _mistyped_command(["log"]) is None and _mistyped_command(["chek.txt"]) is None


def test_export_log_and_copy_find_the_state_in_the_environment_or_config(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
        isolated_xdg: Path) -> None:
    from briefing_tui.sqlite_store import SQLiteStore

    config = isolated_xdg / "xdg_config_home" / "briefing" / "config.yaml"
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text("state: desk.sqlite3\nreviewer: Config Name\n", encoding="utf-8")
    with SQLiteStore.open(config.parent / "desk.sqlite3", reviewer="ana") as store:
        store.set_note("desk-2005-ba-fuel", "From the config's state")
    with SQLiteStore.open(tmp_path / "env.sqlite3", reviewer="ben") as store:
        store.set_note("desk-2005-ba-fuel", "From the environment's state")

    code, out, err = run(capsys, "export", str(SEEDS))
    assert code == 0 and "From the config's state" in out, err
    code, out, err = run(capsys, "log")
    assert code == 0 and "ana" in out and "note edited" in out
    monkeypatch.setenv("BRIEFING_STATE", str(tmp_path / "env.sqlite3"))
    code, out, err = run(capsys, "export", str(SEEDS))
    assert code == 0 and "From the environment's state" in out, err
    code, out, err = run(capsys, "export", str(SEEDS), "--state", str(config.parent / "desk.sqlite3"))
    assert code == 0 and "From the config's state" in out, err  # --state first

    # state copy records the reviewer of config.yaml when no flag or variable names one.
    code, out, err = run(capsys, "state", "copy", str(tmp_path / "env.sqlite3"), str(tmp_path / "copy.sqlite3"))
    assert code == 0 and "as Config Name" in out, err

    monkeypatch.setenv("BRIEFING_STATE", "mysql://db/desk")
    code, out, err = run(capsys, "export", str(SEEDS))
    assert code == 2 and err.strip().startswith("briefing: BRIEFING_STATE: ") and "\n" not in err.strip()


def test_a_latin1_terminal_gets_question_marks_not_a_traceback(tmp_path: Path) -> None:
    """A Latin-1 locale makes stdout Latin-1; ✓ and ⚑ in a digest or log must not stop the command."""
    import os

    from briefing_tui.sqlite_store import SQLiteStore

    state = tmp_path / "state.sqlite3"
    with SQLiteStore.open(state, reviewer="ana") as store:
        store.set_flagged("desk-2005-ba-fuel", True)
        store.set_note("desk-2005-ba-fuel", "Prüfen — with the desk")
    exe = Path(sys.executable).parent / "briefing"
    argv = [str(exe)] if exe.exists() else [sys.executable, "-m", "briefing_tui"]
    env = {**os.environ, "PYTHONIOENCODING": "latin-1", "XDG_CONFIG_HOME": str(tmp_path / "config"),
           "XDG_CACHE_HOME": str(tmp_path / "cache")}
    outputs = []
    for command in (["export", str(SEEDS), "--state", str(state)], ["log", "--state", str(state)]):
        done = subprocess.run([*argv, *command], capture_output=True, env=env, timeout=120)
        assert done.returncode == 0 and "Traceback" not in done.stderr.decode("latin-1"), done.stderr
        outputs.append(done.stdout.decode("latin-1"))
    export, log = outputs
    assert "Prüfen ? with the desk" in export and "? flagged" in export  # Latin-1 keeps ü; ⚑ and — are ?
    assert "ana" in log and "flagged" in log and "note edited" in log
