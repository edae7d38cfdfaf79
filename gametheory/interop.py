"""Exchange 2-player strategic games with nashpy (Knight and Campbell, JOSS 3(30), 2018).

nashpy brings what this package does not: learning dynamics (fictitious play, replicator and
asymmetric replicator dynamics, stochastic fictitious play) on bimatrix games.  Its payoffs are
numpy numbers, so ``to_nashpy`` hands it floats (or integers when every payoff is one), and
``from_nashpy`` reads each float back exactly by its shortest decimal form (``0.1`` is 1/10).
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import nashpy
import numpy as np

from .games.strategic import StrategicGame
from .numbers import exact

__all__ = ["to_nashpy", "from_nashpy"]


def _numeric(table: np.ndarray) -> np.ndarray:
    values = [exact(x) for x in table.flat]
    if any(not isinstance(x, Fraction) for x in values):
        raise ValueError("nashpy needs numeric payoffs; fix the game's parameters first")
    if all(x.denominator == 1 for x in values):
        return np.array([int(x) for x in values], dtype=np.int64).reshape(table.shape)
    return np.array([float(x) for x in values]).reshape(table.shape)


def to_nashpy(game: StrategicGame) -> nashpy.Game:
    """The 2-player strategic game as a ``nashpy.Game`` (floats unless every payoff is an integer).

    Examples
    --------
    >>> from gametheory.catalog import matching_pennies
    >>> g = to_nashpy(matching_pennies())
    >>> g.payoff_matrices[0].tolist()
    [[1, -1], [-1, 1]]
    >>> [x.tolist() for x in next(g.fictitious_play(iterations=2))]
    [[0, 0], [0, 0]]
    """
    if getattr(game, "tree", None) is not None:
        game = game.reduced_strategic_form()
    if game.n_players != 2:
        raise ValueError(f"nashpy takes 2-player games; this one has {game.n_players}")
    return nashpy.Game(_numeric(game.payoffs[0]), _numeric(game.payoffs[1]))


def from_nashpy(nash_game: Any, *, players=None, strategies=None, title: str = "") -> StrategicGame:
    """A ``StrategicGame`` with exact payoffs from a ``nashpy.Game``.

    Examples
    --------
    >>> import nashpy
    >>> game = from_nashpy(nashpy.Game([[0.1, 0], [0, 0.2]]))
    >>> game.payoffs[0].tolist()
    [[Fraction(1, 10), Fraction(0, 1)], [Fraction(0, 1), Fraction(1, 5)]]
    >>> game.payoffs[1].tolist() == (-game.payoffs[0]).tolist()   # zero-sum: B = -A
    True
    """
    A, B = nash_game.payoff_matrices
    tables = [[[exact(x.item() if hasattr(x, "item") else x) for x in row] for row in M]
              for M in (A, B)]
    return StrategicGame.from_arrays(*tables, players=players, strategies=strategies, title=title)
