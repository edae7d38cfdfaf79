"""The ``gametheory prove`` command."""

from __future__ import annotations

import argparse
import sys

from ..errors import GameFormatError
from .common import (UsageError, add_assume_argument, load_game, parse_assignments,
                     parse_assumptions, split_relations, unknown_name)

HELP = "Run the propositions' symbolic proofs and print certificates."


def register(commands) -> None:
    sub = commands.add_parser("prove", help=HELP, description=HELP)
    sub.add_argument("names", nargs="*", metavar="NAME", help="propositions (default: all)")
    sub.add_argument("--format", default="text", choices=["text", "json", "md", "tex"])
    sub.add_argument("--game", metavar="FILE",
                     help="check the propositions on this game (e.g. an edited export of the "
                          "model) instead of the built-in model")
    sub.add_argument("--claim", nargs=2, metavar=("GAME", "CLAIM"),
                     help="check a claim about a model or game: 'S shrinks in c', "
                          "'S weakly grows in R', 'L > concede where REL; REL', "
                          "'N iff REL; ...'")
    sub.add_argument("--param", action="append", metavar="NAME=VALUE",
                     help="with --claim: fix a parameter before solving (repeatable)")
    sub.add_argument("--fix", action="append", help=argparse.SUPPRESS)  # deprecated: --param
    add_assume_argument(sub, help="with --claim: check the claim only where this relation "
                                  "between parameters holds, such as '0 < p < 1' (repeatable; "
                                  "chains and ';' give several; default: none)")
    sub.add_argument("--jobs", type=int, default=None, metavar="N",
                     help="worker processes for several propositions (default: one per core)")
    sub.set_defaults(run=cmd_prove)


def cmd_prove(args) -> tuple[str, int]:
    from ..proofs import PROPOSITIONS, render_text, run_claim, run_proofs
    params = (args.param or []) + (args.fix or [])
    if args.fix:
        print("gametheory prove: --fix is deprecated; use --param", file=sys.stderr)
    if args.jobs is not None and args.jobs < 1:
        raise UsageError("--jobs must be at least 1")
    if args.claim:
        if args.names or args.game:
            raise UsageError("give proposition names (with --game) or --claim, not both")
        game, claim = args.claim
        target = game if _is_model(game) else _read(game)
        if args.assume:                  # names and syntax checked here, with close matches
            from ..models import MODELS
            parse_assumptions(args.assume, MODELS[game].parameters if _is_model(game)
                              else getattr(target, "parameters", ()))
        return run_claim(target, claim, args.format, fixed=parse_assignments(params),
                         assumptions=tuple(relation for text in args.assume or ()
                                           for relation in split_relations(text)),
                         source="" if _is_model(game) else game)
    if params or args.assume:
        raise UsageError("--param and --assume go with --claim")
    known = list(PROPOSITIONS)
    for name in args.names:
        if name not in known:
            raise unknown_name("proposition", name, known)
    if args.game and not args.names:
        raise UsageError("--game needs the proposition to check: gametheory prove NAME "
                         "--game FILE")
    game = _read(args.game) if args.game else None
    stream = args.format == "text"
    tty = sys.stderr.isatty()

    def show(certificate, seconds, done, total):
        if tty:
            print(f"\r\033[K[{done}/{total}] {certificate.name}: {certificate.status}",
                  end="" if done < total else "\n", file=sys.stderr, flush=True)
        if stream:
            print(render_text(certificate, seconds) + "\n", flush=True)

    return run_proofs(args.names, args.format, game=game, source=args.game or "",
                      jobs=args.jobs, on_result=show)


def _read(name: str):
    """A game file, with a format error reported without echoing the file's contents."""
    try:
        return load_game(name)
    except GameFormatError as error:
        raise UsageError(f"{name}: not a game this command can read (a format error at line "
                         f"{error.line}, column {error.column}); give a .efg, .nfg or .json "
                         f"game or a built-in model name") from None


def _is_model(name: str) -> bool:
    from ..models import MODELS
    return name in MODELS
