"""Which rules each cached item met, remembered between launches for one rule set.

Working rules out needs every item whole, and most loaded items are read
back from the parse cache for it: with a large archive that is most of the
cost (docs/performance.md, "Rules"). An item read from the cache is the same
item as long as its file's cache entry is (``Ref``: path, content digest,
place), and the same rules give it the same verdict, so the verdicts are
kept in a small file per rule set beside the parse cache. A launch with the
same rules and unchanged files reads that file instead of every item. It is
a cache of a computation, never state: delete it and the next launch works
everything out again. Items not in the parse cache (``--no-cache``) and
items a regular expression gave up on are never remembered.
"""

from __future__ import annotations

import contextlib
import json
import os
from pathlib import Path
from typing import TYPE_CHECKING

from . import __version__

if TYPE_CHECKING:
    from .catalog import Ref

LAYOUT = 1
KEEP = 8  # rule sets remembered: an analyst trying edits goes back and forth between a few
MAX_BYTES = 64 * 1024 * 1024


class RuleMemo:
    """Verdicts by item ref for the rule set ``key`` (``RuleSet.key``), in ``folder``."""

    def __init__(self, folder: Path, key: str) -> None:
        self.folder = folder
        self.path = folder / f"{key}.json"
        self._verdicts: dict[str, dict[str, list[int]]] = {}  # "digest path" -> {index: rules met}
        self._used: set[str] = set()  # files asked about or added this launch: the ones written back
        self._dirty = False

    @staticmethod
    def _file_key(ref: Ref) -> str:
        return f"{ref.digest} {ref.path}"

    def load(self) -> None:
        """Read what a launch remembered; anything missing, damaged or from another version is ignored."""
        from .problems import LoadError
        from .reading import read_bytes

        try:
            data = json.loads(read_bytes(self.path, limit=MAX_BYTES))
            if data["layout"] != LAYOUT or data["version"] != __version__:
                return
            verdicts = data["verdicts"]
            if not isinstance(verdicts, dict):
                return
            self._verdicts = {str(k): {str(i): [int(n) for n in m] for i, m in v.items()}
                              for k, v in verdicts.items()}
        except (LoadError, OSError, ValueError, KeyError, TypeError, AttributeError):
            self._verdicts = {}

    def get(self, ref: Ref) -> tuple[int, ...] | None:
        key = self._file_key(ref)
        self._used.add(key)
        found = self._verdicts.get(key)
        matched = found.get(str(ref.index)) if found is not None else None
        return tuple(matched) if matched is not None else None

    def put(self, ref: Ref, matched: tuple[int, ...]) -> None:
        key = self._file_key(ref)
        self._used.add(key)
        self._verdicts.setdefault(key, {})[str(ref.index)] = list(matched)
        self._dirty = True

    def save(self) -> None:
        """Write the verdicts of the files this launch used, if any were added (files no longer
        loaded drop out); keep the files of the last ``KEEP`` rule sets only. A folder that cannot be
        written costs the next launch the work, nothing else."""
        if not self._dirty:
            return
        self._dirty = False
        verdicts = {k: v for k, v in self._verdicts.items() if k in self._used}
        data = {"layout": LAYOUT, "version": __version__, "verdicts": verdicts}
        partial = self.path.with_name(f"{self.path.name}.{os.getpid()}.tmp")
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            partial.write_text(json.dumps(data, separators=(",", ":")), encoding="utf-8")
            os.replace(partial, self.path)  # whole or not at all, with another window writing too
            kept = sorted(self.folder.glob("*.json"), key=lambda p: p.stat().st_mtime, reverse=True)
            for old in kept[KEEP:]:
                old.unlink(missing_ok=True)
        except OSError:
            with contextlib.suppress(OSError):
                partial.unlink(missing_ok=True)
