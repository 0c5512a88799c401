"""How many loaded items each saved search (``searches:`` in config.yaml) finds, counted off the screen.

Find over a large archive reads every item's text; the palette shows the counts, so they are
counted on a daemon thread each time the items or the searches change, and the screen takes
the newest count only.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.message import Message

from ..background import Background
from .loader import BackgroundFailed

if TYPE_CHECKING:
    from textual.message_pump import MessagePump

    from ..filtering import SearchIndex
    from ..settings import SavedSearch


class SearchesCounted(Message):
    """Items each saved search's query finds (query -> count), from count round ``round``."""

    bubble = False  # for the screen alone

    def __init__(self, counts: dict[str, int], round: int) -> None:
        super().__init__()
        self.counts, self.round = counts, round


class SearchCounter:
    """Counts on its thread; a round begun later makes an earlier one's counts void."""

    def __init__(self, to: MessagePump) -> None:
        self._to = to
        self._job: Background | None = None
        self.round = 0

    def count(self, index: SearchIndex, searches: list[SavedSearch]) -> None:
        self.stop()
        self.round += 1
        round_, queries = self.round, list(dict.fromkeys(s.query for s in searches))
        if not queries:
            return
        total = len(index)

        def run(job: Background) -> None:
            counts: dict[str, int] = {}
            everything = list(range(total))
            for query in queries:
                if job.is_cancelled:
                    return
                counts[query] = len(index.find(query, everything))
            self._to.post_message(SearchesCounted(counts, round_))

        self._job = Background(run, name="briefing-search-counts", on_error=lambda exc: self._to.post_message(
            BackgroundFailed(exc, "counting saved searches")))
        self._job.start()

    def stop(self) -> None:
        if self._job is not None:
            self._job.cancel()
