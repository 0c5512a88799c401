"""Which of the hotkeys' keywords each item's text matches, worked out once and kept with the parse.

A keyword hotkey must answer at once however many items are open, so it
never scans text: it combines sets made as items are added. Testing every
text costs a quarter of a millisecond an item, which at a desk's archive
size is most of a warm launch, so an entry's answers (one bit per keyword
of the hotkeys, in order) are stored with its parse-cache entry under the
keyword set's fingerprint (``keywords_key``) and read back with its
summaries; they are worked out again only for files parsed or keywords
changed since.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from .term_search import matched_where_words_stand

if TYPE_CHECKING:
    from .cache import ParseCache
    from .loading.result import LoadResult
    from .settings import Keyword

# The most keywords whose answers are kept with an entry: an int per item stays small, and the
# hotkeys are the digits and a few letters.
MAX_FLAGGED = 62


@dataclass(frozen=True, slots=True)
class FoldedKeyword:
    """A keyword's terms, ready to test case-folded item texts quickly.

    The keyword's own pattern (for highlighting the article as written) is
    case-insensitive with word boundaries, which makes ``re`` try every
    position of every text, and an alternation of the folded terms is not
    much quicker: over thousands of items that is seconds of work before a
    hotkey can answer. So plain terms are found by ``str.find`` of their
    first folded word (C speed), and only ``/regex/`` terms are searched with
    ``re``; the exact pattern then checks each place found. The timings are
    in ``docs/performance.md`` ("Keys").
    """

    exact: re.Pattern[str]
    words: tuple[str, ...]  # first folded word of each plain term
    regex: re.Pattern[str] | None  # the /regex/ terms alone, if any

    def found_in(self, text: str) -> bool:
        if matched_where_words_stand(text, self.words, self.exact):
            return True
        if self.regex is not None:
            match = self.exact.match
            return any(match(text, m.start()) for m in self.regex.finditer(text))
        return False


@lru_cache(maxsize=64)
def folded_keyword(terms: tuple[str, ...]) -> FoldedKeyword:
    """``terms`` for searching case-folded text: plain terms folded (their words joined by any
    whitespace), ``/regex/`` terms kept case-insensitive; matches only as whole words."""
    parts, words, regexes = [], [], []
    for term in terms:
        if len(term) > 2 and term.startswith("/") and term.endswith("/"):
            regexes.append(f"(?i:{term[1:-1]})")
            parts.append(regexes[-1])
        elif folded := [w.casefold() for w in term.split()]:
            parts.append(r"\s+".join(re.escape(w) for w in folded))
            words.append(folded[0])
    body = "(?:" + "|".join(parts) + ")"
    regex = re.compile("(?:" + "|".join(regexes) + ")") if regexes else None
    # A word that another starts with finds that one's places too ("russia" those of "russians").
    words = [w for w in dict.fromkeys(words) if not any(w.startswith(o) and w != o for o in words)]
    return FoldedKeyword(re.compile(r"(?<!\w)" + body + r"(?!\w)"), tuple(words), regex)


def flagged(keywords: Sequence[Keyword]) -> tuple[Keyword, ...]:
    """The keywords whose answers are kept per item: the hotkeys' own, each once, in order."""
    return tuple(dict.fromkeys(keywords))[:MAX_FLAGGED]


def keywords_key(keywords: Sequence[Keyword]) -> str:
    """The fingerprint stored answers are kept under: their terms, in order (bit k is keyword k), so
    renaming a keyword or moving it to another key keeps them, and changing a term does not."""
    terms = json.dumps([list(k.terms) for k in keywords], ensure_ascii=False)
    return hashlib.blake2b(terms.encode("utf-8", "surrogatepass"), digest_size=12).hexdigest()


def flags_of(texts: Sequence[str], keywords: Sequence[Keyword]) -> list[int]:
    """For each text, one bit per keyword it matches (bit k: ``keywords[k]``)."""
    tests = [(1 << k, folded_keyword(keyword.terms).found_in) for k, keyword in enumerate(keywords)]
    out = []
    for text in texts:
        folded = text.casefold()
        bits = 0
        for bit, found_in in tests:
            if found_in(folded):
                bits |= bit
        out.append(bits)
    return out


def flag_entries(result: LoadResult, keywords: Sequence[Keyword], key: str, cache: ParseCache | None) -> None:
    """Give each of the result's entries its keyword bits: read from the cache entry they were
    stored with, else worked out here and stored for next time. Runs on the loading thread, which
    owns ``cache``'s connection."""
    entries = result.entries
    if not entries or not keywords:
        return
    digest = result.digest
    stored = cache.get_flags(digest, key) if cache is not None and digest else None
    if stored is None or len(stored) != len(entries):
        stored = flags_of([e.text for e in entries], keywords)
        if cache is not None and digest and all(e.ref is not None and e.ref.digest == digest for e in entries):
            cache.put_flags(digest, key, stored)
    for entry, bits in zip(entries, stored, strict=True):
        entry.flags = bits
