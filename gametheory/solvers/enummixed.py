"""All extreme Nash equilibria of a bimatrix game, exact, by vertex enumeration.

The extreme equilibria of ``(A, B)`` are the completely labelled vertex pairs ``(x, y) != (0, 0)``
of the best-response polytopes ``P = {x >= 0 : B^T x <= 1}`` and ``Q = {y >= 0 : A y <= 1}``
(payoffs made positive), normalised to probability vectors (von Stengel 2007, Theorem 3.14;
Avis, Rosenberg, Savani and von Stengel 2010).

Vertex enumeration, complete also for degenerate polytopes: perturb the right-hand side
``1`` to ``1 + (eps, eps^2, ...)``. For small ``eps > 0`` the perturbed polytope ``P_eps``
contains ``P``, is simple, and its vertices are exactly the *lexicographically feasible*
bases; the lexicographic ratio test moves along its edges. ``P_eps`` shrinks to ``P`` as
``eps -> 0`` and is the convex hull of its vertices, so every vertex of ``P`` is the
``eps = 0`` value of some lexicographically feasible basis. Since the graph of a polytope is
connected, a depth-first search over that graph, one exact integer pivot per edge walked
(and one to walk back), meets every vertex of ``P``. At each basis the labels of the
unperturbed vertex are read off exactly (non-basic variables and basic variables of value 0,
so a degenerate vertex carries all of its labels), and vertices are identified by their label
sets. Pairs are then matched by labels with bit masks.

References
----------
D. Avis, G. Rosenberg, R. Savani, B. von Stengel (2010), Enumeration of Nash equilibria for
two-player games, *Economic Theory* 42, 9-37.
B. von Stengel (2007), Equilibrium computation for two-player games in strategic and extensive
form, chapter 3 of *Algorithmic Game Theory*, sections 3.3-3.5 and 3.7.
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np

from gametheory.solvers.lemke_howson import best_response_tableaux
from gametheory.solvers.pivoting import IntegerTableau

__all__ = ["enumerate_extreme_equilibria", "polytope_vertices"]

Strategy = tuple[Fraction, ...]


def _labels_and_point(tableau: IntegerTableau, all_variables: int, coordinates: range):
    """The label mask (tight constraints at ``eps = 0``) and the point of the current basis."""
    mask = all_variables & ~tableau.basis_mask
    point = dict.fromkeys(coordinates, Fraction(0))
    for variable, row in zip(tableau.basic, tableau.rows):
        if row[-1] == 0:
            mask |= 1 << variable
        elif variable in point:
            point[variable] = Fraction(row[-1], tableau.det)
    return mask, tuple(point.values())


def polytope_vertices(tableau: IntegerTableau, coordinates: range) -> dict[int, tuple]:
    """All vertices of ``{z >= 0 : M z <= 1}`` (bounded), keyed by their label masks.

    Depth-first search over the lexicographically feasible bases reachable from the current
    one; the tableau is back in its starting basis on return.

    Parameters
    ----------
    tableau : IntegerTableau
        A lexicographically feasible tableau of the polytope (e.g. the slack basis).
    coordinates : range
        The variable numbers whose values make up a vertex.

    Returns
    -------
    dict
        ``{label_mask: point}``: bit ``v`` of the mask is set when variable ``v`` is 0 at the
        vertex; the point lists the exact values of ``coordinates``.

    Examples
    --------
    >>> t = IntegerTableau([[1, 1]], column_variables=[0, 1], row_variables=[2])
    >>> sorted(tuple(map(str, v)) for v in polytope_vertices(t, range(2)).values())
    [('0', '0'), ('0', '1'), ('1', '0')]
    """
    all_variables = (1 << (len(tableau.basic) + len(tableau.nonbasic))) - 1
    mask, point = _labels_and_point(tableau, all_variables, coordinates)
    vertices = {mask: point}
    visited = {tableau.basis_mask}
    width = len(tableau.nonbasic)
    path: list[tuple[int, int]] = []  # the pivots down the search tree, undone on the way up
    next_column = [0]
    while next_column:
        column = next_column[-1]
        if column == width:
            next_column.pop()
            if path:
                tableau.pivot(*path.pop())  # the reverse pivot restores the parent exactly
            continue
        next_column[-1] = column + 1
        if path and path[-1][1] == column:
            continue  # the variable that just left sits here: this edge leads back
        row = tableau.leaving_row(column)
        if row is None:
            raise ValueError("the polyhedron is unbounded")
        key = tableau.basis_mask ^ (1 << tableau.basic[row]) ^ (1 << tableau.nonbasic[column])
        if key in visited:
            continue
        visited.add(key)
        tableau.pivot(row, column)
        path.append((row, column))
        next_column.append(0)
        mask, point = _labels_and_point(tableau, all_variables, coordinates)
        vertices.setdefault(mask, point)
    return vertices


def _completely_labelled_pairs(masks_p: list[int], masks_q: list[int], m: int, n: int):
    """Index pairs ``(a, b)`` whose label masks together hold all ``m + n`` labels.

    A vertex of ``P`` has at least ``m`` labels, one of ``Q`` at least ``n``. A non-degenerate
    vertex of ``P`` (exactly ``m`` labels) can only pair with the non-degenerate vertex of
    ``Q`` that has exactly the other labels (a dictionary look-up) or with a degenerate vertex
    of ``Q`` whose labels include them; a degenerate vertex of ``P`` is checked against all.
    """
    full = (1 << (m + n)) - 1
    dtype = np.uint64 if m + n <= 64 else object
    by_mask = {mask: b for b, mask in enumerate(masks_q)}
    degenerate = [b for b, mask in enumerate(masks_q) if mask.bit_count() > n]
    degenerate_masks = np.array([masks_q[b] for b in degenerate], dtype=dtype)
    candidates = {
        True: (np.array(degenerate, dtype=np.int64), degenerate_masks),
        False: (np.arange(len(masks_q)), np.array(masks_q, dtype=dtype)),
    }
    for a, mask in enumerate(masks_p):
        need = full & ~mask
        simple = mask.bit_count() == m
        if simple and need in by_mask:
            yield a, by_mask[need]
        indices, masks = candidates[simple]
        if len(indices):
            wanted = np.array(need, dtype=dtype)
            for b in indices[(masks & wanted) == wanted]:
                yield a, int(b)


def _normalised(point: tuple) -> Strategy:
    total = sum(point)
    return tuple(v / total for v in point)


def enumerate_extreme_equilibria(A: object, B: object) -> list[tuple[Strategy, Strategy]]:
    """All extreme Nash equilibria of the bimatrix game ``(A, B)``, exact.

    Parameters
    ----------
    A, B : array_like
        Payoffs of the row player and of the column player, shape ``(m, n)``, exact numbers
        (int, Fraction, Decimal). Both players maximise.

    Returns
    -------
    list of (x, y)
        Every extreme equilibrium once, ``x`` and ``y`` tuples of ``Fraction``, sorted
        lexicographically by ``(x, y)``. Every Nash equilibrium is a convex combination of
        extreme equilibria of one maximal Nash subset.

    Examples
    --------
    >>> A = [[3, 3], [2, 5], [0, 6]]
    >>> B = [[3, 2], [2, 6], [3, 1]]
    >>> for x, y in enumerate_extreme_equilibria(A, B):
    ...     print([str(v) for v in x], [str(v) for v in y])
    ['0', '1/3', '2/3'] ['1/3', '2/3']
    ['4/5', '1/5', '0'] ['2/3', '1/3']
    ['1', '0', '0'] ['1', '0']

    A degenerate game: with all payoffs zero every pure profile is an extreme equilibrium.

    >>> len(enumerate_extreme_equilibria([[0, 0], [0, 0]], [[0, 0], [0, 0]]))
    4
    """
    p, q = best_response_tableaux(A, B)
    m, n = len(q.rows), len(p.rows)
    vertices_p = polytope_vertices(p, range(m))
    vertices_q = polytope_vertices(q, range(m, m + n))
    # (0, 0) is the only completely labelled pair with a zero point; drop the zero vertices.
    masks_p = [k for k, point in vertices_p.items() if any(point)]
    masks_q = [k for k, point in vertices_q.items() if any(point)]
    pairs = _completely_labelled_pairs(masks_p, masks_q, m, n)
    equilibria = {
        (_normalised(vertices_p[masks_p[a]]), _normalised(vertices_q[masks_q[b]]))
        for a, b in pairs
    }
    return sorted(equilibria)
