"""Files written for the analyst (digests, note drafts): whole or not at all, private, and never
written through a special file or a link without knowing it.

``os.replace`` swaps a directory entry: given ``/dev/null`` it would, as root, replace the
device with a regular file, and given a symbolic link it would replace the link rather than
the file it names. So a device or FIFO is written into as it is, a link is followed to an
existing folder on purpose (and the caller is told which file was written), and everything
else gets the atomic temp-file-and-rename.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path


class OutputRefused(OSError):
    """The path cannot be written as asked; the message says why, for the user."""


def write_atomic(path: Path, text: str | bytes) -> Path:
    """Write ``text`` so the file holds either its old content or all of the new, never a part.

    Bytes are written as they are (a fetched feed keeps the encoding it declares), text as UTF-8.

    Temp file in the same folder (so the rename is atomic), fsync, ``os.replace``, then fsync the
    folder so the rename itself survives a crash. A new file is readable by its owner only; an
    existing one keeps its mode. Returns the file written: the target when ``path`` is a link.
    """
    path = Path(path)
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        st = None
    if st is not None and stat.S_ISLNK(st.st_mode):
        target = Path(os.path.realpath(path))
        if not target.parent.is_dir():
            raise OutputRefused(f"it is a symbolic link to {target}, whose folder does not exist")
        path = target
        with contextlib.suppress(FileNotFoundError):
            st = os.stat(path)
        if st is not None and stat.S_ISLNK(st.st_mode):
            st = None  # a link to a file not there yet: it is created
    if st is not None and not stat.S_ISREG(st.st_mode):
        if stat.S_ISDIR(st.st_mode):
            raise OutputRefused("it is a folder")
        _write_into(path, text)  # /dev/null, /dev/stdout, a FIFO someone reads: as they are
        return path
    folder = path.parent if str(path.parent) else Path(".")
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)  # mode 0600
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(_encoded(text))
            fh.flush()
            os.fsync(fh.fileno())
        if st is not None:
            os.chmod(tmp_name, st.st_mode & 0o7777)
        os.replace(tmp_name, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp_name)
        raise
    _fsync_folder(folder)
    return path


def _encoded(text: str | bytes) -> bytes:
    return text if isinstance(text, bytes) else text.encode("utf-8")


def _write_into(path: Path, text: str | bytes) -> None:
    # Non-blocking open: a FIFO nobody reads fails at once (ENXIO) instead of waiting for ever.
    fd = os.open(path, os.O_WRONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    try:
        os.set_blocking(fd, True)
        data = memoryview(_encoded(text))
        while data:
            data = data[os.write(fd, data):]
    finally:
        os.close(fd)


def _fsync_folder(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return  # not every platform can open a folder; the rename is still atomic
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
