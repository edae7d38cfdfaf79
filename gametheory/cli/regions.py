"""The ``gametheory regions`` command."""

from __future__ import annotations

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
    """The regions of :func:`gametheory.solve` (subgame-perfect equilibria region by region),
    each with its conditions, path, payoffs and full strategy profile."""
    from ..solvers import solve
    from ..solvers.solve import OptionError
    params = parse_assignments(args.param)
    game = load_game(args.game, params)
    if not getattr(game, "is_symbolic", False):
        raise UsageError(f"{args.game} has no free parameters: use 'gametheory solve'")
    try:
        solution = solve(game, "spe", generic=args.generic,
                         assumptions=game_assumptions(args.game, params))
    except OptionError as error:         # a TypeError: an option the method does not take
        raise UsageError(str(error)) from None
    return {"json": solution.to_json, "text": solution.to_text, "md": solution.to_markdown,
            "tex": solution.to_latex}[args.format]()
