"""A problem found while loading: where it is and what is wrong, in one printable line."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .sanitize import visible


@dataclass(frozen=True, slots=True)
class Problem:
    path: str
    message: str
    line: int | None = None
    column: int | None = None
    field: str | None = None

    def __str__(self) -> str:
        where = visible(self.path)
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        what = f"{self.field}: {self.message}" if self.field else self.message
        return f"{where}: {visible(what)}"


class LoadError(Exception):
    """A whole file could not be read; carries the Problem to report."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem


def problem(path: Path | str, message: str, line: int | None = None, column: int | None = None,
            field: str | None = None) -> Problem:
    return Problem(str(path), message, line, column, field)
