"""Tests of gametheory.solvers.refinements: consistency, Intuitive Criterion, D1, classification.

Expected verdicts are the textbook ones: Cho-Kreps (1987) for Beer-Quiche, the Riley outcome for
Spence, research note 3.3 c1 (3) for the linkage game, and Kreps-Wilson consistency for a game
where an unreached player's belief must follow an earlier unreached move.
"""

from fractions import Fraction as F

import pytest

from gametheory.games.extensive import ExtensiveGame, decision, leaf
from gametheory.catalog import beer_quiche, spence_job_market
from gametheory.solvers.pbe import belief_symbol, perfect_bayesian
from gametheory.solvers.refinements import (classify, d1, intuitive_criterion, refine,
                                            sequential_consistency)

from conftest import POINT, c1_kinds, linkage_c1


def test_beer_quiche_exactly_one_pooling_survives_the_intuitive_criterion():
    g = beer_quiche()
    pbes = perfect_bayesian(g)
    assert [classify(g, e) for e in pbes] == ["pooling", "pooling"]
    verdicts = {tuple(a[0] for a in e.support[0]): intuitive_criterion(g, e) for e in pbes}
    assert [m for m, v in verdicts.items() if v.survives] == [(0, 0)]      # beer
    assert "strong gains from beer" in " ".join(verdicts[(1, 1)].reasons)
    assert [bool(d1(g, e)) for e in pbes] == [True, False]
    assert all(sequential_consistency(g, e) for e in pbes)


def test_spence_refinements_select_the_separating_equilibrium():
    g = spence_job_market()
    results = refine(g, perfect_bayesian(g))
    for r in results:
        expected = r["class"] == "separating"
        assert r["intuitive"].survives is expected and r["d1"].survives is expected
        assert r["sequential"].survives
    assert sorted(r["class"] for r in results) == ["pooling", "pooling", "separating"]


def test_linkage_c1_no_demand_survives_intuitive_criterion_and_d1():
    g = linkage_c1(POINT)
    kinds = c1_kinds(g, perfect_bayesian(g))
    nod = kinds[("S", "S")]
    assert intuitive_criterion(g, nod).survives
    verdict = d1(g, nod)
    assert verdict.survives
    assert any("type H deleted" in r for r in verdict.reasons)   # weight on the bluffer W
    kL = next(k for k in g.player_infosets[1] if g.infosets[k].label == "after L")
    assert verdict.region.contains({belief_symbol(g, kL, 0).name: 0,
                                    **{n: F(1, 2) for n in verdict.region.symbols()
                                       if n != belief_symbol(g, kL, 0).name}})
    assert classify(g, kinds[("L", "L")]) == "pooling"
    assert intuitive_criterion(g, kinds[("L", "L")]).survives


def consistency_game():
    """1 quits (O) or goes in; 2 (never reached) picks a or b; 3 cannot see 2's choice."""
    return ExtensiveGame(["1", "2", "3"], decision("1", {
        "O": leaf(1, 0, 0),
        "I": decision("2", {
            "a": decision("3", {"L": leaf(0, 1, 1), "R": leaf(0, 1, 0)}, infoset="3"),
            "b": decision("3", {"L": leaf(0, 0, 0), "R": leaf(0, 0, 1)}, infoset="3")}),
    }))


def test_consistency_pins_beliefs_after_an_unreached_move():
    g = consistency_game()
    pbes = perfect_bayesian(g)
    k3 = g.player_infosets[2][0]
    by_action = {e.behavior[2][0].index(1): e for e in pbes}
    assert set(by_action) == {0, 1}                      # 3 plays L or R: both weak PBE
    # consistency forces Pr(a-node) = 1, since 2 plays a: only L is sequential
    assert sequential_consistency(g, by_action[0]).survives
    assert not sequential_consistency(g, by_action[1]).survives
    region = sequential_consistency(g, by_action[0]).region
    assert region.contains({belief_symbol(g, k3, 0).name: 1})
    assert not region.contains({belief_symbol(g, k3, 0).name: F(3, 4)})


def test_refinements_refuse_symbolic_games():
    from gametheory.catalog import two_type_screening
    from gametheory.parameters import Parameter
    g = two_type_screening("q", parameters=[Parameter("q", "(0, 1)")])
    with pytest.raises(ValueError):
        intuitive_criterion(g, perfect_bayesian(g)[0])
