"""What every command shares: the usage error, ``--param`` parsing and loading a GAME argument."""

from __future__ import annotations

import ast
import gc
import warnings
from pathlib import Path
from typing import Callable, Mapping, Sequence

import sympy

from ..errors import did_you_mean
from ..numbers import exact

__all__ = ["UsageError", "parse_assignments", "load_game", "builtin_games", "add_game_arguments",
           "suggest", "unknown_name", "add_assume_argument", "split_relations",
           "parse_assumptions", "narrow_grid", "FORMATS", "add_format_argument", "positive_int"]

#: Every output format a command may offer, in the order each command lists its own: ``text``
#: (read on a terminal), ``md`` (Markdown), ``tex`` (LaTeX), ``csv`` (one row per item) and
#: ``json`` (everything, machine-readable).
FORMATS = ("text", "md", "tex", "csv", "json")


class UsageError(ValueError):
    """A problem with the command line itself."""


def parse_assignments(items: Sequence[str] | None) -> dict[str, str]:
    """``["c=1/2", "lam=1"]`` -> ``{"c": "1/2", "lam": "1"}`` (values checked to be exact numbers).

    Examples
    --------
    >>> parse_assignments(["c=1/2", " lam = 1"])
    {'c': '1/2', 'lam': '1'}
    """
    values: dict[str, str] = {}
    for item in items or ():
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            raise UsageError(f"expected NAME=VALUE, got {item!r}")
        exact(value.strip())
        if name.strip() in values:
            raise UsageError(f"{name.strip()} given twice")
        values[name.strip()] = value.strip()
    return values


def suggest(name: str, known: Sequence[str]) -> str:
    """``"; did you mean 'linkage'?"`` for a near miss among ``known``, else ``""``."""
    return did_you_mean(name, known)


def unknown_name(kind: str, name: str, known: Sequence[str], owner: str = "") -> UsageError:
    """The usage error for an unknown ``kind`` name: close matches if any, else the full list."""
    head = f"{owner} has no {kind} {name!r}" if owner else f"no {kind} {name!r}"
    hint = suggest(name, known)
    if hint:
        return UsageError(head + hint)
    return UsageError(f"{head}; known: {', '.join(known)}")


def builtin_games() -> dict[str, Callable]:
    """Every built-in name a GAME argument accepts: the examples and the models."""
    from ..catalog import EXAMPLES
    from ..models import MODELS
    games: dict[str, Callable] = dict(EXAMPLES)
    for name, model in MODELS.items():
        games[name] = model.build
    return games


def add_game_arguments(sub) -> None:
    """The GAME positional argument and ``--param``, as every game command takes them."""
    sub.add_argument("game", metavar="GAME",
                     help="a .efg/.nfg/.json file or a built-in name (gametheory models)")
    sub.add_argument("--param", action="append", metavar="NAME=VALUE",
                     help="fix a parameter to an exact value such as 1/2 (repeatable; "
                          "default: every parameter stays free)")


def add_format_argument(sub, choices: Sequence[str], help: str = "") -> None:
    """``--format``, its choices in the order of :data:`FORMATS`, default ``text``."""
    unknown = set(choices) - set(FORMATS)
    if unknown:
        raise ValueError(f"unknown formats {sorted(unknown)}")
    ordered = [f for f in FORMATS if f in choices]
    sub.add_argument("--format", default="text", choices=ordered,
                     help=(help + " " if help else "") + "(default: text)")


def positive_int(text: str) -> int:
    """An option's value that must be a positive integer (argparse ``type``).

    >>> positive_int("5")
    5
    >>> positive_int("0")
    Traceback (most recent call last):
    ...
    argparse.ArgumentTypeError: expected a positive integer, got '0'
    """
    import argparse
    if not (text.isascii() and text.strip().isdigit()) or int(text) < 1:
        raise argparse.ArgumentTypeError(f"expected a positive integer, got {text!r}")
    return int(text)


def load_game(name: str, params: dict[str, str] | None = None):
    """A game from a file or a built-in name, with parameters fixed by ``params``.

    The game's objects are then frozen out of the garbage collector's view (``gc.freeze``): a big
    tree keeps millions of them alive, and rescanning them would cost seconds per collection
    (solving a 265,720-node tree from the command line took about 14.5 s with the freeze and
    16.4 s without, medians of five runs on a loaded machine).  The command line is a program of
    its own, so this process-wide setting is its to make; the library never touches the
    collector.
    """
    game = _load_game(name, params or {})
    gc.freeze()
    return game


def _load_game(name: str, params: dict[str, str]):
    path = Path(name)
    if path.suffix.lower() in (".efg", ".nfg", ".json") or path.exists():
        if not path.exists():
            raise UsageError(f"{name}: no such file")
        from ..io import read
        with warnings.catch_warnings():   # the commands apply them: see game_assumptions
            warnings.filterwarnings("ignore", "the JSON 'assumptions'")
            game = read(path)
        return _substituted(game, name, params)
    games = builtin_games()
    if name not in games:
        hint = suggest(name, sorted(games))
        if hint:
            raise UsageError(f"no file or built-in game named {name!r}{hint}")
        raise UsageError(f"no file or built-in game named {name!r}; "
                         f"built-in: {', '.join(sorted(games))}")
    return _substituted(games[name](), name, params)


def _substituted(game, name: str, params: dict[str, str]):
    """``game`` with ``params`` fixed; an unknown parameter is refused with the close matches."""
    if not params:
        return game
    known = [p.name for p in getattr(game, "parameters", ())]
    if not hasattr(game, "substitute") or not known:
        raise UsageError(f"{name} has no parameters")
    for parameter in params:
        if parameter not in known:
            raise unknown_name("parameter", parameter, known, owner=name)
    return game.substitute(params)


def game_assumptions(name: str, params: dict[str, str] | None = None) -> tuple:
    """The ``assumptions`` a JSON game file declares (relations between its parameters), with
    the parameters fixed by ``params`` substituted; empty for every other GAME."""
    path = Path(name)
    if path.suffix.lower() != ".json" or not path.exists():
        return ()
    from ..io.json_format import read_assumptions
    from ..numbers import exact
    relations = read_assumptions(path)
    if params:
        values = {symbol: exact(params[symbol.name])
                  for relation in relations for symbol in relation.free_symbols
                  if symbol.name in params}
        relations = tuple(relation.subs(values) for relation in relations)
    for relation in relations:
        if relation is sympy.false:
            raise UsageError(f"{name}: the fixed parameters contradict the file's assumptions")
    return tuple(relation for relation in relations if relation is not sympy.true)


# ------------------------------------------------------------------ --assume

ASSUME_HELP = ("assume a relation between parameters, such as '0 < p < 1' or 'c <= R' "
               "(repeatable; chains and ';' give several; default: none)")

_OPERATORS = {ast.Lt: "<", ast.LtE: "<=", ast.Gt: ">", ast.GtE: ">=", ast.Eq: "==",
              ast.NotEq: "!="}
_MAX_ASSUMPTION = 2000      # characters in one --assume


def add_assume_argument(sub, help: str = ASSUME_HELP) -> None:
    """The ``--assume REL`` option (repeatable), as every command that solves symbolically
    takes it."""
    sub.add_argument("--assume", action="append", metavar="REL", help=help)


def split_relations(text: str) -> list[str]:
    """The single relations of an ``--assume`` text: ``;`` separates relations and a chained
    comparison ``a < b < c`` stands for ``a < b`` and ``b < c`` (as in Python).

    The text is only split here (with :mod:`ast`, which parses and never runs it); each piece is
    then read by the restricted relation parser :func:`gametheory.numbers.parse_relation`.

    Examples
    --------
    >>> split_relations("0 < p < 1; c <= R/s")
    ['0 < p', 'p < 1', 'c <= R/s']
    >>> split_relations("Eq(lam, 1)")
    ['Eq(lam, 1)']
    """
    if len(text) > _MAX_ASSUMPTION:
        raise UsageError(f"--assume: a relation longer than {_MAX_ASSUMPTION} characters")
    out = []
    for part in text.split(";"):
        part = part.strip()
        if not part:
            continue
        try:
            body = ast.parse(part, mode="eval").body
        except (SyntaxError, ValueError, RecursionError, MemoryError):
            out.append(part)                # the relation parser says what is wrong
            continue
        if not (isinstance(body, ast.Compare) and len(body.ops) > 1
                and all(type(op) in _OPERATORS for op in body.ops)):
            out.append(part)
            continue
        terms = [ast.get_source_segment(part, node) for node in (body.left, *body.comparators)]
        out += [f"{terms[k]} {_OPERATORS[type(op)]} {terms[k + 1]}"
                for k, op in enumerate(body.ops)]
    return out


def _names(text: str) -> set[str]:
    try:
        tree = ast.parse(text, mode="eval")
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return set()
    calls = {id(node.func) for node in ast.walk(tree) if isinstance(node, ast.Call)}
    return {node.id for node in ast.walk(tree)
            if isinstance(node, ast.Name) and id(node) not in calls}


def parse_assumptions(items: Sequence[str] | None, parameters: Sequence,
                      fixed: Mapping[str, object] | None = None) -> tuple:
    """The relations of ``--assume`` options, over a game's free ``parameters``.

    Each text is split by :func:`split_relations` and read by the restricted relation parser
    (no ``eval``, no ``sympify`` of the text).  A parameter fixed by ``--param`` (``fixed``) is
    replaced by its value: a relation that becomes true is dropped, one that becomes false is an
    error (the fixed values contradict it).  An unknown name is refused with the close matches.

    Examples
    --------
    >>> from gametheory.parameters import Parameter
    >>> parse_assumptions(["0 < p < 1", "c <= 2*p"], [Parameter("p", "real"),
    ...                                                Parameter("c", ">= 0")])
    (0 < p, p < 1, c <= 2*p)
    >>> parse_assumptions(["0 < p < 1", "c <= 2*p"], [Parameter("c", ">= 0")], {"p": "1/4"})
    (c <= 1/2,)
    >>> parse_assumptions(["p < 1/8"], [], {"p": "1/4"})
    Traceback (most recent call last):
    ...
    gametheory.cli.common.UsageError: --assume 'p < 1/8' is false where --param fixes p=1/4
    >>> parse_assumptions(["0 < pp"], [Parameter("p", "real")])
    Traceback (most recent call last):
    ...
    gametheory.cli.common.UsageError: --assume '0 < pp': no parameter 'pp'; did you mean 'p'?
    """
    from ..numbers import parse_relation
    fixed = dict(fixed or {})
    symbols = {p.name: p.symbol for p in parameters}
    for name in fixed:
        symbols.setdefault(name, sympy.Symbol(name, real=True))
    values = {symbols[name]: exact(value) for name, value in fixed.items()}
    relations: list = []
    for item in items or ():
        for text in split_relations(item):
            for name in sorted(_names(text)):
                if name not in symbols:
                    known = sorted(symbols)
                    hint = suggest(name, known)
                    rest = hint or (f"; the parameters are {', '.join(known)}" if known
                                    else "; the game has no free parameters")
                    raise UsageError(f"--assume {text!r}: no parameter {name!r}{rest}")
            try:
                relation = parse_relation(text, symbols)
            except ValueError as error:
                raise UsageError(f"--assume {text!r}: {error}") from None
            if values:
                relation = relation.subs(values)
            if relation is sympy.false:
                used = sorted(s.name for s in parse_relation(text, symbols).free_symbols
                              if s in values)
                where = ", ".join(f"{n}={fixed[n]}" for n in used)
                raise UsageError(f"--assume {text!r} is false"
                                 + (f" where --param fixes {where}" if where else ""))
            if relation is not sympy.true and relation not in relations:
                relations.append(relation)
    return tuple(relations)


def narrow_grid(axes: dict[str, tuple], assume: Sequence[str] | None,
                parameters: Mapping[str, object], fixed: Mapping[str, object]
                ) -> dict[str, tuple]:
    """Grid axes (``sweep``, ``table --grid``) narrowed to the values where every ``--assume``
    relation holds.

    ``parameters`` maps each name to its :class:`~gametheory.parameters.Parameter` and
    ``fixed`` the parameters off the grid to their values.  The grid is a Cartesian product,
    so each relation may involve one grid parameter (and any fixed ones, replaced by their
    values); a relation between two grid parameters is refused.

    Examples
    --------
    >>> from fractions import Fraction
    >>> from gametheory.parameters import Parameter
    >>> axes = {"p": tuple(Fraction(k, 4) for k in range(5)), "c": (Fraction(1), Fraction(2))}
    >>> params = {"p": Parameter("p", "[0, 1]"), "c": Parameter("c", ">= 0"),
    ...           "R": Parameter("R", "> 0")}
    >>> narrowed = narrow_grid(axes, ["0 < p < 1", "c < R"], params, {"R": Fraction(3, 2)})
    >>> [str(v) for v in narrowed["p"]], [str(v) for v in narrowed["c"]]
    (['1/4', '1/2', '3/4'], ['1'])
    """
    if not assume:
        return axes
    on_grid = [parameters[name] for name in axes]
    relations = parse_assumptions(assume, on_grid, fixed)
    symbols = {p.symbol: p.name for p in on_grid}
    narrowed = dict(axes)
    for relation in relations:
        names = sorted(symbols[s] for s in relation.free_symbols)
        if len(names) != 1:
            raise UsageError(f"--assume {relation}: a sweep narrows one grid parameter at a "
                             f"time (such as 0 < p < 1), and this relates "
                             f"{' and '.join(names)}")
        name = names[0]
        symbol = parameters[name].symbol
        kept = tuple(v for v in narrowed[name] if relation.subs(symbol, v) is sympy.true)
        if not kept:
            raise UsageError(f"--assume {relation}: no value of {name} on the grid satisfies it")
        narrowed[name] = kept
    return narrowed
