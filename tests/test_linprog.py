"""Tests for gametheory.solvers.linprog (exact two-phase simplex, zero-sum games)."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gametheory.solvers.linprog import LPResult, solve_lp, zero_sum_equilibrium

F = Fraction


def test_textbook_maximisation():
    # Chvatal (1983), chapter 2: max 5x1 + 4x2 + 3x3 s.t. 2x1+3x2+x3<=5, 4x1+x2+2x3<=11,
    # 3x1+4x2+2x3<=8; optimum x = (2, 0, 1), value 13.
    r = solve_lp([-5, -4, -3], A_ub=[[2, 3, 1], [4, 1, 2], [3, 4, 2]], b_ub=[5, 11, 8])
    assert r == LPResult("optimal", (2, 0, 1), F(-13))


def test_equalities_free_variables_and_bounds():
    # min x - y s.t. x + y == 1, -2 <= x <= 3, y free, y <= 5  ->  x = -2, y = 3, value -5.
    r = solve_lp([1, -1], A_eq=[[1, 1]], b_eq=[1], bounds=[(-2, 3), (None, 5)])
    assert r == LPResult("optimal", (-2, 3), F(-5))


def test_fractional_data():
    r = solve_lp([F(-1, 2)], A_ub=[[F(3, 7)]], b_ub=[F(1, 3)])
    assert r == LPResult("optimal", (F(7, 9),), F(-7, 18))


def test_infeasible_and_unbounded():
    assert solve_lp([0, 0], A_eq=[[1, 1], [1, 1]], b_eq=[1, 2]).status == "infeasible"
    assert solve_lp([1], bounds=[(3, 2)]).status == "infeasible"
    assert solve_lp([-1, 0], A_ub=[[1, -1]], b_ub=[0]).status == "unbounded"
    assert solve_lp([1], bounds=(None, None)).status == "unbounded"


def test_redundant_equalities_and_degenerate_vertex():
    # Two copies of one equality, and a vertex where three constraints meet in the plane.
    r = solve_lp([-1, -1], A_ub=[[1, 0], [0, 1], [1, 1]], b_ub=[1, 1, 2],
                 A_eq=[[1, -1], [2, -2]], b_eq=[0, 0])
    assert r == LPResult("optimal", (1, 1), F(-2))


def test_beale_cycling_example_terminates():
    # Beale (1955): the textbook simplex with Dantzig's rule and naive ties cycles here.
    c = [F(-3, 4), 150, F(-1, 50), 6]
    A = [[F(1, 4), -60, F(-1, 25), 9], [F(1, 2), -90, F(-1, 50), 3], [0, 0, 1, 0]]
    r = solve_lp(c, A_ub=A, b_ub=[0, 0, 1])
    assert r.status == "optimal" and r.value == F(-1, 20)


def test_matching_pennies_and_rock_paper_scissors():
    assert zero_sum_equilibrium([[1, -1], [-1, 1]]) == ((F(1, 2),) * 2, (F(1, 2),) * 2, 0)
    rps = [[0, -1, 1], [1, 0, -1], [-1, 1, 0]]
    assert zero_sum_equilibrium(rps) == ((F(1, 3),) * 3, (F(1, 3),) * 3, 0)


def test_von_neumann_value_of_a_2x2_game():
    # [[a, b], [c, d]] without saddle point: value (ad - bc) / (a + d - b - c).
    x, y, v = zero_sum_equilibrium([[4, 1], [2, 3]])
    assert (x, y, v) == ((F(1, 4), F(3, 4)), (F(1, 2), F(1, 2)), F(5, 2))


@settings(max_examples=100, deadline=None)
@given(st.integers(1, 5), st.integers(1, 5), st.data())
def test_zero_sum_strategies_guarantee_the_value(m, n, data):
    A = data.draw(st.lists(st.lists(st.integers(-5, 5), min_size=n, max_size=n),
                           min_size=m, max_size=m))
    x, y, v = zero_sum_equilibrium(A)
    M = np.asarray(A, dtype=object)
    assert sum(x) == 1 and sum(y) == 1 and min(x) >= 0 and min(y) >= 0
    assert min(np.asarray(x, dtype=object).dot(M)) == v == max(M.dot(np.asarray(y, dtype=object)))


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_agrees_with_highs_and_is_exactly_feasible(data):
    scipy_optimize = pytest.importorskip("scipy.optimize")
    n = data.draw(st.integers(1, 4))
    k = data.draw(st.integers(0, 4))
    e = data.draw(st.integers(0, 2))
    ints = st.integers(-4, 4)
    c = data.draw(st.lists(ints, min_size=n, max_size=n))
    A_ub = [data.draw(st.lists(ints, min_size=n, max_size=n)) for _ in range(k)]
    b_ub = data.draw(st.lists(st.integers(-3, 8), min_size=k, max_size=k))
    A_eq = [data.draw(st.lists(ints, min_size=n, max_size=n)) for _ in range(e)]
    b_eq = data.draw(st.lists(ints, min_size=e, max_size=e))
    bounds = [data.draw(st.tuples(st.one_of(st.none(), st.integers(-3, 0)),
                                  st.one_of(st.none(), st.integers(0, 3)))) for _ in range(n)]
    ours = solve_lp(c, A_ub or None, b_ub or None, A_eq or None, b_eq or None, bounds)
    theirs = scipy_optimize.linprog(c, A_ub or None, b_ub or None, A_eq or None, b_eq or None,
                                    bounds=bounds, method="highs")
    expected = {0: "optimal", 2: "infeasible", 3: "unbounded"}[theirs.status]
    if expected == "infeasible" and ours.status == "unbounded":
        # HiGHS's presolve may call an unbounded problem infeasible; decide feasibility exactly.
        feasible = solve_lp([0] * n, A_ub or None, b_ub or None, A_eq or None, b_eq or None,
                            bounds)
        assert feasible.status == "optimal"
        expected = "unbounded"
    assert ours.status == expected
    if ours.status == "optimal":
        assert abs(float(ours.value) - theirs.fun) < 1e-9
        x = ours.x
        assert ours.value == sum(ci * xi for ci, xi in zip(c, x))
        assert all(sum(a * v for a, v in zip(row, x)) <= b for row, b in zip(A_ub, b_ub))
        assert all(sum(a * v for a, v in zip(row, x)) == b for row, b in zip(A_eq, b_eq))
        assert all((lo is None or v >= lo) and (hi is None or v <= hi)
                   for v, (lo, hi) in zip(x, bounds))
