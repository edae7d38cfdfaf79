"""The ``gametheory info`` command."""

from __future__ import annotations

from .common import add_game_arguments, load_game, parse_assignments

HELP = "Describe a game: players, nodes, information sets, subgames, sizes."


def register(commands) -> None:
    sub = commands.add_parser("info", help=HELP, description=HELP)
    add_game_arguments(sub)
    sub.set_defaults(run=cmd_info)


def cmd_info(args) -> str:
    from ..report.describe import describe
    return describe(load_game(args.game, parse_assignments(args.param)))
