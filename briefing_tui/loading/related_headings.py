"""The headings that open a related-stories block: one list, read by the text and the page parsers.

Left out on purpose: "Related topics" heads a tag list, not headlines (the corpus rules say so,
``shared/corpus/SOURCES.md``), and "You may also like" heads a site's recommendation widget, not
the story's own related block.
"""

from __future__ import annotations

import re

HEADINGS = (
    r"related(?:\s+(?:stories|story|articles|article|coverage|content|news|links|reading|posts))?",
    r"more\s+on\s+this\s+(?:story|topic|subject)",
    r"more\s+about\s+this\s+story",
    r"more\s+stories",
    r"read\s+more(?:\s+on\s+this(?:\s+(?:story|topic))?)?",
    r"read\s+also",
    r"also\s+read",
    r"also\s+on\s+[\w.-]+(?:\s+news)?",  # "Also on rt.com", "Also on BBC News": the site's other stories
    r"see\s+also",
    r"further\s+reading",
    r"in\s+depth",
    r"recommended(?:\s+stories)?",
    r"more(?=\s*:)",  # "More:" with its colon; a bare "More" is a button or a menu
)
_ANY = "|".join(HEADINGS)

# A line of text (plain or Markdown, where it may be a `## heading`) that is a heading alone. Its end is
# spaces with at most one colon among them, written so that the spaces before and after a colon are not
# two loops over the same run: "Related" and a long run of spaces then a word would try every split of it.
RELATED_HEADING = re.compile(rf"^\s*(?:#+\s*)?(?:{_ANY})\s*(?::\s*)?$", re.IGNORECASE)
# A page element's whole text, already normalised.
RELATED_HEADING_PAGE = re.compile(rf"^(?:{_ANY})\s*:?$", re.IGNORECASE)
# How a text node that may be part of a heading starts: a page is searched with this first, as a
# heading's words can be split over several elements. Every heading above starts like this.
RELATED_HEADING_START = re.compile(
    r"^(?:(?:related|more\s+(?:on|about|stories)|read\s+(?:more|also)|see\s+also|further|also|in\s+depth"
    r"|recommended)\b|more\s*:)",
    re.IGNORECASE,
)
