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
    sub.add_argument("--standalone", action="store_true",
                     help="--format tex: a complete document (default: a fragment to \\input "
                     "into a document that loads booktabs, amsmath and array)")
    sub.add_argument("--figure", choices=["map", "margin"],
                     help="episode table: draw a figure instead of printing the table: 'map', "
                     "the region map of the core game G1 with every episode at its calibrated "
                     "point (one panel per value of lam), or 'margin', one bar per episode "
                     "showing how far the nearest flip of its prediction is")
    sub.add_argument("-o", "--output", metavar="FILE",
                     help="--figure: the image to write (.png, .svg or .pdf)")
    sub.add_argument("--x", help="--figure map: parameter on the horizontal axis of both panels "
                     "(default: c at lam = 0, ell_A at lam = 1)")
    sub.add_argument("--y", help="--figure map: parameter on the vertical axis of both panels "
                     "(default: R at lam = 0, kappa at lam = 1)")
    sub.add_argument("--grid", action="append", metavar="NAME=LO:HI:N",
                     help="a model's table: a grid axis (repeatable)")
    sub.add_argument("--param", action="append", metavar="NAME=VALUE",
                     help="a model's table, or --figure map: fix a parameter (repeatable; the "
                     "others take the model's defaults, the E6 calibration)")
    sub.set_defaults(run=cmd_table)


def cmd_table(args) -> str:
    if args.model == "anglo-japanese":
        if args.grid:
            raise UsageError("--grid applies to a model, not to the episode table")
        if args.figure:
            return _figure(args)
        if args.output or args.x or args.y:
            raise UsageError("-o, --x and --y apply to --figure")
        if args.param:
            raise UsageError("--param applies to a model's table or to --figure map")
        if args.standalone and args.format != "tex":
            raise UsageError("--standalone applies to --format tex")
        from ..models.episodes import episode_table
        return episode_table(args.format, wide=args.wide, robust=not args.no_robustness,
                             standalone=args.standalone)
    from ..models import MODELS
    from ..report.tables import grid_table
    if args.model not in MODELS:
        raise unknown_name("model", args.model, ["anglo-japanese", *sorted(MODELS)])
    if not args.grid:
        raise UsageError("give at least one --grid NAME=LO:HI:N")
    if args.format == "json" or args.wide or args.no_robustness or args.figure:
        raise UsageError("--format json, --wide, --no-robustness and --figure apply to the "
                         "episode table")
    if args.output or args.x or args.y or args.standalone:
        raise UsageError("-o, --x, --y and --standalone apply to the episode table")
    model = MODELS[args.model]
    grid = _parse_grid(args.grid)
    fixed = parse_assignments(args.param)
    known = [p.name for p in model.parameters]
    for name in [*grid, *fixed]:
        if name not in known:
            raise unknown_name("parameter", name, known, owner=args.model)
    return grid_table(model, grid,
                      args.format, fixed=fixed)


def _figure(args) -> str:
    """``--figure map`` or ``--figure margin`` of the episode table, written to ``-o``."""
    from pathlib import Path

    if not args.output:
        raise UsageError("--figure needs -o FILE (.png, .svg or .pdf)")
    if Path(args.output).suffix.lower() not in (".png", ".svg", ".pdf"):
        raise UsageError(f"cannot tell the image format of {args.output!r}: use .png, .svg "
                         "or .pdf")
    if args.format != "text" or args.wide or args.standalone:
        raise UsageError("--format, --wide and --standalone apply to the table, not to "
                         "--figure")
    from ..models.episodes import episode_rows
    if args.figure == "margin":
        if args.x or args.y or args.param:
            raise UsageError("--x, --y and --param apply to --figure map")
        from ..report.marginplot import margin_plot
        margin_plot(episode_rows(robust=not args.no_robustness), args.output)
        return f"wrote {args.output}"
    from ..models import MODELS
    from ..report.regionmap import EPISODE_PANELS, episode_map
    model = MODELS["linkage"]
    fixed = parse_assignments(args.param)
    known = [p.name for p in model.parameters]
    for name in [*(a for a in (args.x, args.y) if a), *fixed]:
        if name not in known:
            raise unknown_name("parameter", name, known, owner=model.name)
    if "lam" in fixed:
        raise UsageError("lam is drawn as two panels (0 and 1) and cannot be fixed")
    panels = [(lam, args.x or x, args.y or y) for lam, x, y in EPISODE_PANELS]
    for lam, x, y in panels:
        if x == y:
            raise UsageError(f"--x and --y must be different parameters (both {x})")
        for axis in (x, y):
            if axis == "lam":
                raise UsageError("lam takes only the values {0, 1}: it is the panel, not an "
                                 "axis; choose another axis")
            if axis in fixed:
                raise UsageError(f"{axis} is an axis and cannot also be fixed with --param")
    episode_map(episode_rows(robust=False), args.output, panels=panels, fixed=fixed)
    return f"wrote {args.output}"


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
