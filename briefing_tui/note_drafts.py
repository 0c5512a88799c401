"""Unsaved note drafts kept as files on this machine, one per item, for every kind of review store.

A draft must survive a crash of the dashboard and a store that cannot be written (a locked file, a
desk's server gone), so it never lives in the store itself: each store only says which folder
holds its drafts (``_drafts_folder``), and None where it keeps none (read-only, in memory).
"""

from __future__ import annotations

import contextlib
import hashlib
from pathlib import Path

from .problems import LoadError
from .reading import read_bytes
from .review_state import StoreError
from .writing import write_atomic

MAX_DRAFT_BYTES = 1024 * 1024


class NoteDrafts:
    """save_draft, draft and drop_draft of the review-store interface, on files."""

    def _drafts_folder(self) -> Path | None:
        raise NotImplementedError

    def _draft_file(self, item_id: str) -> Path | None:
        """Where an item's unsaved note draft lives (ids may hold any text: the name is a hash)."""
        folder = self._drafts_folder()
        return None if folder is None else folder / f"{hashlib.sha256(item_id.encode()).hexdigest()[:24]}.txt"

    def save_draft(self, item_id: str, text: str) -> None:
        """Write the draft privately and whole (a crash leaves the old one)."""
        file = self._draft_file(item_id)
        if file is None:
            return
        try:
            file.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            write_atomic(file, text)
        except OSError as exc:
            raise StoreError(exc.strerror or str(exc)) from exc

    def draft(self, item_id: str) -> str | None:
        """The draft's text; None when there is none or it is not a draft this program wrote (a FIFO or
        device planted there is not opened blocking, a huge file is not read)."""
        file = self._draft_file(item_id)
        if file is None:
            return None
        try:
            return read_bytes(file, limit=MAX_DRAFT_BYTES).decode("utf-8")
        except (LoadError, UnicodeDecodeError):
            return None

    def drop_draft(self, item_id: str) -> None:
        file = self._draft_file(item_id)
        if file is not None:
            with contextlib.suppress(OSError):  # a read-only folder: offered again next time, dropped then
                file.unlink(missing_ok=True)
