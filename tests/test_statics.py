"""Tests of comparative statics: proofs, refutations with confirmed counterexamples."""

from __future__ import annotations

from fractions import Fraction

import pytest

from gametheory.games import ExtensiveGame, decision, leaf
from gametheory.parameters import Parameter
from gametheory.symbolic.parametric import parametric_spe
from gametheory.symbolic.statics import derivative_sign, monotone, numeric_paths, switches

from conftest import centipede, entry, linkage_g1



def side_payment(path):
    return path == ("S", "accept", "approve")


def leverage(path):
    return path[:2] == ("L", "concede")


@pytest.fixture(scope="module")
def g1():
    return parametric_spe(linkage_g1(), generic=True)


def assert_confirmed_pair(game, proof, matches):
    theta, moved = proof.counterexample
    assert all(isinstance(v, Fraction) for v in theta.values())
    assert any(matches(p) for p in numeric_paths(game, theta))
    assert not any(matches(p) for p in numeric_paths(game, moved))


def test_p1_side_payment_region_shrinks_with_party_cost(g1):
    proof = monotone(g1, side_payment, "c", "decreasing")
    assert proof.status == "proved", proof.steps
    *inclusions, strict = proof.steps
    assert inclusions and all("empty" in s for s in inclusions)
    assert strict.startswith("strict")
    # the witness: only c moves, and the side payment disappears as it rises
    low, high = proof.witness
    assert {k for k in low if low[k] != high[k]} == {"c"} and low["c"] < high["c"]
    assert side_payment(next(iter(numeric_paths(g1.game, low))))
    assert not any(side_payment(p) for p in numeric_paths(g1.game, high))


def test_false_claim_side_payments_grow_with_cost_is_refuted(g1):
    proof = monotone(g1, side_payment, "c", "increasing")
    assert proof.status == "refuted"
    assert_confirmed_pair(g1.game, proof, side_payment)


def test_leverage_region_does_not_depend_on_eta(g1):
    """V's gain eta from the concession never enters A's or B's choices: the leverage region
    neither grows nor shrinks in eta, so both strict claims are refuted and both weak ones
    proved -- a claim and its opposite are never both proved."""
    grows = monotone(g1, leverage, "eta", "increasing")
    shrinks = monotone(g1, leverage, "eta", "decreasing")
    assert grows.status == shrinks.status == "refuted"
    assert grows.counterexample is None and "does not depend on eta" in grows.steps[-1]
    assert monotone(g1, leverage, "eta", "increasing", strict=False).status == "proved"
    assert monotone(g1, leverage, "eta", "decreasing", strict=False).status == "proved"


def test_strictness_depends_on_the_payoffs():
    """x is chosen iff b > 1 - k*c: with k = 1 the region grows strictly in c; mutated to
    k = 0 it does not depend on c (strict claim refuted, weak claim proved)."""
    def game(k):
        return ExtensiveGame(["A"], decision("A", {"x": leaf(f"b + {k}*c"), "y": leaf(1)}),
                             parameters=[Parameter("c", ">= 0"), Parameter("b", "real")])
    strict = monotone(parametric_spe(game(1), generic=True), "x", "c", "increasing")
    assert strict.status == "proved"
    low, high = strict.witness
    assert low["b"] + low["c"] < 1 < high["b"] + high["c"] and low["b"] == high["b"]
    flat = parametric_spe(game(0), generic=True)
    assert monotone(flat, "x", "c", "increasing").status == "refuted"
    assert monotone(flat, "x", "c", "decreasing").status == "refuted"
    assert monotone(flat, "x", "c", "increasing", strict=False).status == "proved"


def test_p3_leverage_shrinks_with_own_dependence(g1):
    assert monotone(g1, leverage, "ell_A", "decreasing").status == "proved"
    proof = monotone(g1, leverage, "ell_A", "increasing")
    assert proof.status == "refuted"
    assert_confirmed_pair(g1.game, proof, leverage)


def test_centipede_monotone_and_switch():
    solution = parametric_spe(centipede())
    everyone_passes = ("Pass1", "Pass2", "Pass3", "Pass4")
    assert monotone(solution, everyone_passes, "x", "increasing").status == "proved"
    refuted = monotone(solution, {everyone_passes}, "x", "decreasing")
    assert refuted.status == "refuted"
    theta, moved = refuted.counterexample
    assert theta["x"] > 5 >= moved["x"] or theta["x"] >= 5 > moved["x"]
    [switch] = switches(solution, "x")
    assert (switch.before, switch.after, switch.threshold) == (("Take1",), everyone_passes, 5)
    below, above = switch.witness
    assert numeric_paths(solution.game, below) == {("Take1",)}


def test_derivative_signs_entry_game():
    game = entry()
    solution = parametric_spe(game, generic=True)
    # The incumbent's payoff -f (when it fights: never on the path? it is 2 after Out)
    assert derivative_sign(solution, "Incumbent", "f", "<=").status == "proved"
    assert derivative_sign(solution, "Entrant", "e", ">=").status == "proved"


def test_false_derivative_claim_refuted_with_a_confirmed_point():
    game = ExtensiveGame(["A", "B"], decision("A", {
        "x": leaf("c - k", "k"), "y": leaf(0, 1)}),
        parameters=[Parameter("c", "real"), Parameter("k", "real")])
    solution = parametric_spe(game, generic=True)
    proof = derivative_sign(solution, "A", "k", ">=")
    assert proof.status == "refuted"
    [point] = proof.counterexample
    assert point["c"] > point["k"]          # in the region where A chooses x
    assert derivative_sign(solution, "A", "k", "<=").status == "proved"
    assert derivative_sign(solution, "B", "k", ">").status == "refuted"


def test_nonlinear_claim_proved():
    game = ExtensiveGame(["A"], decision("A", {"x": leaf("a*b"), "y": leaf(1)}),
                         parameters=[Parameter("a", "> 0"), Parameter("b", "> 0")])
    solution = parametric_spe(game, generic=True)
    assert monotone(solution, "x", "a", "increasing").status == "proved"
    proof = monotone(solution, "x", "a", "decreasing")
    assert proof.status == "refuted" and proof.method
