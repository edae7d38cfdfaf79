"""The game model: builder, compiled arrays, validation, queries and forms."""

from fractions import Fraction
from itertools import product

import pytest
from hypothesis import given, settings, strategies as st

from gametheory import ExtensiveGame, Infoset, StrategicGame, chance, decision, leaf
from gametheory.catalog import entry_game, kuhn_poker, selten_horse
from gametheory.games.forms import (has_perfect_recall, reduced_strategic_form,
                                    reduced_strategies, subgame_roots, to_networkx)
from gametheory.games.tree import CHANCE, TERMINAL


def test_entry_game_arrays():
    tree = entry_game().tree
    assert tree.parent.tolist() == [-1, 0, 0, 2, 2]
    assert tree.player.tolist() == [0, TERMINAL, 1, TERMINAL, TERMINAL]
    assert tree.first_child[0] == 1 and tree.num_children.tolist() == [2, 0, 2, 0, 0]
    assert tree.level_offsets.tolist() == [0, 1, 3, 5]
    assert [tree.exact_payoff(v, 1) for v in (1, 3, 4)] == [2, -1, 1]
    assert not tree.parent.flags.writeable


def test_breadth_first_numbering_keeps_children_contiguous():
    game = kuhn_poker()
    tree = game.tree
    for v in range(tree.n_nodes):
        for a, child in enumerate(tree.children(v)):
            assert tree.parent[child] == v and tree.action[child] == a
            assert tree.depth[child] == tree.depth[v] + 1
    assert sorted(game.preorder().tolist()) == list(range(tree.n_nodes))


def test_payoffs_add_up_along_the_path():
    game = ExtensiveGame(["A", "B"], decision("A", {
        "x": decision("B", {"u": leaf(1, 1), "v": leaf()}, payoffs=("1/2", 2)),
        "y": leaf("0.25", 0)}))
    assert game.terminal_payoffs().tolist() == [[Fraction(3, 2), Fraction(3)],
                                               [Fraction(1, 2), Fraction(2)],
                                               [Fraction(1, 4), Fraction(0)]]


def test_chance_probabilities_are_exact():
    game = ExtensiveGame(["A"], chance({"a": ("1/3", leaf(3)), "b": ("2/3", leaf(0))}))
    assert [game.tree.exact_prob(v) for v in (1, 2)] == [Fraction(1, 3), Fraction(2, 3)]


@pytest.mark.parametrize("root, message", [
    (chance({"a": ("1/2", leaf(1)), "b": ("1/3", leaf(0))}), "sum to 5/6"),
    (chance({"a": ("-1", leaf(1)), "b": ("2", leaf(0))}), "negative"),
    (decision("Nobody", {"a": leaf(1)}), "no player"),
    (decision("A", {"a": leaf(1, 2)}), "one entry per player"),
    (decision("A", {"a": decision("A", {"x": leaf(1)}, infoset="h"),
                    "b": decision("A", {"y": leaf(1), "z": leaf(2)}, infoset="h")}), "actions"),
    (decision("A", {"a": "not a node"}), "not a tree node"),
    (decision("A", {"a": leaf("x + 1")}), "unknown name"),
])
def test_bad_games_are_refused_with_a_clear_message(root, message):
    with pytest.raises(ValueError, match=message):
        ExtensiveGame(["A"], root)


def test_from_preorder_refuses_incomplete_trees():
    infosets = [Infoset(0, "", ("l", "r"))]
    with pytest.raises(ValueError, match="incomplete"):
        ExtensiveGame.from_preorder(["A"], infosets, [], [0, -1], [-1, -1])
    with pytest.raises(ValueError, match="extra nodes"):
        ExtensiveGame.from_preorder(["A"], infosets, [], [0, -1, -1, -1], [-1] * 4)


def test_symbolic_payoffs_and_substitution():
    game = ExtensiveGame(["A", "B"], decision("A", {
        "S": leaf("R - (sigma + c)*s", "s - gamma"), "N": leaf(0, 0)}),
        parameters=["R", "sigma", "c", "s", "gamma"])
    assert game.is_symbolic
    fixed = game.substitute({"R": 5, "sigma": "0.2", "c": 0, "s": 3, "gamma": 0})
    assert not fixed.is_symbolic
    assert fixed.terminal_payoffs()[0].tolist() == [Fraction(22, 5), Fraction(3)]


def test_queries_on_classic_games():
    assert entry_game().is_perfect_information and entry_game().has_perfect_recall
    horse = selten_horse()
    assert not horse.is_perfect_information and horse.has_perfect_recall
    assert subgame_roots(horse).tolist() == [0]
    assert subgame_roots(entry_game()).tolist() == [0, 2]
    assert kuhn_poker().n_infosets == 12 and kuhn_poker().has_perfect_recall


def test_absent_minded_driver_has_imperfect_recall():
    driver = ExtensiveGame(["Driver"], decision("Driver", {
        "Exit": leaf(0),
        "Continue": decision("Driver", {"Exit": leaf(4), "Continue": leaf(1)}, infoset="I")},
        infoset="I"))
    assert not has_perfect_recall(driver)
    assert [s for s in reduced_strategies(driver, 0)] == [{0: 0}, {0: 1}]


def test_forgetting_own_move_is_imperfect_recall():
    game = ExtensiveGame(["A"], decision("A", {
        "l": decision("A", {"x": leaf(1), "y": leaf(0)}, infoset="h"),
        "r": decision("A", {"x": leaf(0), "y": leaf(1)}, infoset="h")}))
    assert not game.has_perfect_recall


def test_reduced_strategic_form_by_hand():
    # Entrant: Out/In; Incumbent: Fight/Accommodate.  Hand table (rows Entrant):
    #   Out: (0, 2) (0, 2);  In: (-1, -1) (1, 1)
    form = reduced_strategic_form(entry_game())
    assert form.payoffs[0].tolist() == [[0, 0], [-1, 1]]
    assert form.payoffs[1].tolist() == [[2, 2], [-1, 1]]


def test_reduced_strategic_form_collapses_unreached_choices():
    # Player 1 moves, player 2 moves, player 1 moves again only after "a".
    game = ExtensiveGame(["1", "2"], decision("1", {
        "a": decision("2", {"c": decision("1", {"e": leaf(3, 0), "f": leaf(0, 3)}),
                            "d": leaf(1, 1)}),
        "b": leaf(2, 2)}))
    form = reduced_strategic_form(game)
    assert form.strategies == (("11", "12", "2*"), ("1", "2"))
    assert form.payoffs[0].tolist() == [[3, 1], [0, 1], [2, 2]]
    assert form.payoffs[1].tolist() == [[0, 1], [3, 1], [2, 2]]


def test_reduced_strategic_form_with_chance_and_three_players():
    horse = reduced_strategic_form(selten_horse())
    assert horse.shape == (2, 2, 2)
    # (D, c, L) pays (3, 2, 2); (C, c, R) pays (1, 1, 1).
    assert horse.payoff((1, 0, 0)) == (3, 2, 2) and horse.payoff((0, 0, 1)) == (1, 1, 1)
    kuhn = reduced_strategic_form(kuhn_poker())
    assert kuhn.shape == (27, 64)
    # Both always check then fold/check: the showdown decides 1 chip; expected value 0.
    assert kuhn.payoff((0, 0)) == (0, 0)


def test_networkx_view():
    graph = to_networkx(kuhn_poker())
    assert graph.number_of_nodes() == 55 and graph.number_of_edges() == 54
    assert graph.edges[0, 1]["probability"] == Fraction(1, 6)


def test_deep_chain_without_recursion():
    node = leaf(0, 0)
    for k in range(200_000):
        node = decision(k % 2, {"Take": leaf(1, 1), "Pass": node})
    game = ExtensiveGame(["1", "2"], node)
    assert game.n_nodes == 400_001 and game.tree.n_levels == 200_001
    assert game.has_perfect_recall and len(subgame_roots(game)) == 200_000
    assert game.tree.nbytes / game.n_nodes < 200


def test_strategic_game():
    game = StrategicGame.from_arrays([[1, "1/2"], [0, 0.1]], [[0, 0], [1, 1]])
    assert game.payoffs[0, 1, 1] == Fraction(1, 10)
    assert not game.is_constant_sum
    with pytest.raises(ValueError, match="shape"):
        StrategicGame.from_arrays([[1, 2]], [[1], [2]])


@st.composite
def random_trees(draw, players=2, max_nodes=30):
    """Random trees with chance moves, information sets only within a level of one player."""
    budget = [draw(st.integers(1, max_nodes))]

    def node(depth):
        budget[0] -= 1
        if budget[0] <= 0 or depth > 4 or draw(st.booleans()):
            return leaf(*[draw(st.integers(-5, 5)) for _ in range(players)])
        width = draw(st.integers(1, 3))
        if draw(st.integers(0, 3)) == 0:
            weights = [draw(st.integers(1, 4)) for _ in range(width)]
            return chance({f"c{k}": (Fraction(w, sum(weights)), node(depth + 1))
                           for k, w in enumerate(weights)})
        return decision(draw(st.integers(0, players - 1)),
                        {f"a{k}": node(depth + 1) for k in range(width)})
    return ExtensiveGame([str(i + 1) for i in range(players)], node(0))


@settings(max_examples=60, deadline=None)
@given(random_trees())
def test_random_trees_compile_consistently(game):
    tree = game.tree
    assert tree.n_nodes == len(game.preorder())
    reach_payoff = reduced_strategic_form(game)
    # Every pure strategy profile's payoff equals the payoff of following it down the tree.
    strategies = [reduced_strategies(game, p) for p in range(game.n_players)]
    for profile in product(*[range(len(s)) for s in strategies]):
        chosen = {}
        for p, k in enumerate(profile):
            chosen.update(strategies[p][k])
        expected = [Fraction(0)] * game.n_players
        stack = [(0, Fraction(1))]
        while stack:
            v, weight = stack.pop()
            if tree.num_children[v] == 0:
                for i in range(game.n_players):
                    expected[i] += weight * tree.exact_payoff(v, i)
            elif tree.player[v] == CHANCE:
                stack.extend((c, weight * tree.exact_prob(c)) for c in tree.children(v))
            else:
                stack.append((int(tree.first_child[v]) + chosen[int(tree.infoset[v])], weight))
        assert list(reach_payoff.payoff(profile)) == expected
