"""Read and write Gambit's ``.efg`` (extensive form) and ``.nfg`` (strategic form) files.

The reader is exact (``0.1`` is one tenth), linear in the size of the file (one regular
expression tokenizes the whole text; the parsers walk the token list without recursion) and
strict: anything malformed raises :class:`~gametheory.errors.GameFormatError` naming the file,
line and column, and no other exception escapes :func:`read`.  Labels are kept as written
(pygambit renames empty and duplicate ones).  The writer follows Gambit's own layout, so files
written here read in Gambit and back here unchanged.

References: Gambit's ``doc/formats.rst`` and its parser ``src/games/file.cc``; the grammar is
restated in :mod:`gametheory.io.efg` and :mod:`gametheory.io.nfg`.

Examples
--------
>>> game = read('''EFG 2 R "Matching pennies" { "1" "2" }
... c "" 1 "coin" { "H" 1/2 "T" 1/2 } 0
... t "" 1 "heads" { 1, -1 }
... t "" 2 "tails" { -1, 1 }
... ''')
>>> game.n_nodes, game.infosets[0].probs
(3, (Fraction(1, 2), Fraction(1, 2)))
>>> print(to_efg(game), end="")
EFG 2 R "Matching pennies" { "1" "2" }
""
<BLANKLINE>
c "" 1 "coin" { "H" 1/2 "T" 1/2 } 0
t "" 1 "heads" { 1, -1 }
t "" 2 "tails" { -1, 1 }
"""

from __future__ import annotations

import os
from typing import IO, Union

from ..errors import GameFormatError
from ..games.extensive import ExtensiveGame, Infoset, Outcome
from ..games.forms import reduced_strategic_form
from ..games.strategic import MAX_CONTINGENCIES, StrategicGame
from .efg import format_efg, parse_efg
from .files import decode_text, read_bounded, write_atomic
from .lexer import Lexer
from .nfg import format_nfg, parse_nfg

__all__ = ["read", "read_efg", "read_nfg", "write", "to_efg", "to_nfg"]

Source = Union[str, bytes, os.PathLike, IO]


def read(source: Source, *, tolerant: bool = False) -> ExtensiveGame | StrategicGame:
    """Read a Gambit ``.efg`` or ``.nfg`` game; the first word of the text decides which.

    Parameters
    ----------
    source : str, Path, bytes or file object
        A path; or the text itself (a string containing a newline or ``{``, e.g. one starting
        with ``EFG``/``NFG``); or bytes; or an open file (text or binary).
    tolerant : bool
        Accept chance probabilities written as rounded decimals that do not sum to exactly 1
        (such as OpenSpiel's ``0.3333333333333333``): each is snapped to the simplest fraction
        within one unit of its last written digit, and the snapped values must sum to exactly 1.

    Returns
    -------
    ExtensiveGame or StrategicGame

    Raises
    ------
    GameFormatError
        For every malformed input (a ``ValueError`` whose message is ``file:line:column:
        problem``).
    OSError
        If a path cannot be opened.

    Examples
    --------
    >>> game = read('NFG 1 R "Prisoner\\'s dilemma" { "A" "B" } { 2 2 } 3 3 5 0 0 5 1 1')
    >>> game.shape, game.payoff((1, 0))
    ((2, 2), (Fraction(5, 1), Fraction(0, 1)))
    >>> read('EFG 2 R "" { "A" } t "" 1 "win" { 1/0 }')
    Traceback (most recent call last):
    ...
    gametheory.errors.GameFormatError: <string>:1:35: division by zero in '1/0'
    """
    text, name = _load(source)
    lexer = Lexer(text, name)
    first = lexer.peek()
    if first == "EFG":
        return _extensive(lexer, tolerant)
    if first == "NFG":
        return _strategic(lexer)
    if lexer.n == 0:
        raise lexer.error(0, "empty file")
    raise lexer.unexpected(0, "'EFG' or 'NFG' (the first word of a Gambit game file)")


def read_efg(source: Source, *, tolerant: bool = False) -> ExtensiveGame:
    """Read an ``.efg`` file (see :func:`read`); anything else is a :class:`GameFormatError`."""
    text, name = _load(source)
    return _extensive(Lexer(text, name), tolerant)


def read_nfg(source: Source) -> StrategicGame:
    """Read an ``.nfg`` file (see :func:`read`); anything else is a :class:`GameFormatError`."""
    text, name = _load(source)
    return _strategic(Lexer(text, name))


def to_efg(game: ExtensiveGame) -> str:
    """The ``.efg`` text of an extensive game (Gambit's layout; see :mod:`gametheory.io.efg`)."""
    if not isinstance(game, ExtensiveGame):
        raise TypeError(f"to_efg needs an ExtensiveGame, got {type(game).__name__}")
    return format_efg(game)


def to_nfg(game: StrategicGame | ExtensiveGame, *, max_profiles: int | None = None) -> str:
    """The ``.nfg`` text of a strategic game, or of the reduced strategic form of a tree.

    A tree's form is built only if it has at most ``max_profiles`` strategy profiles (default
    :data:`gametheory.games.forms.MAX_FORM_PROFILES`), else ValueError.
    """
    if isinstance(game, ExtensiveGame):
        game = reduced_strategic_form(game, max_profiles=max_profiles)
    if not isinstance(game, StrategicGame):
        raise TypeError(f"to_nfg needs a StrategicGame, got {type(game).__name__}")
    return format_nfg(game)


def write(game: ExtensiveGame | StrategicGame, path_or_file=None, *,
          max_profiles: int | None = None) -> str:
    """Write a game in Gambit format and return the text.

    An :class:`ExtensiveGame` is written as ``.efg``, a :class:`StrategicGame` as ``.nfg``; an
    extensive game written to a path ending in ``.nfg`` becomes its reduced strategic form.

    Parameters
    ----------
    game : ExtensiveGame or StrategicGame
    path_or_file : str, Path or text file, optional
        Where to write (UTF-8, ``\\n`` line ends); nothing is written if omitted.  A path is
        written atomically: a temporary file in the same folder, renamed over the target once
        complete (a symbolic link at the target is replaced, not followed; see
        :func:`gametheory.io.files.write_atomic`).
    max_profiles : int, optional
        The size guard of a tree's strategic form (see :func:`to_nfg`).

    Returns
    -------
    str
        The text written.

    Examples
    --------
    >>> game = StrategicGame.from_arrays([[1, 0], [0, 1]], [[1, 0], [0, 2]])
    >>> read(write(game)).payoffs.tolist() == game.payoffs.tolist()
    True
    """
    name = path_or_file if isinstance(path_or_file, (str, os.PathLike)) else getattr(
        path_or_file, "name", "")
    wants_nfg = isinstance(name, (str, os.PathLike)) and str(name).lower().endswith(".nfg")
    if isinstance(game, ExtensiveGame) and not wants_nfg:
        text = to_efg(game)
    else:
        text = to_nfg(game, max_profiles=max_profiles)
    if isinstance(path_or_file, (str, os.PathLike)):
        write_atomic(path_or_file, text)
    elif path_or_file is not None:
        path_or_file.write(text)
    return text


# ------------------------------------------------------------------------------ helpers

def _load(source: Source) -> tuple[str, str]:
    """The text of a source and the name to use in error messages."""
    if isinstance(source, str) and ("\n" in source or "{" in source or not source.strip()
                                    or source.lstrip().startswith(("EFG", "NFG"))):
        return _strip_bom(source), "<string>"
    if isinstance(source, (str, os.PathLike)):
        name = os.fspath(source)
        return decode_text(read_bounded(source), name), name
    if isinstance(source, (bytes, bytearray, memoryview)):
        return decode_text(bytes(source), "<bytes>"), "<bytes>"
    if hasattr(source, "read"):
        name = getattr(source, "name", "<stream>")
        name = name if isinstance(name, str) else "<stream>"
        data = source.read()
        if isinstance(data, str):
            return _strip_bom(data), name
        return decode_text(data, name), name
    raise TypeError(f"cannot read a game from {type(source).__name__}")


def _strip_bom(text: str) -> str:
    return text[1:] if text.startswith("\ufeff") else text


def _extensive(lexer: Lexer, tolerant: bool) -> ExtensiveGame:
    tree = parse_efg(lexer, tolerant)
    # The parser hands out one entry for every infoset described by the same tokens (all the
    # decision nodes of a perfect-information tree, typically); they share one frozen Infoset.
    made: dict[int, Infoset] = {}
    infosets = []
    for entry in tree.infosets:
        infoset = made.get(id(entry))
        if infoset is None:
            infoset = made[id(entry)] = Infoset(*entry)
        infosets.append(infoset)
    outcomes = [Outcome(*o) for o in tree.outcomes]
    try:
        return ExtensiveGame.from_preorder(
            tree.players, infosets, outcomes, tree.node_infoset, tree.node_outcome,
            tree.node_labels, title=tree.title, description=tree.description)
    except GameFormatError:
        raise
    except ValueError as error:   # a safety net: the parser checks everything it knows of
        raise lexer.error(0, f"not a valid game: {error}") from None


def _strategic(lexer: Lexer) -> StrategicGame:
    table = parse_nfg(lexer, MAX_CONTINGENCIES)
    try:
        return StrategicGame(table.players, table.strategies, table.payoffs, title=table.title,
                             description=table.description)
    except GameFormatError:
        raise
    except ValueError as error:
        raise lexer.error(0, f"not a valid game: {error}") from None
