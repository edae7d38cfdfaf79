"""Lemke-Howson for bimatrix games, exact, by integer pivoting.

The best-response polytopes of a bimatrix game ``(A, B)`` with positive payoffs are

    P = {x >= 0 : B^T x <= 1},        Q = {y >= 0 : A y <= 1}.

A point of ``P`` has label ``i`` when ``x_i = 0`` and label ``m + j`` when ``(B^T x)_j = 1``; a
point of ``Q`` has label ``m + j`` when ``y_j = 0`` and label ``i`` when ``(A y)_i = 1``. The
Nash equilibria are the completely labelled pairs ``(x, y) != (0, 0)``, normalised.

Each polytope is kept as a *compact integer tableau* (von Stengel 2007, section 3.5): the rows
are the basic variables, the columns the non-basic ones, and every entry is an integer equal to
``det(basis)`` times the rational tableau entry, so that a pivot is exact integer arithmetic
with one exact division (Edmonds' integer pivoting, fraction-free). Degeneracy is handled by the
lexicographic minimum-ratio test (von Stengel 2007, section 3.7), which is the simplex rule for
the right-hand side perturbed to ``1 + (eps, eps^2, ...)``: the leaving variable is then always
unique and no path cycles. A variable is numbered by its label, so ``x_i`` and the slack of
``(A y)_i <= 1`` are both variable ``i``, ``y_j`` and the slack of ``(B^T x)_j <= 1`` are both
``m + j``.

References
----------
C. E. Lemke and J. T. Howson (1964), Equilibrium points of bimatrix games.
L. S. Shapley (1974), A note on the Lemke-Howson algorithm.
B. von Stengel (2007), Equilibrium computation for two-player games in strategic and extensive
form, chapter 3 of *Algorithmic Game Theory* (Nisan et al., eds.), sections 3.4-3.7.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal
from fractions import Fraction
from math import lcm

import numpy as np

__all__ = [
    "IntegerTableau",
    "best_response_tableaux",
    "eliminate",
    "lemke_howson",
    "lemke_howson_all_labels",
    "positive_integer_matrix",
]

Strategy = tuple[Fraction, ...]


def _fraction(value: object) -> Fraction:
    """An exact ``Fraction`` for an int, Fraction, Decimal or float (through its shortest repr)."""
    if isinstance(value, float):
        return Fraction(repr(value))
    if isinstance(value, (int, Fraction, Decimal, np.integer)):
        return Fraction(value)
    raise TypeError(f"payoff {value!r} is not an exact number")


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
    values = [v if type(v) is int else _fraction(v) for v in array.ravel().tolist()]
    scale = lcm(*{v.denominator for v in values})
    integers = [v.numerator * (scale // v.denominator) for v in values]
    low = min(integers)
    return [[v - low + 1 for v in integers[i : i + n]] for i in range(0, len(integers), n)]


def eliminate(row: list[int], pivot_row: list[int], column: int, det: int) -> list[int]:
    """One row of an integer pivot on ``pivot_row[column]`` (``det``: the previous pivot).

    Row ``i`` becomes ``(row * p - row[column] * pivot_row) / det`` (an exact division) and
    its entry in the pivot column ``-row[column]``: the column of the variable that leaves.
    A row with a zero in the pivot column is only rescaled; it is returned as is when the
    scale does not change.

    Examples
    --------
    >>> eliminate([1, 3, 5], [2, 1, 1], column=0, det=1)
    [-1, 5, 9]
    """
    p, f = pivot_row[column], row[column]
    if f:
        new = [(a * p - f * b) // det for a, b in zip(row, pivot_row)]
        new[column] = -f
        return new
    if p != det:
        return [a * p // det for a in row]
    return row


class IntegerTableau:
    """The system ``M z + s = 1, z >= 0, s >= 0`` as a compact integer tableau.

    ``rows[i]`` holds the coefficients of the non-basic variables (in the order of
    ``nonbasic``) and, last, the right-hand side, all multiplied by ``det``; ``basic[i]`` is
    the variable basic in row ``i``. Initially the slacks ``s`` are basic and ``det = 1``.

    Parameters
    ----------
    matrix : sequence of sequence of int
        The constraint matrix ``M`` (one row per constraint).
    column_variables : iterable of int
        The numbers of the variables ``z`` (one per column of ``M``).
    row_variables : iterable of int
        The numbers of the slacks ``s`` (one per row of ``M``); their order is the
        lexicographic order of the perturbation.

    Examples
    --------
    >>> t = IntegerTableau([[2, 1], [1, 3]], column_variables=[0, 1], row_variables=[2, 3])
    >>> t.pivot(t.leaving_row(0), 0)        # z_0 enters, the slack of row 0 leaves
    >>> t.basic, t.nonbasic, t.det
    ([0, 3], [2, 1], 2)
    >>> t.values()
    {0: Fraction(1, 2), 3: Fraction(1, 2)}
    """

    def __init__(
        self,
        matrix: Sequence[Sequence[int]],
        column_variables: Iterable[int],
        row_variables: Iterable[int],
    ) -> None:
        self.rows = [[int(v) for v in row] + [1] for row in matrix]
        self.nonbasic = list(column_variables)
        self.basic = list(row_variables)
        self.lex_order = tuple(self.basic)
        self.det = 1
        self.basis_mask = sum(1 << v for v in self.basic)

    def column_of(self, variable: int) -> int:
        """The column of a non-basic variable."""
        return self.nonbasic.index(variable)

    def _row_scale(self, row: int) -> int:
        """The entry of a basic variable in its own row (``det``: all rows share it)."""
        return self.det

    def _lex_smaller(self, i: int, k: int, column: int) -> bool:
        """Is the perturbed ratio of row ``i`` lexicographically smaller than that of row ``k``?"""
        row_i, row_k = self.rows[i], self.rows[k]
        p_i, p_k = row_i[column], row_k[column]
        left, right = row_i[-1] * p_k, row_k[-1] * p_i
        if left != right:
            return left < right
        position = {v: j for j, v in enumerate(self.nonbasic)}
        for variable in self.lex_order:
            j = position.get(variable)
            if j is not None:
                left, right = row_i[j] * p_k, row_k[j] * p_i
            elif variable == self.basic[i]:
                left, right = self._row_scale(i) * p_k, 0
            elif variable == self.basic[k]:
                left, right = 0, self._row_scale(k) * p_i
            else:
                continue
            if left != right:
                return left < right
        raise ArithmeticError("rows with equal perturbed ratio: the basis is singular")

    def leaving_row(self, column: int) -> int | None:
        """The row chosen by the lexicographic minimum-ratio test, ``None`` if unbounded."""
        best = None
        for i, row in enumerate(self.rows):
            entry = row[column]
            if entry > 0:
                if best is None:
                    best, best_rhs, best_entry = i, row[-1], entry
                    continue
                left, right = row[-1] * best_entry, best_rhs * entry
                if left < right or (left == right and self._lex_smaller(i, best, column)):
                    best, best_rhs, best_entry = i, row[-1], entry
        return best

    def pivot(self, row: int, column: int) -> None:
        """Exchange ``basic[row]`` and ``nonbasic[column]`` by one integer pivot."""
        pivot_row, det = self.rows[row], self.det
        rows = []
        for current in self.rows:
            if current is pivot_row:
                current = current.copy()
                current[column] = det
            else:
                current = eliminate(current, pivot_row, column, det)
            rows.append(current)
        p = pivot_row[column]
        self.rows, self.det = rows, p
        entering, leaving = self.nonbasic[column], self.basic[row]
        self.basic[row], self.nonbasic[column] = entering, leaving
        self.basis_mask ^= (1 << entering) | (1 << leaving)

    def values(self) -> dict[int, Fraction]:
        """The basic variables' values (at ``eps = 0``); non-basic variables are 0."""
        return {v: Fraction(row[-1], self.det) for v, row in zip(self.basic, self.rows)}


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
