"""Each private part of Textual the dashboard relies on (briefing_tui/ui/textual_internals.py) is
still there and still behaves as relied on. A failure names the internal and the Textual version:
read the module's docstring for what depends on it before widening the pin in pyproject.toml."""

from __future__ import annotations

import collections
import importlib
import inspect
import pkgutil
import re
from importlib.metadata import version

import pytest
from textual import events
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingsMap
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import Input

import briefing_tui.ui
from briefing_tui.ui.textual_internals import (
    HookedApp,
    InputValueHook,
    add_binding,
    class_bindings,
    drop_bindings,
    exit_requested,
    in_batch_update,
    node_bindings,
    update_scroll_range,
    user_keymap,
    waiting_in_queue,
)

from .ui.helpers import wait_for

TEXTUAL = version("textual")


def gone(internal: str, how: str = "is gone or has changed") -> str:
    return (f"Textual {TEXTUAL}: {internal} {how}; the dashboard relies on it "
            "(briefing_tui/ui/textual_internals.py)")


def private_method(owner: type, name: str) -> None:
    assert callable(vars(owner).get(name)), gone(f"{owner.__name__}.{name}", "is no longer a method of its own")


# ---------------------------------------------------------------------- message queues


class First(Message):
    pass


class Second(Message):
    pass


class QueueApp(App[None]):
    def on_mount(self) -> None:
        self.second = Second()
        self.seen: dict[str, object] = {"queue": self._message_queue}
        self.post_message(First())
        self.post_message(self.second)
        self.seen["queued"] = waiting_in_queue(self, self.second)

    def on_first(self, _: First) -> None:
        # Taking First off the queue, Textual peeked at Second (can First replace it?) and kept it aside.
        self.seen["peeked"] = self._pending_message is self.second
        self.seen["pending"] = waiting_in_queue(self, self.second)

    def on_second(self, message: Second) -> None:
        self.seen["handled"] = waiting_in_queue(self, message)


async def test_a_message_is_seen_waiting_in_the_queue_or_peeked_at() -> None:
    app = QueueApp()
    async with app.run_test() as pilot:
        await wait_for(pilot, lambda: "handled" in app.seen, what="both messages handled")
    queue = app.seen["queue"]
    assert isinstance(getattr(queue, "values", None), collections.deque), gone("MessagePump._message_queue.values")
    assert app.seen["queued"], gone("MessagePump._message_queue", "does not hold a posted message")
    assert app.seen["peeked"], gone("MessagePump._pending_message", "no longer holds a peeked message")
    assert app.seen["pending"], gone("MessagePump._pending_message")
    assert app.seen["handled"] is False, gone("MessagePump._message_queue", "keeps a message once handled")


# ---------------------------------------------------------------------- keys at the app


class KeyApp(HookedApp[None]):
    BINDINGS = [Binding("x", "hit", "Hit")]

    def __init__(self) -> None:
        super().__init__()
        self.hits = 0
        self.y_keys = 0
        self.at_app: list[str] = []

    def action_hit(self) -> None:
        self.hits += 1

    def key_y(self) -> None:
        self.y_keys += 1

    async def handle_key_at_app(self, event: events.Key) -> None:
        self.at_app.append(event.key)
        await super().handle_key_at_app(event)


async def test_a_key_at_the_app_goes_through_the_hook_and_runs_its_binding_once() -> None:
    private_method(App, "_on_key")
    app = KeyApp()
    async with app.run_test() as pilot:
        await pilot.press("x", "y")
        await wait_for(pilot, lambda: app.y_keys, what="the y key")
        assert app.at_app == ["x", "y"], gone("App._on_key", "is not called with a key that reaches the app")
        assert (app.hits, app.y_keys) == (1, 1), gone("App._on_key", "runs more or less than once per key "
                                                       "(prevent_default no longer stops App's own handler)")


# ---------------------------------------------------------------------- crashes


class CrashApp(HookedApp[None]):
    BINDINGS = [Binding("x", "crash", "Crash")]

    def __init__(self, render: bool) -> None:
        super().__init__()
        self.RENDER_CRASH_TRACEBACK = render
        self.errors: list[Exception] = []

    def action_crash(self) -> None:
        raise RuntimeError("boom")

    def handle_uncaught_exception(self, error: Exception) -> None:
        self.errors.append(error)


@pytest.mark.parametrize("render", [False, True])
async def test_an_uncaught_exception_reaches_the_hook_and_the_app_still_closes(
        render: bool, capsys: pytest.CaptureFixture[str]) -> None:
    for name in ("_handle_exception", "_fatal_error"):
        private_method(App, name)
    app = CrashApp(render)
    with pytest.raises(RuntimeError, match="boom"):  # run_test raises what ended the app
        async with app.run_test() as pilot:
            await pilot.press("x")
            await wait_for(pilot, lambda: not app.is_running, what="the app closing")
    assert [str(e) for e in app.errors] == ["boom"], gone("App._handle_exception", "is not called with it")
    assert app.return_code == 1
    printed = "Traceback" in capsys.readouterr().err  # Textual prints what _fatal_error rendered, at exit
    assert printed == render, gone("App._fatal_error", "is not where the traceback is rendered for printing at exit")


# ---------------------------------------------------------------------- batches, exit, keymap


async def test_a_batch_update_is_seen_and_an_exit_request_too() -> None:
    app = App()
    async with app.run_test() as pilot:
        await pilot.pause()
        assert isinstance(getattr(app, "_batch_count", None), int), gone("App._batch_count")
        assert not in_batch_update(app), gone("App._batch_count", "is above zero outside a batch")
        with app.batch_update():
            with app.batch_update():
                inside = in_batch_update(app)
            still = in_batch_update(app)
        assert inside and still, gone("App._batch_count", "does not count batch_update")
        assert not in_batch_update(app), gone("App._batch_count", "stays up after batch_update")
        assert exit_requested(app) is False, gone("App._exit")
        app.exit()
        assert exit_requested(app) is True, gone("App._exit", "is not set by App.exit")


async def test_the_keymap_set_is_read_back() -> None:
    app = App()
    async with app.run_test():
        assert user_keymap(app) == {}, gone("App._keymap")
        app.set_keymap({"app.quit": "ctrl+q"})
        assert user_keymap(app) == {"app.quit": "ctrl+q"}, gone("App._keymap", "is not what set_keymap set")


# ---------------------------------------------------------------------- bindings


class Bound(Widget, can_focus=True):
    BINDINGS = [Binding("k", "kick", "Kick", id="bound.kick")]

    def __init__(self) -> None:
        super().__init__()
        self.actions: list[str] = []

    def action_kick(self) -> None:
        self.actions.append("kick")

    def action_extra(self) -> None:
        self.actions.append("extra")


class BindingApp(App[None]):
    def compose(self) -> ComposeResult:
        yield Bound()
        yield Bound()


async def test_bindings_are_read_per_class_and_node_and_one_node_can_get_its_own() -> None:
    merged = class_bindings(Bound)
    assert isinstance(merged, BindingsMap), gone("DOMNode._merged_bindings")
    assert [b.id for b in merged.key_to_bindings.get("k", [])] == ["bound.kick"], gone(
        "DOMNode._merged_bindings", "does not hold the class's BINDINGS")
    app = BindingApp()
    async with app.run_test() as pilot:
        one, other = app.query(Bound)
        assert isinstance(node_bindings(one), BindingsMap), gone("DOMNode._bindings")
        assert "k" in node_bindings(one).key_to_bindings, gone("DOMNode._bindings", "does not start as the class's")
        add_binding(one, Binding("k", "extra", "Extra", id="bound.extra"))
        add_binding(one, Binding("e", "extra", "Extra"))
        assert [b.id for b in node_bindings(one).key_to_bindings["k"]] == ["bound.kick", "bound.extra"]
        assert [b.id for b in node_bindings(other).key_to_bindings["k"]] == ["bound.kick"]
        assert [b.id for b in merged.key_to_bindings["k"]] == ["bound.kick"]
        one.focus()
        await pilot.press("e")
        await wait_for(pilot, lambda: one.actions == ["extra"], what="the added binding")
        assert other.actions == [], gone("DOMNode._bindings", "is shared between nodes")
        drop_bindings(one, "bound.ex")
        assert [b.id for b in node_bindings(one).key_to_bindings["k"]] == ["bound.kick"]
        assert "e" in node_bindings(one).key_to_bindings  # no id: not one of those dropped


# ---------------------------------------------------------------------- scroll range


class Lines(ScrollView):
    def render_line(self, y: int) -> Strip:
        return Strip.blank(self.size.width)


class ScrollApp(App[None]):
    CSS = "Lines { height: 10; scrollbar-gutter: stable; overflow-y: scroll; }"

    def compose(self) -> ComposeResult:
        yield Lines()


async def test_a_new_scroll_range_clamps_the_offset_and_sizes_the_scrollbar() -> None:
    private_method(Widget, "_scroll_update")
    app = ScrollApp()
    async with app.run_test(size=(40, 20)) as pilot:
        view = app.query_one(Lines)
        view.virtual_size = Size(30, 100)
        await pilot.pause()
        view.scroll_to(y=90, animate=False, immediate=True)
        await wait_for(pilot, lambda: view.scroll_y == 90, what="scrolled down")
        smaller = Size(30, 20)
        view.set_reactive(ScrollView.virtual_size, smaller)
        update_scroll_range(view, smaller)
        assert view.scroll_y == 10, gone("Widget._scroll_update", "does not clamp the scroll offset")
        assert view.vertical_scrollbar.window_virtual_size == 20, gone("Widget._scroll_update",
                                                                         "does not size the scrollbar")


# ---------------------------------------------------------------------- the input's value watcher


class Watched(InputValueHook):
    def __init__(self) -> None:
        super().__init__()
        self.around: list[tuple[str, bool, bool]] = []  # value, a layout asked for, a message posted
        self._layouts = 0

    def around_value_watch(self, value, textual_watch) -> None:
        layouts, queued = self._layouts, self._message_queue.qsize()
        textual_watch()
        self.around.append((value, self._layouts > layouts, self._message_queue.qsize() > queued))

    def refresh(self, *regions, repaint=True, layout=False, recompose=False):
        self._layouts += layout
        return super().refresh(*regions, repaint=repaint, layout=layout, recompose=recompose)


class InputApp(App[None]):
    def compose(self) -> ComposeResult:
        yield Watched()

    def on_mount(self) -> None:
        self.changed: list[str] = []

    def on_input_changed(self, event: Input.Changed) -> None:
        self.changed.append(event.value)


async def test_the_inputs_own_value_watcher_runs_inside_the_hook() -> None:
    private_method(Input, "_watch_value")
    app = InputApp()
    async with app.run_test() as pilot:
        box = app.query_one(Watched)
        box.focus()
        await pilot.press("a", "b")
        await wait_for(pilot, lambda: app.changed == ["a", "ab"], what="Changed for each key")
        # Textual's own watcher asks for a layout (what the find box turns into a repaint) and posts
        # Changed: inside the hook, not after it.
        assert box.around == [("a", True, True), ("ab", True, True)], gone(
            "Input._watch_value", "is not the watcher that asks for a layout and posts Input.Changed")


# ---------------------------------------------------------------------- names of our own


# Private names Textual gives every class through its metaclass, and our overrides in textual_internals.
GENERATED = {"_decorated_handlers", "_reactives", "_inherit_css", "_inherit_bindings", "_inherit_component_classes",
             "_css_type_name", "_merged_bindings", "_css_type_names", "_computes", "_abc_impl"}
OVERRIDES = {HookedApp: {"_on_key", "_handle_exception", "_fatal_error"}, InputValueHook: {"_watch_value"}}


def textual_private_names(cls: type) -> set[str]:
    names: set[str] = set()
    for base in cls.__mro__:
        if not base.__module__.startswith("textual"):
            continue
        names |= {name for name in vars(base) if name.startswith("_") and not name.startswith("__")}
        try:
            source = inspect.getsource(base)
        except (OSError, TypeError):
            continue
        names |= set(re.findall(r"self\.(_[A-Za-z]\w*)\s*(?::[^=\n]*)?=(?!=)", source))
    return names


def our_textual_classes() -> list[type]:
    found = []
    for info in pkgutil.walk_packages(briefing_tui.ui.__path__, "briefing_tui.ui."):
        module = importlib.import_module(info.name)
        for cls in vars(module).values():
            if (inspect.isclass(cls) and cls.__module__ == module.__name__
                    and any(base.__module__.startswith("textual") for base in cls.__mro__[1:])):
                found.append(cls)
    return found


def test_our_classes_reuse_no_private_name_of_textuals() -> None:
    """A subclass that keeps its own ``_closed`` or ``_lines`` silently changes Textual's state."""
    classes = our_textual_classes()
    assert len(classes) > 10
    clashes = []
    for cls in classes:
        ours = [c for c in cls.__mro__ if c.__module__.startswith("briefing_tui")]
        allowed = GENERATED | {name for c in ours for name in OVERRIDES.get(c, ())}
        defined = {name for c in ours for name in vars(c)}
        assigned = {name for c in ours for name in re.findall(r"self\.(_[A-Za-z]\w*)\s*(?::[^=\n]*)?=(?!=)",
                                                                inspect.getsource(c))}
        for name in sorted(((defined | assigned) & textual_private_names(cls)) - allowed):
            clashes.append(f"{cls.__module__}.{cls.__name__}.{name}")
    assert clashes == [], f"Textual {TEXTUAL}: our classes reuse Textual's private names: {clashes}"
