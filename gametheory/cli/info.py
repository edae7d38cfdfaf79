"""The ``gametheory info`` command."""

from __future__ import annotations

from .common import add_game_arguments, load_game, parse_assignments

HELP = "Describe a game: players, nodes, information sets, subgames, sizes."


def register(commands) -> None:
    sub = commands.add_parser("info", help=HELP, description=HELP)
    add_game_arguments(sub)
    sub.set_defaults(run=cmd_info)


def cmd_info(args) -> str:
    from ..models import MODELS
    from ..report.describe import describe
    model = MODELS.get(args.game)
    return describe(load_game(args.game, parse_assignments(args.param)),
                    defaults=model.defaults if model is not None else None)
