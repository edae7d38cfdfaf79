"""The ``gametheory draw`` command."""

from __future__ import annotations

from .common import UsageError, add_game_arguments, load_game, parse_assignments

HELP = "Draw a game tree (TikZ/istgame .tex, Graphviz .dot, .png, .svg)."


def register(commands) -> None:
    sub = commands.add_parser("draw", help=HELP, description=HELP)
    add_game_arguments(sub)
    sub.add_argument("-o", "--output", required=True)
    sub.set_defaults(run=cmd_draw)


def cmd_draw(args) -> str:
    from ..report.drawing import draw
    game = load_game(args.game, parse_assignments(args.param))
    if not hasattr(game, "tree"):
        raise UsageError(f"draw needs a tree; {args.game} is a strategic game")
    draw(game, args.output)
    return f"wrote {args.output}"
