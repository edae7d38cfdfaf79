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

The search over the bases runs in floating point and is certified exactly
(:func:`guided_vertices`): every basis it reaches is shown lexicographically feasible either by
a rigorous error bound on its floating-point solution or, near degeneracy, by its exact integer
tableau, and a set of certified bases that contains the neighbour of each of its members along
every edge is the whole (connected) graph of the perturbed polytope. Only the equilibria are
then computed exactly. If some basis cannot be certified, the exact depth-first search with
integer pivots (:func:`integer_vertices`) enumerates the polytope instead.

References
----------
M. L. Balinski (1961), On the graph structure of convex polyhedra in n-space, *Pacific Journal
of Mathematics* 11, 431-434 (the graph of a polytope is connected).
E. H. Bareiss (1968), Sylvester's identity and multistep integer-preserving Gaussian
elimination, *Mathematics of Computation* 22, 565-578.
D. Avis (2000), lrs: a revised implementation of the reverse search vertex enumeration
algorithm, in *Polytopes - Combinatorics and Computation* (Kalai, Ziegler, eds.), 177-198.
D. Avis, G. Rosenberg, R. Savani, B. von Stengel (2010), Enumeration of Nash equilibria for
two-player games, *Economic Theory* 42, 9-37.
B. von Stengel (2007), Equilibrium computation for two-player games in strategic and extensive
form, chapter 3 of *Algorithmic Game Theory*, sections 3.3-3.5 and 3.7.
S. M. Rump (1983), Solving algebraic problems with high accuracy, in *A New Approach to
Scientific Computation* (Kulisch, Miranker, eds.), 51-120 (verified bounds for linear systems).
N. J. Higham (2002), *Accuracy and Stability of Numerical Algorithms*, 2nd ed., SIAM
(section 3.5 for the rounding of inner products; section 14.1 for the Sherman-Morrison update).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from fractions import Fraction

import numpy as np

from gametheory.solvers.lemke_howson import best_response_tableaux
from gametheory.solvers.pivoting import IntegerTableau, leaving_rows, pivot_array

__all__ = [
    "basis_tableau",
    "enumerate_extreme_equilibria",
    "guided_vertices",
    "integer_vertices",
    "polytope_vertices",
]

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
    rejected = np.zeros(len(rows), dtype=bool)
    index = np.arange(len(rows))
    with np.errstate(all="ignore"):  # near-singular: alpha is then large or nan, not < 1/2
        try:
            X = np.linalg.inv(C)
        except np.linalg.LinAlgError:  # some system is singular: leave those to exact arithmetic
            determinants = np.linalg.det(C)
            index = np.flatnonzero(np.isfinite(determinants) & (determinants != 0))
            if not index.size:
                return rejected
            C = C[index]
            X = np.linalg.inv(C)
    ones = np.ones(C.shape[:2])
    z, delta, alpha = _verified_solutions(X, C, np.abs(C).sum(axis=2).max(axis=1), ones, gamma)
    negative = (z < -delta[:, None]).any(axis=1)
    # M z and its error, with z scattered to all columns (einsum: no threaded BLAS call)
    scattered = np.zeros((len(index), M.shape[1]))
    chosen = np.zeros((len(index), M.shape[1]))
    np.put_along_axis(scattered, columns[index], z, axis=1)
    np.put_along_axis(chosen, columns[index], 1.0, axis=1)
    absolute_M = np.abs(M)
    values = np.einsum("nc,rc->nr", scattered, M)
    error = delta[:, None] * np.einsum("nc,rc->nr", chosen, absolute_M)      # |M (z* - z)|
    error += gamma * np.einsum("nc,rc->nr", np.abs(scattered), absolute_M)  # rounding of M z
    too_big = (values - error * (1 + gamma) > 1).any(axis=1)
    rejected[index] = (alpha < 0.5) & (negative | too_big)
    return rejected


# --- float-guided search, certified exactly ---------------------------------------------------

# Masks of the guided search are numpy int64: at most this many variables.
_GUIDED_BITS = 62
# Bases expanded together (memory: a few arrays of size chunk x variables x dim floats).
_CHUNK = 2048
# Two ratios closer than this (relative) send their basis to the exact ratio test.
_NEAR = 1e-7
# Bases waiting in the search keep their approximate inverses up to this many (memory).
_KEPT_INVERSES = 200_000


class _NotCertified(Exception):
    """The float-guided search met a basis it cannot certify: enumerate exactly instead."""


def basis_tableau(tableau: IntegerTableau, nonbasic_variables: Iterable[int]):
    """The exact compact integer tableau of the basis whose non-basic variables are given.

    Starting from ``tableau`` (in any basis), every variable that must enter is pivoted in
    against a row whose basic variable must leave and whose entry is non-zero; such a row
    always exists when the target basis is regular (the entering columns restricted to the
    leaving rows form a regular matrix, and a pivot keeps its Schur complement regular).

    Parameters
    ----------
    tableau : IntegerTableau
        Any tableau of the system (left unchanged).
    nonbasic_variables : iterable of int
        The variables that are non-basic in the wanted basis.

    Returns
    -------
    (T, basic, nonbasic, det)
        The object array of the tableau (right-hand side last), the variables of its rows and
        columns, and the determinant, made positive (every row of a tableau with negative
        determinant is negated: it then states the same equations).

    Raises
    ------
    ArithmeticError
        If the wanted basis is singular.

    Examples
    --------
    >>> t = IntegerTableau([[2, 1], [1, 3]], column_variables=[0, 1], row_variables=[2, 3])
    >>> T, basic, nonbasic, det = basis_tableau(t, [2, 3])
    >>> T.tolist(), basic, nonbasic, det
    ([[3, -1, 2], [-1, 2, 1]], [0, 1], [2, 3], 5)

    The vertex is ``(2/5, 1/5)``, where both constraints are tight.
    """
    T = np.array(tableau.rows, dtype=object)
    basic, nonbasic, det = list(tableau.basic), list(tableau.nonbasic), tableau.det
    target = set(nonbasic_variables)
    for column in [c for c, v in enumerate(nonbasic) if v not in target]:
        row = next((i for i, v in enumerate(basic) if v in target and T[i, column] != 0), None)
        if row is None:
            raise ArithmeticError("the basis is singular")
        T, det = pivot_array(T, row, column, det), T[row, column]
        basic[row], nonbasic[column] = nonbasic[column], basic[row]
    if det < 0:
        T, det = -T, -det
    return T, basic, nonbasic, det


def _lexicographically_feasible(T: np.ndarray, basic: list[int], nonbasic: list[int],
                                lex_order: Sequence[int], det: int) -> bool:
    """Is every row of the tableau (``det > 0``) lexicographically positive?

    Row ``i`` of the perturbed right-hand side is ``(rhs, coefficients of the slacks in
    lex_order)``: the coefficient of ``eps^k`` is the entry of the ``k``-th slack in the row
    (``det`` when it is the row's own basic variable).
    """
    position = {v: j for j, v in enumerate(nonbasic)}
    for i in np.flatnonzero(T[:, -1] <= 0).tolist():
        if T[i, -1] < 0:
            return False
        for variable in lex_order:
            j = position.get(variable)
            entry = T[i, j] if j is not None else (det if variable == basic[i] else 0)
            if entry:
                if entry < 0:
                    return False
                break
    return True


def guided_vertices(tableau: IntegerTableau) -> dict[int, int]:
    """All vertices of ``{z >= 0 : M z <= 1}`` (bounded), found in floating point, certified.

    A breadth-first search over the lexicographically feasible bases (the vertices of the
    perturbed polytope ``P_eps``, which is simple), in batches of ``numpy`` floating-point
    linear algebra: each basis carries an approximate inverse of its matrix of tight
    constraints, updated from its parent's by one rank-one (Sherman-Morrison) step and
    recomputed when it drifts. Every basis the search reaches is *certified* before it counts:
    either in verified floating point (the error of the approximate inverse is bounded
    rigorously, rounding included, as in :func:`_screen` (Rump 1983), and every constraint
    outside the basis is shown to have a strictly positive slack, so the basis is
    lexicographically feasible and its vertex has exactly its own labels), or, when that bound
    cannot decide or a ratio test is near a tie, by the exact integer tableau of that basis
    (:func:`basis_tableau`, exact lexicographic ratio test).

    Completeness: let ``b`` be a certified basis and ``b'`` the basis the search steps to
    from ``b`` along the edge where the ``d - 1`` non-basic constraints of ``b`` other than
    ``k`` stay tight. When ``b'`` is certified too, it is a vertex of ``P_eps`` on that edge
    and not ``b``; an edge of a polytope holds two vertices, so ``b'`` *is* the neighbour of
    ``b`` along ``k``, however the floating-point ratio test chose it. The certified bases are
    therefore closed under the neighbours of the graph of ``P_eps``, which is connected
    (Balinski 1961), so they are all of its vertices; the vertices of ``P`` are their values
    at ``eps = 0`` (see the module text). A basis that cannot be certified (infeasible,
    singular) raises ``_NotCertified``: the caller then enumerates exactly.

    Parameters
    ----------
    tableau : IntegerTableau
        The slack basis of the polytope (``det == 1``, as built), left unchanged.

    Returns
    -------
    dict
        ``{label_mask: basis_mask}``: bit ``v`` of the label mask is set when variable ``v``
        is 0 at the vertex; the basis mask (bits of the non-basic variables of one basis of
        the vertex) names a regular system that the vertex solves.

    Examples
    --------
    >>> t = IntegerTableau([[1, 2]], column_variables=[0, 1], row_variables=[2])
    >>> sorted(guided_vertices(t))
    [3, 5, 6]

    The vertices ``(0, 0)``, ``(1, 0)`` and ``(0, 1/2)`` have the labels ``{0, 1}``,
    ``{1, 2}`` and ``{0, 2}``.
    """
    found: dict[int, int] = {}
    for kind, first, second in _guided_search(tableau):
        if kind == "float":
            for mask in first.tolist():
                found[mask] = mask
        else:
            found.setdefault(first, second)
    return found


def _guided_search(tableau: IntegerTableau):
    """The certified search of :func:`guided_vertices`, streamed.

    Yields ``("float", masks, None)`` for a batch of bases certified in floating point (each
    is its own label mask: a vertex with exactly ``d`` labels) and ``("exact", labels,
    basis)`` for a basis certified by its exact tableau. The bases waiting to be expanded are
    kept on a stack of batches (last in, first out), with their approximate inverses while
    there are fewer than ``_KEPT_INVERSES`` of them (memory), without beyond.
    """
    variables = tableau.basic + tableau.nonbasic
    K, d = len(variables), len(tableau.nonbasic)
    r = K - d
    if tableau.det != 1 or sorted(variables) != list(range(K)) or K > _GUIDED_BITS or not r:
        raise _NotCertified
    # the constraints a_v . z <= b_v, one per variable: -z_j <= 0 and the rows of M
    A = np.zeros((K, d))
    b = np.zeros(K)
    for j, v in enumerate(tableau.nonbasic):
        A[v, j] = -1.0
    for row, v in zip(tableau.rows, tableau.basic):
        A[v] = np.array(row[:-1], dtype=float)
        b[v] = 1.0
    if not np.isfinite(A).all():
        raise _NotCertified
    absolute_A = np.abs(A)
    absolute_A_rows = absolute_A.sum(axis=1)
    bits = np.left_shift(np.int64(1), np.arange(K, dtype=np.int64))
    gamma = 4 * (d + 2) * _UNIT
    identity = np.eye(d)

    start = sum(1 << v for v in tableau.nonbasic)
    visited = {start}
    # pending batches: masks, non-basic variables in the order of the inverse's columns,
    # approximate inverses (None: computed when the batch is expanded)
    stack = [(np.array([start], dtype=np.int64), np.array([tableau.nonbasic], dtype=np.int64),
              None)]
    pending = 1
    while stack:
        F, L, X = stack.pop()
        pending -= F.size
        N = F.size
        if X is None:
            X = np.full((N, d, d), np.nan)
        G = A[L]                                                  # (N, d, d): tight rows
        G_norm = absolute_A_rows[L].max(axis=1)                   # ||G|| (maximum norm)
        alpha = _inverse_error(X, G, G_norm, identity, gamma)
        stale = ~(alpha < 1e-8)                                   # NaN included
        if stale.any():
            try:
                X[stale] = np.linalg.inv(G[stale])
            except np.linalg.LinAlgError:
                raise _NotCertified from None
            alpha[stale] = _inverse_error(X[stale], G[stale], G_norm[stale], identity, gamma)
        z, delta, alpha = _verified_solutions(X, G, G_norm, b[L], gamma, alpha)
        absolute_z = np.abs(z)
        # (einsum, not a BLAS product: the small products stay on one thread)
        slack = b - np.einsum("nd,kd->nk", z, A)                  # (N, K)
        error = gamma * (np.einsum("nd,kd->nk", absolute_z, absolute_A) + b)
        error += delta[:, None] * absolute_A_rows
        error *= 1 + 2 * gamma
        outside = (F[:, None] & bits) == 0                        # the basic variables
        regular = alpha < 0.5
        if (regular[:, None] & outside & (slack < -error)).any():
            raise _NotCertified  # a basis the float ratio test chose is infeasible
        certified = regular & ((slack > error) | ~outside).all(axis=1)
        # ratio tests: rates[n, v, k] = rate of basic variable v when L[n, k] leaves
        rates = -np.matmul(A, X)                                  # (N, K, d)
        ratios = np.full(rates.shape, np.inf)
        np.divide(np.broadcast_to(slack[:, :, None], rates.shape), rates, out=ratios,
                  where=(rates > 0) & outside[:, :, None])
        best = ratios.argmin(axis=1)                              # (N, d): entering labels
        first_ratio = np.take_along_axis(ratios, best[:, None, :], axis=1)[:, 0, :]
        np.put_along_axis(ratios, best[:, None, :], np.inf, axis=1)
        near = ~(ratios.min(axis=1) > first_ratio * (1 + _NEAR))  # ties and empty columns
        certified &= ~near.any(axis=1)
        C = np.flatnonzero(certified)
        if C.size:
            yield "float", F[C], None
            entering = best[C]                                    # (c, d)
            neighbours = ((F[C, None] ^ bits[L[C]]) | bits[entering]).ravel()
            unique, index = np.unique(neighbours, return_index=True)
            fresh = np.array([mask not in visited for mask in unique.tolist()], dtype=bool)
            unique, index = unique[fresh], index[fresh]
            if unique.size:
                visited.update(unique.tolist())
                parents, positions = C[index // d], index % d
                entering = entering.ravel()[index]
                new_L = L[parents]
                rows = np.arange(unique.size)
                new_L[rows, positions] = entering
                keep = pending < _KEPT_INVERSES
                new_X = _rank_one_update(X[parents], A[entering], positions) if keep else None
                for first in range(0, unique.size, _CHUNK):
                    stack.append((unique[first:first + _CHUNK], new_L[first:first + _CHUNK],
                                  None if new_X is None else new_X[first:first + _CHUNK]))
                pending += unique.size
        extra = []
        for i in np.flatnonzero(~certified).tolist():
            labels, basis, neighbours = _exact_neighbours(tableau, int(F[i]))
            yield "exact", labels, basis
            for mask in neighbours:
                if mask not in visited:
                    visited.add(mask)
                    extra.append(mask)
        if extra:
            masks = np.array(extra, dtype=np.int64)
            new_L = np.nonzero((masks[:, None] & bits) != 0)[1].reshape(masks.size, d)
            stack.append((masks, new_L, None))
            pending += masks.size


def _verified_solutions(X: np.ndarray, G: np.ndarray, G_norm: np.ndarray, rhs: np.ndarray,
                        gamma: float, alpha: np.ndarray | None = None) -> tuple:
    """Approximate solutions of ``G z = rhs`` and rigorous bounds on their errors.

    With an approximate inverse ``X`` of each ``G`` and ``alpha >= ||I - X G||`` below 1,
    ``||G^-1|| <= ||X|| / (1 - alpha)`` (Rump 1983), which bounds the distance ``delta`` of the
    exact solution from ``z = X rhs`` through the residual, rounding included (Higham 2002,
    section 3.5); ``G_norm`` bounds ``||G||`` and ``|rhs| <= 1``. All norms are maximum norms.
    Returns ``(z, delta, alpha)``; the bound holds where ``alpha < 1`` (else it is infinite
    or NaN).
    """
    if alpha is None:
        alpha = _inverse_error(X, G, G_norm, np.eye(G.shape[1]), gamma)
    z = np.einsum("nij,nj->ni", X, rhs)
    inverse_bound = np.abs(X).sum(axis=2).max(axis=1) / np.maximum(1 - alpha, 1e-300)
    residual = np.abs(rhs - np.einsum("nij,nj->ni", G, z)).max(axis=1)
    residual += gamma * (G_norm * np.abs(z).max(axis=1) + 1)
    delta = inverse_bound * residual * (1 + gamma) ** 2
    return z, delta, alpha


def _inverse_error(X: np.ndarray, G: np.ndarray, G_norm: np.ndarray, identity: np.ndarray,
                   gamma: float) -> np.ndarray:
    """A rigorous upper bound on ``||I - X G||`` (maximum norm) per matrix, rounding included.

    ``|fl(X G) - X G| <= gamma |X| |G|`` entrywise (Higham 2002, section 3.5), and
    ``|| |X| |G| || <= ||X|| ||G||``; ``G_norm`` bounds ``||G||``.
    """
    E = np.abs(identity - X @ G).sum(axis=2).max(axis=1)
    E += gamma * (np.abs(X).sum(axis=2).max(axis=1) * G_norm + X.shape[1])
    return E * (1 + gamma)


def _rank_one_update(X: np.ndarray, a: np.ndarray, positions: np.ndarray) -> np.ndarray:
    """Approximate inverses after row ``k`` of each matrix is replaced by ``a`` (Sherman-Morrison).

    ``X' = X - X e_k (a X - e_k^T) / (a X e_k)``; only an approximation is needed (its error
    is bounded rigorously where it is used).
    """
    rows = np.arange(len(positions))
    aX = np.einsum("nd,nde->ne", a, X)
    pivot = aX[rows, positions]
    aX[rows, positions] -= 1.0
    column = X[rows, :, positions]                                  # X e_k
    with np.errstate(all="ignore"):
        return X - column[:, :, None] * (aX / pivot[:, None])[:, None, :]


def _exact_neighbours(tableau: IntegerTableau, basis: int) -> tuple[int, int, list[int]]:
    """Certify one basis exactly: its label mask at ``eps = 0``, itself, and its neighbours."""
    nonbasic_variables = [v for v in tableau.basic + tableau.nonbasic if basis >> v & 1]
    try:
        T, basic, nonbasic, det = basis_tableau(tableau, nonbasic_variables)
    except ArithmeticError:
        raise _NotCertified from None
    if not _lexicographically_feasible(T, basic, nonbasic, tableau.lex_order, det):
        raise _NotCertified
    labels = basis
    for value, variable in zip(T[:, -1].tolist(), basic):
        if value == 0:
            labels |= 1 << variable
    neighbours = [basis ^ (1 << nonbasic[column]) ^ (1 << basic[row]) for column, row
                  in enumerate(leaving_rows(T, basic, nonbasic, tableau.lex_order, det))]
    return labels, basis, neighbours


def _exact_solution(M: list[list[int]], S: list[int], J: list[int]) -> list[Fraction] | None:
    """The unique solution of ``M[S, J] z = 1``, None if singular.

    Fraction-free Gaussian elimination on the integers (Bareiss 1968: every division is exact
    and every entry a minor of the data), then back substitution in ``Fraction``.
    """
    k = len(S)
    system = [[M[i][j] for j in J] + [1] for i in S]
    previous = 1
    for c in range(k):
        pivot = next((r for r in range(c, k) if system[r][c] != 0), None)
        if pivot is None:
            return None
        system[c], system[pivot] = system[pivot], system[c]
        top = system[c]
        p = top[c]
        for r in range(c + 1, k):
            row = system[r]
            f = row[c]
            system[r] = [(a * p - f * t) // previous for a, t in zip(row, top)]
        previous = p
    z: list[Fraction] = [Fraction(0)] * k
    for c in range(k - 1, -1, -1):
        row = system[c]
        total = Fraction(row[k]) - sum(row[j] * z[j] for j in range(c + 1, k))
        z[c] = total / row[c]
    return z


def _partners(found: Iterable[int], M: list[list[int]], row_labels: range,
              column_labels: range):
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

    Yields ``(mask, partner)``: the label mask of the vertex and an exact partner point (up to
    a positive scale).
    """
    dimension = len(row_labels)
    regular = [mask for mask in found if mask.bit_count() == dimension]
    general = [mask for mask in found if mask.bit_count() != dimension]
    yield from _regular_partners(regular, M, np.array(M, dtype=float), row_labels,
                                 column_labels, general)
    yield from _general_partners(general, M, row_labels, column_labels)


def _general_partners(masks: Iterable[int], M: list[list[int]], row_labels: range,
                      column_labels: range):
    """The partners of degenerate vertices (or of singular systems), by face enumeration.

    For a vertex with label mask ``L`` they are the vertices of the face
    ``R ∩ {z_c = 0 : c not in J}`` (``J``: the coordinates of ``R`` whose labels ``L`` has)
    whose labels complete ``L`` (:func:`integer_vertices`). Yields ``(mask, partner)``.
    """
    full = (1 << (len(row_labels) + len(column_labels))) - 1
    for mask in masks:
        J = [c for c, label in enumerate(column_labels) if mask >> label & 1]
        outside = sum(1 << label for c, label in enumerate(column_labels) if c not in J)
        face = IntegerTableau([[row[c] for c in J] for row in M],
                              column_variables=[column_labels[c] for c in J],
                              row_variables=row_labels)
        for face_mask, (partner, _) in integer_vertices(face, column_labels).items():
            if any(partner) and mask | face_mask | outside == full:
                yield mask, partner


def _regular_partners(masks: np.ndarray | list[int], M: list[list[int]], floats: np.ndarray,
                      row_labels: range, column_labels: range, general: list):
    """The partners of vertices with exactly ``dim`` labels, a batch of label masks at once.

    As in :func:`_partners`, vectorised over the batch: the systems ``M[S, J] z = 1`` are
    grouped by size, screened in verified floating point (:func:`_screen`) and the survivors
    solved exactly. Masks whose system is singular are appended to ``general``. Yields
    ``(mask, partner)`` like :func:`_partners`.
    """
    K = len(row_labels) + len(column_labels)
    if isinstance(masks, np.ndarray):
        member = ((masks[:, None] >> np.arange(K, dtype=np.int64)) & 1).astype(bool)
    else:  # Python integers (any number of labels)
        member = np.array([[mask >> v & 1 for v in range(K)] for mask in masks],
                          dtype=bool).reshape(len(masks), K)
    S_all = ~member[:, list(row_labels)]
    J_all = member[:, list(column_labels)]
    sizes = S_all.sum(axis=1)
    for k in np.unique(sizes).tolist():
        if k == 0:  # the origin
            continue
        chosen = np.flatnonzero(sizes == k)
        S = np.nonzero(S_all[chosen])[1].reshape(chosen.size, k)
        J = np.nonzero(J_all[chosen])[1].reshape(chosen.size, k)
        survivors = np.flatnonzero(~_screen(floats, S, J))
        for i in survivors.tolist():
            mask, S_i, J_i = int(masks[int(chosen[i])]), S[i].tolist(), J[i].tolist()
            z = _exact_solution(M, S_i, J_i)
            if z is None:
                general.append(mask)
                continue
            if min(z) >= 0 and all(sum(row[c] * v for c, v in zip(J_i, z)) <= 1 for row in M):
                partner = [Fraction(0)] * len(column_labels)
                for c, value in zip(J_i, z):
                    partner[c] = value
                yield mask, tuple(partner)


def _equilibrium_pairs(tableau: IntegerTableau, own: list[list[int]], other: list[list[int]],
                       coordinates: range, row_labels: range):
    """Pairs ``(x, z)`` of exact points: a vertex of the enumerated polytope, its partner.

    The enumerated polytope is ``{x >= 0 : own x <= 1}`` (coordinates labelled
    ``coordinates``, rows ``row_labels``); its partners lie in ``{z >= 0 : other z <= 1}``.
    The certified float-guided search (:func:`_guided_search`) is streamed into the partner
    screen batch by batch; if it meets a basis it cannot certify, the exact reverse search
    (:func:`integer_vertices`) enumerates the polytope instead.
    """
    floats = np.array(other, dtype=float)
    try:
        exact: dict[int, int] = {}
        general: list[int] = []
        pairs = []
        for kind, first, second in _guided_search(tableau):
            if kind == "float":
                pairs.extend(_regular_partners(first, other, floats, coordinates, row_labels,
                                               general))
            else:
                exact.setdefault(first, second)
    except _NotCertified:
        found = integer_vertices(tableau, coordinates)
        return [(found[mask][0], z) for mask, z in _partners(found, other, coordinates,
                                                              row_labels)]
    pairs.extend(_partners(exact, other, coordinates, row_labels))
    pairs.extend(_general_partners(general, other, coordinates, row_labels))
    bases = {**{mask: mask for mask, _ in pairs}, **exact}
    return [(_point(bases[mask], own, coordinates, row_labels), z) for mask, z in pairs]


def _point(basis: int, M: list[list[int]], coordinates: range, row_labels: range) -> tuple:
    """The exact vertex of ``{x >= 0 : M x <= 1}`` where the non-basic variables of ``basis``
    (a regular system) are tight."""
    S = [r for r, label in enumerate(row_labels) if basis >> label & 1]
    J = [c for c, label in enumerate(coordinates) if not basis >> label & 1]
    z = _exact_solution(M, S, J)
    point = [Fraction(0)] * len(coordinates)
    for c, v in zip(J, z):
        point[c] = v
    return tuple(point)


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
    P, Q = range(m), range(m, m + n)
    if m <= n:  # enumerate the polytope of lower dimension, solve for partners in the other
        pairs = _equilibrium_pairs(p, b_transposed, a, P, Q)
        equilibria = {(_normalised(x), _normalised(y)) for x, y in pairs}
    else:
        pairs = _equilibrium_pairs(q, a, b_transposed, Q, P)
        equilibria = {(_normalised(x), _normalised(y)) for y, x in pairs}
    return sorted(equilibria)
