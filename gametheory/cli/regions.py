"""The ``gametheory regions`` command."""

from __future__ import annotations

import json

from .common import (UsageError, add_game_arguments, game_assumptions, load_game,
                     parse_assignments)

HELP = "Equilibrium regions of a game with free parameters."


def register(commands) -> None:
    sub = commands.add_parser("regions", help=HELP, description=HELP)
    add_game_arguments(sub)
    sub.add_argument("--format", default="text", choices=["text", "md", "tex", "json"])
    sub.add_argument("--generic", action="store_true", help="drop boundary regions (ties)")
    sub.set_defaults(run=cmd_regions)


def cmd_regions(args) -> str:
    from ..symbolic.parametric import parametric_spe
    params = parse_assignments(args.param)
    game = load_game(args.game, params)
    if not getattr(game, "is_symbolic", False):
        raise UsageError(f"{args.game} has no free parameters: use 'gametheory solve'")
    solution = parametric_spe(game, generic=args.generic,
                              assumptions=game_assumptions(args.game, params))
    if args.format == "json":
        return json.dumps(solution.to_json_dict(), indent=1)
    return {"text": solution.to_text, "md": solution.to_markdown,
            "tex": solution.to_latex}[args.format]()
