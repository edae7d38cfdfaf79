"""Pure-strategy Nash equilibria of an n-player strategic-form game, by enumeration.

A pure profile is a Nash equilibrium when every player's strategy is a best response, i.e.
attains the maximum of that player's payoff along the player's own axis (the other players'
strategies fixed). One vectorised maximum per player marks the best responses; the equilibria
are the profiles marked for every player (Nisan et al. 2007, *Algorithmic Game Theory*,
section 1.2; Gambit's ``enumpure``).
"""

from __future__ import annotations

import numpy as np

__all__ = ["pure_equilibria"]


def pure_equilibria(payoffs: object) -> list[tuple[int, ...]]:
    """All pure Nash equilibria.

    Parameters
    ----------
    payoffs : array_like
        Shape ``(n_players, s_1, ..., s_n)``: ``payoffs[i][p]`` is player ``i``'s payoff at the
        pure profile ``p``. Integer arrays are compared natively, object arrays of ``Fraction``
        (or other exact numbers) exactly.

    Returns
    -------
    list of tuple of int
        The equilibrium profiles (one strategy index per player) in lexicographic (C) order.

    Examples
    --------
    Prisoner's dilemma (strategy 0 = cooperate, 1 = defect):

    >>> pure_equilibria([[[3, 0], [5, 1]], [[3, 5], [0, 1]]])
    [(1, 1)]

    Matching pennies has none:

    >>> pure_equilibria([[[1, -1], [-1, 1]], [[-1, 1], [1, -1]]])
    []
    """
    array = np.asarray(payoffs)
    if array.dtype.kind not in "iub":
        array = np.asarray(payoffs, dtype=object)
    n_players = array.shape[0]
    if array.ndim != n_players + 1:
        raise ValueError(
            f"payoffs of {n_players} players need {n_players + 1} dimensions, got {array.ndim}"
        )
    stable = np.ones(array.shape[1:], dtype=bool)
    for player in range(n_players):
        own = array[player]
        stable &= own == own.max(axis=player, keepdims=True)
    return [tuple(int(s) for s in profile) for profile in np.argwhere(stable)]
