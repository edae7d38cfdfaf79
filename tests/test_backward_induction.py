"""Backward induction: all pure SPE of perfect-information trees, against brute force."""

from fractions import Fraction
from itertools import product

import pytest
from hypothesis import given, settings, strategies as st

from gametheory import ExtensiveGame, chance, decision, leaf
from gametheory.catalog import centipede, entry_game
import gametheory.solvers.backward_induction as bi_module
from gametheory.solvers.backward_induction import spe
from gametheory.solvers.behavior import pure_behavior
from gametheory.solvers.regret import regret, subgame_regret

F = Fraction


def tie_game():
    return ExtensiveGame(["A", "B"], decision("A", {
        "x": decision("B", {"l": leaf(0, 1), "r": leaf(2, 1)}), "y": leaf(1, 0)}))


def test_entry_game_unique_spe():
    sol = spe(entry_game())
    assert sol.count == 1 and sol.complete
    (eq,) = sol.equilibria
    assert eq.payoffs == (1, 1)
    assert eq.behavior == pure_behavior(entry_game(), [[1], [1]])
    assert eq.regret == 0 and eq.subgame_regret == 0


def test_ties_are_enumerated_not_broken():
    sol = spe(tie_game())
    assert sol.count == 2
    assert sorted(e.payoffs for e in sol) == [(1, 0), (2, 1)]
    # B indifferent: l makes A take y, r makes A take x
    by_payoff = {e.payoffs: e.behavior for e in sol}
    assert by_payoff[(1, 0)] == pure_behavior(tie_game(), [[1], [0]])
    assert by_payoff[(2, 1)] == pure_behavior(tie_game(), [[0], [1]])


def test_tie_break_rules():
    assert [e.payoffs for e in spe(tie_game(), tie_break="first")] == [(1, 0)]
    assert [e.payoffs for e in spe(tie_game(), tie_break="last")] == [(2, 1)]
    picked = spe(tie_game(), tie_break=lambda game, node, tied: tied[-1])
    assert [e.payoffs for e in picked] == [(2, 1)]
    with pytest.raises(ValueError):
        spe(tie_game(), tie_break=lambda game, node, tied: 7)
    with pytest.raises(ValueError):
        spe(tie_game(), tie_break="random")


def test_limit_and_count():
    # four indifferent movers under a chance node: 2**4 SPE, all with the same payoffs
    game = ExtensiveGame(["A"], chance({f"c{k}": (F(1, 4), decision("A", {"l": leaf(1), "r": leaf(1)}))
                                        for k in range(4)}))
    sol = spe(game, limit=5)
    assert sol.count == 16 and len(sol) == 5 and not sol.complete
    assert len({e.behavior for e in sol}) == 5


def test_centipede_last_mover_indifferent():
    sol = spe(centipede(4))
    assert sorted(e.payoffs for e in sol) == [(2, 0), (5, 5)]


def test_chance_expectation_exact():
    game = ExtensiveGame(["A", "B"], chance({
        "h": ("1/3", decision("A", {"a": leaf(3, 0), "b": leaf(0, 1)})),
        "t": ("2/3", decision("B", {"a": leaf("1/7", 2), "b": leaf(5, 1)}))}))
    (eq,) = spe(game).equilibria
    assert eq.payoffs == (F(1) + F(2, 3) * F(1, 7), F(4, 3))


def test_rejects_imperfect_information():
    from gametheory.catalog import selten_horse
    with pytest.raises(ValueError):
        spe(selten_horse())


def test_deep_chain_has_no_recursion():
    node = leaf(0, 0)
    for k in range(5000):
        node = decision(k % 2, {"stop": leaf(k % 3, 1), "go": node})
    game = ExtensiveGame(["A", "B"], node)
    sol = spe(game, limit=3)
    assert sol.count >= 1 and all(e.subgame_regret == 0 for e in sol)


# ------------------------------------------------------------------ brute force comparison

def _brute_force(game):
    """Payoffs and behaviour of all pure profiles passing the one-shot-deviation test."""
    tree = game.tree
    sets = game.player_infosets
    sizes = [[len(game.infosets[h].actions) for h in s] for s in sets]
    flat = [(p, j) for p in range(game.n_players) for j in range(len(sets[p]))]
    out = set()
    for combo in product(*(range(sizes[p][j]) for p, j in flat)):
        choices = [[0] * len(s) for s in sets]
        for (p, j), a in zip(flat, combo):
            choices[p][j] = a
        action_at = {sets[p][j]: choices[p][j] for p, j in flat}
        value = {}
        ok = True
        for v in range(tree.n_nodes - 1, -1, -1):
            kids = list(tree.children(v))
            if not kids:
                value[v] = tuple(tree.exact_payoff(v, i) for i in range(game.n_players))
                continue
            who = int(tree.player[v])
            if who < 0:
                value[v] = tuple(sum(tree.exact_prob(c) * value[c][i] for c in kids)
                                 for i in range(game.n_players))
                continue
            chosen = kids[action_at[int(tree.infoset[v])]]
            if any(value[c][who] > value[chosen][who] for c in kids):
                ok = False
                break
            value[v] = value[chosen]
        if ok:
            out.add((value[0], pure_behavior(game, choices)))
    return out


@st.composite
def pi_trees(draw):
    n_players = draw(st.integers(1, 3))

    def node(depth):
        kind = draw(st.sampled_from(["leaf", "move", "move", "chance"]) if depth < 3 else
                    st.just("leaf"))
        if kind == "leaf":
            return leaf(*[draw(st.integers(0, 2)) for _ in range(n_players)])
        k = draw(st.integers(1, 3))
        if kind == "chance":
            weights = [draw(st.integers(1, 3)) for _ in range(k)]
            return chance({f"c{a}": (F(w, sum(weights)), node(depth + 1))
                           for a, w in enumerate(weights)})
        return decision(draw(st.integers(0, n_players - 1)),
                        {f"a{a}": node(depth + 1) for a in range(k)})

    root = node(0)
    if isinstance(root, type(leaf(0))):
        root = decision(0, {"only": root})
    return ExtensiveGame([f"P{i}" for i in range(n_players)], root)


@settings(max_examples=80, deadline=None)
@given(game=pi_trees(), narrow=st.booleans())
def test_spe_equals_brute_force(game, narrow):
    """Both code paths (numpy levels, plain loop) against brute force."""
    original = bi_module.is_narrow
    bi_module.is_narrow = lambda n, levels: narrow
    try:
        sol = spe(game, limit=10_000)
    finally:
        bi_module.is_narrow = original
    expected = _brute_force(game)
    assert sol.complete and sol.count == len(expected)
    assert {(e.payoffs, e.behavior) for e in sol} == expected
    for e in sol:
        assert e.regret == 0 and e.subgame_regret == 0
        assert regret(game, e.behavior) == 0 and subgame_regret(game, e.behavior) == 0


@settings(max_examples=30, deadline=None)
@given(game=pi_trees())
def test_tie_break_gives_one_of_the_spe(game):
    every = {(e.payoffs, e.behavior) for e in spe(game, limit=10_000)}
    for rule in ("first", "last"):
        (eq,) = spe(game, tie_break=rule).equilibria
        assert (eq.payoffs, eq.behavior) in every


def test_big_payoffs_fall_back_to_python_integers():
    big = 2**70
    game = ExtensiveGame(["A", "B"], chance({
        "h": ("1/3", decision("A", {"a": leaf(big, 0), "b": leaf(0, 1)})),
        "t": ("2/3", decision("B", {"a": leaf(1, big), "b": leaf(5, 1)}))}))
    (eq,) = spe(game).equilibria
    assert eq.payoffs == (F(big, 3) + F(2, 3), F(2 * big, 3))


def test_every_spe_below_a_chance_move_of_probability_zero():
    """A subgame reached with probability 0 is still a subgame: V's tie there gives two SPE.

    Below a zero-probability chance move every value of V's subgame weighs 0 at the chance
    node; the SPE count must not merge V's two equilibria into one.  With probability 1/2 the
    tie is on the path and A's best reply differs, so the two SPE differ in A's move too.
    """
    def game(p, q, v_at_y=1):
        veto = decision("V", {"x": leaf(5, 1), "y": leaf(-5, v_at_y)})
        return ExtensiveGame(["A", "V"], decision("A", {
            "go": chance({"involved": (p, veto), "not": (q, leaf(2, 0))}),
            "stop": leaf(0, 0)}))

    zero = spe(game("0", "1"))
    assert sorted(e.behavior[1][0] for e in zero.equilibria) == [(0, 1), (1, 0)]
    assert all(e.behavior[0][0] == (1, 0) and e.subgame_regret == 0 for e in zero.equilibria)
    half = spe(game("1/2", "1/2"))
    assert sorted((e.behavior[0][0], e.behavior[1][0]) for e in half.equilibria) == [
        ((0, 1), (0, 1)), ((1, 0), (1, 0))]
    untied = spe(game("0", "1", v_at_y=0))                  # V strictly prefers x: one SPE
    assert [e.behavior[1][0] for e in untied.equilibria] == [(1, 0)]
