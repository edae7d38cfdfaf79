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
connected, a depth-first search over that graph, one exact integer pivot per basis, meets
every vertex of ``P``. At each basis the labels of the unperturbed vertex are read off exactly
(non-basic variables and basic variables of value 0, so a degenerate vertex carries all of its
labels), and vertices are identified by their label sets.

Only the polytope of lower dimension is enumerated, as in ``lrsnash`` (Avis et al. 2010): the
partners of a vertex with exactly ``dim`` labels solve one square linear system (screened in
verified floating point, decided exactly), and the partners of a degenerate vertex are the
vertices of a face of the other polytope, enumerated the same way.

References
----------
D. Avis, G. Rosenberg, R. Savani, B. von Stengel (2010), Enumeration of Nash equilibria for
two-player games, *Economic Theory* 42, 9-37.
B. von Stengel (2007), Equilibrium computation for two-player games in strategic and extensive
form, chapter 3 of *Algorithmic Game Theory*, sections 3.3-3.5 and 3.7.
S. M. Rump (1983), Solving algebraic problems with high accuracy, in *A New Approach to
Scientific Computation* (Kulisch, Miranker, eds.), 51-120 (verified bounds for linear systems).
N. J. Higham (2002), *Accuracy and Stability of Numerical Algorithms*, 2nd ed., SIAM.
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np

from gametheory.solvers.lemke_howson import best_response_tableaux
from gametheory.solvers.pivoting import IntegerTableau, leaving_rows, pivot_array

__all__ = ["enumerate_extreme_equilibria", "integer_vertices", "polytope_vertices"]

Strategy = tuple[Fraction, ...]

# The depth-first search keeps the tableaux of this many frames nearest the root (bounded
# memory); deeper frames are restored by a reverse pivot.
_KEPT_TABLEAUX = 2048


def _vertex(rhs: list[int], basic: list[int], labels: int, coordinates: range):
    """The label mask (tight constraints at ``eps = 0``) and the integer point of a basis.

    ``labels`` has the bits of the non-basic variables; a basic variable of value 0 adds its
    own. The point is ``det`` times the vertex (one common scale, removed by normalising).
    """
    point = dict.fromkeys(coordinates, 0)
    for value, variable in zip(rhs, basic):
        if value == 0:
            labels |= 1 << variable
        elif variable in point:
            point[variable] = value
    return labels, tuple(point.values())


def integer_vertices(tableau: IntegerTableau,
                     coordinates: range) -> dict[int, tuple[tuple[int, ...], int]]:
    """All vertices of ``{z >= 0 : M z <= 1}`` (bounded), keyed by their label masks.

    Depth-first search over the lexicographically feasible bases reachable from the tableau's
    basis (which it leaves unchanged). Each basis is reached once, by one integer pivot
    (:func:`~.pivoting.pivot_array`) from the basis that found it; the search comes back to a
    basis with neighbours left to visit through its kept tableau (the frames nearest the root
    keep theirs) or by the reverse pivot. The leaving rows of all columns of a basis come
    from one float-screened, exactly decided ratio test (:func:`~.pivoting.leaving_rows`).

    Parameters
    ----------
    tableau : IntegerTableau
        A lexicographically feasible tableau of the polytope (e.g. the slack basis).
    coordinates : range
        The variable numbers whose values make up a vertex.

    Returns
    -------
    dict
        ``{label_mask: (point, scale)}``: bit ``v`` of the mask is set when variable ``v`` is
        0 at the vertex; ``point`` holds the integers ``scale`` times the values of
        ``coordinates`` (``scale > 0``, the determinant of the basis).

    Examples
    --------
    >>> t = IntegerTableau([[1, 2]], column_variables=[0, 1], row_variables=[2])
    >>> sorted(integer_vertices(t, range(2)).values())
    [((0, 0), 1), ((0, 1), 2), ((1, 0), 1)]
    """
    lex_order = tableau.lex_order
    everything = sum(1 << v for v in tableau.basic + tableau.nonbasic)
    basic, nonbasic, key = list(tableau.basic), list(tableau.nonbasic), tableau.basis_mask
    T = np.array(tableau.rows, dtype=object)
    mask, point = _vertex(T[:, -1].tolist(), basic, everything & ~key, coordinates)
    vertices = {mask: (point, tableau.det)}
    visited = {key}

    def unvisited_neighbours(T, basic, nonbasic, det, key):
        found = []
        for column, row in enumerate(leaving_rows(T, basic, nonbasic, lex_order, det)):
            neighbour = key ^ (1 << basic[row]) ^ (1 << nonbasic[column])
            if neighbour not in visited:
                visited.add(neighbour)
                found.append((row, column, neighbour))
        return found

    # A frame: its basis, the neighbours still to visit, the pivot that led to it from its
    # parent, and its tableau when kept (the shallowest frames keep theirs; deeper ones are
    # reached again by the reverse pivot, which restores the parent exactly).
    stack = [(basic, nonbasic, tableau.det,
              unvisited_neighbours(T, basic, nonbasic, tableau.det, key), None, T)]
    while stack:
        basic, nonbasic, det, pending, via, kept = stack[-1]
        if not pending:
            stack.pop()
            if stack:
                parent = stack[-1][5]
                T = parent if parent is not None else pivot_array(T, *via, det)
            continue
        row, column, key = pending.pop()
        new = pivot_array(T, row, column, det)
        new_basic, new_nonbasic = basic.copy(), nonbasic.copy()
        new_basic[row], new_nonbasic[column] = nonbasic[column], basic[row]
        mask, point = _vertex(new[:, -1].tolist(), new_basic, everything & ~key, coordinates)
        new_det = T[row, column]
        vertices.setdefault(mask, (point, new_det))
        new_pending = unvisited_neighbours(new, new_basic, new_nonbasic, new_det, key)
        if new_pending:
            keep = new if len(stack) < _KEPT_TABLEAUX else None
            stack.append((new_basic, new_nonbasic, new_det, new_pending, (row, column), keep))
            T = new
    return vertices


def polytope_vertices(tableau: IntegerTableau, coordinates: range) -> dict[int, tuple]:
    """All vertices of ``{z >= 0 : M z <= 1}`` (bounded) with exact coordinates.

    The vertices of :func:`integer_vertices` (same parameters), each point divided by its
    scale: ``{label_mask: point}`` with the exact values (``Fraction``) of ``coordinates``.

    Examples
    --------
    >>> t = IntegerTableau([[1, 1]], column_variables=[0, 1], row_variables=[2])
    >>> sorted(tuple(map(str, v)) for v in polytope_vertices(t, range(2)).values())
    [('0', '0'), ('0', '1'), ('1', '0')]
    """
    return {mask: tuple(Fraction(v, scale) for v in point)
            for mask, (point, scale) in integer_vertices(tableau, coordinates).items()}


_UNIT = 2.0**-53  # unit roundoff of IEEE double precision


def _screen(M: np.ndarray, rows: np.ndarray, columns: np.ndarray) -> np.ndarray:
    """Which of the systems ``M[S, J] z = 1`` certainly have no solution with ``z >= 0`` and
    ``M[:, J] z <= 1`` (one system per row of ``rows`` = ``S`` and ``columns`` = ``J``)?

    A verified floating-point test (Rump 1983; Higham 2002, section 3.5): with an approximate
    inverse ``X`` of ``C = M[S, J]`` and ``alpha >= ||I - X C||`` (rounding included) below 1/2,
    ``||C^-1|| <= ||X|| / (1 - alpha)``, which bounds the distance ``delta`` of the exact
    solution from the computed one through the residual. A system is rejected only when some
    coordinate is below ``-delta`` or some constraint exceeds 1 by more than its error bound;
    everything else (near-singular systems included) is left to exact arithmetic.
    """
    k = rows.shape[1]
    C = M[rows[:, :, None], columns[:, None, :]]                     # (N, k, k)
    gamma = 4 * (k + 2) * _UNIT                                      # generous rounding factor
    determinants = np.linalg.det(C)
    regular = np.isfinite(determinants) & (determinants != 0)  # else inv() raises
    rejected = np.zeros(len(rows), dtype=bool)
    if not regular.any():
        return rejected
    index = np.flatnonzero(regular)
    C = C[index]
    with np.errstate(all="ignore"):  # near-singular: alpha is then large or nan, not < 1/2
        X = np.linalg.inv(C)
    absolute_X, absolute_C = np.abs(X), np.abs(C)
    E = np.abs(np.eye(k) - X @ C) + gamma * (absolute_X @ absolute_C + 1)
    alpha = E.sum(axis=2).max(axis=1) * (1 + gamma)
    inverse_bound = absolute_X.sum(axis=2).max(axis=1) / np.maximum(1 - alpha, 1e-300)
    z = X.sum(axis=2)                                                # X @ 1
    residual = np.abs(1 - np.einsum("nij,nj->ni", C, z))
    residual += gamma * (np.einsum("nij,nj->ni", absolute_C, np.abs(z)) + 1)
    delta = inverse_bound * residual.max(axis=1) * (1 + gamma) ** 2
    negative = (z < -delta[:, None]).any(axis=1)
    block = M.T[columns[index]]                                      # (N, k, rows of M)
    values = np.einsum("nkr,nk->nr", block, z)
    absolute = np.abs(block)
    error = delta[:, None] * absolute.sum(axis=1)                   # |M (z* - z)|
    error += gamma * np.einsum("nkr,nk->nr", absolute, np.abs(z))   # rounding of M z
    too_big = (values - error * (1 + gamma) > 1).any(axis=1)
    rejected[index] = (alpha < 0.5) & (negative | too_big)
    return rejected


def _exact_solution(M: list[list[int]], S: list[int], J: list[int]) -> list[Fraction] | None:
    """The unique solution of ``M[S, J] z = 1`` by Gauss-Jordan elimination, None if singular."""
    k = len(S)
    system = [[Fraction(M[i][j]) for j in J] + [Fraction(1)] for i in S]
    for c in range(k):
        pivot = next((r for r in range(c, k) if system[r][c] != 0), None)
        if pivot is None:
            return None
        system[c], system[pivot] = system[pivot], system[c]
        top = system[c]
        for r in range(k):
            factor = system[r][c]
            if r != c and factor:
                system[r] = [a - factor * b / top[c] for a, b in zip(system[r], top)]
    return [system[r][k] / system[r][r] for r in range(k)]


def _partners(found: dict, M: list[list[int]], row_labels: range, column_labels: range):
    """For every vertex of one best-response polytope, the complementary vertices of the other.

    The other polytope is ``R = {z >= 0 : M z <= 1}``; row ``r`` of ``M`` has label
    ``row_labels[r]`` (a coordinate of the enumerated polytope), coordinate ``c`` of ``R`` has
    label ``column_labels[c]``. A vertex with label mask ``L`` needs partners ``z`` with every
    label it lacks: ``(M z)_r = 1`` where its coordinate ``r`` is positive (``S``) and
    ``z_c = 0`` unless ``c`` is one of its labels (``J``). When ``L`` has exactly
    ``dim`` labels, ``|S| = |J|``; if ``M[S, J]`` is regular the only candidate solves
    ``M[S, J] z = 1`` and is a partner when it is feasible. Feasibility is screened in verified
    floating point (:func:`_screen`) and decided exactly for what is left. Degenerate vertices
    and singular systems get all vertices of the face ``R ∩ {z_c = 0 : c not in J}``
    (:func:`integer_vertices`) whose labels complete ``L``.

    Yields ``(point, partner)`` pairs of integer points (each up to a positive scale).
    """
    dimension = len(row_labels)
    full = (1 << (len(row_labels) + len(column_labels))) - 1
    groups: dict[int, list] = {}
    general = []
    for mask, (point, _) in found.items():
        if not any(point):
            continue
        S = [r for r, label in enumerate(row_labels) if not mask >> label & 1]
        J = [c for c, label in enumerate(column_labels) if mask >> label & 1]
        if mask.bit_count() == dimension:
            groups.setdefault(len(S), []).append((mask, point, S, J))
        else:
            general.append((mask, point, J))
    floats = np.array(M, dtype=float)
    for k, items in groups.items():
        rejected = np.zeros(len(items), dtype=bool)
        for start in range(0, len(items), 4096):
            chunk = items[start:start + 4096]
            rejected[start:start + len(chunk)] = _screen(
                floats, np.array([S for _, _, S, _ in chunk]), np.array([J for *_, J in chunk]))
        for (mask, point, S, J), out in zip(items, rejected.tolist()):
            if out:
                continue
            z = _exact_solution(M, S, J)
            if z is None:
                general.append((mask, point, J))
                continue
            partner = [Fraction(0)] * len(column_labels)
            for c, value in zip(J, z):
                partner[c] = value
            if min(z) >= 0 and all(sum(row[c] * v for c, v in zip(J, z)) <= 1 for row in M):
                yield point, tuple(partner)
    for mask, point, J in general:
        outside = sum(1 << label for c, label in enumerate(column_labels) if c not in J)
        face = IntegerTableau([[row[c] for c in J] for row in M],
                              column_variables=[column_labels[c] for c in J],
                              row_variables=row_labels)
        for face_mask, (partner, _) in integer_vertices(face, column_labels).items():
            if any(partner) and mask | face_mask | outside == full:
                yield point, partner


def _normalised(point: tuple) -> Strategy:
    total = sum(point)
    return tuple(Fraction(v) / total for v in point)


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
    a = [row[:-1] for row in q.rows]           # Q = {y >= 0 : a y <= 1}, rows labelled 0..m-1
    b_transposed = [row[:-1] for row in p.rows]  # P = {x >= 0 : b^T x <= 1}, rows m..m+n-1
    if m <= n:  # enumerate the polytope of lower dimension, solve for partners in the other
        pairs = _partners(integer_vertices(p, range(m)), a, range(m), range(m, m + n))
        equilibria = {(_normalised(x), _normalised(y)) for x, y in pairs}
    else:
        pairs = _partners(integer_vertices(q, range(m, m + n)), b_transposed,
                          range(m, m + n), range(m))
        equilibria = {(_normalised(x), _normalised(y)) for y, x in pairs}
    return sorted(equilibria)
