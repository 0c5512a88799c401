"""Split a plain-text or Markdown article into headline, dateline, body and related block.

The layout is the one described in the extraction spec: an optional
headline line, an optional dateline, body paragraphs, optional credit lines
and an optional related-stories block. Everything downstream extracts from
``ArticleText.paragraphs`` only, so what is cut here never reaches a panel.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from ..article_text import ArticleText
from ..model import Related
from .related_headings import RELATED_HEADING

# A byline: "By" and one or more names (capitalised, case-sensitive), then perhaps the outlet or the
# writer's post after a comma, bar or dash: `By Jane Smith`, `By JANE SMITH and Li Wei, Associated Press`.
_NAME = r"(?-i:[A-Z][\w.'\u2019-]+(?:\s+(?:[A-Z][\w.'\u2019-]+|de|van|von|der|la|le|da|di|bin|al)){0,3})"
_BYLINE = (
    rf"by\s+{_NAME}(?:(?:\s*,\s*|\s+and\s+|\s*,\s+and\s+){_NAME})*"
    rf"(?:\s*(?:,|\||-|\u2013|\u2014)\s*(?-i:[A-Z][\w.&'\u2019-]*)(?:\s+(?-i:[A-Z][\w.&'\u2019-]*|of|for|and|the)){{0,5}})?\s*$"
)
CREDIT_LINE = re.compile(
    r"^\s*[(\[]?\s*(?:(?:additional\s+)?(?:reporting|writing|editing|edited|compiled|translated|"
    rf"produced|written|researched|photos?|graphics?)(?:\s+and\s+\w+)?\s+by\b|{_BYLINE}"
    r"|copyright\b|©)",
    re.IGNORECASE,
)

# `TAIPEI, Taiwan –`, `TRENTON —`, `LONDON (Reuters) -`, `WASHINGTON, Jan. 5 --`, `NEW DELHI:`,
# `Dekalb, Ill. —`. Which of these shapes is a dateline is decided in ``split_dateline``.
_MONTH = "(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*"
_W = "[A-Z\u00c0-\u00de][A-Za-z\u00c0-\u00ff.'\u2019-]+"  # a word of a place's name, accented letters too
DATELINE = re.compile(
    rf"^(?P<place>(?P<head>{_W}(?:(?:\s+|/){_W}){{0,3}})"
    rf"(?:,\s+(?P<region>{_W}(?:\s+{_W}){{0,2}}))?"
    rf"(?P<date>,?\s+(?:{_MONTH}\.?\s+\d{{1,2}}(?:,\s+\d{{4}})?|\d{{1,2}}\s+{_MONTH}\.?(?:\s+\d{{4}})?))?)"
    r"(?:\s*\((?P<agency>[^)]{2,40})\)|\.?\s*/(?P<wire>[A-Za-z][\w .-]{1,30})/\.?)?"
    r"\s*(?:(?P<dash>[\u2013\u2014]|--?|_(?=\s))(?:\s+|$|(?=[A-Z\u201c\"]))|(?P<colon>:)\s+(?=[A-Z\u201c\"])"
    r"|(?<=[)/.])(?P<glued>\s*)(?=[A-Z\u201c\"]))"
)
# A US state or similar region as news agencies abbreviate it: `Ill.`, `Calif.`, `D.C.`, `W.Va.`.
_REGION_ABBREVIATION = re.compile(r"^(?:[A-Z][a-z]{1,4}\.|(?:[A-Z]\.){2}|[A-Z]\.[A-Z][a-z]\.)$")

# A US state by its two-letter postal code (`GA`, `TX`), as local stations write it after a town.
_POSTAL_STATE = re.compile(r"[A-Z]{2}")

_MAX_QUESTION_HEADLINE_WORDS = 15  # a headline that asks is short; a longer question is a sentence
_SENTENCE_END = re.compile(r"[.!?:;…]['\"\u2019\u201d)]*$")
# Link text and emphasis stop at the next bracket or delimiter, so an unclosed run (`[[[[...`,
# `_x _x _x ...`) costs one short scan per character rather than one to the end of the line.
# A link is `[text](url)` or `[text](url "title")`, as the pattern
#     \[([^\[\]\n]+)\]\((\S+?)(?:\s+"[^"]*")?\)
# reads it; ``_strip_links`` reads it the same way without trying every `[text](` against the whole
# rest of the line (`[a]([a]([a](...` would cost the square of the line's length).
_LINK_TEXT_END = re.compile(r"[\[\]\n]")
_URL_END = re.compile(r"[\s)]")
_LINK_TITLE = re.compile(r"\s+\"[^\"]*\"\)")
_MD_EMPHASIS = re.compile(r"(\*\*|__|\*|_)(?=\S)((?:(?!\1).)+?)(?<=\S)\1")
_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")
_MD_BULLET = re.compile(r"^\s{0,3}(?:[-*+]|\d+[.)])\s+")
_MD_QUOTE = re.compile(r"^\s{0,3}>\s?")


def looks_like_headline(line: str) -> bool:
    """A related-story headline: short and not a finished sentence, though it may ask a question."""
    words = line.split()
    if not words or len(words) > 30 or len(line) > 220:
        return False
    end = _SENTENCE_END.search(line.rstrip())
    return end is None or (end.group().startswith("?") and len(words) <= _MAX_QUESTION_HEADLINE_WORDS)


def split_dateline(paragraph: str) -> tuple[str | None, str]:
    """Cut a leading dateline off the first paragraph: (dateline, rest).

    A dateline is a place in capitals before a dash (`TRENTON —`), or before a colon when that
    place is a known one (`NEW DELHI:`; `UPDATE:` is a kicker, not a place). A place written in
    mixed case is one only with a region abbreviated the agencies' way (`Dekalb, Ill. —`), since
    `Smith — the manager —` opens a sentence the same way."""
    m = DATELINE.match(paragraph)
    if not m:
        return None, paragraph
    place = m.group("place").strip().rstrip(",")
    head = m.group("head")
    # A dateline's first part is a place name, at least three letters.
    if sum(ch.isalpha() for ch in head) < 3:
        return None, paragraph
    capitals = head.isupper()
    region = m.group("region")
    if m.group("colon"):
        # `NEW DELHI:`, `New Delhi:`: a known place; `UPDATE:` is a kicker, `Harper: the coach` no dateline.
        if m.group("agency") or not _known_place(head):
            return None, paragraph
    elif m.group("glued") is not None and not (m.group("agency") or m.group("wire")):
        return None, paragraph  # only an agency's bracket or slashes close a dateline without a dash
    elif m.group("glued") is not None:
        # `Washington (CNN)President Trump`, `New Delhi, Nov 19 (PTI) The`: the agency's bracket closes
        # the dateline with no dash, so the place must be a known one or carry the date.
        if not (m.group("date") or _known_place(head)):
            return None, paragraph
    elif not capitals:
        # `Dekalb, Ill. —`, `Beijing, Nov 19 (Reuters) -`: a place in mixed case needs what only a
        # dateline has after it, an abbreviated state or a date and the agency; or a known place and
        # the country or state it is in (`Nairobi, Kenya —`, `Atlanta, GA —`), or a known place alone
        # before a dash and a new sentence (`Lagos — The`; `Harper — the coach —` is no place).
        abbreviated = bool(region and _REGION_ABBREVIATION.match(region))
        placed = bool(region) and _known_place(head) and (_known_place(region) or _POSTAL_STATE.fullmatch(region))
        alone = not region and m.group("dash") and _known_place(head) and _opens_sentence(paragraph[m.end():])
        if not (abbreviated or placed or alone or (m.group("date") and m.group("agency"))):
            return None, paragraph
    elif m.group("dash") and not m.group(0)[-1].isspace() and len(head.replace(" ", "")) < 4:
        return None, paragraph  # "USA—" glued to its text is a word, not a dateline
    rest = paragraph[m.end() :]
    if not rest.strip() and not m.group("dash"):
        return None, paragraph
    return place, rest  # rest is empty when the page sets the dateline apart (`<p>MIAMI (AP) —</p>`)


def _opens_sentence(rest: str) -> bool:
    """The text after a dash starts a sentence (a capital or an opening quote)."""
    return bool(re.match(r"\s*[A-Z\u201c\"]", rest))


def _known_place(name: str) -> bool:
    """A name in capitals that the place lists hold (`NEW DELHI`), matched in title case."""
    from ..extract.names import gazetteer

    gaz = gazetteer()
    title = " ".join(w.capitalize() for w in name.split())
    return title in gaz.places or title in gaz.country_of or title.upper() in gaz.country_of


def _blocks(lines: list[str]) -> list[list[str]]:
    blocks: list[list[str]] = []
    current: list[str] = []
    for line in lines:
        if line.strip():
            current.append(line.strip())
        elif current:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    return blocks


def _strip_links(line: str, related_urls: dict[str, str]) -> str:
    """Each link replaced by its text, its URL noted under that text.

    Where a link's text and URL end is looked up among the line's brackets, spaces and closing
    parentheses, found once for the line; a title is read once for each place one may start."""
    if "](" not in line:
        return line
    text_ends = [m.start() for m in _LINK_TEXT_END.finditer(line)]
    url_ends = [m.start() for m in _URL_END.finditer(line)]
    titles: dict[int, int | None] = {}  # where a title may start -> where the link then ends
    n = len(line)
    out: list[str] = []
    done = 0  # the line before this is in out
    p = line.find("[")
    while p >= 0:
        k = bisect_right(text_ends, p)
        r = text_ends[k] if k < len(text_ends) else n  # the text is line[p + 1 : r]
        url = r + 2
        end = None
        if r > p + 1 and line.startswith("](", r) and url < n and not line[url].isspace():
            k = bisect_right(url_ends, url)
            q = url_ends[k] if k < len(url_ends) else n  # the URL is line[url:q]
            if q < n and line[q] == ")":
                end = q + 1
            elif q < n:
                if q not in titles:
                    m = _LINK_TITLE.match(line, q)
                    titles[q] = m.end() if m else None
                end = titles[q]
        if end is None:
            p = line.find("[", p + 1)
            continue
        label = line[p + 1 : r]
        related_urls[label.strip()] = line[url:q]
        out.append(line[done:p])
        out.append(label)
        done = end
        p = line.find("[", end)
    out.append(line[done:])
    return "".join(out)


def _strip_markdown(line: str, related_urls: dict[str, str]) -> str:
    line = _MD_QUOTE.sub("", line)
    line = _MD_HEADING.sub("", line)
    line = _MD_BULLET.sub("", line)
    line = _strip_links(line, related_urls)
    line = _MD_EMPHASIS.sub(lambda m: m.group(2), line)
    return line.strip()


def split_article(text: str, *, markdown: bool = False) -> ArticleText:
    """Cut a plain-text (or Markdown) article into its parts.

    With blank lines between paragraphs, each block is one paragraph (wrapped
    lines are joined); without any, each line is one. The related block and
    the headline are read line by line in either layout.
    """
    raw_lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    urls: dict[str, str] = {}
    md_title: str | None = None
    if markdown:
        cleaned = []
        text_before = False  # cleaned has a line with text: kept as it grows, not asked anew at every heading
        for line in raw_lines:
            if md_title is None and not text_before and re.match(r"^\s{0,3}#\s+\S", line):
                md_title = _strip_markdown(line, urls)
                cleaned.append("")
                continue
            if re.match(r"^\s{0,3}(?:-{3,}|\*{3,}|_{3,})\s*$", line):
                cleaned.append("")
                continue
            cleaned.append(_strip_markdown(line, urls) if line.strip() else "")
            text_before = text_before or bool(cleaned[-1].strip())
        raw_lines = cleaned

    blocks = _blocks(raw_lines)
    has_blank_layout = len(blocks) > 1
    article = ArticleText(title=md_title)

    # Headline: a first line that stands alone and is not a finished sentence.
    if article.title is None and blocks:
        first = blocks[0][0]
        alone = len(blocks[0]) == 1 or not has_blank_layout
        if (
            alone
            and looks_like_headline(first)
            and not split_dateline(first)[0]
            and not RELATED_HEADING.match(first)
            and (has_blank_layout or len(blocks[0]) > 1)
        ):
            article.title = first
            blocks[0] = blocks[0][1:]
            if not blocks[0]:
                blocks.pop(0)

    # Units to classify: in the blank-line layout a block is a paragraph,
    # except that a block opening with a related heading is read by lines.
    units: list[tuple[str, bool]] = []  # (text, starts_block)
    for block in blocks:
        if not has_blank_layout or RELATED_HEADING.match(block[0]) or _is_list_of_lines(block):
            for i, line in enumerate(block):
                units.append((line, i == 0))
        else:
            units.append((" ".join(block), True))

    paragraphs: list[str] = []
    i = 0
    while i < len(units):
        line, _ = units[i]
        if RELATED_HEADING.match(line):
            j = i + 1
            headlines: list[str] = []
            while j < len(units) and looks_like_headline(units[j][0]) and not CREDIT_LINE.match(units[j][0]):
                if has_blank_layout and units[j][1] and headlines:
                    break
                headlines.append(units[j][0])
                j += 1
            if headlines:
                article.related.extend(Related(title=h, url=urls.get(h)) for h in headlines)
                i = j
                continue
        if CREDIT_LINE.match(line) and len(line.split()) <= 14:
            article.credits.append(line)
            i += 1
            continue
        paragraphs.append(line)
        i += 1

    if paragraphs:
        dateline, rest = split_dateline(paragraphs[0])
        if dateline:
            article.dateline = dateline
            paragraphs[0] = rest
    article.paragraphs = [p for p in (" ".join(p.split()) for p in paragraphs) if p]
    for rel in article.related:
        rel.title = " ".join(rel.title.split())
    return article


def _is_list_of_lines(block: list[str]) -> bool:
    """A block whose lines are each a full paragraph (a file without blank lines inside a section)."""
    if len(block) < 2:
        return False
    return all(_SENTENCE_END.search(line) or looks_like_headline(line) for line in block) and any(
        len(line) > 100 for line in block
    )
