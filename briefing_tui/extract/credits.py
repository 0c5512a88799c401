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
    r"\bFollow (?:him|her|them|us|me|[A-Z][\w.'\u2019]*(?: [A-Z][\w.'\u2019]*){0,5}(?: section)?) on "
    r"(?:Twitter|Facebook|Instagram|X|LinkedIn|YouTube|TikTok)\b"
)
# A call to the reader that is no part of the story, whatever follows: "Reach the reporters on Twitter at …",
# "Listen to Newsbeat live at 12:45", "Like this story? Share it with a friend!", "SEE MORE: …", a lone
# "Comments", "Updated at 1:23 p.m.", "We'd like to hear what you think": the page's, not the article's.
_READER_CALL = re.compile(
    r"^(?:(?:Reach|Contact|E-?mail|Write to) (?:the )?(?:reporters?|writers?|authors?|him|her|them|us)\b"
    r"|Listen (?:to|back|live)\b|Like this (?:story|article)\?|Share (?:this|it) (?:story|article|with)\b"
    r"|(?i:see more|read more|read also|also read|related|watch|more)\s*:|(?i:comments?)$"
    r"|(?=.{0,60}$)(?:Updated|Last updated|Published)(?: at| on|:)? (?:\d{1,2}[:.]\d{2}|(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun"
    r"|Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?,? \d)"
    r"(?:[\d\s:,./-]|\bat\b|[ap]\.?m\b\.?|[A-Z]{2,4}\b|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?)*$)"
)
# The page asking for the reader's letters: "… letters to the editor. We'd like to hear what you think".
_PAGE_OFFER = re.compile(r"\b[Ww]e(?:'|\u2019)d (?:like|love) to hear\b")
# Tags in capitals in brackets that label links to other stories: "… jibe [INSIGHT]| Lakers vs Nets … [VIDEO]".
_LINK_TAG = re.compile(r"\[[A-Z]{3,}\]")
# "Follow AP's full coverage of X at https://…", "More AP NBA: https://…", "Subscribe to X's newsletters":
# a short call to the reader, pointing at a link or a newsletter.
_CALL = re.compile(r"^(?:Follow|More(?= [A-Z]|:)|Read more|Subscribe|Sign up|Get|Watch|Click|See more)\b")
_LINK = re.compile(r"https?://|\bnewsletters?\b|\bsubscri(?:be|ptions?)\b", re.IGNORECASE)
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
    if len(text) <= _PROMO_MAX and (_READER_CALL.match(text) or _PAGE_OFFER.search(text)):
        return True
    if len(_LINK_TAG.findall(text)) >= 2:
        return True
    return len(text) <= _PROMO_MAX and bool(_FOLLOW.search(text))


def without_credits(paragraphs: list[str]) -> list[str]:
    """The paragraphs with every credit line emptied, so positions in the rest stay as they are."""
    return ["" if is_credit_line(p) else p for p in paragraphs]
