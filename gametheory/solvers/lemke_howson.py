"""Lemke-Howson for bimatrix games, exact, by integer pivoting.

The best-response polytopes of a bimatrix game ``(A, B)`` with positive payoffs are

    P = {x >= 0 : B^T x <= 1},        Q = {y >= 0 : A y <= 1}.

A point of ``P`` has label ``i`` when ``x_i = 0`` and label ``m + j`` when ``(B^T x)_j = 1``; a
point of ``Q`` has label ``m + j`` when ``y_j = 0`` and label ``i`` when ``(A y)_i = 1``. The
Nash equilibria are the completely labelled pairs ``(x, y) != (0, 0)``, normalised.

Each polytope is kept as a compact integer tableau (:class:`~.pivoting.IntegerTableau`:
fraction-free exact pivots, von Stengel 2007, section 3.5). Degeneracy is handled by its
lexicographic minimum-ratio test (section 3.7), the simplex rule for the right-hand side
perturbed to ``1 + (eps, eps^2, ...)``: the leaving variable is then always unique and no path
cycles. A variable is numbered by its label, so ``x_i`` and the slack of ``(A y)_i <= 1`` are
both variable ``i``, ``y_j`` and the slack of ``(B^T x)_j <= 1`` are both ``m + j``.

References
----------
C. E. Lemke and J. T. Howson (1964), Equilibrium points of bimatrix games.
L. S. Shapley (1974), A note on the Lemke-Howson algorithm.
B. von Stengel (2007), Equilibrium computation for two-player games in strategic and extensive
form, chapter 3 of *Algorithmic Game Theory* (Nisan et al., eds.), sections 3.4-3.7.
"""

from __future__ import annotations

from fractions import Fraction
from math import lcm

import numpy as np

from gametheory.solvers.pivoting import IntegerTableau, to_fraction

__all__ = [
    "best_response_tableaux",
    "lemke_howson",
    "lemke_howson_all_labels",
    "positive_integer_matrix",
]

Strategy = tuple[Fraction, ...]


def positive_integer_matrix(matrix: object) -> list[list[int]]:
    """Rescale a payoff matrix to positive integers by a positive affine map.

    Multiplying by the common denominator and adding a constant changes no best response, so
    the game with the returned payoffs has the same equilibria.

    Parameters
    ----------
    matrix : array_like
        A 2-dimensional array of exact numbers (int, Fraction, Decimal).

    Returns
    -------
    list of list of int
        ``d * matrix + c`` with ``d >= 1`` and every entry ``>= 1``.

    Examples
    --------
    >>> from fractions import Fraction
    >>> positive_integer_matrix([[0, Fraction(1, 2)], [-1, 2]])
    [[3, 4], [1, 7]]
    """
    array = np.asarray(matrix, dtype=object)
    if array.ndim != 2 or 0 in array.shape:
        raise ValueError(f"expected a non-empty matrix, got shape {array.shape}")
    n = array.shape[1]
    values = [v if type(v) is int else to_fraction(v) for v in array.ravel().tolist()]
    scale = lcm(*{v.denominator for v in values})
    integers = [v.numerator * (scale // v.denominator) for v in values]
    low = min(integers)
    return [[v - low + 1 for v in integers[i : i + n]] for i in range(0, len(integers), n)]


def best_response_tableaux(A: object, B: object) -> tuple[IntegerTableau, IntegerTableau]:
    """The tableaux of ``P = {x >= 0: B^T x <= 1}`` and ``Q = {y >= 0: A y <= 1}``.

    Payoffs are first made positive integers (:func:`positive_integer_matrix`). Variables are
    numbered by their labels: ``x_i`` and the slacks of ``A y <= 1`` are ``0..m-1``, ``y_j``
    and the slacks of ``B^T x <= 1`` are ``m..m+n-1``.
    """
    a, b = positive_integer_matrix(A), positive_integer_matrix(B)
    m, n = len(a), len(a[0])
    if (len(b), len(b[0])) != (m, n):
        raise ValueError(f"payoff matrices differ in shape: {m}x{n} and {len(b)}x{len(b[0])}")
    b_transposed = [list(column) for column in zip(*b)]
    p = IntegerTableau(b_transposed, column_variables=range(m), row_variables=range(m, m + n))
    q = IntegerTableau(a, column_variables=range(m, m + n), row_variables=range(m))
    return p, q


def _normalised(values: dict[int, Fraction], variables: range) -> Strategy:
    """The point of a polytope as a probability vector."""
    point = [values.get(v, Fraction(0)) for v in variables]
    total = sum(point)
    return tuple(v / total for v in point)


def lemke_howson(
    A: object, B: object, initial_dropped_label: int = 0
) -> tuple[Strategy, Strategy]:
    """One Nash equilibrium of the bimatrix game ``(A, B)`` by the Lemke-Howson algorithm.

    Starting from the artificial equilibrium ``(0, 0)`` of the best-response polytopes, label
    ``k = initial_dropped_label`` is dropped and the duplicate label is picked up alternately in
    ``P`` and ``Q`` (complementary pivoting) until ``k`` is picked up again (von Stengel 2007,
    Algorithm 3.6). Exact integer pivoting, lexicographic ratio test: correct on degenerate
    games.

    Parameters
    ----------
    A, B : array_like
        Payoffs of the row and the column player, shape ``(m, n)``, exact numbers.
    initial_dropped_label : int
        ``0..m-1`` drops a row strategy, ``m..m+n-1`` a column strategy.

    Returns
    -------
    (x, y) : tuple of tuple of Fraction
        The equilibrium strategies of the row and the column player.

    Examples
    --------
    >>> A = [[3, 3], [2, 5], [0, 6]]
    >>> B = [[3, 2], [2, 6], [3, 1]]
    >>> x, y = lemke_howson(A, B)
    >>> [str(v) for v in x], [str(v) for v in y]
    (['1', '0', '0'], ['1', '0'])
    >>> x, y = lemke_howson(A, B, initial_dropped_label=1)
    >>> [str(v) for v in x], [str(v) for v in y]
    (['0', '1/3', '2/3'], ['1/3', '2/3'])
    """
    p, q = best_response_tableaux(A, B)
    m, n = len(q.rows), len(p.rows)
    k = int(initial_dropped_label)
    if not 0 <= k < m + n:
        raise ValueError(f"initial_dropped_label must be in 0..{m + n - 1}, got {k}")
    entering, tableau = k, (p if k < m else q)
    while True:
        column = tableau.column_of(entering)
        row = tableau.leaving_row(column)
        leaving = tableau.basic[row]
        tableau.pivot(row, column)
        if leaving == k:
            break
        entering, tableau = leaving, (q if tableau is p else p)
    return _normalised(p.values(), range(m)), _normalised(q.values(), range(m, m + n))


def lemke_howson_all_labels(A: object, B: object) -> list[tuple[Strategy, Strategy]]:
    """The distinct equilibria reached by Lemke-Howson from every initially dropped label.

    Parameters
    ----------
    A, B : array_like
        Payoffs of the row and the column player, shape ``(m, n)``.

    Returns
    -------
    list of (x, y)
        Distinct equilibria, sorted (lexicographically by ``x`` then ``y``).

    Examples
    --------
    >>> A = [[3, 3], [2, 5], [0, 6]]
    >>> B = [[3, 2], [2, 6], [3, 1]]
    >>> for x, y in lemke_howson_all_labels(A, B):
    ...     print([str(v) for v in x], [str(v) for v in y])
    ['0', '1/3', '2/3'] ['1/3', '2/3']
    ['1', '0', '0'] ['1', '0']

    The third equilibrium, ``((4/5, 1/5, 0), (2/3, 1/3))``, has negative index and is not the
    end of any path that starts at the artificial equilibrium.
    """
    m, n = np.asarray(A, dtype=object).shape
    return sorted({lemke_howson(A, B, k) for k in range(m + n)})
