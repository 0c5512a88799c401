"""How the screen is shared between the item list and the panes: a proportion of the width (wide layout) or
the height (narrow), so a wide terminal's columns go to titles and text alike, changed with `<` and `>`.

The share is kept for the session, per layout: widening the list at 200 columns leaves the 80-column
split as it was when the terminal is made narrow again.
"""

from __future__ import annotations

from textual.screen import Screen

WIDE_AT = 120  # columns from which list, article and panels show together (MainScreen's breakpoint)
LIST_SHARE = {"wide": 45, "narrow": 40}  # percent of the width (wide) or of the body's height (narrow)
SHARE_STEP = 5
SHARE_RANGE = (20, 80)
MIN_LIST_COLUMNS = 36  # the mark column and a title that still reads
MIN_ARTICLE_COLUMNS = 50  # the article
# The four panels under the list and the article share the whole width as they always did, whatever the
# list's share: actors and quotes 3 parts each, figures and related 2 (quotes are long, actors short).
PANEL_PARTS = (("actors", 3), ("quotes", 3), ("figures", 2), ("related", 2))


def layout_for(width: int) -> str:
    return "wide" if width >= WIDE_AT else "narrow"


class ListSplit:
    """The list's share of the screen in each layout."""

    def __init__(self) -> None:
        self.share = dict(LIST_SHARE)

    def list_columns(self, width: int) -> int:
        """The list's width in the wide layout: its share, kept between the list's and the article's least."""
        wanted = round(width * self.share["wide"] / 100)
        return max(MIN_LIST_COLUMNS, min(wanted, width - MIN_ARTICLE_COLUMNS))

    def change(self, width: int, step: int) -> bool:
        """Give the list ``step`` more (or fewer) shares of the layout in force; False at either end."""
        layout = layout_for(width)
        low, high = SHARE_RANGE
        wanted = min(high, max(low, self.share[layout] + step * SHARE_STEP))
        if layout == "narrow":
            changed = wanted != self.share["narrow"]
            self.share["narrow"] = wanted
            return changed
        before = self.list_columns(width)
        self.share["wide"] = wanted
        if self.list_columns(width) == before:  # held by a least width: the share stays where it shows
            self.share["wide"] = round(before * 100 / width)
            return False
        return True

    def apply(self, screen: Screen) -> None:
        """Size the list (and with it the panes) for the screen's width, in the layout that width gives."""
        width = screen.size.width
        body, items = screen.query_one("#body"), screen.query_one("#items")
        if layout_for(width) == "wide":
            items.styles.height = None  # the grid's rows size it
            columns, spans = wide_grid(width, self.list_columns(width))
            body.styles.grid_size_columns = len(columns)
            body.styles.grid_columns = " ".join(map(str, columns))
            for pane, span in spans.items():
                for widget in screen.query(f"#{pane}"):  # the panes beside the list come after it
                    widget.styles.column_span = span
        elif screen.maximized is items:  # Z: the list takes the screen, not its share of it
            items.styles.height = "1fr"
        else:
            items.styles.height = f"{self.share['narrow']}%"


def wide_grid(width: int, list_columns: int) -> tuple[list[int], dict[str, int]]:
    """The wide layout's grid: its columns (cut wherever a pane above or below ends) and how many of
    them each pane spans; the list and the article above, the panels below, each its own width."""
    parts = sum(n for _, n in PANEL_PARTS)
    panel_ends, done = [], 0
    for pane, n in PANEL_PARTS:
        done += n
        panel_ends.append((pane, round(width * done / parts)))
    above = [("items", list_columns), ("article", width)]
    cuts = sorted({end for _, end in above + panel_ends})
    columns = [end - start for start, end in zip([0, *cuts], cuts, strict=False)]
    spans = {}
    for row in (above, panel_ends):
        start = 0
        for pane, end in row:
            spans[pane] = sum(1 for cut in cuts if start < cut <= end)
            start = end
    return columns, spans
