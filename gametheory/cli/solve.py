"""The ``gametheory solve`` command."""

from __future__ import annotations

from .common import (UsageError, add_game_arguments, game_assumptions, load_game,
                     parse_assignments)

HELP = "Compute equilibria, each certified by an exact regret of zero."
METHODS = ["auto", "spe", "enumpure", "enummixed", "enumpoly", "lcp", "lp", "pbe"]


def register(commands) -> None:
    sub = commands.add_parser("solve", help=HELP, description=HELP)
    add_game_arguments(sub)
    sub.add_argument("--method", default=None, choices=METHODS,
                     help="default: a built-in model's own solution concept "
                          "(Model.solve_options), else auto")
    sub.add_argument("--format", default="text", choices=["text", "json", "csv"])
    sub.add_argument("--limit", type=int, help="list at most N equilibria")
    sub.add_argument("--generic", action="store_true",
                     help="symbolic games: drop boundary regions (ties)")
    sub.set_defaults(run=cmd_solve)


def model_options(name: str) -> dict:
    """The options of :func:`gametheory.solve` that a built-in model declares as its natural
    solution concept (``Model.solve_options``, such as ``{"method": "pbe"}``); ``{}`` for
    other games.

    Examples
    --------
    >>> model_options("linkage-screening"), model_options("entry")
    ({'method': 'pbe'}, {})
    """
    from ..models import MODELS
    return dict(MODELS[name].solve_options) if name in MODELS else {}


def cmd_solve(args) -> str:
    """Solve through :func:`gametheory.solve` and format its :class:`gametheory.Solution`."""
    from ..report.equilibria import format_solution
    from ..solvers import solve
    from ..solvers.solve import OptionError
    params = parse_assignments(args.param)
    game = load_game(args.game, params)
    options = {}
    assumptions = game_assumptions(args.game, params)
    if assumptions and getattr(game, "is_symbolic", False):
        options["assumptions"] = assumptions
    if args.limit is not None:
        options["limit"] = args.limit
    if args.generic:
        options["generic"] = True
    if args.method is None:               # the model's own concept, or auto
        options = {**model_options(args.game), **options}
    else:
        options["method"] = args.method
    try:
        solution = solve(game, **options)
    except OptionError as error:         # a TypeError: an option the method does not take
        raise UsageError(str(error)) from None
    return format_solution(solution, args.format)
