"""Live reload of config.yaml: an edit takes effect in the open dashboard, a bad one is reported.

The file is read on a daemon thread (YAML and its checks stay off the event loop) and what it
gave is posted to the screen. The screen applies a sound file whole; a file with any problem
changes nothing but the problems listed under P, so a half-typed edit never takes away keywords,
rules or searches that worked a moment ago.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from textual.message import Message

from ..background import Background
from .loader import BackgroundFailed

if TYPE_CHECKING:
    from textual.message_pump import MessagePump

    from ..settings import Settings


FOLDER_LOOK = 2.0  # seconds between looks for a config folder that does not exist yet


class ConfigChanged(Message):
    """config.yaml was written: ``settings`` as read from it now (with its problems, if any)."""

    bubble = False  # for the screen alone

    def __init__(self, settings: Settings) -> None:
        super().__init__()
        self.settings = settings


class ConfigReload:
    """Watches ``path`` and posts ``ConfigChanged`` to ``to`` each time it is written."""

    def __init__(self, path: Path, to: MessagePump) -> None:
        self.path = path
        self._to = to
        self.watcher: Background | None = None

    def start(self) -> None:
        if self.watcher is None:
            self.watcher = Background(self._watch, name="briefing-config-watch",
                                      on_error=lambda exc: self._to.post_message(
                                          BackgroundFailed(exc, "watching config.yaml")))
            self.watcher.start()

    def stop(self) -> None:
        if self.watcher is not None:
            self.watcher.cancel()

    def _watch(self, job: Background) -> None:
        from ..watching import watch_file

        if not self.path.parent.is_dir():  # no config folder yet: looked for now and then, until made
            while not self.path.parent.is_dir():
                if job.pause(FOLDER_LOOK):
                    return
            if self.path.is_file():  # written with the folder, before the watch began
                self._to.post_message(ConfigChanged(read_config(self.path)))
        for _ in watch_file(self.path, job):
            if job.is_cancelled:
                return
            if self.path.is_file():  # gone between the write and now (a save by rename): the next event
                self._to.post_message(ConfigChanged(read_config(self.path)))


def read_config(path: Path) -> Settings:
    """The settings as a launch would read them from ``path`` now; an error in reading is a problem."""
    from ..problems import problem
    from ..settings import Settings, load_settings

    try:
        return load_settings(path, explicit=True)
    except Exception as exc:  # a settings bug: reported like a bad file, the settings in force stay
        return Settings(problems=[problem(path, f"cannot be read ({type(exc).__name__}); the settings in "
                                          "force stay")], source=path)


def config_problems(settings: Settings, path: Path) -> list:
    """The problems ``settings`` has in the analyst's own file (not in the shipped defaults)."""
    return [p for p in settings.problems if p.path == str(path)]
