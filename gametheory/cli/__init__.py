"""The ``gametheory`` command: one module per subcommand, this module assembles them.

Every command that takes a GAME accepts a file (``.efg``, ``.nfg``, ``.json``), a built-in example
(``gametheory models`` lists them) or a built-in model, with ``--param NAME=VALUE`` to fix
parameters.

Exit status: 0 on success; 1 when a command reports a negative result (e.g. a proof that fails);
2 for an input error (bad file, unknown name, bad option value, missing optional dependency such
as matplotlib, a game too big to solve), printed as one line on stderr; 3 for an unexpected
internal error, printed as one line that asks for a bug report.  No error prints a traceback
unless ``--debug`` is given (or ``GAMETHEORY_DEBUG`` is set in the environment), in which case
the exception is re-raised.

A subcommand module defines ``register(commands)``, which adds its parser and sets ``run``.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from typing import Sequence

from . import convert, draw, info, models, plot, prove, regions, solve, sweep, table
from .common import UsageError, load_game, parse_assignments

__all__ = ["main", "build_parser", "load_game", "parse_assignments", "UsageError"]

COMMANDS = (info, convert, solve, regions, table, plot, draw, models, prove, sweep)


EXPECTED_ERRORS = (ValueError, OSError, ImportError, LookupError, RecursionError, MemoryError)


def _first_line(error: BaseException) -> str:
    text = str(error)
    if isinstance(error, KeyError) and len(error.args) == 1 and isinstance(error.args[0], str):
        text = error.args[0]                 # str(KeyError) adds quotes
    lines = [line for line in text.splitlines() if line.strip()]
    return lines[0].strip() if lines else ""


def _one_line(error: BaseException, command: str) -> str:
    message = _first_line(error)
    if isinstance(error, RecursionError):
        message = "the game is too deep to process (recursion limit reached)"
    elif isinstance(error, MemoryError):
        message = "out of memory: the game is too big"
    elif isinstance(error, ModuleNotFoundError) and error.name:
        message = f"this needs the optional package {error.name.split('.')[0]!r}, which is not installed"
    elif isinstance(error, OSError) and getattr(error, "filename", None) is not None:
        message = f"{error.filename}: {error.strerror or message}"
    if not message:
        message = type(error).__name__
    if hasattr(error, "line"):               # a GameFormatError already says file:line:col
        return message
    return f"gametheory {command}: {message}"


class Parser(argparse.ArgumentParser):
    """argparse with the command line's error convention: one line on stderr, exit status 2,
    close matches for a misspelled choice (a subcommand, ``--method``, ``--format``)."""

    def error(self, message: str):
        from ..errors import did_you_mean
        match = re.search(r"invalid choice: '([^']*)' \(choose from (.*)\)$", message)
        if match:
            choices = (re.findall(r"'([^']*)'", match.group(2))
                       or [c.strip() for c in match.group(2).split(",")])
            hint = did_you_mean(match.group(1), choices) or f"; choose from {', '.join(choices)}"
            message = message[:match.start()] + f"invalid choice {match.group(1)!r}{hint}"
        self.exit(2, f"{self.prog}: {message} (see {self.prog} --help)\n")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of every subcommand."""
    parser = Parser(
        prog="gametheory",
        description="Solve games exactly: Gambit files, built-in examples and models.")
    from .. import __version__
    parser.add_argument("--version", action="version", version=f"gametheory {__version__}")
    parser.add_argument("--debug", action="store_true",
                        help="re-raise errors with their traceback (also GAMETHEORY_DEBUG=1; "
                             "default: off, one line per error)")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for command in COMMANDS:
        command.register(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status (see the module docstring)."""
    from ..io.files import terminal_safe
    from .collector import cycle_collection_paused
    args = build_parser().parse_args(argv)
    debug = args.debug or bool(os.environ.get("GAMETHEORY_DEBUG"))
    try:
        with cycle_collection_paused():
            result = args.run(args)
    except EXPECTED_ERRORS as error:   # GameFormatError and UsageError are ValueErrors
        if debug:
            raise
        print(_one_line(error, args.command), file=sys.stderr)
        return 2
    except Exception as error:
        if debug:
            raise
        detail = _first_line(error)
        detail = f"{type(error).__name__}: {detail}" if detail else type(error).__name__
        print(f"gametheory {args.command}: internal error ({detail}); this is a bug, "
              f"rerun with --debug for the traceback", file=sys.stderr)
        return 3
    status = 0
    if isinstance(result, tuple):
        result, status = result
    if result:
        try:
            print(terminal_safe(result))
        except BrokenPipeError:             # e.g. piped into head
            sys.stderr.close()
    return status
