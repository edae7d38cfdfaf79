"""The linkage variants as specified (linkage-research.md sections 3.1-3.4): the veto move only
where it can matter, each model's natural solution concept, and the variants' propositions
derived from the solved games."""

from __future__ import annotations

import random
from collections import Counter
from fractions import Fraction

import pytest
import sympy

import gametheory
from gametheory.models import MODELS, PBE, SPE
from gametheory.models import linkage as G


def _random_point(model, rng, lam=None):
    point = {}
    for p in model.parameters:
        if p.name == "lam":
            point[p.name] = Fraction(rng.randint(0, 1) if lam is None else lam)
            continue
        value = Fraction(rng.randint(0, 30), rng.randint(1, 6))
        while not p.contains(value):
            value = Fraction(rng.randint(-30, 30), rng.randint(1, 6))
        point[p.name] = value
    return point


def _spe_payoffs(game):
    return sorted({eq.payoffs for eq in gametheory.solve(game, method="spe").equilibria})


# ------------------------------------------------------------------ the veto move

@pytest.fixture(scope="module")
def linkage_regions():
    return gametheory.solve(MODELS["linkage"].build(), method="spe")


def test_veto_move_absent_when_the_legislature_is_not_involved():
    game = G.g1_game(lam=0)
    assert {game.players[s.player] for s in game.infosets if not s.is_chance} == {"A", "B"}
    assert G.g1_game(lam=1).n_nodes == 12 and game.n_nodes == 10


def test_no_twin_regions_at_lam_zero(linkage_regions):
    """With lam free, V's move sits behind a chance move of probability lam: at lam = 0 no
    player chooses between actions with the same outcome, so no region repeats another."""
    lam = sympy.Symbol("lam", real=True)

    def key(piece):
        return (frozenset(map(str, piece.conditions)), piece.path, tuple(map(str, piece.payoffs)))

    at_zero = [p for p in linkage_regions.pieces if sympy.Eq(lam, 0) in p.conditions]
    assert at_zero
    counts = Counter(key(p) for p in at_zero)
    assert max(counts.values()) == 1
    # the legislature's move is reached with probability lam, and only where it can matter
    game = MODELS["linkage"].build()
    chance = [(s.actions, tuple(map(str, s.probs))) for s in game.infosets
              if s.is_chance]
    assert chance == [(("involved", "not involved"), ("lam", "1 - lam"))]


@pytest.mark.parametrize("name", ["linkage", "linkage-renewal", "linkage-menu"])
def test_region_payoffs_are_the_solved_payoffs_at_sampled_points(name):
    """At exact random points (lam = 0 and 1), the regions of the lam-free model give the same
    payoffs as solving the game built at the point (where the veto node is present or not)."""
    model = MODELS[name]
    regions = gametheory.solve(model.build(), method="spe")
    rng = random.Random(11)
    for _ in range(60):
        point = _random_point(model, rng)
        listed = sorted({eq.payoffs for eq in regions.at(point)})
        assert listed, point
        assert set(listed) <= set(_spe_payoffs(model.build(**point))), point


# ------------------------------------------------------------------ solution concepts

def test_each_model_names_its_solution_concept():
    assert MODELS["linkage-screening"].solve_options == PBE
    assert MODELS["linkage-resolve"].solve_options == PBE
    for name in ("linkage", "linkage-renewal", "linkage-veto-type", "two-level"):
        assert MODELS[name].solve_options == SPE
    with pytest.raises(TypeError):
        MODELS["linkage"].solve_options["method"] = "enumpure"       # read-only


def test_screening_by_its_concept_drops_non_credible_equilibria():
    model = MODELS["linkage-screening"]
    game = model.build(**model.defaults)
    nash = gametheory.solve(game, method="enumpure")
    natural = gametheory.solve(game, **model.solve_options)
    assert len(nash.equilibria) == 9
    assert 1 <= len(natural.equilibria) < len(nash.equilibria)
