"""The ``gametheory draw`` command."""

from __future__ import annotations

from .common import UsageError, add_game_arguments, load_game, parse_assignments

HELP = ("Draw a game tree (TikZ .tex, Graphviz .dot, .png, .svg, .pdf), or the payoff table of "
        "a two-player strategic game (.tex, .png, .svg, .pdf).")


def register(commands) -> None:
    sub = commands.add_parser("draw", help=HELP, description=HELP)
    add_game_arguments(sub)
    sub.add_argument("-o", "--output", required=True,
                     help="the file to write; its suffix picks the format")
    sub.add_argument("--standalone", action="store_true",
                     help=".tex: a complete document (default: a fragment to \\input, whose "
                          "first line names the packages it needs)")
    sub.set_defaults(run=cmd_draw)


def cmd_draw(args) -> str:
    from ..report.drawing import draw
    game = load_game(args.game, parse_assignments(args.param))
    if args.standalone and not args.output.lower().endswith(".tex"):
        raise UsageError("--standalone applies to a .tex drawing")
    try:
        draw(game, args.output, standalone=args.standalone)
    except ValueError as error:        # a strategic game it cannot draw, an unknown suffix
        raise UsageError(str(error)) from None
    return f"wrote {args.output}"
