"""Where the bundled seeds and default config are, installed or in a source checkout, and how an
item's source is named to a person (a bundled seed by its ``seeds/`` name, not an install path)."""

from __future__ import annotations

from pathlib import Path, PurePath

_PACKAGE = Path(__file__).resolve().parent


def _bundled(name: str) -> Path:
    # A wheel carries them as package data under _data/; a checkout or an
    # editable install finds them at the project root.
    packaged = _PACKAGE / "_data" / name
    return packaged if packaged.is_dir() else _PACKAGE.parent / name


def seeds_dir() -> Path:
    return _bundled("seeds")


def default_config_dir() -> Path:
    return _bundled("config")


def shown_source(source: str | None) -> str | None:
    """An item's source as the header, the copied citation and every digest show it.

    One rule for all of them, so the dashboard's export and ``briefing export`` write the same
    source for the same item: a file of the bundled seeds is ``seeds/NAME`` wherever briefing is
    installed (a ``site-packages/…`` path means nothing to an analyst and differs per machine); an
    absolute path inside the current folder is relative to it, one under the home folder starts
    with ``~/``; a relative path, a URL or a label (``BBC News``) is shown as it was given.
    """
    if not source or "://" in source:
        return source
    path = PurePath(source)
    if not path.is_absolute():
        return source
    for label, base in (("seeds/", seeds_dir), ("", Path.cwd), ("~/", Path.home)):
        try:
            return label + path.relative_to(base()).as_posix()
        except (ValueError, OSError, RuntimeError):  # not under it; a deleted working folder; no home
            continue
    return source
