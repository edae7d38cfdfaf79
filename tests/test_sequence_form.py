"""Tests of the sequence form, sequence-form Lemke (``sequence_lcp``) and the sequence-form LP.

Every equilibrium is checked exactly with :func:`gametheory.solvers.regret.regret` and, when the
players have few pure strategies, independently with a brute-force best response written here
(all pure strategies of the deviating player, expected payoffs by a plain recursive walk).
"""

from __future__ import annotations

import json
import random
from fractions import Fraction
from itertools import product
from math import prod
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gametheory.catalog import entry_game, kuhn_poker
from gametheory.games import ExtensiveGame, chance, decision, leaf
from gametheory.catalog import leduc_poker
from gametheory.solvers.regret import regret
from gametheory.solvers.sequence_form import (behavior_from_plan, plan_payoff, realization_plan,
                                              sequence_form)
from gametheory.solvers.sequence_lcp import lemke_sequence_form, sequence_lcp
from gametheory.solvers.sequence_lp import constant_sum, sequence_lp

SHARED = Path(__file__).resolve().parents[2] / "shared"
GAMBIT = SHARED / "games" / "gambit"


# ------------------------------------------------------------------ an independent check

def _expected(game, profile, v: int = 0) -> list[Fraction]:
    """Expected payoffs of a behaviour profile by plain recursion (the tree is small)."""
    tree = game.tree
    kids = list(tree.children(v))
    if not kids:
        return [tree.exact_payoff(v, i) for i in range(game.n_players)]
    k = int(tree.infoset[v])
    infoset = game.infosets[k]
    if infoset.is_chance:
        probs = [tree.exact_prob(c) for c in kids]
    else:
        j = game.player_infosets[infoset.player].index(k)
        probs = profile[infoset.player][j]
    total = [Fraction(0)] * game.n_players
    for prob, c in zip(probs, kids):
        if prob:
            total = [t + prob * u for t, u in zip(total, _expected(game, profile, c))]
    return total


def _small(game, limit: int = 300) -> bool:
    """Few enough pure strategies per player for :func:`_brute_regret`."""
    return all(prod(len(game.infosets[h].actions) for h in sets) <= limit
               for sets in game.player_infosets)


def _brute_regret(game, profile) -> Fraction:
    """Largest gain of a pure deviation of either player (all pure strategies enumerated)."""
    worst = Fraction(0)
    base = _expected(game, profile)
    for p, sets in enumerate(game.player_infosets):
        sizes = [len(game.infosets[h].actions) for h in sets]
        for pure in product(*(range(k) for k in sizes)):
            mine = tuple(tuple(Fraction(int(a == b)) for b in range(k))
                         for a, k in zip(pure, sizes))
            deviation = list(profile)
            deviation[p] = mine
            worst = max(worst, _expected(game, deviation)[p] - base[p])
    return worst


def _is_distribution_profile(game, profile) -> bool:
    return all(len(dist) == len(game.infosets[h].actions) and sum(dist) == 1
               and min(dist) >= 0
               for sets, mine in zip(game.player_infosets, profile)
               for h, dist in zip(sets, mine))


# ------------------------------------------------------------------ the sequence form

def test_kuhn_sequence_form_sizes_and_constraints():
    form = sequence_form(kuhn_poker())
    assert form.n_sequences == (13, 13)
    rows, rhs = form.constraints(0)
    assert len(rows) == 7 and rhs == [1, 0, 0, 0, 0, 0, 0]
    # P1's "J after check-bet" set follows the sequence (J, Check)
    assert rows[2] == {1: -1, 3: 1, 4: 1}
    # every terminal's chance probability is 1/6; the 30 non-zero entries of A
    assert len(form.A) == 30
    assert sum(form.A.values()) + sum(form.B.values()) == 0


def test_realization_plan_round_trip():
    game = kuhn_poker()
    form = sequence_form(game)
    strategy = [(Fraction(1, 3), Fraction(2, 3)), (Fraction(1, 2), Fraction(1, 2)),
                (Fraction(1), Fraction(0)), (Fraction(1, 4), Fraction(3, 4)),
                (Fraction(0), Fraction(1)), (Fraction(1, 5), Fraction(4, 5))]
    plan = realization_plan(form, 0, strategy)
    back = behavior_from_plan(form, 0, plan)
    # the set after (K, Check) is unreached: uniform there, the rest comes back unchanged
    assert back[:5] == tuple(strategy[:5]) and back[5] == (Fraction(1, 2), Fraction(1, 2))


def test_sequence_form_rejects_other_games():
    three = ExtensiveGame(["a", "b", "c"], decision("a", {"l": leaf(1, 2, 3), "r": leaf(0, 0, 0)}))
    with pytest.raises(ValueError):
        sequence_form(three)


# ------------------------------------------------------------------ known values

def test_kuhn_lcp_value_and_regret():
    game = kuhn_poker()
    profile = sequence_lcp(game)
    assert _expected(game, profile) == [Fraction(-1, 18), Fraction(1, 18)]
    assert regret(game, profile) == 0
    assert _brute_regret(game, profile) == 0


@pytest.mark.parametrize("method", ["guided", "simplex"])
def test_kuhn_lp_value_and_regret(method):
    game = kuhn_poker()
    profile, value = sequence_lp(game, method=method)
    assert value == Fraction(-1, 18)
    assert _expected(game, profile)[0] == value
    assert regret(game, profile) == 0
    assert _brute_regret(game, profile) == 0


def test_entry_game_lcp():
    game = entry_game()
    profile = sequence_lcp(game)
    assert _expected(game, profile) == [Fraction(1), Fraction(1)]
    assert _brute_regret(game, profile) == 0


def test_lp_rejects_non_constant_sum():
    with pytest.raises(ValueError):
        sequence_lp(entry_game())


def test_constant_sum_game():
    # payoffs add to 10 everywhere: matching pennies with a chance move in front
    pennies = {"H": decision("B", {"H": leaf(9, 1), "T": leaf(1, 9)}, infoset="b"),
               "T": decision("B", {"H": leaf(1, 9), "T": leaf(9, 1)}, infoset="b")}
    game = ExtensiveGame(["A", "B"], decision("A", pennies))
    assert constant_sum(game) == 10
    profile, value = sequence_lp(game)
    assert value == 5 and profile[0] == ((Fraction(1, 2), Fraction(1, 2)),)
    assert _brute_regret(game, profile) == 0


def test_leduc_value_matches_openspiel():
    game = leduc_poker()
    profile, value = sequence_lp(game)
    # OpenSpiel's (floating-point) value of leduc_poker for the first player
    assert abs(float(value) - (-0.085606424078)) < 1e-11
    assert regret(game, profile) == 0


def test_leduc_structure():
    game = leduc_poker()
    assert game.n_nodes == 9457
    assert [len(sets) for sets in game.player_infosets] == [468, 468]
    assert constant_sum(game) == 0
    # the chance moves: 1/6 * 1/5 * 1/4 for every deal with a public card
    form = sequence_form(game)
    assert form.n_sequences == (1093, 1093)


# ------------------------------------------------------------------ Gambit's trees

def _gambit_cases():
    if not (GAMBIT / "expected.json").exists():
        return []
    games = json.loads((GAMBIT / "expected.json").read_text())["games"]
    return [g for g in games if g.get("n_players") == 2 and g.get("is_tree")
            and g.get("perfect_recall") and "lcp_rational" in g.get("methods", {})]


@pytest.mark.parametrize("case", _gambit_cases(), ids=lambda case: case["file"])
def test_gambit_trees(case):
    io = pytest.importorskip("gametheory.io")
    game = io.read(GAMBIT / case["file"])
    profile = sequence_lcp(game)
    assert _is_distribution_profile(game, profile)
    assert regret(game, profile) == 0
    payoffs = [str(x) for x in _expected(game, profile)]
    enummixed = case["methods"].get("enummixed_rational", {})
    if enummixed.get("status") == "ok":
        assert payoffs in enummixed["distinct_payoff_vectors"]
    if constant_sum(game) is not None:
        _, value = sequence_lp(game)
        assert str(value) == payoffs[0]


# ------------------------------------------------------------------ random trees

def _random_tree(seed: int, max_nodes: int = 40) -> ExtensiveGame:
    """A random two-player tree with chance moves and information sets, perfect recall.

    A player's information set is keyed by their own past (sets and actions) and a random
    signal, so nodes that share a key share the player's whole history: perfect recall by
    construction.  The number of actions is a function of the key.
    """
    rng = random.Random(seed)
    actions: dict = {}
    budget = [max_nodes]

    def node(depth: int, history: tuple):
        budget[0] -= 1
        if depth >= 4 or budget[0] <= 0 or rng.random() < 0.2:
            return leaf(rng.randint(-3, 3), rng.randint(-3, 3))
        who = rng.choice(["chance", 0, 1])
        if who == "chance":
            k = rng.randint(2, 3)
            weights = [rng.randint(1, 3) for _ in range(k)]
            return chance({f"c{a}": (Fraction(w, sum(weights)), node(depth + 1, history))
                           for a, w in enumerate(weights)})
        key = (who, history[who], rng.randint(0, 1))
        k = actions.setdefault(key, rng.randint(2, 3))
        moves = {}
        for a in range(k):
            own = list(history)
            own[who] = history[who] + ((key, a),)
            moves[f"a{a}"] = node(depth + 1, tuple(own))
        return decision(who, moves, infoset=str(key))

    return ExtensiveGame(["A", "B"], node(0, ((), ())))


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 10**9))
def test_random_trees_lcp_has_zero_regret(seed):
    game = _random_tree(seed)
    if game.n_infosets == 0:
        return
    profile = sequence_lcp(game)
    assert _is_distribution_profile(game, profile)
    assert regret(game, profile) == 0
    if _small(game):
        assert _brute_regret(game, profile) == 0


@settings(max_examples=25, deadline=None)
@given(st.integers(0, 10**9))
def test_random_zero_sum_trees_lp_value(seed):
    # make it zero-sum: the second player's payoff is minus the first player's
    game = _zero_sum(_random_tree(seed))
    profile, value = sequence_lp(game)
    assert _expected(game, profile)[0] == value
    assert regret(game, profile) == 0
    simplex_profile, simplex_value = sequence_lp(game, method="simplex")
    assert simplex_value == value and regret(game, simplex_profile) == 0
    if _small(game):
        assert _brute_regret(game, profile) == 0
    lcp_profile = sequence_lcp(game)
    assert _expected(game, lcp_profile)[0] == value


def _zero_sum(game: ExtensiveGame) -> ExtensiveGame:
    from gametheory.games import Outcome
    outcomes = [Outcome(o.label, (o.payoffs[0], -o.payoffs[0])) for o in game.outcomes]
    preorder = game.preorder().tolist()
    tree = game.tree
    return ExtensiveGame.from_preorder(
        game.players, game.infosets, outcomes,
        [int(tree.infoset[v]) for v in preorder], [int(tree.outcome[v]) for v in preorder])


@settings(max_examples=30, deadline=None)
@given(st.integers(0, 10**9), st.integers(0, 10**9))
def test_sequence_form_payoff_is_expected_payoff(seed, mix):
    game = _random_tree(seed)
    form = sequence_form(game)
    rng = random.Random(mix)
    profile = []
    for sets in game.player_infosets:
        mine = []
        for h in sets:
            weights = [rng.randint(0, 3) for _ in game.infosets[h].actions]
            weights[rng.randrange(len(weights))] += 1
            mine.append(tuple(Fraction(w, sum(weights)) for w in weights))
        profile.append(tuple(mine))
    x, y = realization_plan(form, 0, profile[0]), realization_plan(form, 1, profile[1])
    assert [plan_payoff(form.A, x, y), plan_payoff(form.B, x, y)] == _expected(game, profile)


def test_lemke_path_on_degenerate_payoffs():
    # A is indifferent everywhere and B's payoffs tie in pairs: a degenerate start and path
    def node(k: int):
        return decision("A", {"x": decision("B", {"u": leaf(0, k), "v": leaf(0, 1 - k),
                                                  "w": leaf(0, 1 - k)}, infoset="b"),
                              "y": leaf(0, 0)}, infoset="a")
    game = ExtensiveGame(["A", "B"], chance({"l": ("1/2", node(0)), "r": ("1/2", node(3))}))
    x, y, _ = lemke_sequence_form(sequence_form(game))
    assert x[0] == 1 and y[0] == 1 and x[1] + x[2] == 1 and y[1] + y[2] + y[3] == 1
    profile = sequence_lcp(game)
    assert _brute_regret(game, profile) == 0
    if profile[0][0][0] > 0:          # B moves only after x: then B picks u, worth 3/2
        assert profile[1][0][0] == 1


# --- the reduced-row integer tableau that the sequence-form Lemke path pivots on -------------

@settings(max_examples=120, deadline=None)
@given(st.integers(1, 4).flatmap(lambda d: st.tuples(
    st.lists(st.lists(st.integers(-5, 9), min_size=d, max_size=d), min_size=1, max_size=5),
    st.lists(st.integers(0, 10), min_size=8, max_size=8),
    st.sampled_from([1, 2**40, 2**70]))))
def test_reduced_tableau_pivots_like_the_determinant_tableau(case):
    # The same lexicographic simplex steps on both arithmetics give the same rational values,
    # also when the data need int64 at first and Python integers later (factor 2**40, 2**70).
    from gametheory.solvers.pivoting import IntegerTableau, ReducedIntegerTableau

    M, entering, factor = case
    d, r = len(M[0]), len(M)
    edmonds = IntegerTableau(M, column_variables=range(d), row_variables=range(d, d + r))
    # the same system times factor: factor M z + s' = factor, with s' = factor s
    reduced = ReducedIntegerTableau([[v * factor for v in row] for row in M], range(d),
                                    range(d, d + r), rhs=[factor] * r)
    assert reduced.rows.dtype == (object if factor > 2**62 else np.int64)
    for k in entering:
        variable = edmonds.nonbasic[k % d]
        row = edmonds.leaving_row(edmonds.column_of(variable))
        assert reduced.leaving_row(reduced.column_of(variable)) == row
        if row is None:
            break
        edmonds.pivot(row, edmonds.column_of(variable))
        reduced.pivot(row, reduced.column_of(variable))
        assert reduced.basic == edmonds.basic
        assert reduced.values() == {v: value * (factor if v >= d else 1)
                                    for v, value in edmonds.values().items()}
        assert min(edmonds.values().values()) >= 0  # the lexicographic rule keeps feasibility


def test_reduced_tableau_prefers_the_named_variable_on_a_tie():
    from gametheory.solvers.pivoting import ReducedIntegerTableau

    # rows 0 and 1 tie at ratio 1 in column 0; the lexicographic rule picks row 1 (its slack
    # comes later in the order, so its perturbation eps^2 is smaller), "prefer" picks row 0
    t = ReducedIntegerTableau([[1], [1]], [0], [1, 2], rhs=[1, 1])
    assert t.leaving_row(0) == 1
    assert t.leaving_row(0, prefer=1) == 0
    assert t.leaving_row(0, prefer=2) == 1
    t = ReducedIntegerTableau([[1], [2]], [0], [1, 2], rhs=[1, 1])
    assert t.leaving_row(0, prefer=1) == 1  # no tie: the smaller ratio 1/2 wins
