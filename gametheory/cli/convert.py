"""The ``gametheory convert`` command.

The output is written atomically (a temporary file in the same folder, renamed over the target
once complete; a symbolic link at the target is replaced, not followed).  A tree converted to
``.nfg`` becomes its reduced strategic form, built only up to ``--max-profiles`` strategy
profiles (default :data:`gametheory.games.forms.MAX_FORM_PROFILES`).
"""

from __future__ import annotations

from pathlib import Path

from .common import UsageError, add_game_arguments, load_game, parse_assignments

HELP = "Convert a game (.efg to .nfg gives the reduced strategic form)."


def _positive(text: str) -> int:
    if not (text.isascii() and text.isdigit()) or int(text) < 1:
        raise UsageError(f"--max-profiles takes a positive integer, got {text!r}")
    return int(text)


def register(commands) -> None:
    sub = commands.add_parser("convert", help=HELP, description=HELP)
    add_game_arguments(sub)
    sub.add_argument("-o", "--output", required=True, metavar="FILE",
                     help="the file to write (required): .efg, .nfg (from a tree: its reduced "
                          "strategic form) or .json (our format, with parameters)")
    sub.add_argument("--max-profiles", metavar="N",
                     help="largest strategic form built from a tree, in strategy profiles "
                          "(default 1,000,000)")
    sub.set_defaults(run=cmd_convert)


def cmd_convert(args) -> str:
    from ..io import write
    max_profiles = _positive(args.max_profiles) if args.max_profiles is not None else None
    out = Path(args.output)
    suffix = out.suffix.lower()
    if suffix not in (".json", ".efg", ".nfg"):
        raise UsageError(f"{out}: write .efg, .nfg or .json")
    game = load_game(args.game, parse_assignments(args.param))
    if suffix == ".json":
        from ..io.json_format import write_json
        if not hasattr(game, "tree"):
            raise UsageError(f"{args.game} is a strategic game: write it as .nfg")
        write_json(game, out)
    else:
        write(game, out, max_profiles=max_profiles)
    return f"wrote {out}"
