"""Credit lines inside an article body: who reported, edited or contributed, author and site promos.

The specification takes nothing from credit lines, but pages and agency copy leave them in the body
("Associated Press writers A, B and C contributed to this report.", "(Reporting by A; editing by
B)", "Follow him on Twitter @handle."). They are recognised by their shape, at any length, so
the names in them do not become actors of the story.
"""

from __future__ import annotations

import re

# "... contributed to this report." / "... contributed reporting." closing the paragraph.
_CONTRIBUTED = re.compile(
    r"\bcontributed(?: reporting| to (?:this|the) (?:report|story|article))?\s*[.)]?\s*$", re.IGNORECASE
)
# "(Reporting by A and B; Editing by C)": a bracketed list of desk roles.
_DESK = re.compile(
    r"^\(\s*(?:additional\s+)?(?:reporting|writing|editing|compiled|research|graphics)\s+by\b.*\)\.?\s*$",
    re.IGNORECASE | re.DOTALL,
)
# "Follow him on Twitter @handle." closing a short author paragraph.
_FOLLOW = re.compile(
    r"\bFollow (?:him|her|them|us|me|[A-Z][\w.]*(?: [A-Z][\w.]*)?) on (?:Twitter|Facebook|Instagram|X)\b"
)
# "Follow AP's full coverage of X at https://…", "More AP NBA: https://…", "Subscribe to X's newsletters":
# a short call to the reader, pointing at a link or a newsletter.
_CALL = re.compile(r"^(?:Follow|More(?= [A-Z]|:)|Read more|Subscribe|Sign up|Get|Watch|Click|See more)\b")
_LINK = re.compile(r"https?://|\bnewsletters?\b", re.IGNORECASE)
# "UP NEXT", "DON'T MISS": a page label or sub-head in capitals standing as a paragraph of its own.
_LABEL = re.compile(r"^[A-Z][A-Z'\u2019-]+(?: [A-Z][A-Z'\u2019-]+){0,3}$")
# "[Related: A, B And C]": an inline link to other stories, in brackets.
_RELATED = re.compile(r"^\[(?:Related|Read more|Read also|See also|Also read|More)\s*:.*\]$", re.IGNORECASE)
# An author promotion is a short paragraph; longer ones carry story text as well.
_PROMO_MAX = 400


def is_credit_line(paragraph: str) -> bool:
    """True for a paragraph that credits the story's staff or promotes its author."""
    text = paragraph.strip()
    if not text:
        return False
    if _DESK.match(text) or _LABEL.match(text) or _RELATED.match(text):
        return True
    if len(text) <= _PROMO_MAX and _CALL.match(text) and _LINK.search(text):
        return True
    if len(text) <= _PROMO_MAX and _CONTRIBUTED.search(text):
        return True
    return len(text) <= _PROMO_MAX and bool(_FOLLOW.search(text))


def without_credits(paragraphs: list[str]) -> list[str]:
    """The paragraphs with every credit line emptied, so positions in the rest stay as they are."""
    return ["" if is_credit_line(p) else p for p in paragraphs]
