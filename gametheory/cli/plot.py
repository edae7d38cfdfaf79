"""The ``gametheory plot`` command."""

from __future__ import annotations

from .common import UsageError, parse_assignments, unknown_name

HELP = "Region map: the parameter plane coloured by equilibrium outcome."


def register(commands) -> None:
    sub = commands.add_parser("plot", help=HELP, description=HELP)
    sub.add_argument("model", metavar="MODEL")
    sub.add_argument("--x", required=True, help="parameter on the horizontal axis")
    sub.add_argument("--y", required=True, help="parameter on the vertical axis")
    sub.add_argument("--fix", action="append", metavar="NAME=VALUE")
    sub.add_argument("-o", "--output", required=True, help="map.png, map.svg or map.pdf")
    sub.set_defaults(run=cmd_plot)


def cmd_plot(args) -> str:
    from ..models import MODELS
    from ..report.regionmap import plot_regions
    if args.model not in MODELS:
        raise unknown_name("model", args.model, sorted(MODELS))
    model = MODELS[args.model]
    fixed = parse_assignments(args.fix)
    known = [p.name for p in model.parameters]
    for name in [args.x, args.y, *fixed]:
        if name not in known:
            raise unknown_name("parameter", name, known, owner=args.model)
    if args.x == args.y:
        raise UsageError("--x and --y must be different parameters")
    plot_regions(model, args.x, args.y, fixed, args.output)
    return f"wrote {args.output}"
