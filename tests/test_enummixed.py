"""Tests for gametheory.solvers.enummixed (all extreme equilibria of bimatrix games)."""

from __future__ import annotations

import itertools
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gametheory.io import read
from gametheory.solvers.enummixed import enumerate_extreme_equilibria, polytope_vertices
from gametheory.solvers.lemke_howson import lemke_howson_all_labels
from gametheory.solvers.pivoting import IntegerTableau

from conftest import GAMBIT, NASHPY_82_A, NASHPY_82_B, eq, expected_games, games, regrets

F = Fraction


def solve(rows: list[list[Fraction]], rhs: list[Fraction]) -> list[Fraction] | None:
    """The unique solution of a square system by Gauss-Jordan elimination, else None."""
    k = len(rows)
    m = [row[:] + [b] for row, b in zip(rows, rhs)]
    for c in range(k):
        pivot = next((r for r in range(c, k) if m[r][c] != 0), None)
        if pivot is None:
            return None
        m[c], m[pivot] = m[pivot], m[c]
        for r in range(k):
            if r != c and m[r][c] != 0:
                f = m[r][c] / m[c][c]
                m[r] = [a - f * b for a, b in zip(m[r], m[c])]
    return [m[r][k] / m[r][r] for r in range(k)]


def brute_force_vertices(M) -> set[tuple[Fraction, ...]]:
    """Vertices of ``{z >= 0 : M z <= 1}`` by trying every set of ``d`` tight constraints."""
    M = [[Fraction(v) for v in row] for row in M]
    d = len(M[0])
    constraints = [([Fraction(int(i == j)) for j in range(d)], Fraction(0)) for i in range(d)]
    constraints += [(row, Fraction(1)) for row in M]
    vertices = set()
    for tight in itertools.combinations(constraints, d):
        z = solve([a for a, _ in tight], [b for _, b in tight])
        if z is None or any(v < 0 for v in z):
            continue
        if all(sum(a * v for a, v in zip(row, z)) <= 1 for row in M):
            vertices.add(tuple(z))
    return vertices


def brute_force_equilibria(A, B) -> set:
    """All extreme equilibria from brute-force vertex sets, paired by labels (an oracle)."""
    A = [[Fraction(v) for v in row] for row in np.asarray(A, dtype=object).tolist()]
    B = [[Fraction(v) for v in row] for row in np.asarray(B, dtype=object).tolist()]
    low = min(min(min(r) for r in A), min(min(r) for r in B))
    A = [[v - low + 1 for v in row] for row in A]
    B = [[v - low + 1 for v in row] for row in B]
    m, n = len(A), len(A[0])
    BT = [[B[i][j] for i in range(m)] for j in range(n)]

    def labels_p(x):
        zero = {i for i in range(m) if x[i] == 0}
        return zero | {m + j for j in range(n) if sum(BT[j][i] * x[i] for i in range(m)) == 1}

    def labels_q(y):
        zero = {m + j for j in range(n) if y[j] == 0}
        return zero | {i for i in range(m) if sum(A[i][j] * y[j] for j in range(n)) == 1}

    found = set()
    for x in brute_force_vertices(BT):
        for y in brute_force_vertices(A):
            if any(x) and any(y) and labels_p(x) | labels_q(y) == set(range(m + n)):
                found.add((tuple(v / sum(x) for v in x), tuple(v / sum(y) for v in y)))
    return found


# --- textbook and issue games ---------------------------------------------------------------

def test_von_stengel_3x2_has_exactly_three_equilibria():
    A = [[3, 3], [2, 5], [0, 6]]
    B = [[3, 2], [2, 6], [3, 1]]
    assert enumerate_extreme_equilibria(A, B) == sorted([
        eq([1, 0, 0], [1, 0]),
        eq(["4/5", "1/5", 0], ["2/3", "1/3"]),
        eq([0, "1/3", "2/3"], ["1/3", "2/3"]),
    ])


# The 8 equilibria listed in nashpy issue #82 (players minimise), with costs J1, J2.
NASHPY_82_EQUILIBRIA = [
    (eq([1, 0, 0], [0, 1, 0, 0, 0]), 0, 0),
    (eq([1, 0, 0], [0, 0, 0, 0, 1]), 0, 0),
    (eq(["2/3", "1/3", 0], [0, 1, 0, 0, 0]), 0, F(2, 3)),
    (eq(["1/3", "1/2", "1/6"], [0, "4/9", "2/9", "1/3", 0]), F(4, 3), 1),
    (eq([0, "1/2", "1/2"], [0, "1/2", "1/2", 0, 0]), F(3, 2), 1),
    (eq([0, 1, 0], ["3/7", 0, "4/7", 0, 0]), F(12, 7), 0),
    (eq([0, 1, 0], [1, 0, 0, 0, 0]), 0, 0),
    (eq([0, 1, 0], ["3/8", 0, "1/4", "3/8", 0]), F(3, 2), 0),
]


def test_nashpy_issue_82_degenerate_game_of_minimisers():
    A, B = -np.array(NASHPY_82_A), -np.array(NASHPY_82_B)
    found = enumerate_extreme_equilibria(A, B)
    assert found == sorted(e for e, _, _ in NASHPY_82_EQUILIBRIA)
    assert set(found) == brute_force_equilibria(A, B)
    for (x, y), j1, j2 in NASHPY_82_EQUILIBRIA:
        x_ = np.asarray(x, dtype=object)
        assert (x_.dot(NASHPY_82_A).dot(y), x_.dot(NASHPY_82_B).dot(y)) == (j1, j2)
        assert regrets(A, B, x, y) == (0, 0)


def test_all_zero_game_has_the_four_pure_profiles():
    zero = [[0, 0], [0, 0]]
    pure = [(1, 0), (0, 1)]
    assert enumerate_extreme_equilibria(zero, zero) == sorted(eq(x, y) for x in pure for y in pure)


def test_matching_pennies():
    A = [[1, -1], [-1, 1]]
    assert enumerate_extreme_equilibria(A, np.negative(A)) == [eq(["1/2", "1/2"], ["1/2", "1/2"])]


def test_fraction_and_decimal_payoffs_are_exact():
    A = [[F(1, 3), 0], [0, F(2, 3)]]
    assert enumerate_extreme_equilibria(A, A) == sorted([
        eq([0, 1], [0, 1]), eq(["2/3", "1/3"], ["2/3", "1/3"]), eq([1, 0], [1, 0])
    ])


def test_rejects_mismatched_shapes_and_non_numbers():
    with pytest.raises(ValueError):
        enumerate_extreme_equilibria([[1, 2]], [[1], [2]])
    with pytest.raises(TypeError):
        enumerate_extreme_equilibria([["a"]], [[1]])


def test_degenerate_polytope_vertices_are_all_found():
    # (1/3, 1/3, 1/3) has 4 tight constraints in dimension 3 (one of them repeated).
    M = [[1, 1, 1], [1, 1, 1], [2, 1, 0], [0, 1, 2]]
    tableau = IntegerTableau(M, column_variables=range(3), row_variables=range(3, 7))
    found = set(polytope_vertices(tableau, range(3)).values())
    assert found == brute_force_vertices(M)


# --- Gambit's files -------------------------------------------------------------------------

@pytest.mark.parametrize("name, expected", expected_games("enummixed_rational"))
def test_matches_pygambit_enummixed(name, expected):
    payoffs = read(GAMBIT / name).payoffs
    found = enumerate_extreme_equilibria(payoffs[0], payoffs[1])
    theirs = {eq(*e["strategy"]) for e in expected["equilibria"]}  # may hold duplicates
    assert set(found) == theirs
    assert len(found) == len(theirs)
    for x, y in found:
        assert regrets(payoffs[0], payoffs[1], x, y) == (0, 0)


@pytest.mark.parametrize("name", ["6x6_game_with_75_eq.nfg", "6x6_game_with_75_eq_small_payoffs.nfg"])
def test_von_stengel_6x6_game_has_75_equilibria(name):
    # von Stengel (1999): 75 equilibria; pygambit's exact enumeration is the independent source.
    path = GAMBIT / name
    theirs = dict((p.values[0], p.values[1]) for p in expected_games("enummixed_rational")
                  if p.values[0] == name)
    if not path.exists() or name not in theirs:
        pytest.skip("shared game files are absent")
    payoffs = read(path).payoffs
    found = enumerate_extreme_equilibria(payoffs[0], payoffs[1])
    assert len(found) == 75
    assert set(found) == {eq(*e["strategy"]) for e in theirs[name]["equilibria"]}
    assert all(regrets(payoffs[0], payoffs[1], x, y) == (0, 0) for x, y in found)
    # a changed payoff breaks some of them: the exact regret sees it
    A = np.array(payoffs[0], dtype=object)
    A[0, 0] += 1000
    assert any(regrets(A, payoffs[1], x, y) != (0, 0) for x, y in found)
    assert set(enumerate_extreme_equilibria(A, payoffs[1])) != set(found)


# --- properties -----------------------------------------------------------------------------

@settings(max_examples=150, deadline=None)
@given(games())
def test_equals_brute_force_and_every_equilibrium_has_zero_regret(game):
    A, B = game
    found = enumerate_extreme_equilibria(A, B)
    assert found == sorted(set(found))
    assert set(found) == brute_force_equilibria(A, B)
    for x, y in found:
        assert sum(x) == 1 and sum(y) == 1 and min(x) >= 0 and min(y) >= 0
        assert regrets(A, B, x, y) == (0, 0)


@settings(max_examples=60, deadline=None)
@given(games(max_size=5, values=50))
def test_lemke_howson_finds_extreme_equilibria(game):
    A, B = game
    assert set(lemke_howson_all_labels(A, B)) <= set(enumerate_extreme_equilibria(A, B))


def test_more_than_64_labels():
    # Matching pennies with 62 strictly dominated rows added: 66 labels, one equilibrium.
    A = [[1, -1], [-1, 1]] + [[-2, -2]] * 62
    B = np.negative(A)
    half = [F(1, 2), F(1, 2)]
    expected = (tuple(half + [F(0)] * 62), tuple(half))
    assert enumerate_extreme_equilibria(A, B) == [expected]
    # the transposed game enumerates the other polytope
    assert enumerate_extreme_equilibria(np.transpose(B), np.transpose(A)) == [expected[::-1]]
    # a dominated row that is no longer dominated adds equilibria
    A[2] = [2, 2]
    assert expected not in enumerate_extreme_equilibria(A, B)


def test_reverse_pivots_restore_the_frames_that_keep_no_tableau(monkeypatch):
    # With only the root's tableau kept, every return up the search is a reverse pivot.
    import gametheory.solvers.enummixed as enummixed

    M = [[1, 1, 1], [1, 1, 1], [2, 1, 0], [0, 1, 2], [3, 1, 1]]
    kept = set(polytope_vertices(
        IntegerTableau(M, column_variables=range(3), row_variables=range(3, 8)), range(3)
    ).values())
    monkeypatch.setattr(enummixed, "_KEPT_TABLEAUX", 1)
    restored = set(polytope_vertices(
        IntegerTableau(M, column_variables=range(3), row_variables=range(3, 8)), range(3)
    ).values())
    assert kept == restored == brute_force_vertices(M)


def test_verified_screen_keeps_boundary_solutions_and_rejects_clear_cases():
    from gametheory.solvers.enummixed import _screen

    # 2a + 2b = 1, a + 2b = 1: a = 0, b = 1/2 exactly; the third row 4a + 2b = 1 is tight.
    M = np.array([[2, 2], [1, 2], [4, 2]], dtype=float)
    assert not _screen(M, np.array([[0, 1]]), np.array([[0, 1]]))[0]
    M[2] = [4, 3]  # now 4a + 3b = 3/2 > 1: infeasible
    assert _screen(M, np.array([[0, 1]]), np.array([[0, 1]]))[0]
    M = np.array([[1, 2], [2, 1], [1, 1]], dtype=float)  # a = b = 1/3, all fine
    assert not _screen(M, np.array([[0, 1]]), np.array([[0, 1]]))[0]
    M = np.array([[1, 3], [2, 1], [1, 1]], dtype=float)  # a = 2/5, b = 1/5: fine
    assert not _screen(M, np.array([[0, 1]]), np.array([[0, 1]]))[0]
    M = np.array([[1, 3], [3, 1], [1, 1]], dtype=float)
    assert _screen(M, np.array([[2]]), np.array([[0]]))[0]  # z = 1, but row 1 gives 3 > 1
    assert not _screen(M, np.array([[0]]), np.array([[1]]))[0]  # z = 1/3 fits every row


@settings(max_examples=200, deadline=None)
@given(st.integers(1, 4).flatmap(lambda k: st.tuples(
    st.lists(st.lists(st.integers(1, 6), min_size=k, max_size=k), min_size=k + 2, max_size=k + 2),
    st.just(k))))
def test_verified_screen_never_rejects_a_feasible_system(case):
    from gametheory.solvers.enummixed import _screen

    rows, k = case
    S, J = list(range(k)), list(range(k))
    rejected = _screen(np.array(rows, dtype=float), np.array([S]), np.array([J]))[0]
    z = solve([[F(v) for v in row[:k]] for row in rows[:k]], [F(1)] * k)
    feasible = z is not None and min(z) >= 0 and all(
        sum(F(a) * v for a, v in zip(row, z)) <= 1 for row in rows)
    assert not (rejected and feasible)


# --- the float-guided search and its exact certificate ---------------------------------------

def polytope_tableau(M):
    d = len(M[0])
    return IntegerTableau(M, column_variables=range(d), row_variables=range(d, d + len(M)))


def label_set(M, z):
    """The labels of a point of {z >= 0 : M z <= 1}: zero coordinates and tight rows."""
    d = len(z)
    return {j for j in range(d) if z[j] == 0} | {
        d + i for i, row in enumerate(M) if sum(Fraction(a) * v for a, v in zip(row, z)) == 1}


small_polytopes = st.integers(1, 4).flatmap(lambda d: st.lists(
    st.lists(st.integers(0, 3), min_size=d, max_size=d), min_size=1, max_size=6).filter(
    lambda M: all(any(row[j] for row in M) for j in range(d))))  # bounded: no zero column


@settings(max_examples=300, deadline=None)
@given(small_polytopes)
def test_guided_search_finds_every_vertex_of_degenerate_polytopes(M):
    from gametheory.solvers.enummixed import guided_vertices

    found = guided_vertices(polytope_tableau(M))
    expected = {sum(1 << v for v in label_set(M, z)): z for z in brute_force_vertices(M)}
    assert set(found) == set(expected)
    # the basis recorded for each vertex is a regular system that the vertex solves
    for labels, basis in found.items():
        assert basis & labels == basis and basis.bit_count() == len(M[0])


def test_guided_search_steps_exactly_through_a_degenerate_vertex():
    from gametheory.solvers import enummixed

    # (1/2, 0, 1/2) is tight in 5 constraints of a 3-dimensional polytope (y = 0, rows 0-2)
    M = [[1, 1, 1], [1, 1, 1], [2, 1, 0], [0, 1, 2]]
    calls = []
    original = enummixed._exact_neighbours

    def counting(*args):
        calls.append(args[1])
        return original(*args)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(enummixed, "_exact_neighbours", counting)
        found = enummixed.guided_vertices(polytope_tableau(M))
    assert calls  # the degenerate bases went through the exact tableau
    assert label_set(M, (F(1, 2), F(0), F(1, 2))) == {1, 3, 4, 5, 6}
    assert set(found) == {sum(1 << v for v in label_set(M, z)) for z in brute_force_vertices(M)}


@pytest.mark.parametrize("near", [-0.5, 1e-3])
def test_a_careless_float_ratio_test_is_caught_by_the_certificate(monkeypatch, near):
    # With _NEAR < 0 the float ratio test decides every tie by itself (a wrong step at a
    # degenerate vertex is then possible); the certificate must still give the exact answer,
    # either by certifying every basis or by handing over to the exact search.
    from gametheory.solvers import enummixed

    monkeypatch.setattr(enummixed, "_NEAR", near)
    A = [[1, 1, 0], [1, 1, 0], [0, 0, 1]]
    B = [[1, 1, 2], [1, 1, 0], [2, 0, 1]]
    assert set(enumerate_extreme_equilibria(A, B)) == brute_force_equilibria(A, B)
    rng = np.random.default_rng(3)
    for _ in range(20):
        M = rng.integers(0, 3, (5, 3)).tolist()
        if not all(any(row[j] for row in M) for j in range(3)):
            continue
        try:
            found = enummixed.guided_vertices(polytope_tableau(M))
        except enummixed._NotCertified:
            continue
        assert len(found) == len(brute_force_vertices(M))


def test_basis_tableau_solves_the_basis_exactly():
    from gametheory.solvers.enummixed import basis_tableau

    M = [[2, 1, 1], [1, 3, 1], [1, 1, 4]]
    T, basic, nonbasic, det = basis_tableau(polytope_tableau(M), [3, 4, 5])
    assert sorted(basic) == [0, 1, 2] and det > 0
    values = {v: Fraction(T[i, -1], det) for i, v in enumerate(basic)}
    z = solve([[F(v) for v in row] for row in M], [F(1)] * 3)
    assert [values[j] for j in range(3)] == z
    with pytest.raises(ArithmeticError):  # two equal rows: singular
        basis_tableau(polytope_tableau([[1, 1], [1, 1]]), [2, 3])


def test_random_8x8_game_certified_search_matches_the_exact_search():
    from gametheory.solvers import enummixed
    from gametheory.solvers.lemke_howson import best_response_tableaux

    rng = np.random.default_rng([8, 0])
    A, B = rng.integers(0, 100, (8, 8)), rng.integers(0, 100, (8, 8))
    p, _ = best_response_tableaux(A.astype(object), B.astype(object))
    guided = enummixed.guided_vertices(p)
    p, _ = best_response_tableaux(A.astype(object), B.astype(object))
    assert set(guided) == set(enummixed.integer_vertices(p, range(8)))
    found = enumerate_extreme_equilibria(A.astype(object), B.astype(object))
    assert all(regrets(A, B, x, y) == (0, 0) for x, y in found)
    # the same game with the exact search only
    with pytest.MonkeyPatch.context() as patch:
        def refuse(tableau):
            raise enummixed._NotCertified
        patch.setattr(enummixed, "guided_vertices", refuse)
        assert enumerate_extreme_equilibria(A.astype(object), B.astype(object)) == found
