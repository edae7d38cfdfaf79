"""The ``gametheory`` command: one module per subcommand, this module assembles them.

Every command that takes a GAME accepts a file (``.efg``, ``.nfg``, ``.json``), a built-in example
(``gametheory models`` lists them) or a built-in model, with ``--param NAME=VALUE`` to fix
parameters.  Input errors print one line on stderr and exit with status 2.

A subcommand module defines ``register(commands)``, which adds its parser and sets ``run``.
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import Sequence

from . import convert, draw, info, models, plot, prove, regions, solve, table
from .common import UsageError, load_game, parse_assignments

__all__ = ["main", "build_parser", "load_game", "parse_assignments", "UsageError"]

COMMANDS = (info, convert, solve, regions, table, plot, draw, models, prove)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of every subcommand."""
    parser = argparse.ArgumentParser(
        prog="gametheory",
        description="Solve games exactly: Gambit files, built-in examples and models.")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for command in COMMANDS:
        command.register(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    args = build_parser().parse_args(argv)
    try:
        result = args.run(args)
    except (ValueError, OSError) as error:   # GameFormatError is a ValueError
        if os.environ.get("GAMETHEORY_DEBUG"):
            raise
        message = str(error).splitlines()[0] if str(error) else type(error).__name__
        if not hasattr(error, "line"):       # a GameFormatError already says file:line:col
            message = f"gametheory {args.command}: {message}"
        print(message, file=sys.stderr)
        return 2
    status = 0
    if isinstance(result, tuple):
        result, status = result
    if result:
        try:
            print(result)
        except BrokenPipeError:             # e.g. piped into head
            sys.stderr.close()
    return status
