"""Errors a user can act on. The CLI prints them as one line and exits non-zero, never a traceback."""

from __future__ import annotations

from pathlib import Path


class InputError(Exception):
    """Bad or unreadable input: the message names the file (and line or byte where it applies)."""

    def __init__(self, message: str, path: str | Path | None = None, line: int | None = None):
        self.path = str(path) if path is not None else None
        self.line = line
        where = ""
        if self.path:
            where = self.path + (f":{line}" if line is not None else "") + ": "
        super().__init__(where + message)


class ConfigError(Exception):
    """A configuration file or option that cannot be used as given."""


class MissingDependencyError(Exception):
    """An optional extra is needed for what was asked; the message says which and how to install it."""
