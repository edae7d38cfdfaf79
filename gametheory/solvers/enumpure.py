"""Pure-strategy Nash equilibria of an n-player strategic-form game, by enumeration.

A pure profile is a Nash equilibrium when every player's strategy is a best response, i.e.
attains the maximum of that player's payoff along the player's own axis (the other players'
strategies fixed). One vectorised maximum per player marks the best responses; the equilibria
are the profiles marked for every player (Nisan et al. 2007, *Algorithmic Game Theory*,
section 1.2; Gambit's ``enumpure``).
"""

from __future__ import annotations

from fractions import Fraction
from math import lcm
from typing import Iterator

import numpy as np

__all__ = ["pure_equilibria", "equilibrium_mask", "first_profiles"]

_CHUNK = 1 << 16     # profiles scanned per step when listing the first few equilibria


def equilibrium_mask(payoffs: object) -> np.ndarray:
    """Which pure profiles are Nash equilibria: a boolean array of the game's shape.

    Parameters
    ----------
    payoffs : array_like
        Shape ``(n_players, s_1, ..., s_n)``: ``payoffs[i][p]`` is player ``i``'s payoff at the
        pure profile ``p``. Integer arrays are compared natively, object arrays of ``Fraction``
        (or other exact numbers) exactly.

    Examples
    --------
    >>> equilibrium_mask([[[2, 0], [0, 1]], [[1, 0], [0, 2]]])      # battle of the sexes
    array([[ True, False],
           [False,  True]])
    """
    array = np.asarray(payoffs)
    if array.dtype.kind not in "iub":
        array = _integers(np.asarray(payoffs, dtype=object))
    n_players = array.shape[0]
    if array.ndim != n_players + 1:
        raise ValueError(
            f"payoffs of {n_players} players need {n_players + 1} dimensions, got {array.ndim}"
        )
    stable = np.ones(array.shape[1:], dtype=bool)
    for player in range(n_players):
        own = array[player]
        stable &= own == own.max(axis=player, keepdims=True)
    return stable


def _integers(array: np.ndarray) -> np.ndarray:
    """Exact rational payoffs as integers, each player's scaled by the common denominator of
    their payoffs (a positive factor: the comparisons are the same), in int64 when they fit:
    comparing machine integers is many times faster than comparing ``Fraction`` objects.  Any
    other entries (floats, sympy numbers) leave the array as it is.

    >>> _integers(np.array([[Fraction(1, 2), Fraction(1, 3)], [2, 5]], dtype=object))
    array([[3, 2],
           [2, 5]])
    """
    if not all(isinstance(x, (int, Fraction)) and not isinstance(x, bool)
               for x in array.flat):
        return array
    out = np.empty(array.shape, dtype=object)
    numerator = np.frompyfunc(lambda x: x.numerator, 1, 1)
    denominator = np.frompyfunc(lambda x: x.denominator, 1, 1)
    for i in range(array.shape[0]):
        dens = denominator(array[i])
        scale = lcm(*set(dens.reshape(-1).tolist()))
        out[i] = numerator(array[i]) if scale == 1 else numerator(array[i]) * (scale // dens)
    flat = out.reshape(-1).tolist()
    biggest = max(max(flat, default=0), -min(flat, default=0))
    return out.astype(np.int64) if biggest < 2**62 else out


def first_profiles(mask: np.ndarray, limit: int | None = None) -> Iterator[tuple[int, ...]]:
    """The profiles marked in ``mask`` in lexicographic (C) order, lazily: listing the first
    ``limit`` scans the mask only as far as they lie, a block at a time, and never builds the
    list of all of them.

    Examples
    --------
    >>> mask = np.zeros((1000, 1000), dtype=bool); mask[3, 5] = mask[999, 0] = True
    >>> list(first_profiles(mask, 1)), list(first_profiles(mask))
    ([(3, 5)], [(3, 5), (999, 0)])
    """
    flat = mask.reshape(-1)
    found = 0
    for start in range(0, flat.size, _CHUNK):
        for index in np.flatnonzero(flat[start:start + _CHUNK]):
            if limit is not None and found >= limit:
                return
            yield tuple(int(s) for s in np.unravel_index(start + int(index), mask.shape))
            found += 1


def pure_equilibria(payoffs: object, limit: int | None = None) -> list[tuple[int, ...]]:
    """All pure Nash equilibria (or the first ``limit`` of them).

    A pure profile is an equilibrium when every player's strategy attains the maximum of the
    player's payoff along the player's own axis (:func:`equilibrium_mask`).

    Parameters
    ----------
    payoffs : array_like
        Shape ``(n_players, s_1, ..., s_n)``, as for :func:`equilibrium_mask`.
    limit : int, optional
        List at most this many (the scan stops there: :func:`first_profiles`).

    Returns
    -------
    list of tuple of int
        The equilibrium profiles (one strategy index per player) in lexicographic (C) order.

    Examples
    --------
    Prisoner's dilemma (strategy 0 = cooperate, 1 = defect):

    >>> pure_equilibria([[[3, 0], [5, 1]], [[3, 5], [0, 1]]])
    [(1, 1)]

    Matching pennies has none; a game of pure coordination on 0 has every profile:

    >>> pure_equilibria([[[1, -1], [-1, 1]], [[-1, 1], [1, -1]]])
    []
    >>> pure_equilibria(np.zeros((2, 3, 3), dtype=int), limit=2)
    [(0, 0), (0, 1)]
    """
    return list(first_profiles(equilibrium_mask(payoffs), limit))
