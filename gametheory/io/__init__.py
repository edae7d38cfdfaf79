"""Reading and writing games: Gambit's ``.efg``/``.nfg`` formats and our JSON format."""

from __future__ import annotations

from os import PathLike
from pathlib import Path

from ..errors import GameFormatError
from .gambit import read as read_gambit
from .gambit import read_efg, read_nfg, to_efg, to_nfg, write
from .json_format import read_json

__all__ = ["GameFormatError", "read", "read_efg", "read_gambit", "read_json", "read_nfg", "to_efg",
           "to_nfg", "write"]


def _is_json(source) -> bool:
    if isinstance(source, PathLike):
        return Path(source).suffix.lower() == ".json"
    if isinstance(source, str):
        text = source.lstrip()
        return text.startswith("{") or ("\n" not in source and
                                         Path(source).suffix.lower() == ".json")
    return False


def read(source, *, tolerant: bool = False):
    """Read a game in any format the command line accepts: ``.efg``, ``.nfg`` or our ``.json``.

    A ``.json`` path or JSON text goes to :func:`read_json`; anything else to Gambit's reader
    (:func:`gametheory.io.gambit.read`, whose ``tolerant`` option this passes on).

    Examples
    --------
    >>> game = read('{"players": ["A"], "tree": {"player": "A", "moves": ['
    ...             '{"action": "x", "node": {"payoffs": ["1/3"]}}]}}')
    >>> game.players, game.terminal_payoffs().tolist()
    (('A',), [[Fraction(1, 3)]])
    >>> read('NFG 1 R "" { "A" "B" } { 1 1 } 1 2').shape
    (1, 1)
    >>> read('{"players": 1}')
    Traceback (most recent call last):
    ...
    gametheory.errors.GameFormatError: <string>:1:1: 'players' must be a list of names
    """
    if _is_json(source):
        try:
            return read_json(source)
        except GameFormatError:
            raise
        except ValueError as error:     # the JSON reader names the place by its path in the tree
            name = "<string>" if isinstance(source, str) and source.lstrip().startswith("{") \
                else str(source)
            raise GameFormatError(name, 1, 1, str(error)) from None
    return read_gambit(source, tolerant=tolerant)
