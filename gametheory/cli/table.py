"""The ``gametheory table`` command."""

from __future__ import annotations

from typing import Sequence

from ..numbers import exact
from .common import UsageError, parse_assignments, unknown_name

HELP = "Equilibrium table: the Anglo-Japanese episodes, or a model over a grid."


def register(commands) -> None:
    sub = commands.add_parser("table", help=HELP, description=HELP)
    sub.add_argument("model", metavar="MODEL", help="anglo-japanese, or a model name")
    sub.add_argument("--format", default="text", choices=["text", "md", "csv", "tex", "json"],
                     help="text (compact, under 100 columns), md, csv, tex (a complete LaTeX "
                     "document) or json; md, csv, tex and json carry each value's provenance")
    sub.add_argument("--wide", action="store_true",
                     help="episode table as text: add a column for every parameter")
    sub.add_argument("--no-robustness", action="store_true",
                     help="episode table: skip the robustness column (10,000 sampled games per "
                     "row)")
    sub.add_argument("--grid", action="append", metavar="NAME=LO:HI:N")
    sub.add_argument("--param", action="append", metavar="NAME=VALUE")
    sub.set_defaults(run=cmd_table)


def cmd_table(args) -> str:
    if args.model == "anglo-japanese":
        if args.grid:
            raise UsageError("--grid applies to a model, not to the episode table")
        from ..models.episodes import episode_table
        return episode_table(args.format, wide=args.wide, robust=not args.no_robustness)
    from ..models import MODELS
    from ..report.tables import grid_table
    if args.model not in MODELS:
        raise unknown_name("model", args.model, ["anglo-japanese", *sorted(MODELS)])
    if not args.grid:
        raise UsageError("give at least one --grid NAME=LO:HI:N")
    if args.format == "json" or args.wide or args.no_robustness:
        raise UsageError("--format json, --wide and --no-robustness apply to the episode table")
    model = MODELS[args.model]
    grid = _parse_grid(args.grid)
    fixed = parse_assignments(args.param)
    known = [p.name for p in model.parameters]
    for name in [*grid, *fixed]:
        if name not in known:
            raise unknown_name("parameter", name, known, owner=args.model)
    return grid_table(model, grid,
                      args.format, fixed=fixed)


def _parse_grid(items: Sequence[str]) -> dict[str, tuple[str, str, int]]:
    grid = {}
    for item in items:
        name, sep, spec = item.partition("=")
        parts = spec.split(":")
        if not sep or len(parts) != 3:
            raise UsageError(f"expected NAME=LO:HI:N, got {item!r}")
        exact(parts[0]), exact(parts[1])
        if not parts[2].isdigit() or int(parts[2]) < 1:
            raise UsageError(f"N must be a positive integer in {item!r}")
        if name in grid:
            raise UsageError(f"{name} given twice")
        grid[name] = (parts[0], parts[1], int(parts[2]))
    return grid
