"""The ``gametheory convert`` command."""

from __future__ import annotations

from pathlib import Path

from .common import UsageError, add_game_arguments, load_game, parse_assignments

HELP = "Convert a game (.efg to .nfg gives the reduced strategic form)."


def register(commands) -> None:
    sub = commands.add_parser("convert", help=HELP, description=HELP)
    add_game_arguments(sub)
    sub.add_argument("-o", "--output", required=True, help="output file (.efg, .nfg, .json)")
    sub.set_defaults(run=cmd_convert)


def cmd_convert(args) -> str:
    from ..io import write
    game = load_game(args.game, parse_assignments(args.param))
    out = Path(args.output)
    if out.suffix.lower() == ".json":
        from ..io.json_format import write_json
        out.write_text(write_json(game), encoding="utf-8")
    elif out.suffix.lower() in (".efg", ".nfg"):
        write(game, out)
    else:
        raise UsageError(f"{out}: write .efg, .nfg or .json")
    return f"wrote {out}"
