"""Tests of parameter regions and the exact decision procedures behind them."""

from __future__ import annotations

from fractions import Fraction

import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from gametheory.parameters import Parameter
from gametheory.symbolic import decide, linear
from gametheory.symbolic.decide import Decision, UndecidedError, relation_holds
from gametheory.symbolic.linear import Linear, feasible_point, simplest_between
from gametheory.symbolic.regions import (Region, find_counterexample, normalize_relation,
                                         prove_implication)

x, y, z = sympy.symbols("x y z", real=True)

LINKAGE = [Parameter("R", "> 0"), Parameter("s", "> 0"), Parameter("gamma", ">= 0"),
           Parameter("sigma", ">= 0"), Parameter("c", ">= 0"), Parameter("lam", "{0, 1}"),
           Parameter("h", ">= 0"), Parameter("v_S", ">= 0"), Parameter("d", "> 0"),
           Parameter("beta", "> 0"), Parameter("ell_B", ">= 0"), Parameter("ell_A", "> 0"),
           Parameter("kappa0", ">= 0"), Parameter("kappa", ">= 0"), Parameter("f", ">= 0")]
L = {p.name: p.symbol for p in LINKAGE}


def _assert_counterexample(region, claim, point):
    """The point is in the region and violates the claim, by exact substitution."""
    assert all(isinstance(v, Fraction) for v in point.values())
    assert region.contains(point)
    assert not relation_holds(claim, point)


# --- strict and non-strict boundaries ---------------------------------------------------------

def test_strict_boundaries():
    assert Region([x > 0, x < 0]).is_empty()
    assert Region([x > 0, x <= 0]).is_empty()
    closed = Region([x >= 0, x <= 0])
    assert not closed.is_empty()
    assert closed.sample_point() == {x: 0}


def test_strict_chain_through_elimination():
    # x < y < z < x is empty, x <= y <= z <= x is the line x = y = z.
    assert Region([x < y, y < z, z < x]).is_empty()
    assert Region([x < y, y <= z, z <= x]).is_empty()
    point = Region([x <= y, y <= z, z <= x, x >= 3]).sample_point()
    assert point[x] == point[y] == point[z] >= 3


def test_sample_point_is_interior_when_there_is_interior():
    region = Region([x >= 0, y >= 0, x + y <= 1])
    point = region.sample_point()
    assert point[x] > 0 and point[y] > 0 and point[x] + point[y] < 1
    # No interior: the point lies on the boundary x + y = 1.
    flat = Region([x >= 0, y >= 0, x + y >= 1, x + y <= 1])
    point = flat.sample_point()
    assert point[x] + point[y] == 1 and flat.contains(point)


def test_equalities_and_disequalities():
    assert Region([sympy.Eq(x + y, 1), sympy.Eq(x - y, 3), y > -1]).is_empty()
    point = Region([sympy.Eq(x + y, 1), sympy.Eq(x - y, 3)]).sample_point()
    assert point == {x: 2, y: -1}
    assert Region([x >= 0, x <= 0, sympy.Ne(x, 0)]).is_empty()
    point = Region([x >= 0, sympy.Ne(x, 0), sympy.Ne(x, 1)]).sample_point()
    assert point[x] > 0 and point[x] != 1
    # A plane minus a line is not empty; a point minus itself is.
    assert not Region([sympy.Ne(x, y), sympy.Eq(x + y, 2)]).is_empty()
    assert Region([sympy.Eq(x, y), sympy.Eq(x + y, 2), sympy.Ne(x, 1)]).is_empty()


def test_simplest_between():
    assert simplest_between(Fraction(1, 3), True, Fraction(1, 2), True) == Fraction(2, 5)
    assert simplest_between(Fraction(2), False, Fraction(2), False) == 2
    assert simplest_between(None, False, Fraction(-5, 2), True) == -3
    assert simplest_between(Fraction(-1), True, Fraction(0), True) == Fraction(-1, 2)
    with pytest.raises(ValueError):
        simplest_between(Fraction(1), True, Fraction(1), False)


# --- discrete parameters ----------------------------------------------------------------------

def test_switch_is_enumerated():
    lam = Parameter("lam", "{0, 1}")
    u = Parameter("u", "(0, 1)")
    assert Region([lam.symbol > 0, lam.symbol < 1], [lam]).is_empty()
    region = Region([lam.symbol * u.symbol > sympy.Rational(1, 2)], [lam, u])
    point = region.sample_point()
    assert point[lam.symbol] == 1 and Fraction(1, 2) < point[u.symbol] < 1
    # lam * (h*s - v_S) < 0 is linear in each case of the switch.
    claim = L["lam"] * (L["h"] * L["s"] - L["v_S"]) <= 0
    counter = find_counterexample(Region([], LINKAGE), claim)
    _assert_counterexample(Region([], LINKAGE), claim, counter)
    assert counter[L["lam"]] == 1


def test_integers_are_exact():
    n = Parameter("n", "integer [0, 5]")
    assert Region([sympy.Eq(2 * n.symbol, 3)], [n]).is_empty()
    assert Region([2 * n.symbol > 3, n.symbol < 2], [n]).is_empty()
    assert Region([2 * n.symbol > 3, n.symbol < 3], [n]).sample_point() == {n.symbol: 2}
    assert not Region([n.symbol > 0], [n]).contains({"n": Fraction(1, 2)})


def test_unbounded_integers_go_to_z3():
    m = Parameter("m", "integer")
    assert Region([2 * m.symbol > 1, 2 * m.symbol < 3], [m]).sample_point() == {m.symbol: 1}
    assert Region([2 * m.symbol > 2, 2 * m.symbol < 4], [m]).is_empty()


# --- simplification -------------------------------------------------------------------------

def test_simplify_drops_redundant_constraints():
    region = Region([x > 0, x > 1, y < x, y < 0, y < 5], [Parameter("x"), Parameter("y")])
    assert set(region.simplify().conditions) == {x > 1, y < 0}
    # Conditions implied by the domain alone are dropped.
    R = Parameter("R", "> 0")
    assert Region([R.symbol > 0, R.symbol < 3], [R]).simplify().conditions == (R.symbol < 3,)


def test_simplify_normal_form_and_empty():
    assert Region([2 * x + 2 > 4 * y]).simplify().conditions == (x - 2 * y > -1,)
    assert Region([x > 1, x < 0]).simplify().conditions == (sympy.false,)


def test_simplify_cancels_factors_of_known_sign():
    h, s, v = L["h"], L["s"], L["v_S"]
    region = Region([h * s < v * s], LINKAGE)
    assert region.simplify().conditions == (h - v < 0,)
    # (1 - s) has no known sign in general, so it stays; with s > 2 it is negative and flips.
    assert Region([h * s - h * s**2 > 0], LINKAGE).simplify().conditions != (h > 0,)
    assert Region([(1 - s) * h < 0, s > 2], LINKAGE).simplify().conditions == (h > 0, s > 2)


def test_simplify_substitutes_equalities():
    region = Region([sympy.Eq(x, y + 1), x + y > 3, x > 0])
    simple = region.simplify()
    assert sympy.Eq(x - y, 1) in simple.conditions
    others = [c for c in simple.conditions if c != sympy.Eq(x - y, 1)]
    assert any(all(v not in c.free_symbols for c in others) for v in (x, y))
    # Same set of points as before, on random checks.
    for point in ({x: 3, y: 2}, {x: 2, y: 1}, {x: Fraction(5, 2), y: Fraction(3, 2)}):
        assert simple.contains(point) == region.contains(point)


def test_normalize_relation():
    assert normalize_relation(3 - y < x / 2) == (x + 2 * y > 6)
    assert normalize_relation(sympy.Eq(2 - 2 * x, 4 * y)) == sympy.Eq(x + 2 * y, 1)
    assert normalize_relation(x ** 2 + 1 > 0) is sympy.true


# --- nonlinear ------------------------------------------------------------------------------

def test_nonlinear_examples():
    unit = [Parameter("x", "(0, 1)"), Parameter("y", "(0, 1)")]
    assert Region([x * y > 1], unit).is_empty()
    assert not Region([x * y > sympy.Rational(1, 2)], unit).is_empty()
    assert Region([x ** 2 < 0]).is_empty()
    assert Region([x ** 2 <= 0]).sample_point() == {x: 0}
    # x**2 = 2 has only irrational points: satisfiable, no rational witness.
    decision = Region([sympy.Eq(x ** 2, 2)]).feasibility()
    assert decision.status == "true"
    if decision.witness is not None:
        assert relation_holds(sympy.Eq(x ** 2, 2), decision.witness)


def test_bilinear_linkage_conditions():
    R, s, gamma, sigma, c, h, v_S, d = (L[k] for k in
                                         ("R", "s", "gamma", "sigma", "c", "h", "v_S", "d"))
    feasible_S = Region([s > gamma, h * s < v_S, R - (sigma + c) * s > d], LINKAGE)
    assert feasible_S.implies(R > d).status == "true"
    assert feasible_S.implies(v_S > h * gamma).status == "true"
    assert feasible_S.implies(c < (R - d) / s - sigma).status == "true"
    decision = feasible_S.implies(v_S > h)
    assert decision.status == "false"
    _assert_counterexample(feasible_S, v_S > h, decision.witness)


def test_division_by_a_parameter():
    s = Parameter("s", "> 0")
    region = Region([x / s.symbol > 1], [s, Parameter("x")])
    assert region.implies(x > 0).status == "true"
    assert region.implies(x > 1).status == "false"


def test_decisions_do_not_depend_on_the_caches():
    """The same answers, with the same witnesses, from emptied caches; the caches are
    bounded and hold entries only after a decision."""
    region = Region([x * y > 1, x + y < 3, x > 0])
    first = region.feasibility()
    assert decide.cache_info()["_satisfiable"].currsize >= 1
    decide.clear_caches()
    info = decide.cache_info()
    assert all(i.currsize == 0 and i.maxsize is not None for i in info.values())
    again = region.feasibility()
    assert again.status == first.status == "true"
    assert again.witness == first.witness and region.contains(again.witness)
    assert Region([x * y > 1, x + y < 2, x > 0]).is_empty()     # x + 1/x >= 2 for x > 0


def test_non_polynomial_is_undecided_not_guessed():
    decision = Region([sympy.sqrt(x) > 2, x < 1]).feasibility()
    assert decision.status in ("undecided", "false")
    decision = Region([sympy.sqrt(x) + y > 2, x < 1]).feasibility()
    assert decision.status == "undecided"


def test_floats_are_refused():
    with pytest.raises(ValueError):
        Region([x > 0.1]).is_empty()


# --- implications and counterexamples --------------------------------------------------------

def test_prove_implication_and_counterexample():
    region = Region([x > 1, y > x])
    assert prove_implication(region, y > 1).status == "true"
    assert prove_implication(region, sympy.And(y > 1, x + y > 2)).status == "true"
    decision = prove_implication(region, y > 2)
    assert decision.status == "false"
    _assert_counterexample(region, y > 2, decision.witness)
    assert any("counterexample" in step for step in decision.steps)
    assert find_counterexample(region, y > 1) is None
    point = find_counterexample(Region([x >= 0]), x > 0)
    assert point == {x: 0}


def test_implication_with_assumptions():
    K_H, ell_A, K_W = sympy.symbols("K_H ell_A K_W", real=True)
    region = Region([], [Parameter("K_W", ">= 0")], assumptions=[K_H > ell_A, ell_A > K_W])
    assert region.implies(K_H > K_W).status == "true"
    assert region.implies(K_H > 0).status == "true"
    assert region.implies(ell_A > 1).status == "false"


def test_decision_truth_value():
    assert bool(Decision("true"))
    assert not bool(Decision("false"))
    with pytest.raises(UndecidedError):
        bool(Decision("undecided", steps=("why",)))
    with pytest.raises(ValueError):
        Decision("maybe")


def test_split_prunes_empty_parts():
    region = Region([x > 0, x < 2])
    holds, fails = region.split(x < 1)
    assert holds.conditions == (x > 0, x < 2, x < 1)
    assert fails.sample_point()[x] >= 1
    holds, fails = region.split(x > 0)
    assert fails is None and holds is not None
    holds, fails = Region([x >= 0, x <= 0]).split(sympy.Eq(x, 0))
    assert fails is None


# --- presenting -----------------------------------------------------------------------------

def test_conditions_text_round_trip():
    region = Region([L["h"] * L["s"] < L["v_S"], sympy.Eq(L["lam"], 1), sympy.Ne(L["d"], 2),
                     L["R"] - (L["sigma"] + L["c"]) * L["s"] >= sympy.Rational(1, 3),
                     L["beta"] * L["d"] <= L["ell_B"]], LINKAGE)
    texts = region.conditions_text()
    back = tuple(sympy.parse_expr(t, local_dict=region.symbols()) for t in texts)
    assert back == region.conditions
    assert "\\wedge" in region.to_latex() and "v_{S}" in region.to_latex()
    empty = Region([x > 1, x < 0]).simplify()
    assert sympy.parse_expr(empty.conditions_text()[0]) == sympy.false


def test_contains_checks_domains_and_needs_every_value():
    region = Region([L["h"] * L["s"] < L["v_S"]], [p for p in LINKAGE
                                                     if p.name in ("h", "s", "v_S")])
    assert region.contains({"h": 0, "s": 1, "v_S": 1})
    assert not region.contains({"h": 0, "s": -1, "v_S": 1})     # s > 0 is the domain
    with pytest.raises(ValueError):
        region.contains({"h": 0})


# --- properties -----------------------------------------------------------------------------

_coeff = st.integers(-3, 3)
_row = st.tuples(st.tuples(_coeff, _coeff, _coeff), st.integers(-4, 4),
                 st.sampled_from([">", ">=", "="]))


@settings(max_examples=100, deadline=None)
@given(st.lists(_row, min_size=1, max_size=7))
def test_elimination_agrees_with_z3(rows):
    system = [Linear.make(dict(zip("xyz", a)), b, op) for a, b, op in rows]
    point = feasible_point(system)
    if point is not None:
        full = {v: point.get(v, Fraction(0)) for v in "xyz"}
        assert all(c.holds(full) for c in system)
    constants_hold = all(c.holds({}) for c in system if not c.coeffs)
    rest = frozenset(c for c in system if c.coeffs)
    by_z3 = linear._fallback_point(rest) if constants_hold else None
    assert (point is None) == (by_z3 is None)


@settings(max_examples=60, deadline=None)
@given(st.lists(_row, min_size=1, max_size=5), _row)
def test_implication_is_consistent(rows, claim_row):
    sym = dict(zip("xyz", (x, y, z)))
    ops = {">": sympy.StrictGreaterThan, ">=": sympy.GreaterThan, "=": sympy.Eq}

    def relation(a, b, op):
        return ops[op](sum(c * sym[v] for v, c in zip("xyz", a)) + b, 0)

    region = Region([relation(*r) for r in rows])
    claim = relation(*claim_row)
    if claim in (sympy.true, sympy.false):
        return
    decision = prove_implication(region, claim)
    assert decision.status in ("true", "false")
    if decision.status == "false":
        _assert_counterexample(region, claim, decision.witness)
    elif not region.is_empty():
        assert relation_holds(claim, region.sample_point())


# --- fifteen parameters ---------------------------------------------------------------------

def test_fifteen_parameters_ten_constraints_decided_exactly():
    g = L
    conditions = [g["s"] > g["gamma"], g["R"] - g["sigma"] - g["c"] > g["d"],
                  g["ell_A"] < g["kappa0"] + g["kappa"], g["d"] < g["ell_B"],
                  g["R"] > g["c"] + 2 * g["gamma"], g["v_S"] > g["h"] + 1, g["f"] <= g["R"],
                  g["kappa"] <= 3 * g["kappa0"], g["beta"] + g["d"] < 5, g["sigma"] < g["c"]]
    region = Region(conditions, LINKAGE)
    assert not region.is_empty()
    assert Region(conditions + [g["ell_B"] < g["d"]], LINKAGE).is_empty()
