"""Simultaneous-move subgames of a symbolic game: their equilibria by support enumeration.

A decision node whose children form one information set of a second player is an ``m x n``
game whose cells are subgames (already solved).  Its equilibria are found by support
enumeration (Nisan et al., *Algorithmic Game Theory*, 2007, section 3.2): for supports of equal
size the indifference conditions are solved exactly, and each support gives a candidate whose
conditions say that the probabilities are positive and that no action outside the support is
better.  At degenerate parameter points (where a player is indifferent identically over a
support) only these equilibria are listed.
"""

from __future__ import annotations

import itertools

import sympy

from .relations import compare, normal, positive

__all__ = ["support_equilibria", "indifference"]


def support_equilibria(table, i, j, m, n, generic):
    """Support enumeration for a bimatrix ``table[r][s][player]``: (x, y, conditions).

    ``i`` and ``j`` are the row and column players; ``generic`` makes the best-response
    conditions strict.

    Examples
    --------
    Matching pennies with a stake ``a``: every pure candidate needs ``a > 0`` and ``a < 0``;
    the one equilibrium mixes half and half.

    >>> a = sympy.Symbol("a", real=True)
    >>> table = [[(a, -a), (-a, a)], [(-a, a), (a, -a)]]
    >>> [conditions for x, y, conditions in support_equilibria(table, 0, 1, 2, 2, True)][0]
    [a > 0, a < 0]
    >>> table = [[(1, -1), (-1, 1)], [(-1, 1), (1, -1)]]
    >>> [(x, y) for x, y, conditions in support_equilibria(table, 0, 1, 2, 2, True)
    ...  if sympy.false not in conditions]
    [((1/2, 1/2), (1/2, 1/2))]
    """
    A = [[table[r][s][i] for s in range(n)] for r in range(m)]
    B = [[table[r][s][j] for s in range(n)] for r in range(m)]
    for size in range(1, min(m, n) + 1):
        for I in itertools.combinations(range(m), size):
            for J in itertools.combinations(range(n), size):
                solved = indifference(A, B, I, J, m, n)
                if solved is None:
                    continue
                x, y, extra = solved
                u = [sum(A[r][s] * y[s] for s in range(n)) for r in range(m)]
                w = [sum(B[r][s] * x[r] for r in range(m)) for s in range(n)]
                conditions = list(extra)
                if size > 1:
                    conditions += [positive(x[r]) for r in I]
                    conditions += [positive(y[s]) for s in J]
                conditions += [compare(u[I[0]] - u[r], generic) for r in range(m) if r not in I]
                conditions += [compare(w[J[0]] - w[s], generic) for s in range(n) if s not in J]
                yield tuple(x), tuple(y), conditions


def indifference(A, B, I, J, m, n):
    """Solve the indifference equations of a support pair exactly; None if singular.

    Returns the row player's and the column player's probabilities and the conditions that
    the solution needs (a non-zero determinant).

    Examples
    --------
    >>> A = [[1, 0], [0, 1]]
    >>> B = [[0, 1], [1, 0]]
    >>> indifference(A, B, (0, 1), (0, 1), 2, 2)
    ([1/2, 1/2], [1/2, 1/2], [])
    """
    size = len(I)
    if size == 1:
        x = [sympy.Integer(int(r == I[0])) for r in range(m)]
        y = [sympy.Integer(int(s == J[0])) for s in range(n)]
        return x, y, []
    extra = []

    def solve(M, support, other):
        # unknowns: probabilities on `support` and the value; rows: indifference on `other`
        matrix = sympy.Matrix([[M[r][s] for s in support] + [-1] for r in other]
                              + [[1] * len(support) + [0]])
        rhs = sympy.Matrix([0] * len(other) + [1])
        det = sympy.expand(matrix.det())
        if det == 0:
            return None
        if not det.is_number:
            extra.append(normal(sympy.Ne(det, 0)))
        adj = matrix.adjugate() * rhs
        return [sympy.cancel(adj[t] / det) for t in range(len(support))]

    ys = solve(A, J, I)                   # the row player is indifferent over I
    xs = solve([list(col) for col in zip(*B)], I, J)   # the column player over J
    if ys is None or xs is None:
        return None
    x = [sympy.Integer(0)] * m
    y = [sympy.Integer(0)] * n
    for t, r in enumerate(I):
        x[r] = xs[t]
    for t, s in enumerate(J):
        y[s] = ys[t]
    return x, y, extra

