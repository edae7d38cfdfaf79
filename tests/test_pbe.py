"""Tests of gametheory.solvers.pbe: weak perfect Bayesian equilibria with supporting beliefs.

Expected values are worked out by hand from the models' definitions (Cho-Kreps 1987 for
Beer-Quiche; linkage-research.md 3.3 c1 for the linkage game) and, for random games, by an
independent brute force over pure profiles and a grid of beliefs.
"""

import itertools
from fractions import Fraction as F

import pytest
import sympy
from hypothesis import given, settings, strategies as st

from gametheory.parameters import Parameter
from gametheory.catalog import beer_quiche, spence_job_market, two_type_screening
from gametheory.games.signaling import signaling_game
from gametheory.solvers.pbe import (PerfectBayesianEquilibrium, belief_symbol, check_assessment,
                                    pbe_solution, perfect_bayesian)

from conftest import POINT, c1_kinds, linkage_c1


def messages(game, pbe):
    """The message (action index) of each type, for pure signaling profiles."""
    return tuple(a[0] for a in pbe.support[0])


def assert_checked(game, pbe, extra_points=()):
    """The assessment is a weak PBE at its witness and at every extra point of its region."""
    assert pbe.verified is True
    for point in extra_points:
        assert pbe.region.contains(point)
        behavior, beliefs = pbe.at(point)
        assert check_assessment(game, behavior, beliefs)


# ------------------------------------------------------------------------------ Beer-Quiche

def test_beer_quiche_two_pooling_equilibria():
    g = beer_quiche()
    pbes = perfect_bayesian(g)
    assert sorted(messages(g, e) for e in pbes) == [(0, 0), (1, 1)]
    beer = next(e for e in pbes if messages(g, e) == (0, 0))
    quiche = next(e for e in pbes if messages(g, e) == (1, 1))
    # pooling on beer: no duel after beer, duel after quiche, Pr(weak | quiche) >= 1/2
    assert beer.behavior[1] == ((0, 1), (1, 0))
    assert beer.beliefs[1][0] == (F(1, 10), F(9, 10))
    mu = belief_symbol(g, 3, 0)
    assert beer.region.implies(mu >= F(1, 2)).status == "true"
    assert beer.region.contains({"mu_3_0": F(1, 2)}) and not beer.region.contains(
        {"mu_3_0": F(49, 100)})
    assert beer.payoffs == (F(29, 10), F(9, 10))
    assert quiche.payoffs == (F(21, 10), F(9, 10))
    assert quiche.region.contains({"mu_2_0": 1}) and not quiche.region.contains({"mu_2_0": 0})
    for e in pbes:
        assert_checked(g, e, [{e.off_path and f"mu_{e.off_path[0]}_0": x}
                              for x in (F(1, 2), F(3, 4), F(1))])


def test_beer_quiche_mixed_families_are_verified_and_contain_the_pure_ones():
    g = beer_quiche()
    pure = perfect_bayesian(g)
    everything = perfect_bayesian(g, mixed=True, simplify=False)
    assert {e.support for e in pure} <= {e.support for e in everything}
    assert all(e.verified for e in everything)
    # mixed families only mix the receiver off the path: outcomes are still the two poolings
    assert {messages(g, e) for e in everything} == {(0, 0), (1, 1)}


def test_solution_front_door_carries_beliefs():
    sol = pbe_solution(beer_quiche())
    assert sol.method == "pbe" and len(sol) == 2 and sol.complete
    data = sol.to_json_dict()["equilibria"][0]
    assert data["beliefs"][1][0] == ["1/10", "9/10"]
    assert isinstance(sol[0], PerfectBayesianEquilibrium)


# ------------------------------------------------------------------------------ Spence

def test_spence_separating_and_pooling_with_belief_conditions():
    g = spence_job_market()
    pbes = perfect_bayesian(g)
    by_messages = {}
    for e in pbes:
        by_messages.setdefault(messages(g, e), []).append(e)
        assert_checked(g, e)
    # no pooling on education, no reverse separation
    assert set(by_messages) == {(0, 1), (0, 0)}
    (sep,) = by_messages[(0, 1)]
    assert sep.behavior[1] == ((1, 0, 0), (0, 0, 1))       # wage 1 after e0, 2 after e1
    assert sep.payoffs == (F(11, 8), F(0))
    # pooling on e0 (wage 3/2): off-path wage 1 (Pr(L | e1) >= 3/4) or 3/2 (1/4 .. 3/4)
    mu = belief_symbol(g, 3, 0)                             # Pr(L | e1)
    wages = {e.behavior[1][1].index(1): e for e in by_messages[(0, 0)]}
    assert set(wages) == {0, 1}
    assert wages[0].region.implies(4 * mu >= 3).status == "true"
    assert wages[1].region.implies(sympy.And(4 * mu >= 1, 4 * mu <= 3)).status == "true"
    assert wages[1].region.contains({"mu_3_0": F(1, 4)})
    assert not any(e.region.contains({"mu_3_0": F(1, 5)}) for e in wages.values())


# ------------------------------------------------------------------------------ screening

@pytest.mark.parametrize("q, menu", [(F(1, 2), "separate"), (F(3, 4), "exclude")])
def test_two_type_screening(q, menu):
    g = two_type_screening(q)
    (pbe,) = perfect_bayesian(g)
    offer = g.infosets[g.player_infosets[0][0]].actions
    assert offer[pbe.behavior[0][0].index(1)] == menu
    assert pbe.beliefs[0][0] == (q, 1 - q)                  # the seller believes the prior
    assert_checked(g, pbe)


def test_two_type_screening_symbolic_prior():
    q = Parameter("q", "(0, 1)")
    g = two_type_screening("q", parameters=[q])
    pbes = perfect_bayesian(g)
    offers = g.infosets[g.player_infosets[0][0]].actions
    regions = {offers[e.behavior[0][0].index(1)]: e.region for e in pbes}
    assert set(regions) == {"separate", "exclude"}
    assert regions["exclude"].implies(q.symbol >= F(3, 5)).status == "true"
    assert regions["separate"].implies(q.symbol <= F(3, 5)).status == "true"
    assert regions["exclude"].contains({"q": F(3, 5)}) and regions["separate"].contains(
        {"q": F(3, 5)})


# ------------------------------------------------------------------------------ linkage c1

@pytest.mark.parametrize("point", [POINT, {**POINT, "p": F(3, 4), "K_W": 0, "d": 1}])
def test_linkage_c1_pooling_leverage_and_no_demand(point):
    g = linkage_c1(point)
    pbes = perfect_bayesian(g)
    kinds = c1_kinds(g, pbes)
    assert set(kinds) == {("L", "L"), ("S", "S")}
    lev, nod = kinds[("L", "L")], kinds[("S", "S")]
    kL = next(k for k in g.player_infosets[1] if g.infosets[k].label == "after L")
    jB = g.player_infosets[1].index(kL)
    # leverage: B concedes with belief mu = p, threat never executed
    assert lev.behavior[1][jB] == (1, 0)
    assert lev.beliefs[1][jB] == (point["p"], 1 - point["p"])
    # no demand: L off path, B refuses, supported exactly by mu(H | L) <= beta d / ell_B
    mu = belief_symbol(g, kL, 0)
    assert kL in nod.off_path and nod.behavior[1][jB] == (0, 1)
    bound = F(point["beta"]) * point["d"] / point["ell_B"]
    assert nod.region.implies(mu <= bound).status == "true"
    assert nod.region.contains({mu.name: bound}) and not nod.region.contains(
        {mu.name: bound + F(1, 100)})
    for e in pbes:
        assert_checked(g, e)
    assert_checked(g, nod, [{mu.name: x} for x in (0, bound / 2, bound)])


def test_linkage_c1_no_leverage_when_prior_low():
    g = linkage_c1({**POINT, "p": F(1, 5)})                  # p ell_B = 3/5 < beta d = 1
    pbes = perfect_bayesian(g)
    assert all("L" not in kind for kind in c1_kinds(g, pbes))
    assert pbes


def test_linkage_c1_symbolic_belief_conditions():
    fixed = dict(R=1, s=1, gamma=F(1, 2), sigma=F(1, 4), c=F(1, 4), f=1, eta=1, v_L=1)
    g = linkage_c1(fixed=fixed)
    S = g.symbols
    assumptions = [S["K_H"] > S["ell_A"], S["ell_A"] > S["K_W"]]
    pbes = perfect_bayesian(g, assumptions=assumptions, simplify=False)
    kinds = c1_kinds(g, pbes)
    lev, nod = kinds[("L", "L")], kinds[("S", "S")]
    kL = next(k for k in g.player_infosets[1] if g.infosets[k].label == "after L")
    mu = belief_symbol(g, kL, 0)
    p, d, beta, ell_B = S["p"], S["d"], S["beta"], S["ell_B"]
    assert lev.region.implies(p * ell_B >= beta * d).status == "true"
    assert lev.region.implies(d >= F(1, 2)).status == "true"          # d >= U0 = 1/2
    assert nod.region.implies(mu * ell_B <= beta * d).status == "true"
    both = {"p": F(1, 2), "d": 2, "beta": F(1, 2), "ell_B": 3, "ell_A": 2, "K_H": 3, "K_W": 1}
    kS = next(k for k in g.player_infosets[1] if g.infosets[k].label == "after S")
    assert lev.region.contains({**both, belief_symbol(g, kS, 0).name: F(1, 2)})
    assert nod.region.contains({**both, mu.name: F(1, 4)})
    assert not nod.region.contains({**both, mu.name: F(1, 2)})
    assert all(e.verified is not False for e in pbes)


# ------------------------------------------------------------------------------ brute force

def brute_force(game, grid):
    """Pure profiles and belief grid points that form a weak PBE, by direct checking."""
    sets = [k for p in game.player_infosets for k in p]
    local = {k: (p, j) for p, ks in enumerate(game.player_infosets) for j, k in enumerate(ks)}
    found = set()
    for choice in itertools.product(*[range(len(game.infosets[k].actions)) for k in sets]):
        behavior = [[None] * len(ks) for ks in game.player_infosets]
        for k, a in zip(sets, choice):
            probs = [F(0)] * len(game.infosets[k].actions)
            probs[a] = F(1)
            behavior[local[k][0]][local[k][1]] = tuple(probs)
        for mus in itertools.product(grid, repeat=len(game.player_infosets[1])):
            beliefs = (((F(1),),) * len(game.player_infosets[0]),
                       tuple((m, 1 - m) for m in mus))
            from gametheory.solvers.pbe import bayes_beliefs
            bayes = bayes_beliefs(game, behavior)
            beliefs = (beliefs[0], tuple(b if b is not None else beliefs[1][j]
                                          for j, b in enumerate(bayes[1])))
            if check_assessment(game, behavior, beliefs):
                found.add((choice, tuple(b[0] for b in beliefs[1])))
    return found


payoff_values = st.integers(-3, 3)


@settings(max_examples=6, deadline=None)
@given(st.lists(payoff_values, min_size=16, max_size=16), st.sampled_from([F(1, 3), F(1, 2)]))
def test_random_signaling_games_match_brute_force(values, prior):
    table = iter(values)
    pay = {(t, m, r): (next(table), next(table))
           for t in "ab" for m in "xy" for r in "uv"}
    g = signaling_game(["a", "b"], [prior, 1 - prior], ["x", "y"], ["u", "v"],
                       lambda t, m, r: pay[(t, m, r)])
    grid = [F(0), F(1, 4), F(1, 3), F(1, 2), F(2, 3), F(3, 4), F(1)]
    expected = brute_force(g, grid)
    pbes = perfect_bayesian(g, simplify=False)
    sets = [k for p in g.player_infosets for k in p]
    local = {k: (p, j) for p, ks in enumerate(g.player_infosets) for j, k in enumerate(ks)}
    got = set()
    for e in pbes:
        assert e.verified
        choice = tuple(e.support[local[k][0]][local[k][1]][0] for k in sets)
        for mus in itertools.product(grid, repeat=2):
            point = {f"mu_{k}_0": m for k, m in zip(g.player_infosets[1], mus)
                     if k in e.off_path}
            if e.region.contains(point):
                beliefs = e.at(point)[1]
                got.add((choice, tuple(b[0] for b in beliefs[1])))
    assert got == expected
