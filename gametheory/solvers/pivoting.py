"""Exact pivoting on a compact integer tableau, with the lexicographic ratio test.

Integer (fraction-free) pivoting keeps every entry of a simplex tableau an integer: the entries
are ``det(basis)`` times the rational ones, and a pivot on entry ``p`` with previous pivot
``d`` replaces ``a`` by ``(a * p - f * b) / d``, a division that is always exact (Edmonds
1967; von Stengel 2007, section 3.5; the arithmetic of Avis' ``lrs``). No gcd is ever
computed, and every entry is a subdeterminant of the integer data.

The tableau is *compact*: rows are the basic variables, columns the non-basic ones (the unit
columns of the basic variables are implicit). Degeneracy is handled by the lexicographic
minimum-ratio test, the simplex rule for the right-hand side perturbed to
``b + (eps, eps^2, ...)`` (Dantzig, Orden and Wolfe 1955; von Stengel 2007, section 3.7): the
leaving variable is always unique, and pivoting never cycles.

The Lemke-Howson algorithm (:mod:`.lemke_howson`), vertex enumeration (:mod:`.enummixed`) and
the exact simplex method (:mod:`.linprog`) all pivot on :class:`IntegerTableau`.

References
----------
J. Edmonds (1967), Systems of distinct representatives and linear algebra, *Journal of Research
of the National Bureau of Standards* 71B, 241-245.
G. B. Dantzig, A. Orden, P. Wolfe (1955), The generalized simplex method for minimizing a
linear form under linear inequality restraints, *Pacific Journal of Mathematics* 5, 183-195.
D. Avis (2000), lrs: a revised implementation of the reverse search vertex enumeration
algorithm, in *Polytopes - Combinatorics and Computation* (Kalai, Ziegler, eds.), 177-198.
B. von Stengel (2007), Equilibrium computation for two-player games in strategic and extensive
form, chapter 3 of *Algorithmic Game Theory* (Nisan et al., eds.), sections 3.5 and 3.7.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal
from fractions import Fraction

import numpy as np

__all__ = ["IntegerTableau", "eliminate", "leaving_rows", "pivot_array", "to_fraction"]

# Two ratios whose floating-point quotients differ by more than this relative amount are
# ordered correctly by them: each quotient of exactly rounded integers is within 3 units in
# the last place (about 7e-16 relative) of the true ratio.
_TIE = 1e-9


def to_fraction(value: object) -> Fraction:
    """An exact ``Fraction`` for an int, Fraction, Decimal or float (through its shortest repr).

    The data of an integer tableau are exact numbers; anything else (a string, a sympy
    expression) is a ``TypeError``.

    Examples
    --------
    >>> to_fraction(0.1), to_fraction(3)
    (Fraction(1, 10), Fraction(3, 1))
    """
    if isinstance(value, float):
        return Fraction(repr(value))
    if isinstance(value, (int, Fraction, Decimal, np.integer)):
        return Fraction(value)
    raise TypeError(f"payoff {value!r} is not an exact number")


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


def _lex_smaller_rows(row_i, row_k, column, basic_i, basic_k, scale_i, scale_k, lex_order,
                      position) -> bool:
    """Is the perturbed ratio of ``row_i`` lexicographically smaller than that of ``row_k``?

    ``position`` maps non-basic variables to their columns; ``scale_*`` is the entry of each
    row's basic variable in its own (implicit) unit column.
    """
    p_i, p_k = row_i[column], row_k[column]
    left, right = row_i[-1] * p_k, row_k[-1] * p_i
    if left != right:
        return left < right
    for variable in lex_order:
        j = position.get(variable)
        if j is not None:
            left, right = row_i[j] * p_k, row_k[j] * p_i
        elif variable == basic_i:
            left, right = scale_i * p_k, 0
        elif variable == basic_k:
            left, right = 0, scale_k * p_i
        else:
            continue
        if left != right:
            return left < right
    raise ArithmeticError("rows with equal perturbed ratio: the basis is singular")


def pivot_array(T: np.ndarray, row: int, column: int, det: int) -> np.ndarray:
    """A new compact integer tableau (object array, right-hand side last): one integer pivot.

    The same update as :meth:`IntegerTableau.pivot`, on a whole ``numpy`` array of Python
    integers at once; ``T`` is left unchanged and the new determinant is ``T[row, column]``.

    Examples
    --------
    >>> T = np.array([[2, 1, 1], [1, 3, 1]], dtype=object)
    >>> pivot_array(T, 0, 0, 1).tolist()
    [[1, 1, 1], [-1, 5, 1]]
    """
    pivot_row = T[row]
    entering = T[:, column].copy()
    new = (T * pivot_row[column] - np.multiply.outer(entering, pivot_row)) // det
    new[row] = pivot_row
    new[:, column] = -entering
    new[row, column] = det
    return new


def leaving_rows(T: np.ndarray, basic: Sequence[int], nonbasic: Sequence[int],
                 lex_order: Sequence[int], det: int) -> list[int]:
    """The lexicographic minimum-ratio row of every column of a compact integer tableau at once.

    The ratios are screened in floating point, which orders two ratios correctly unless they
    are within a relative ``1e-9`` of each other (each float quotient of exactly rounded
    integers is within a few units in the last place of the true ratio; a zero right-hand side
    converts to exactly 0.0); only such near ties are decided by the exact lexicographic test
    on the integers, as in :meth:`IntegerTableau.leaving_row`.

    Parameters
    ----------
    T : numpy.ndarray
        Object array of Python integers, one row per basic variable, the right-hand side last.
    basic, nonbasic : sequence of int
        The variables of the rows and of the columns.
    lex_order : sequence of int
        The order of the variables in the perturbation (the starting basis).
    det : int
        The determinant of the basis (the implicit entry of each basic variable).

    Returns
    -------
    list of int
        For each column, the row of the variable that leaves when that column enters.

    Raises
    ------
    ValueError
        If some column has no positive entry (the polyhedron is unbounded).

    Examples
    --------
    >>> T = np.array([[1, 1, 1], [1, 1, 1], [2, 1, 1]], dtype=object)
    >>> leaving_rows(T, basic=[2, 3, 4], nonbasic=[0, 1], lex_order=[2, 3, 4], det=1)
    [2, 2]

    Column 0 has the unique smallest ratio 1/2 in row 2; in column 1 all three rows tie at 1
    and the perturbation ``eps`` of the last row's right-hand side is the smallest.
    """
    try:
        F = T.astype(float)
    except OverflowError:  # integers beyond the float range: exact tests throughout
        F = None
    positive = (T[:, :-1] > 0).astype(bool) if F is None else F[:, :-1] > 0
    if not positive.any(axis=0).all():
        raise ValueError("the polyhedron is unbounded")
    if F is None:
        near, rows, ambiguous = positive, [0] * positive.shape[1], range(positive.shape[1])
    else:
        ratios = np.divide(F[:, -1:], F[:, :-1], out=np.full(positive.shape, np.inf),
                           where=positive)
        near = ratios <= ratios.min(axis=0) * (1 + _TIE)
        rows = ratios.argmin(axis=0).tolist()
        ambiguous = np.flatnonzero(near.sum(axis=0) > 1).tolist()
    if ambiguous:
        position = {v: j for j, v in enumerate(nonbasic)}
        for column in ambiguous:
            candidates = np.flatnonzero(near[:, column]).tolist()
            best_row = candidates[0]
            for i in candidates[1:]:
                if _lex_smaller_rows(T[i], T[best_row], column, basic[i], basic[best_row],
                                     det, det, lex_order, position):
                    best_row = i
            rows[column] = best_row
    return rows


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

    def row_scale(self, row: int) -> int:
        """The entry of the basic variable of ``row`` in its own (implicit) unit column.

        Here every row is scaled by ``det``; a subclass that scales rows lazily says so here.
        """
        return self.det

    def _lex_smaller(self, i: int, k: int, column: int) -> bool:
        """Is the perturbed ratio of row ``i`` lexicographically smaller than that of row ``k``?"""
        position = {v: j for j, v in enumerate(self.nonbasic)}
        return _lex_smaller_rows(self.rows[i], self.rows[k], column, self.basic[i],
                                 self.basic[k], self.row_scale(i), self.row_scale(k),
                                 self.lex_order, position)

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
        self.rows, self.det = rows, pivot_row[column]
        self.exchange(row, column)

    def exchange(self, row: int, column: int) -> None:
        """Record that ``nonbasic[column]`` entered the basis in ``row`` and ``basic[row]`` left."""
        entering, leaving = self.nonbasic[column], self.basic[row]
        self.basic[row], self.nonbasic[column] = entering, leaving
        self.basis_mask ^= (1 << entering) | (1 << leaving)

    def values(self) -> dict[int, Fraction]:
        """The basic variables' values (at ``eps = 0``); non-basic variables are 0."""
        return {v: Fraction(row[-1], self.det) for v, row in zip(self.basic, self.rows)}
