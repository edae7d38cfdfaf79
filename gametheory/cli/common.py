"""What every command shares: the usage error, ``--param`` parsing and loading a GAME argument."""

from __future__ import annotations

import gc
import warnings
from pathlib import Path
from typing import Callable, Sequence

import sympy

from ..errors import did_you_mean
from ..numbers import exact

__all__ = ["UsageError", "parse_assignments", "load_game", "builtin_games", "add_game_arguments",
           "suggest", "unknown_name"]


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
    sub.add_argument("game", metavar="GAME", help="a .efg/.nfg/.json file or a built-in name")
    sub.add_argument("--param", action="append", metavar="NAME=VALUE",
                     help="fix a parameter to an exact value (repeatable)")


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
        return game.substitute(params) if params else game
    games = builtin_games()
    if name not in games:
        hint = suggest(name, sorted(games))
        if hint:
            raise UsageError(f"no file or built-in game named {name!r}{hint}")
        raise UsageError(f"no file or built-in game named {name!r}; "
                         f"built-in: {', '.join(sorted(games))}")
    game = games[name]()
    if params:
        if not hasattr(game, "substitute"):
            raise UsageError(f"{name} has no parameters")
        game = game.substitute(params)
    return game


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
