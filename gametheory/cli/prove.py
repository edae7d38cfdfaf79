"""The ``gametheory prove`` command."""

from __future__ import annotations

import argparse
import sys

from ..errors import GameFormatError
from .common import (UsageError, add_assume_argument, add_format_argument, load_game,
                     parse_assignments, parse_assumptions, positive_int, split_relations,
                     unknown_name)

HELP = "Run the propositions' symbolic proofs and print certificates."


def register(commands) -> None:
    sub = commands.add_parser("prove", help=HELP, description=HELP)
    sub.add_argument("names", nargs="*", metavar="NAME",
                     help="propositions to prove, such as P1 or c2 (default: all)")
    add_format_argument(sub, ["text", "md", "tex", "json"],
                        help="certificate format; tex is a fragment to \\input, its packages "
                             "declared on its first line")
    sub.add_argument("--standalone", action="store_true",
                     help="with --format tex: a complete LaTeX document (default: off)")
    sub.add_argument("--game", metavar="FILE",
                     help="check the named propositions on this game (e.g. an edited export "
                          "of the model; default: the built-in model)")
    sub.add_argument("--claim", nargs=2, metavar=("GAME", "CLAIM"),
                     help="check a claim about a model or game: 'S shrinks in c', "
                          "'S weakly grows in R', 'L > concede where REL; REL', "
                          "'N iff REL; ...' (default: the propositions instead)")
    sub.add_argument("--param", action="append", metavar="NAME=VALUE",
                     help="with --claim: fix a parameter before solving (repeatable; "
                          "default: every parameter stays free)")
    sub.add_argument("--fix", action="append", help=argparse.SUPPRESS)  # deprecated: --param
    add_assume_argument(sub, help="with --claim: check the claim only where this relation "
                                  "between parameters holds, such as '0 < p < 1' (repeatable; "
                                  "chains and ';' give several; default: none)")
    sub.add_argument("--n-jobs", type=positive_int, default=None, metavar="N", dest="jobs",
                     help="worker processes for several propositions (default: one per core)")
    sub.add_argument("--jobs", type=positive_int, dest="jobs",
                     help=argparse.SUPPRESS)          # the old name of --n-jobs
    sub.add_argument("--quiet", action="store_true",
                     help="no progress on standard error (it is shown only on a terminal; "
                          "default: off)")
    sub.set_defaults(run=cmd_prove)


def cmd_prove(args) -> tuple[str, int]:
    if args.standalone and args.format != "tex":
        raise UsageError("--standalone goes with --format tex")
    output, status = _prove(args)
    if args.standalone:
        from ..report.latex import document
        output = document(output)
    return output, status


def _prove(args) -> tuple[str, int]:
    from ..proofs import PROPOSITIONS, render_text, run_claim, run_proofs
    params = (args.param or []) + (args.fix or [])
    if args.fix:
        print("gametheory prove: --fix is deprecated; use --param", file=sys.stderr)
    if args.claim:
        if args.names or args.game:
            raise UsageError("give proposition names (with --game) or --claim, not both")
        game, claim = args.claim
        target = game if _is_model(game) else _read(game)
        fixed = parse_assignments(params)
        if args.assume or fixed:         # names and syntax checked here, with close matches
            from ..models import MODELS
            parameters = (MODELS[game].parameters if _is_model(game)
                          else getattr(target, "parameters", ()))
            known = [p.name for p in parameters]
            for name in fixed:
                if name not in known:
                    raise (unknown_name("parameter", name, known, owner=game) if known
                           else UsageError(f"{game} has no parameters"))
            parse_assumptions(args.assume, parameters)
        return run_claim(target, claim, args.format, fixed=fixed,
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
    tty = sys.stderr.isatty() and not args.quiet

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
