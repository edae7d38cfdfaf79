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
                     help="default: the built-in model's own method if it declares one, "
                          "else auto")
    sub.add_argument("--format", default="text", choices=["text", "json", "csv"])
    sub.add_argument("--limit", type=int, help="list at most N equilibria")
    sub.add_argument("--generic", action="store_true",
                     help="symbolic games: drop boundary regions (ties)")
    sub.set_defaults(run=cmd_solve)


def preferred_method(name: str) -> str:
    """The method a built-in model declares for itself (its ``method`` attribute), else auto.

    Examples
    --------
    >>> preferred_method("entry")
    'auto'
    """
    from ..models import MODELS
    return getattr(MODELS.get(name), "method", None) or "auto"


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
    method = args.method or preferred_method(args.game)
    try:
        solution = solve(game, method=method, **options)
    except OptionError as error:         # a TypeError: an option the method does not take
        raise UsageError(str(error)) from None
    return format_solution(solution, args.format)
