"""The ``gametheory regions`` command."""

from __future__ import annotations

from .common import (UsageError, add_assume_argument, add_game_arguments, game_assumptions,
                     load_game, parse_assignments, parse_assumptions, positive_int)

HELP = "Equilibrium regions of a game with free parameters."


def register(commands) -> None:
    from ..symbolic.parametric import MAX_REGIONS
    sub = commands.add_parser("regions", help=HELP, description=HELP)
    add_game_arguments(sub)
    sub.add_argument("--format", default="text", choices=["text", "md", "tex", "json"])
    sub.add_argument("--generic", action="store_true", help="drop boundary regions (ties)")
    add_assume_argument(sub, help="solve only where this relation between parameters holds, "
                                  "such as 'x_N < x_F' (repeatable; chains and ';' give "
                                  "several; default: none)")
    sub.add_argument("--max-regions", type=positive_int, default=MAX_REGIONS, metavar="N",
                     help=f"stop when there would be more than N regions (default "
                          f"{MAX_REGIONS})")
    sub.add_argument("--all-equilibria", action="store_true",
                     help="list actions that give every player the same outcome separately "
                          "(default: the first of them, named in a note)")
    sub.set_defaults(run=cmd_regions)


def cmd_regions(args) -> str:
    """The regions of :func:`gametheory.solve` (subgame-perfect equilibria region by region),
    each with its conditions, path, payoffs and full strategy profile; more than
    ``--max-regions`` of them are refused in one line that says how to narrow the question.
    """
    from ..solvers import solve
    from ..solvers.solve import OptionError
    from .solve import stating_assumptions
    params = parse_assignments(args.param)
    game = load_game(args.game, params)
    if not getattr(game, "is_symbolic", False):
        raise UsageError(f"{args.game} has no free parameters: use 'gametheory solve'")
    assumptions = game_assumptions(args.game, params) + parse_assumptions(
        args.assume, getattr(game, "parameters", ()), params)
    try:
        solution = solve(game, "spe", generic=args.generic, assumptions=assumptions,
                         max_regions=args.max_regions,
                         same_outcome=not args.all_equilibria)
    except OptionError as error:         # a TypeError: an option the method does not take
        raise UsageError(str(error)) from None
    output = {"json": solution.to_json, "text": solution.to_text, "md": solution.to_markdown,
              "tex": solution.to_latex}[args.format]()
    return stating_assumptions(with_note(output, args.format, solution.note), args.format,
                               assumptions)


def with_note(output: str, fmt: str, note: str) -> str:
    """The output with the solution's note: a line after the title in text, a paragraph
    before the table in Markdown and LaTeX, a ``"note"`` entry in JSON.

    Examples
    --------
    >>> print(with_note("2 region(s)\\nRegion 1:", "text", "listed once"))
    2 region(s)
    note: listed once
    Region 1:
    >>> with_note('{"method": "spe"}', "json", "listed once")
    '{\\n "method": "spe",\\n "note": "listed once"\\n}'
    """
    if not note:
        return output
    if fmt == "json":
        import json
        data = json.loads(output)
        data["note"] = note
        return json.dumps(data, indent=1)
    if fmt == "md":
        return f"note: {note}\n\n{output}"
    if fmt == "tex":
        from ..report.latex import escape
        first, _, rest = output.partition("\n")
        return f"{first}\n\\noindent{{\\small Note: {escape(note)}.}}\\par\n{rest}"
    first, _, rest = output.partition("\n")
    return f"{first}\nnote: {note}\n{rest}" if rest else f"{first}\nnote: {note}"
