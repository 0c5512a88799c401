"""The yardstick: the smallest Textual app that paints a fixed line (launch time of Textual itself)."""

from textual.app import App, ComposeResult
from textual.widgets import Static

READY = "minimal textual app ready"


class Minimal(App[None]):
    BINDINGS = [("q", "quit", "Quit")]

    def compose(self) -> ComposeResult:
        yield Static(READY)


if __name__ == "__main__":
    Minimal().run()
