"""Help: every binding of the screen beneath, generated from the bindings in force (remaps included)."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.dom import DOMNode
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from ..textual_internals import node_bindings, user_keymap

GROUPS = [
    ("list", "Moving through items"),
    ("article", "Reading the article"),
    ("panel", "Panels"),
    ("pane", "Panes"),
    ("find", "Finding"),
    ("filter", "Filtering by keyword"),
    ("keyword", "Filtering by keyword"),
    ("rules", "Rules"),
    ("review", "Reviewing"),
    ("select", "Reviewing"),  # several items at once: with the marks they act on
    ("note", "Note editor"),
    ("output", "Output"),
    ("app", "App"),
]
WHERE = {"ItemList": "item list", "ArticleView": "article", "Panel": "panels", "FindInput": "find box",
         "Screen": "everywhere",
         "BriefingApp": "everywhere", "MainScreen": "everywhere"}


def binding_rows(app, screen: Screen) -> list[tuple[str, str, str, str]]:
    """(group, keys, description, where) for every binding with an id, keys as the user has them."""
    nodes: list[DOMNode] = [app, screen]
    seen_types: set[type] = set()
    for widget in screen.query("*"):
        if type(widget) not in seen_types and node_bindings(widget).key_to_bindings:
            seen_types.add(type(widget))
            nodes.append(widget)
    by_id: dict[tuple[str, str], tuple[list[str], Binding, str]] = {}
    declared: dict[str, tuple[int, int]] = {}  # binding id -> (class depth, place in that class's BINDINGS)
    for node in nodes:
        where = next((WHERE[c.__name__] for c in type(node).__mro__ if c.__name__ in WHERE), type(node).__name__)
        for depth, cls in enumerate(type(node).__mro__):
            for place, declared_binding in enumerate(cls.__dict__.get("BINDINGS", ())):
                if isinstance(declared_binding, Binding) and declared_binding.id:
                    declared.setdefault(declared_binding.id, (depth, place))
        bindings_map = node_bindings(node).copy()
        if user_keymap(app):
            bindings_map.apply_keymap(user_keymap(app))
        for key, bindings in bindings_map.key_to_bindings.items():
            for binding in bindings:
                if not binding.id or binding.system:
                    continue
                entry = by_id.setdefault((binding.id, where), ([], binding, where))
                display = app.get_key_display(binding.with_key(key))
                if display not in entry[0]:
                    entry[0].append(display)
    rows = []
    order = {prefix: i for i, (prefix, _) in enumerate(GROUPS)}
    for (binding_id, _), (keys, binding, where) in by_id.items():
        prefix = binding_id.split(".")[0]
        group = dict(GROUPS).get(prefix, "Other")
        description = binding.tooltip if binding.description == "Keywords" and binding.tooltip else binding.description
        rows.append((group, ", ".join(keys), description or binding.action, where, order.get(prefix, 99),
                     declared.get(binding_id, (99, 0))))
    # Within a section, keys in the order their widget declares them (next before previous, first
    # before last), not by the alphabet of their descriptions.
    rows.sort(key=lambda r: (r[4], r[0], r[3] != "everywhere", r[5]))
    return [(g, k, d, w) for g, k, d, w, _, _ in rows]


class HelpScreen(ModalScreen[None]):
    """The keys in force, grouped; Esc, q or ? closes it."""

    BINDINGS = [
        Binding("escape,q,question_mark", "dismiss", "Close help", id="help.close"),
        Binding("j,down", "scroll(1)", "Scroll down", show=False, id="help.down"),
        Binding("k,up", "scroll(-1)", "Scroll up", show=False, id="help.up"),
        Binding("space,pagedown,ctrl+f", "page(1)", "Page down", show=False, id="help.page_down"),
        Binding("b,pageup,ctrl+b", "page(-1)", "Page up", show=False, id="help.page_up"),
        Binding("g,home", "edge(False)", "Top", show=False, id="help.top"),
        Binding("G,end", "edge(True)", "Bottom", show=False, id="help.bottom"),
    ]
    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll { width: 90%; max-width: 100; height: 90%; border: thick $accent;
        background: $surface; padding: 0 1; }
    """

    def __init__(self, rows: list[tuple[str, str, str, str]]) -> None:
        super().__init__()
        self.rows = rows

    def compose(self) -> ComposeResult:
        scroll = VerticalScroll()
        scroll.border_title = "Keys  (Esc closes)"
        with scroll:
            current = None
            table: Table | None = None
            parts: list[Table | Text] = []
            for group, keys, description, where in self.rows:
                if group != current:
                    current = group
                    parts.append(Text(f"\n{group}", style="bold underline"))
                    table = Table.grid(padding=(0, 2))
                    table.add_column(min_width=14, style="bold")
                    table.add_column()
                    table.add_column(style="dim")
                    parts.append(table)
                assert table is not None
                table.add_row(Text(keys), Text(description), Text(where))
            for part in parts:
                yield Static(part)

    def action_scroll(self, lines: int) -> None:
        self.query_one(VerticalScroll).scroll_relative(y=lines, animate=False)

    def action_page(self, pages: int) -> None:
        scroll = self.query_one(VerticalScroll)
        scroll.scroll_relative(y=pages * max(scroll.scrollable_content_region.height - 1, 1), animate=False)

    def action_edge(self, end: bool) -> None:
        scroll = self.query_one(VerticalScroll)
        if end:
            scroll.scroll_end(animate=False)
        else:
            scroll.scroll_home(animate=False)
