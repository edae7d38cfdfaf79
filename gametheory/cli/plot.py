"""The ``gametheory plot`` command."""

from __future__ import annotations

import argparse
import sys

from .common import UsageError, parse_assignments, unknown_name

HELP = "Region map: the parameter plane coloured by equilibrium outcome."


def register(commands) -> None:
    sub = commands.add_parser("plot", help=HELP, description=HELP)
    sub.add_argument("model", metavar="MODEL")
    sub.add_argument("--x", required=True, help="parameter on the horizontal axis")
    sub.add_argument("--y", required=True, help="parameter on the vertical axis")
    sub.add_argument("--param", action="append", metavar="NAME=VALUE",
                     help="fix a parameter off the axes (repeatable; the others take the "
                          "model's defaults)")
    sub.add_argument("--fix", action="append", metavar="NAME=VALUE", dest="fix",
                     help=argparse.SUPPRESS)      # the old name of --param, kept for scripts
    sub.add_argument("-o", "--output", required=True, help="map.png, map.svg or map.pdf")
    sub.set_defaults(run=cmd_plot)


def cmd_plot(args) -> str:
    from ..models import MODELS
    from ..parameters import Switch
    from ..report.regionmap import plot_regions
    if args.model not in MODELS:
        raise unknown_name("model", args.model, sorted(MODELS))
    model = MODELS[args.model]
    if args.fix:
        print("gametheory plot: --fix is deprecated, use --param", file=sys.stderr)
    fixed = parse_assignments([*(args.param or ()), *(args.fix or ())])
    known = [p.name for p in model.parameters]
    for name in [args.x, args.y, *fixed]:
        if name not in known:
            raise unknown_name("parameter", name, known, owner=args.model)
    if args.x == args.y:
        raise UsageError("--x and --y must be different parameters")
    for axis in (args.x, args.y):
        if axis in fixed:
            raise UsageError(f"{axis} is an axis and cannot also be fixed with --param")
        if isinstance(model.parameter(axis).domain, Switch):
            raise UsageError(f"{axis} takes only the values {model.parameter(axis).domain}: "
                             f"fix it with --param {axis}=VALUE and choose another axis")
    plot_regions(model, args.x, args.y, fixed, args.output)
    return f"wrote {args.output}"
