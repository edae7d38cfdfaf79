"""The ``gametheory prove`` command."""

from __future__ import annotations

from .common import UsageError, load_game, parse_assignments, unknown_name

HELP = "Run the propositions' symbolic proofs and print certificates."


def register(commands) -> None:
    sub = commands.add_parser("prove", help=HELP, description=HELP)
    sub.add_argument("names", nargs="*", metavar="NAME", help="propositions (default: all)")
    sub.add_argument("--format", default="text", choices=["text", "json", "md", "tex"])
    sub.add_argument("--claim", nargs=2, metavar=("GAME", "CLAIM"),
                     help="check a claim about a model or game: 'S shrinks in c', "
                          "'S grows in R', 'L > concede where REL; REL', 'N iff REL; ...'")
    sub.add_argument("--fix", action="append", metavar="NAME=VALUE",
                     help="with --claim: fix a parameter before solving")
    sub.add_argument("--assume", action="append", metavar="REL",
                     help="with --claim: restrict the claim to where REL holds")
    sub.set_defaults(run=cmd_prove)


def cmd_prove(args) -> tuple[str, int]:
    from ..proofs import PROPOSITIONS, run_claim, run_proofs
    if args.claim:
        if args.names:
            raise UsageError("give proposition names or --claim, not both")
        game, claim = args.claim
        target = game if _is_model(game) else load_game(game)
        return run_claim(target, claim, args.format, fixed=parse_assignments(args.fix),
                         assumptions=tuple(args.assume or ()))
    known = list(PROPOSITIONS)
    for name in args.names:
        if name not in known:
            raise unknown_name("proposition", name, known)
    return run_proofs(args.names, args.format)


def _is_model(name: str) -> bool:
    from ..models import MODELS
    return name in MODELS
