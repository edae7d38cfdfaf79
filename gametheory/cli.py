"""The ``gametheory`` command.

Every command that takes a GAME accepts a file (``.efg``, ``.nfg``, ``.json``), a built-in example
(``gametheory models`` lists them) or a built-in model, with ``--param NAME=VALUE`` to fix
parameters.  Input errors print one line on stderr and exit with status 2.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import sys
from pathlib import Path
from typing import Callable, Sequence

from .numbers import exact

__all__ = ["main", "load_game"]


class UsageError(ValueError):
    """A problem with the command line itself."""


def parse_assignments(items: Sequence[str] | None) -> dict[str, str]:
    """``["c=1/2", "lam=1"]`` -> ``{"c": "1/2", "lam": "1"}`` (values checked to be exact numbers)."""
    values: dict[str, str] = {}
    for item in items or ():
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            raise UsageError(f"expected NAME=VALUE, got {item!r}")
        exact(value.strip())
        values[name.strip()] = value.strip()
    return values


def _builtin_games() -> dict[str, Callable]:
    from .examples import EXAMPLES
    from .models import MODELS
    games: dict[str, Callable] = dict(EXAMPLES)
    for name, model in MODELS.items():
        games[name] = model.build
    return games


def load_game(name: str, params: dict[str, str] | None = None):
    """A game from a file or a built-in name, with parameters fixed by ``params``.

    The game's objects are then frozen out of the garbage collector's view: a big tree keeps
    millions of them alive, and rescanning them would cost seconds per collection.
    """
    game = _load_game(name, params or {})
    gc.freeze()
    return game


def _load_game(name: str, params: dict[str, str]):
    path = Path(name)
    if path.suffix.lower() in (".efg", ".nfg", ".json") or path.exists():
        if not path.exists():
            raise UsageError(f"{name}: no such file")
        if path.suffix.lower() == ".json":
            from .io.json_format import read_json
            game = read_json(path)
        else:
            from .io import read
            game = read(path)
        return game.substitute(params) if params else game
    games = _builtin_games()
    if name not in games:
        raise UsageError(f"no file or built-in game named {name!r}; "
                         f"built-in: {', '.join(sorted(games))}")
    game = games[name]()
    if params:
        if not hasattr(game, "substitute"):
            raise UsageError(f"{name} has no parameters")
        game = game.substitute(params)
    return game


# ------------------------------------------------------------------------------ commands

def cmd_info(args) -> str:
    from .report.describe import describe
    return describe(load_game(args.game, parse_assignments(args.param)))


def cmd_convert(args) -> str:
    from .io import write
    game = load_game(args.game, parse_assignments(args.param))
    out = Path(args.output)
    if out.suffix.lower() == ".json":
        from .io.json_format import write_json
        out.write_text(write_json(game), encoding="utf-8")
    elif out.suffix.lower() in (".efg", ".nfg"):
        write(game, out)
    else:
        raise UsageError(f"{out}: write .efg, .nfg or .json")
    return f"wrote {out}"


def cmd_solve(args) -> str:
    from .report.equilibria import format_solution
    from .solvers import solve
    game = load_game(args.game, parse_assignments(args.param))
    options = {}
    if args.limit is not None:
        options["limit"] = args.limit
    if args.generic:
        options["generic"] = True
    solution = solve(game, method=args.method, **options)
    return format_solution(solution, args.format)


def cmd_regions(args) -> str:
    from .symbolic.parametric import parametric_spe
    game = load_game(args.game, parse_assignments(args.param))
    if not getattr(game, "is_symbolic", False):
        raise UsageError(f"{args.game} has no free parameters: use 'gametheory solve'")
    solution = parametric_spe(game, generic=args.generic)
    if args.format == "json":
        return json.dumps(solution.to_json_dict(), indent=1)
    return {"text": solution.to_text, "md": solution.to_markdown,
            "tex": solution.to_latex}[args.format]()


def cmd_table(args) -> str:
    if args.model == "anglo-japanese":
        if args.grid:
            raise UsageError("--grid applies to a model, not to the episode table")
        from .models.episodes import episode_table
        return episode_table(args.format)
    from .models import MODELS
    from .report.tables import grid_table
    if args.model not in MODELS:
        raise UsageError(f"no model {args.model!r}; models: anglo-japanese, "
                         f"{', '.join(sorted(MODELS))}")
    if not args.grid:
        raise UsageError("give at least one --grid NAME=LO:HI:N")
    return grid_table(MODELS[args.model], _parse_grid(args.grid),
                      args.format, fixed=parse_assignments(args.param))


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
        grid[name] = (parts[0], parts[1], int(parts[2]))
    return grid


def cmd_plot(args) -> str:
    from .models import MODELS
    from .report.regionmap import plot_regions
    if args.model not in MODELS:
        raise UsageError(f"no model {args.model!r}; models: {', '.join(sorted(MODELS))}")
    plot_regions(MODELS[args.model], args.x, args.y, parse_assignments(args.fix), args.output)
    return f"wrote {args.output}"


def cmd_draw(args) -> str:
    from .report.drawing import draw
    game = load_game(args.game, parse_assignments(args.param))
    draw(game, args.output)
    return f"wrote {args.output}"


def cmd_models(args) -> str:
    from .examples import EXAMPLES
    from .models import MODELS
    lines = ["Built-in models:"]
    for name, model in sorted(MODELS.items()):
        lines.append(f"  {name:<22} {getattr(model, 'description', '')}")
    lines.append("  anglo-japanese         the Anglo-Japanese episodes (gametheory table)")
    lines.append("Examples:")
    for name, build in sorted(EXAMPLES.items()):
        doc = (build.__doc__ or "").strip().splitlines()[0]
        lines.append(f"  {name:<22} {doc}")
    return "\n".join(lines)


def cmd_prove(args) -> tuple[str, int]:
    from .proofs import run_claim, run_proofs
    if args.claim:
        if args.names:
            raise UsageError("give proposition names or --claim, not both")
        game, claim = args.claim
        target = game if _is_model(game) else load_game(game)
        return run_claim(target, claim, args.format, fixed=parse_assignments(args.fix),
                         assumptions=tuple(args.assume or ()))
    return run_proofs(args.names, args.format)


def _is_model(name: str) -> bool:
    from .models import MODELS
    return name in MODELS


# ------------------------------------------------------------------------------ parser

def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="gametheory",
        description="Solve games exactly: Gambit files, built-in examples and models.")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(name: str, help: str, run: Callable, game: bool = True):
        sub = commands.add_parser(name, help=help, description=help)
        if game:
            sub.add_argument("game", metavar="GAME", help="a .efg/.nfg/.json file or a built-in name")
            sub.add_argument("--param", action="append", metavar="NAME=VALUE",
                             help="fix a parameter to an exact value (repeatable)")
        sub.set_defaults(run=run)
        return sub

    command("info", "Describe a game: players, nodes, information sets, subgames, sizes.", cmd_info)
    sub = command("convert", "Convert a game (.efg to .nfg gives the reduced strategic form).",
                  cmd_convert)
    sub.add_argument("-o", "--output", required=True, help="output file (.efg, .nfg, .json)")
    sub = command("solve", "Compute equilibria, each certified by an exact regret of zero.",
                  cmd_solve)
    sub.add_argument("--method", default="auto",
                     choices=["auto", "spe", "enumpure", "enummixed", "enumpoly", "lcp", "lp",
                              "pbe"])
    sub.add_argument("--format", default="text", choices=["text", "json", "csv"])
    sub.add_argument("--limit", type=int, help="list at most N equilibria")
    sub.add_argument("--generic", action="store_true",
                     help="symbolic games: drop boundary regions (ties)")
    sub = command("regions", "Equilibrium regions of a game with free parameters.", cmd_regions)
    sub.add_argument("--format", default="text", choices=["text", "md", "tex", "json"])
    sub.add_argument("--generic", action="store_true", help="drop boundary regions (ties)")
    sub = command("table", "Equilibrium table: the Anglo-Japanese episodes, or a model over a grid.",
                  cmd_table, game=False)
    sub.add_argument("model", metavar="MODEL", help="anglo-japanese, or a model name")
    sub.add_argument("--format", default="text", choices=["text", "md", "csv", "tex"])
    sub.add_argument("--grid", action="append", metavar="NAME=LO:HI:N")
    sub.add_argument("--param", action="append", metavar="NAME=VALUE")
    sub = command("plot", "Region map: the parameter plane coloured by equilibrium outcome.",
                  cmd_plot, game=False)
    sub.add_argument("model", metavar="MODEL")
    sub.add_argument("--x", required=True, help="parameter on the horizontal axis")
    sub.add_argument("--y", required=True, help="parameter on the vertical axis")
    sub.add_argument("--fix", action="append", metavar="NAME=VALUE")
    sub.add_argument("-o", "--output", required=True, help="map.png, map.svg or map.pdf")
    sub = command("draw", "Draw a game tree (TikZ/istgame .tex, Graphviz .dot, .png, .svg).",
                  cmd_draw)
    sub.add_argument("-o", "--output", required=True)
    command("models", "List the built-in models and examples.", cmd_models, game=False)
    sub = command("prove", "Run the propositions' symbolic proofs and print certificates.",
                  cmd_prove, game=False)
    sub.add_argument("names", nargs="*", metavar="NAME", help="propositions (default: all)")
    sub.add_argument("--format", default="text", choices=["text", "json", "md", "tex"])
    sub.add_argument("--claim", nargs=2, metavar=("GAME", "CLAIM"),
                     help="check a claim about a model or game: 'S shrinks in c', "
                          "'S grows in R', 'L > concede where REL; REL', 'N iff REL; ...'")
    sub.add_argument("--fix", action="append", metavar="NAME=VALUE",
                     help="with --claim: fix a parameter before solving")
    sub.add_argument("--assume", action="append", metavar="REL",
                     help="with --claim: restrict the claim to where REL holds")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    args = build_parser().parse_args(argv)
    try:
        result = args.run(args)
    except (ValueError, OSError) as error:   # GameFormatError is a ValueError
        if os.environ.get("GAMETHEORY_DEBUG"):
            raise
        message = str(error).splitlines()[0] if str(error) else type(error).__name__
        if not hasattr(error, "line"):       # a GameFormatError already says file:line:col
            message = f"gametheory {args.command}: {message}"
        print(message, file=sys.stderr)
        return 2
    status = 0
    if isinstance(result, tuple):
        result, status = result
    if result:
        try:
            print(result)
        except BrokenPipeError:             # e.g. piped into head
            sys.stderr.close()
    return status


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
