"""Two versions of one note, edited from the same start in two windows, put together line by line.

When two windows save different notes on one item, neither may silently win. The analyst sees
both and chooses; "merge" offers this module's result in the editor, to read and save by hand.
Edits that touch different lines of the note they both began from are combined as a version
control tool would; edits to the same lines are kept side by side under labels, nothing dropped.
"""

from __future__ import annotations

from difflib import SequenceMatcher

MINE_LABEL = "── your version ──"
THEIRS_LABEL = "── the other window's version ──"


def merge_notes(base: str, mine: str, theirs: str) -> tuple[str, bool]:
    """(merged text, clean): ``clean`` is False when both changed the same lines, which then stand
    one after the other under labels."""
    if mine == theirs or theirs == base:
        return mine, True
    if mine == base:
        return theirs, True
    base_lines, my_lines, their_lines = base.splitlines(), mine.splitlines(), theirs.splitlines()
    my_edits = _edits(base_lines, my_lines)
    their_edits = _edits(base_lines, their_lines)
    if _overlap(my_edits, their_edits):
        merged = "\n".join([THEIRS_LABEL, theirs.rstrip("\n"), "", MINE_LABEL, mine.rstrip("\n")])
        return merged, False
    # Apply both sets of edits from the end of the base backwards, so earlier offsets stay valid; at
    # one insertion point mine goes in first, so theirs ends up before it.
    out = list(base_lines)
    ordered = [(e, 1) for e in my_edits] + [(e, 0) for e in their_edits]
    for (start, end, lines), _ in sorted(ordered, key=lambda x: (x[0][0], x[0][1], x[1]), reverse=True):
        out[start:end] = lines
    return "\n".join(out), True


Edit = tuple[int, int, list[str]]  # replace base lines [start, end) with these lines


def _edits(base: list[str], other: list[str]) -> list[Edit]:
    matcher = SequenceMatcher(a=base, b=other, autojunk=False)
    return [(i1, i2, other[j1:j2]) for tag, i1, i2, j1, j2 in matcher.get_opcodes() if tag != "equal"]


def _overlap(a: list[Edit], b: list[Edit]) -> bool:
    """Whether an edit of ``a`` and one of ``b`` touch the same lines. Two pure insertions at one
    place (both added lines at the end, say) do not: both are kept, theirs first."""
    for s1, e1, _ in a:
        for s2, e2, _ in b:
            both_insert = s1 == e1 and s2 == e2
            if (s1 == s2 and not both_insert) or (s1 < e2 and s2 < e1):
                return True
    return False
