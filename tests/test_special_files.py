"""Issue 14 (4, 11): devices, FIFOs and links where a file is read or written.

A FIFO blocks ``open`` until someone writes to it and ``/dev/zero`` never ends; neither has a size to
check first. Reading refuses them on the open descriptor; writing a digest writes into them as they are
instead of replacing the device node, and follows a link only knowingly.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from briefing_tui.loading.load import load_file
from briefing_tui.loading.yaml_items import load_yaml_file
from briefing_tui.problems import LoadError
from briefing_tui.reading import read_bytes
from briefing_tui.writing import write_atomic

from .bounded import finishes


@pytest.fixture
def specials(tmp_path: Path) -> dict[str, Path]:
    fifo = tmp_path / "fifo.txt"
    os.mkfifo(fifo)
    zero = tmp_path / "zero.txt"
    zero.symlink_to("/dev/zero")
    return {"fifo": fifo, "zero": zero, "device": Path("/dev/zero")}


@pytest.mark.parametrize("name, kind", [("fifo", "a FIFO"), ("zero", "a device"), ("device", "a device")])
def test_reading_refuses_what_is_not_a_regular_file(specials: dict[str, Path], name: str, kind: str) -> None:
    def read() -> str:
        try:
            read_bytes(specials[name])
        except LoadError as exc:
            return str(exc.problem)
        return "read"

    assert finishes(read) == f"{specials[name]}: not a regular file ({kind}); not read"


@pytest.mark.parametrize("name", ["fifo", "zero"])
def test_loading_any_such_path_gives_a_problem(specials: dict[str, Path], name: str) -> None:
    result = finishes(lambda: load_file(specials[name]))
    assert not result.items and "not a regular file" in str(result.problems[0])


@pytest.mark.parametrize("target", ["fifo", "device"])
def test_an_article_key_naming_a_device_or_fifo_is_a_problem(tmp_path: Path, specials: dict[str, Path],
                                                             target: str) -> None:
    briefing = tmp_path / "b.yaml"
    briefing.write_text(f"title: T\narticle: {specials[target]}\n", encoding="utf-8")
    result = finishes(lambda: load_yaml_file(briefing))
    assert [str(p) for p in result.problems] == [
        f"{briefing}:2:10: article: not a regular file ({'a FIFO' if target == 'fifo' else 'a device'}); "
        f"not read ({specials[target]})"]


def test_a_file_that_grows_past_the_limit_while_read_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "growing.txt"
    path.write_bytes(b"x" * 10)
    with pytest.raises(LoadError, match="the limit is"):
        read_bytes(path, limit=5)


# ------------------------------------------------------------------ writing


def test_writing_to_dev_null_keeps_the_device(tmp_path: Path) -> None:
    assert write_atomic(Path("/dev/null"), "digest\n") == Path("/dev/null")
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


def test_writing_to_dev_full_is_an_error_and_keeps_the_device() -> None:
    with pytest.raises(OSError, match="No space left"):
        write_atomic(Path("/dev/full"), "digest\n")
    assert stat.S_ISCHR(os.stat("/dev/full").st_mode)


def test_writing_to_a_fifo_nobody_reads_fails_at_once(specials: dict[str, Path]) -> None:
    def write() -> str:
        try:
            write_atomic(specials["fifo"], "digest\n")
        except OSError as exc:
            return exc.strerror or str(exc)
        return "written"

    assert finishes(write) == "No such device or address"
    assert stat.S_ISFIFO(os.lstat(specials["fifo"]).st_mode)


def test_writing_through_a_link_writes_its_target_and_keeps_the_link(tmp_path: Path) -> None:
    target = tmp_path / "digests" / "today.md"
    target.parent.mkdir()
    link = tmp_path / "latest.md"
    link.symlink_to(target)
    assert write_atomic(link, "one\n") == target
    assert link.is_symlink() and target.read_text() == "one\n"
    assert write_atomic(link, "two\n") == target
    assert link.is_symlink() and target.read_text() == "two\n"


def test_a_link_into_a_missing_folder_is_refused(tmp_path: Path) -> None:
    link = tmp_path / "latest.md"
    link.symlink_to(tmp_path / "no-such-folder" / "today.md")
    with pytest.raises(OSError, match="whose folder does not exist"):
        write_atomic(link, "x")
    assert link.is_symlink()


def test_a_new_file_is_private_and_an_existing_one_keeps_its_mode(tmp_path: Path) -> None:
    new = tmp_path / "new.md"
    write_atomic(new, "x")
    assert stat.S_IMODE(os.stat(new).st_mode) == 0o600
    shared = tmp_path / "shared.md"
    shared.write_text("old")
    shared.chmod(0o644)
    write_atomic(shared, "new")
    assert stat.S_IMODE(os.stat(shared).st_mode) == 0o644
