"""All Nash equilibria of small n-player strategic games by support enumeration.

For every profile of supports ``S_1, ..., S_n`` the equilibria whose supports are exactly these
solve a square polynomial system: each player is indifferent among the strategies of their
support, and the probabilities on a support sum to one (McKelvey and McLennan 1996, section 6;
Gambit's ``enumpoly``).  The system is solved exactly by sympy; a solution is an equilibrium when
its probabilities are positive on the support and no strategy outside a support pays more.
Solutions may be irrational (algebraic numbers), and they stay exact.

When a support's system has a continuum of solutions (a degenerate game) the equilibria there are
not isolated and are not listed; the result says so.

References
----------
R. D. McKelvey and A. McLennan, "Computation of equilibria in finite games", Handbook of
Computational Economics 1 (1996), 87-142.
"""

from __future__ import annotations

from itertools import chain, combinations, product
from math import prod
from typing import Sequence

import numpy as np
import sympy

from ..numbers import exact, to_sympy

__all__ = ["support_enumeration", "MAX_SUPPORT_PROFILES"]

MAX_SUPPORT_PROFILES = 4096
"""Most support profiles tried before refusing the game as too large for this method."""


def _supports(n: int) -> list[tuple[int, ...]]:
    return [s for s in chain.from_iterable(combinations(range(n), k) for k in range(1, n + 1))]


def _expected(payoffs: np.ndarray, i: int, strategy: int, mixed: Sequence[Sequence]) -> sympy.Expr:
    """Player ``i``'s payoff from ``strategy`` against the others' mixed strategies."""
    shape = payoffs.shape[1:]
    total = sympy.Integer(0)
    for profile in product(*(range(k) for k in shape)):
        if profile[i] != strategy:
            continue
        weight = sympy.Integer(1)
        for j, s in enumerate(profile):
            if j != i:
                weight *= mixed[j][s]
                if weight == 0:
                    break
        if weight != 0:
            total += weight * to_sympy(payoffs[(i, *profile)])
    return sympy.expand(total)


def _sign(value: sympy.Expr) -> int:
    """The exact sign of an algebraic number."""
    if value == 0 or sympy.simplify(value) == 0:
        return 0
    if value.is_positive:
        return 1
    if value.is_negative:
        return -1
    approximation = sympy.N(value, 60)
    if approximation.is_real is False:
        raise ArithmeticError(f"cannot decide the sign of {value}")
    return 1 if approximation > 0 else -1


def support_enumeration(payoffs) -> tuple[list[tuple[tuple, ...]], bool]:
    """All isolated Nash equilibria of a strategic game given as a payoff array.

    Parameters
    ----------
    payoffs : array-like, shape (n_players, s_1, ..., s_n)
        Exact numbers.

    Returns
    -------
    equilibria : list of mixed profiles
        Each ``profile[player][strategy]``: Fractions, or sympy algebraic numbers when irrational.
    complete : bool
        False when some support has a continuum of equilibria (not listed).

    Raises
    ------
    ValueError
        When the game has more than ``MAX_SUPPORT_PROFILES`` support profiles.

    Examples
    --------
    Matching pennies: one equilibrium, both mix half and half.

    >>> support_enumeration([[[1, -1], [-1, 1]], [[-1, 1], [1, -1]]])
    ([((Fraction(1, 2), Fraction(1, 2)), (Fraction(1, 2), Fraction(1, 2)))], True)
    """
    table = np.asarray(payoffs, dtype=object)
    shape = table.shape[1:]
    n = len(shape)
    supports = [_supports(k) for k in shape]
    if prod(len(s) for s in supports) > MAX_SUPPORT_PROFILES:
        raise ValueError(f"{prod(len(s) for s in supports)} support profiles is more than "
                         f"{MAX_SUPPORT_PROFILES}: use enumpure, or lcp for 2 players")
    equilibria, complete = [], True
    for support in product(*supports):
        unknowns, mixed = [], []
        for i, chosen in enumerate(support):
            free = [sympy.Symbol(f"x_{i}_{s}", real=True) for s in chosen[1:]]
            unknowns += free
            row = [sympy.Integer(0)] * shape[i]
            for s, x in zip(chosen[1:], free):
                row[s] = x
            row[chosen[0]] = sympy.Integer(1) - sum(free, sympy.Integer(0))
            mixed.append(row)
        values = [[_expected(table, i, s, mixed) for s in range(shape[i])] for i in range(n)]
        equations = [values[i][s] - values[i][chosen[0]]
                     for i, chosen in enumerate(support) for s in chosen[1:]]
        equations = [e for e in equations if e != 0]
        if unknowns and not equations:
            complete = False              # every mixture of the support is indifferent
            continue
        if unknowns:
            solutions = sympy.solve(equations, unknowns, dict=True)
        else:
            solutions = [{}]
        for solution in solutions:
            if len(solution) < len(unknowns) or any(
                    v.free_symbols for v in solution.values()):
                complete = False          # a continuum: not isolated
                continue
            profile = [[sympy.simplify(p.xreplace(solution)) for p in row]
                       for row in mixed]
            if not all(p.is_real is not False for row in profile for p in row):
                continue
            if any(_sign(row[s]) <= 0 for row, chosen in zip(profile, support) for s in chosen):
                continue
            payoff = [values[i][support[i][0]].xreplace(solution) for i in range(n)]
            if any(_sign(values[i][s].xreplace(solution) - payoff[i]) > 0
                   for i in range(n) for s in range(shape[i]) if s not in support[i]):
                continue
            equilibria.append(tuple(tuple(_exact(p) for p in row) for row in profile))
    return equilibria, complete


def _exact(value: sympy.Expr):
    """A Fraction when rational, else the exact sympy number."""
    value = sympy.simplify(value)
    return exact(value) if value.is_Rational else value
