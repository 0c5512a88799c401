"""Every private part of Textual that the dashboard relies on.

Textual offers no public way to do the few things below, so the dashboard reaches into
its internals here and nowhere else: the rest of ``ui/`` calls the names this module
defines. A Textual release may rename or rework any of them, which is why Textual is
pinned to the minor versions the suite has passed on (``pyproject.toml``) and why
``tests/test_textual_internals.py`` checks each one, failing with the internal's name
and the Textual version. Before widening the pin, run that test first.

What we rely on, and why:

- ``MessagePump._message_queue`` (Textual's own cut-down queue, ``textual._queue.Queue``,
  whose ``values`` deque holds the waiting messages; older releases used an
  ``asyncio.Queue``) and ``MessagePump._pending_message`` (a message taken off the queue
  by a peek, to be handled next): ``waiting_in_queue``. A key that a widget did not stop
  bubbles back up to the app and waits there behind the keys read with it; the app runs
  its bindings at once, before handing on the next key, and must know that the copy is
  waiting (``docs/textual-upstream.md``).
- ``App._on_key``, the app's handler of a key that reached it (its bindings, else a
  ``key_`` method): overridden by ``HookedApp`` and run by
  ``HookedApp.run_key_bindings``, so that the dashboard can run a key's bindings out of
  turn and skip the copy that arrives later. Textual calls each class's ``_on_key`` in
  method resolution order; ``prevent_default`` stops the ones after it.
- ``App._handle_exception`` (called with an exception no handler caught, before the app
  ends), ``App._fatal_error`` (renders the traceback, with every frame's locals, for
  printing at exit) and ``MessagePump._close_messages_no_wait``: ``HookedApp``. The
  dashboard saves the traceback to a file and says where; the screenful of frames is
  not printed, and the app still closes.
- ``App._batch_count`` (above zero inside ``batch_update``; Textual's start-up is one):
  ``in_batch_update``. A frame rendered inside a batch never reaches the terminal, and
  the list waits for its first frame that does.
- ``DOMNode._bindings`` (a node's own ``BindingsMap``, ``key_to_bindings`` maps a key to
  its bindings) and the class-level ``DOMNode._merged_bindings``: ``node_bindings``,
  ``class_bindings``, ``add_binding``, ``drop_bindings``. The help screen lists every binding with the keys
  the user has; unknown ids in the user's keymap are reported; the keyword hotkeys are
  bound per screen from the settings.
- ``App._keymap`` (the keymap given to ``set_keymap``): ``user_keymap``, for the help
  screen to show the keys the user chose.
- ``Widget._scroll_update`` (sets the scrollbars and clamps the scroll offset to a new
  virtual size): ``update_scroll_range``. Setting ``virtual_size`` the public way asks the
  whole screen for a layout; the Line-API views whose size never depends on their
  content need only a repaint when an item is added or shown.
- ``Input._watch_value`` (the input's own watcher of its value, which resizes its scroll
  range and so asks the screen for a layout on every key): ``InputValueHook``. The find
  box is one fixed line and searches in the same turn as the key.
- ``App._exit`` (set by ``App.exit``): ``exit_requested``, for background work that
  finishes after the analyst quit (``ui/live_reload.py`` still reads the attribute
  itself; that file belongs to the live-reload work and should call this).

Besides reading these, our subclasses must not reuse a private name of Textual's for
something of their own (the note editor once kept its own ``_closed`` flag, which is the
message pump's "closed" state): the test checks that too.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, ClassVar

from textual.app import App, ReturnType
from textual.binding import Binding
from textual.widgets import Input

if TYPE_CHECKING:
    from textual import events
    from textual.binding import BindingsMap
    from textual.dom import DOMNode
    from textual.geometry import Size
    from textual.message import Message
    from textual.message_pump import MessagePump
    from textual.widget import Widget


def waiting_in_queue(pump: MessagePump, message: Message) -> bool:
    """Whether ``message`` (that very object) waits to be handled by ``pump``: next, having
    been peeked at, or anywhere in its queue."""
    if pump._pending_message is message:
        return True
    return any(waiting is message for waiting in pump._message_queue.values)


def in_batch_update(app: App) -> bool:
    """Whether ``app`` is inside a batch update, when whatever is rendered is never shown."""
    return app._batch_count > 0


def exit_requested(app: App) -> bool:
    """Whether ``app.exit`` has been called (the app may still be closing)."""
    return app._exit


def node_bindings(node: DOMNode) -> BindingsMap:
    """The bindings of ``node`` itself (its class's, plus any added to it), without the keymap."""
    return node._bindings


def class_bindings(node_type: type[DOMNode]) -> BindingsMap | None:
    """The bindings every instance of ``node_type`` starts with (its class and base classes)."""
    return node_type._merged_bindings


def add_binding(node: DOMNode, binding: Binding) -> None:
    """Bind ``binding.key`` on ``node`` alone, after the bindings it has for that key.

    A node's map starts as a shallow copy of its class's, so the key's list is replaced, not
    appended to: appending would bind the key on every later instance of the class too.
    """
    keys = node._bindings.key_to_bindings
    for made in Binding.make_bindings([binding]):  # "%" is bound as Textual names it, "percent_sign"
        keys[made.key] = [*keys.get(made.key, ()), made]


def key_names(keys: str) -> set[str]:
    """The keys of a binding's key string as Textual names them ("+" is "plus"), to tell a taken key."""
    return {made.key for made in Binding.make_bindings([Binding(keys, "")])}


def drop_bindings(node: DOMNode, id_prefix: str) -> None:
    """Unbind from ``node`` the bindings whose id starts with ``id_prefix`` (bound with ``add_binding``,
    to be bound afresh: the keyword hotkeys after config.yaml changed)."""
    keys = node._bindings.key_to_bindings
    for key, bindings in list(keys.items()):
        kept = [b for b in bindings if not (b.id or "").startswith(id_prefix)]
        if len(kept) == len(bindings):
            continue
        if kept:
            keys[key] = kept
        else:
            del keys[key]


def user_keymap(app: App) -> Mapping[str, str]:
    """The keymap set with ``app.set_keymap``: binding id to the keys that replace its own."""
    return app._keymap


def update_scroll_range(view: Widget, size: Size) -> None:
    """Fit ``view``'s scrollbars and scroll offset to its new virtual ``size`` without asking the
    screen for a layout (the caller has set ``virtual_size`` without running its watcher)."""
    view._scroll_update(size)


class HookedApp(App[ReturnType]):
    """An App whose private handlers the dashboard needs to change, each turned into a named hook.

    ``handle_key_at_app``: a key reached the app (bubbled up from the focused widget, or with no
    widget focused); by default Textual's handling, ``run_key_bindings``.
    ``handle_uncaught_exception``: an exception no handler caught; Textual then ends the app.
    ``RENDER_CRASH_TRACEBACK``: False to end the app after such an exception without rendering
    Textual's traceback for printing at exit.
    """

    RENDER_CRASH_TRACEBACK: ClassVar[bool] = True

    async def run_key_bindings(self, event: events.Key) -> None:
        """What Textual does with a key that reaches the app: run its bindings, else a ``key_`` method."""
        await App._on_key(self, event)

    async def handle_key_at_app(self, event: events.Key) -> None:
        await self.run_key_bindings(event)

    def handle_uncaught_exception(self, error: Exception) -> None:
        """Called first; then Textual ends the app (exit code 1 unless the app sets another)."""

    async def _on_key(self, event: events.Key) -> None:
        event.prevent_default()  # App's own _on_key, next in the resolution order, is not called
        await self.handle_key_at_app(event)

    def _handle_exception(self, error: Exception) -> None:
        self.handle_uncaught_exception(error)
        super()._handle_exception(error)

    def _fatal_error(self) -> None:
        if self.RENDER_CRASH_TRACEBACK:
            super()._fatal_error()
            return
        self.bell()
        self._close_messages_no_wait()


class InputValueHook(Input):
    """An Input that wraps its own watcher of ``value`` in ``around_value_watch``.

    Textual runs the input's private watcher before any public ``watch_value``; a subclass that
    must act around it (rather than after) overrides ``around_value_watch`` and calls
    ``textual_watch`` inside.
    """

    def around_value_watch(self, value: str, textual_watch: Callable[[], None]) -> None:
        textual_watch()

    def _watch_value(self, value: str) -> None:
        self.around_value_watch(value, lambda: Input._watch_value(self, value))
