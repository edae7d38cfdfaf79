"""Gambit's strategic-form format ``.nfg``: parse into arrays, write from a game.

Grammar (``doc/formats.nfgpay.rst``, ``doc/formats.nfgout.rst`` and ``src/games/file.cc``)::

    nfg        := "NFG" "1" ("R"|"D") title "{" player* "}" strategies [description] body
    strategies := "{" count+ "}"  |  "{" ("{" label* "}")+ "}"
    body       := payoff*                                   (N x prod |S_i| numbers)
                | "{" ("{" label payoff ([","] payoff)* "}")* "}" index*   (prod |S_i| indices)

Contingencies are listed with player 1's strategy changing fastest (Fortran order), so the flat
list reshapes to ``(N, s_1, ..., s_N)`` with ``order="F"``.  Outcome index 0 means all zeros.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from math import prod

import numpy as np

from .lexer import Lexer, quote
from ..games.strategic import MAX_CONTINGENCIES
from ..numbers import to_text

__all__ = ["ParsedTable", "parse_nfg", "format_nfg", "MAX_CONTINGENCIES"]

@dataclass
class ParsedTable:
    """An ``.nfg`` file: labels and the exact payoff array of shape ``(N, s_1, ..., s_N)``."""

    title: str
    description: str
    players: list[str]
    strategies: list[list[str]]
    payoffs: np.ndarray


def parse_nfg(lexer: Lexer, max_contingencies: int = MAX_CONTINGENCIES) -> ParsedTable:
    """Parse the tokens of an ``.nfg`` file (either strategy header, either body).

    Raises
    ------
    GameFormatError
        Naming the line and column of the first problem; also when the table would have more
        than ``max_contingencies`` cells (checked before anything is allocated).

    Examples
    --------
    >>> table = parse_nfg(Lexer('NFG 1 R "" { "A" "B" } { 2 1 } 1 2 3 4', "<string>"))
    >>> table.strategies, table.payoffs.shape
    ([['1', '2'], ['1']], (2, 2, 1))
    >>> table.payoffs[:, 1, 0].tolist()     # player 1's second strategy: 2nd pair in the file
    [Fraction(3, 1), Fraction(4, 1)]
    """
    title, players = lexer.header("NFG", "1")
    header_at = lexer.i
    labels, counts = _read_strategies(lexer, len(players))
    cells = prod(counts)
    if cells > max_contingencies:
        raise lexer.error(header_at, f"the table has {' x '.join(map(str, counts))} = {cells} "
                                     f"strategy profiles, more than the limit of "
                                     f"{max_contingencies}")
    description = lexer.string("") if lexer.at_string() else ""
    if lexer.peek() == "{":
        flat = _read_outcome_body(lexer, len(players), cells)
    elif lexer.i < lexer.n:
        flat = _read_payoff_body(lexer, len(players), cells)
    else:
        raise lexer.error(lexer.i, "the file ends before the payoffs")
    lexer.finish("the payoffs")
    if labels is None:
        labels = [[str(k + 1) for k in range(count)] for count in counts]
    array = np.empty(len(flat), dtype=object)
    array[:] = flat
    payoffs = array.reshape((len(players), *counts), order="F")
    return ParsedTable(title, description, players, labels, payoffs)


def _read_strategies(lexer: Lexer, n_players: int):
    """``{ count+ }`` or ``{ {label*}+ }``: (labels or None, counts)."""
    lexer.word("{", "'{' opening the strategies")
    labels = None
    if lexer.peek() == "{":
        labels = []
        for k in range(n_players):
            at = lexer.i
            labels.append(lexer.strings(f"the strategy labels of player {k + 1}"))
            if not labels[-1]:
                raise lexer.error(at, f"player {k + 1} has no strategies")
        counts = [len(s) for s in labels]
    else:
        counts = []
        for k in range(n_players):
            at = lexer.i
            counts.append(lexer.integer(f"the number of strategies of player {k + 1}"))
            if counts[-1] == 0:
                raise lexer.error(at, f"player {k + 1} has no strategies")
    lexer.word("}", f"'}}' closing the strategies of the {n_players} players")
    return labels, counts


def _read_payoff_body(lexer: Lexer, n_players: int, cells: int) -> list[Fraction]:
    """``N x cells`` numbers, contingency by contingency."""
    wanted = n_players * cells
    available = lexer.n - lexer.i
    if available < wanted:
        raise lexer.error(lexer.n, f"the file ends after {available} payoffs; "
                                   f"{n_players} players x {cells} profiles = {wanted} expected")
    start = lexer.i
    tokens, numbers = lexer.tokens, lexer.numbers
    values = [numbers.get(t) for t in tokens[start:start + wanted]]
    for k, value in enumerate(values):
        if value is None:
            values[k] = lexer.parse_number(start + k, "a payoff")
    lexer.i = start + wanted
    return values


def _read_outcome_body(lexer: Lexer, n_players: int, cells: int) -> list[Fraction]:
    """The outcome list, then one outcome index per contingency."""
    lexer.word("{", "'{' opening the outcome list")
    outcomes = [(Fraction(0),) * n_players]
    while lexer.peek() == "{":
        at = lexer.i
        lexer.next()
        lexer.string("the outcome label (a quoted string)")
        payoffs, count = lexer.payoffs("a payoff or '}'", n_players)
        if count != n_players:
            raise lexer.error(at, f"outcome {len(outcomes)} has {count} payoff"
                                  f"{'s' if count != 1 else ''}, expected {n_players} "
                                  f"(one per player)")
        outcomes.append(tuple(payoffs))
    lexer.word("}", "'{' opening an outcome or '}' closing the outcome list")
    available = lexer.n - lexer.i
    if available < cells:
        raise lexer.error(lexer.n, f"the file ends after {available} outcome indices; "
                                   f"{cells} expected (one per strategy profile)")
    start = lexer.i
    tokens = lexer.tokens
    index = {str(k): k for k in range(len(outcomes))}
    chosen = [index.get(t) for t in tokens[start:start + cells]]
    for k, value in enumerate(chosen):
        if value is None:
            token = tokens[start + k]
            if not (token.isascii() and token.isdigit()):
                raise lexer.unexpected(start + k, "an outcome index")
            value = int(token) if len(token) <= 18 else len(outcomes)
            if value >= len(outcomes):
                have = len(outcomes) - 1
                raise lexer.error(start + k, f"outcome {token} does not exist (the list has "
                                             f"{have} outcome{'s' if have != 1 else ''})")
            chosen[k] = value
    lexer.i = start + cells
    return [x for k in chosen for x in outcomes[k]]


def format_nfg(game) -> str:
    """Gambit's ``.nfg`` text of a strategic game: labelled strategies and a payoff body.

    This is the layout of Gambit's generic writer (``GameRep::WriteNfgFile``): one strategy
    profile per line, player 1's strategy changing fastest, exact numbers.

    Raises
    ------
    ValueError
        For symbolic payoffs or a label ending in a backslash.

    Examples
    --------
    >>> from types import SimpleNamespace
    >>> payoffs = np.array([[[1, 0], [0, 1]], [[1, 0], [0, 1]]], dtype=object)
    >>> game = SimpleNamespace(title="Coordination", description="", players=("A", "B"),
    ...                        strategies=(("x", "y"), ("x", "y")), payoffs=payoffs)
    >>> print(format_nfg(game))
    NFG 1 R "Coordination" { "A" "B" }
    <BLANKLINE>
    { { "x" "y" }
    { "x" "y" }
    }
    ""
    <BLANKLINE>
    1 1
    0 0
    0 0
    1 1
    <BLANKLINE>
    """
    n = len(game.players)
    flat = np.asarray(game.payoffs, dtype=object).reshape((n, -1), order="F")
    texts: dict = {}   # the few distinct entries of a big table are formatted once

    def text(x) -> str:
        if type(x) is Fraction:
            t = texts.get(x)
            if t is None:
                t = texts[x] = str(x)
            return t
        if getattr(x, "free_symbols", None):
            raise ValueError("a symbolic game cannot be written in Gambit format; substitute "
                             "values for its parameters first")
        return to_text(x)

    strategies = "\n".join("{ " + " ".join(quote(s) for s in labels) + " }"
                           for labels in game.strategies)
    lines = [f"NFG 1 R {quote(game.title)} {{ {' '.join(quote(p) for p in game.players)} }}",
             "",
             "{ " + strategies,
             "}",
             quote(getattr(game, "description", "")),
             ""]
    lines.extend(" ".join(text(x) for x in column) for column in flat.T)
    lines.append("")
    return "\n".join(lines)
