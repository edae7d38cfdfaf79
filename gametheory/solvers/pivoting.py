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

The Lemke-Howson algorithm (:mod:`.lemke_howson`), vertex enumeration (:mod:`.enummixed`),
the exact simplex method (:mod:`.linprog`) and sequence-form Lemke (:mod:`.sequence_lcp`) all
pivot on :class:`IntegerTableau`, with its lexicographic ratio test. Sequence-form Lemke uses
the variant :class:`ReducedIntegerTableau`, whose rows are reduced by their gcd instead of
scaled by the determinant and kept in int64 while that is safe: on the large sparse
sequence-form systems the determinant grows far beyond 64 bits while the reduced rows do not
(Koller, Megiddo and von Stengel 1996; Lemke 1965).

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
C. E. Lemke (1965), Bimatrix equilibrium points and mathematical programming, *Management
Science* 11, 681-689.
D. Koller, N. Megiddo, B. von Stengel (1996), Efficient computation of equilibria for extensive
two-person games, *Games and Economic Behavior* 14, 247-259.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal
from fractions import Fraction

import numpy as np

__all__ = [
    "IntegerTableau",
    "ReducedIntegerTableau",
    "eliminate",
    "leaving_rows",
    "pivot_array",
    "to_fraction",
]

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


# While every entry stays below this, an update in int64 cannot overflow (see ``pivot``).
_SAFE = 2**62


class ReducedIntegerTableau(IntegerTableau):
    """An :class:`IntegerTableau` whose rows are divided by their gcd, in int64 while safe.

    Row ``i`` reads ``scale[i] * basic[i] + sum_j rows[i, j] * nonbasic[j] = rows[i, -1]``:
    an integer multiple of the rational row, divided by the gcd of its entries after each
    update, instead of the determinant multiple of Edmonds' pivoting. The rows are a ``numpy``
    array, int64 while a bound on every update shows it cannot overflow and Python integers
    (object array) from the first update that could; only rows with a non-zero entry in the
    pivot column are touched. The lexicographic ratio test is the one of
    :class:`IntegerTableau` (the implicit unit column of a basic variable holds its row's
    scale).

    This is the arithmetic for large sparse systems whose determinants grow far beyond 64
    bits while the reduced rows stay small, such as the sequence-form LCP (Koller, Megiddo and
    von Stengel 1996): on a random 3-ary tree of depth 6 (49 pivots) the determinant reaches
    125 bits.

    Parameters
    ----------
    matrix : sequence of sequence of int
        One row per basic variable: its coefficients on the non-basic variables.
    column_variables, row_variables : iterable of int
        The non-basic and the basic variables; the basic variables, in this order, are the
        lexicographic order of the perturbation.
    rhs : sequence of int
        The right-hand sides.
    scales : sequence of int, optional
        The positive coefficient of each row's basic variable (default 1).

    Examples
    --------
    >>> t = ReducedIntegerTableau([[2, 1], [1, 3]], [0, 1], [2, 3], rhs=[1, 1])
    >>> t.pivot(t.leaving_row(0), 0)
    >>> t.values()
    {0: Fraction(1, 2), 3: Fraction(1, 2)}
    >>> t.rows.tolist(), t.scale.tolist()       # row 1 reads 2 s_3 - s_2 + 5 z_1 = 1
    ([[1, 1, 1], [-1, 5, 1]], [2, 2])
    """

    def __init__(self, matrix: Sequence[Sequence[int]], column_variables: Iterable[int],
                 row_variables: Iterable[int], rhs: Sequence[int],
                 scales: Sequence[int] | None = None) -> None:
        columns = list(column_variables)
        rows = [{v: value for v, value in zip(columns, row) if value} for row in matrix]
        self._setup(rows, columns, row_variables, rhs, scales)

    @classmethod
    def from_sparse(cls, rows: Sequence[dict[int, int]], column_variables: Iterable[int],
                    row_variables: Iterable[int], rhs: Sequence[int],
                    scales: Sequence[int] | None = None) -> ReducedIntegerTableau:
        """The tableau of sparse rows ``{non-basic variable: coefficient}`` (others are 0).

        Examples
        --------
        >>> t = ReducedIntegerTableau.from_sparse([{0: 2}, {1: 3}], [0, 1], [2, 3], [1, 1])
        >>> t.rows.tolist()
        [[2, 0, 1], [0, 3, 1]]
        """
        tableau = cls.__new__(cls)
        tableau._setup(rows, list(column_variables), row_variables, rhs, scales)
        return tableau

    def _setup(self, rows: Sequence[dict[int, int]], columns: list[int],
               row_variables: Iterable[int], rhs: Sequence[int],
               scales: Sequence[int] | None) -> None:
        scales = [1] * len(rows) if scales is None else [int(v) for v in scales]
        largest = max([abs(int(v)) for row in rows for v in row.values()]
                      + [abs(int(b)) for b in rhs] + scales + [0])
        dtype = np.int64 if largest < _SAFE else object
        position = {v: j for j, v in enumerate(columns)}
        self.rows = np.zeros((len(rows), len(columns) + 1), dtype=dtype)
        for i, (row, b) in enumerate(zip(rows, rhs)):
            for v, value in row.items():
                self.rows[i, position[v]] = int(value)
            self.rows[i, -1] = int(b)
        self.scale = np.array(scales, dtype=dtype)
        self.nonbasic = columns
        self.basic = list(row_variables)
        self.lex_order = tuple(self.basic)
        self.det = 1
        self.basis_mask = sum(1 << v for v in self.basic)
        self._columns = position

    def column_of(self, variable: int) -> int:
        """The column of a non-basic variable."""
        return self._columns[variable]

    def row_scale(self, row: int) -> int:
        return int(self.scale[row])

    def _lex_smaller(self, i: int, k: int, column: int) -> bool:
        position = {v: j for j, v in enumerate(self.nonbasic)}
        return _lex_smaller_rows(self.rows[i].tolist(), self.rows[k].tolist(), column,
                                 self.basic[i], self.basic[k], self.row_scale(i),
                                 self.row_scale(k), self.lex_order, position)

    def leaving_row(self, column: int, prefer: int | None = None) -> int | None:
        """The lexicographic minimum-ratio row for ``column``; ``None`` if unbounded.

        When ``prefer`` is the basic variable of one of the rows tied on the ratio itself,
        that row leaves (Lemke's rule for the artificial variable).
        """
        entries = self.rows[:, column]
        candidates = np.flatnonzero(entries > 0)
        if not candidates.size:
            return None
        ties, best_rhs, best_entry = [], 0, 1
        for i, entry, rhs in zip(candidates.tolist(), entries[candidates].tolist(),
                                 self.rows[candidates, -1].tolist()):
            left, right = rhs * best_entry, best_rhs * entry
            if not ties or left < right:
                ties, best_rhs, best_entry = [i], rhs, entry
            elif left == right:
                ties.append(i)
        if len(ties) > 1 and prefer is not None:
            for i in ties:
                if self.basic[i] == prefer:
                    return i
        best = ties[0]
        for i in ties[1:]:
            if self._lex_smaller(i, best, column):
                best = i
        return best

    def pivot(self, row: int, column: int) -> None:
        """Exchange ``basic[row]`` and ``nonbasic[column]``; touch only rows that change."""
        T = self.rows
        p = int(T[row, column])
        sign = 1 if p > 0 else -1
        new = sign * T[row]
        new[column] = sign * int(self.scale[row])
        T[row], self.scale[row] = new, abs(p)
        touched = np.flatnonzero(T[:, column])
        touched = touched[touched != row]
        if touched.size:
            block, c, scale = T[touched], T[touched, column], self.scale[touched]
            if T.dtype != object:
                bound = (int(np.abs(block).max()) * abs(p)
                         + int(np.abs(c).max()) * int(np.abs(new).max()))
                if bound >= _SAFE or int(np.abs(scale).max()) * abs(p) >= _SAFE:
                    block, c, scale, new = (block.astype(object), c.astype(object),
                                            scale.astype(object), new.astype(object))
            block[:, column] = 0
            block = block * abs(p) - c[:, None] * new[None, :]
            scale = scale * abs(p)
            g = np.gcd(np.gcd.reduce(block, axis=1), scale)
            g[g == 0] = 1
            block, scale = block // g[:, None], scale // g
            if block.dtype == object and T.dtype != object:
                if max(int(np.abs(block).max()), int(np.abs(scale).max())) >= _SAFE:
                    self.rows = T = T.astype(object)
                    self.scale = self.scale.astype(object)
                else:
                    block, scale = block.astype(np.int64), scale.astype(np.int64)
            T[touched] = block
            self.scale[touched] = scale
        entering, leaving = self.nonbasic[column], self.basic[row]
        del self._columns[entering]
        self._columns[leaving] = column
        self.exchange(row, column)

    def values(self) -> dict[int, Fraction]:
        """The basic variables' values (at ``eps = 0``); non-basic variables are 0."""
        return {v: Fraction(int(b), int(s))
                for v, b, s in zip(self.basic, self.rows[:, -1], self.scale)}
