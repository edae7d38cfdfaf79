"""The ``gametheory solve`` command."""

from __future__ import annotations

from .common import (UsageError, add_assume_argument, add_format_argument, add_game_arguments,
                     game_assumptions, load_game, parse_assignments, parse_assumptions,
                     positive_int)

HELP = "Compute equilibria, each certified by an exact regret of zero."
METHODS = ["auto", "spe", "enumpure", "enummixed", "enumpoly", "lcp", "lp", "pbe"]


def register(commands) -> None:
    sub = commands.add_parser("solve", help=HELP, description=HELP)
    add_game_arguments(sub)
    sub.add_argument("--method", default=None, choices=METHODS,
                     help="solution method (default: a built-in model's own solution concept, "
                          "such as pbe for the private-information models; else auto, which "
                          "picks one and says which)")
    add_format_argument(sub, ["text", "tex", "csv", "json"],
                        help="output format; tex is a fragment to \\input, its packages "
                             "declared on its first line")
    sub.add_argument("--standalone", action="store_true",
                     help="with --format tex: a complete LaTeX document (default: off)")
    sub.add_argument("--limit", type=positive_int, metavar="N",
                     help="stop after N equilibria; the total is still counted where it can "
                          "be (default: all; spe lists at most 1000)")
    sub.add_argument("--generic", action="store_true",
                     help="symbolic games: drop boundary regions, where some player is "
                          "indifferent (default: off)")
    add_assume_argument(sub, help="symbolic games: solve only where this relation between "
                                  "parameters holds, such as '0 < p < 1' (repeatable; chains "
                                  "and ';' give several; default: none)")
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
    if args.standalone and args.format != "tex":
        raise UsageError("--standalone goes with --format tex")
    game = load_game(args.game, params)
    options = {}
    assumptions = game_assumptions(args.game, params) + parse_assumptions(
        args.assume, getattr(game, "parameters", ()), params)
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
    output = (solution.to_latex(standalone=args.standalone) if args.format == "tex"
              else format_solution(solution, args.format))
    return stating_assumptions(output, args.format, options.get("assumptions", ()))


def stating_assumptions(output: str, fmt: str, assumptions) -> str:
    """The output of a symbolic solve with the relations it assumed stated: a line after the
    title in text, an ``"assumptions"`` entry in JSON (a region reading "everywhere" means
    everywhere they hold).

    Examples
    --------
    >>> import sympy
    >>> p = sympy.Symbol("p", real=True)
    >>> print(stating_assumptions("2 region(s)\\nRegion 1:", "text", (p > 0, sympy.Eq(p, 1))))
    2 region(s)
    assuming: p > 0 and p = 1
    Region 1:
    >>> stating_assumptions('{"method": "spe"}', "json", (p < 1,))
    '{\\n "method": "spe",\\n "assumptions": [\\n  "p < 1"\\n ]\\n}'
    """
    if not assumptions:
        return output
    from ..symbolic.relations import relation_text
    if fmt == "json":
        import json
        data = json.loads(output)
        data["assumptions"] = [str(a) for a in assumptions]
        return json.dumps(data, indent=1)
    if fmt == "tex":                 # after the package line, or after \begin{document}
        from ..report.latex import conditions
        line = r"\noindent Assuming " + conditions(assumptions, sep=" and ") + r".\par"
        head, mark, body = output.partition("\\begin{document}\n")
        if not mark:
            head, mark, body = output.partition("\n")
        return f"{head}{mark}{line}\n{body}"
    title, newline, rest = output.partition("\n")
    line = "assuming: " + " and ".join(relation_text(a) for a in assumptions)
    return f"{title}\n{line}{newline}{rest}"
