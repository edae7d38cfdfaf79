"""Tests of the one backward-induction walk (gametheory.solvers.kernel) and of its three value
domains: exact rationals, arrays over parameter points, symbolic regions."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import sympy
import pytest

from gametheory import ExtensiveGame, chance, decision, leaf
from gametheory.parameters import Parameter
from gametheory.solvers.backward_induction import spe
from gametheory.solvers.kernel import (backward_walk, best_actions, equilibrium_path,
                                       expectation, first_best, group_best, levels, path_to,
                                       walk_levels)
from gametheory.symbolic.parametric import parametric_spe
from gametheory.symbolic.sweep import sweep


def lottery(win=4, safe=1):
    """A chooses ``safe`` or a lottery: 1/3 of ``win``, 2/3 of B choosing between 0 and 3 for A
    (B gets 1 from either: a tie)."""
    return ExtensiveGame(["A", "B"], decision("A", {
        "safe": leaf(safe, 0),
        "risky": chance({"win": (Fraction(1, 3), leaf(win, 0)),
                         "lose": (Fraction(2, 3), decision("B", {"l": leaf(0, 1),
                                                                   "r": leaf(3, 1)}))})}))


class MaxFirst:
    """An exact domain: values are payoff tuples; a mover takes its first best child."""

    def __init__(self, game):
        self.game, self.tree = game, game.tree
        self.tied: list[int] = []
        self.seen: list[int] = []

    def terminal(self, v):
        self.seen.append(v)
        return tuple(self.tree.exact_payoff(v, i) for i in range(self.game.n_players))

    def chance(self, v, children, values):
        self.seen.append(v)
        return expectation([self.tree.exact_prob(c) for c in children],
                           [values[c] for c in children])

    def decision(self, v, mover, children, values):
        self.seen.append(v)
        tied = best_actions([values[c][mover] for c in children])
        if len(tied) > 1:
            self.tied.append(v)
        return values[children[tied[0]]]


def test_walk_values_children_before_parents_and_ties():
    game = lottery()
    domain = MaxFirst(game)
    values = backward_walk(game.tree, domain, keep=True)
    # B ties (1 = 1) and takes l: A's lottery is 1/3 * 4 + 2/3 * 0 = 4/3 > 1
    assert values[0] == (Fraction(4, 3), Fraction(2, 3))
    assert domain.tied == [int(game.tree.parent[game.n_nodes - 1])]
    position = {v: k for k, v in enumerate(domain.seen)}
    assert all(position[c] < position[v] for v in range(game.n_nodes)
               for c in game.tree.children(v))
    # the mutated game: a win of 2 makes the lottery worth 2/3 < 1
    assert backward_walk(lottery(win=2).tree, MaxFirst(lottery(win=2)))[0] == (1, 0)


def test_walk_drops_children_unless_kept():
    game = lottery()
    dropped = backward_walk(game.tree, MaxFirst(game))
    kept = backward_walk(game.tree, MaxFirst(game), keep=True)
    assert dropped[0] == kept[0]
    assert all(x is None for x in dropped[1:]) and all(x is not None for x in kept)


def test_best_actions_and_first_best():
    assert best_actions([Fraction(1, 3), Fraction(2, 6), 0]) == [0, 1]
    assert best_actions([0, 1]) == [1]
    best, tied = first_best(np.array([[1.0, 2.0, 5.0], [1.0 + 1e-14, 2.5, 4.0]]), atol=1e-12)
    assert best.tolist() == [1, 1, 0] and tied.tolist() == [True, False, False]
    assert first_best(np.array([[1.0], [1.0 + 1e-14]]))[1].tolist() == [False]


def test_group_best_and_levels():
    column = np.array([1, 1, 0, 7, 2, 7])
    starts, group = np.array([0, 3]), np.array([0, 0, 0, 1, 1, 1])
    is_best, n_best, pick = group_best(column, starts, group)
    assert n_best.tolist() == [2, 2] and pick.tolist() == [0, 3]
    assert group_best(column, starts, group, last=True)[2].tolist() == [1, 5]
    game = lottery()
    depths = [level.depth for level in levels(game.tree)]
    assert depths == list(range(game.tree.n_levels - 1, -1, -1))
    assert sorted(v for level in levels(game.tree)
                  for v in level.leaves.tolist() + level.inner.tolist()) == list(
        range(game.n_nodes))


def test_walk_levels_matches_the_node_walk():
    plain = ExtensiveGame(["A", "B"], decision("A", {
        "x": decision("B", {"l": leaf(2, 1), "r": leaf(5, 1)}), "y": leaf(2, 0)}))
    ints = np.array([[int(plain.tree.exact_payoff(v, i)) for i in range(2)]
                     for v in range(plain.n_nodes)])
    val, choice, tied = walk_levels(plain.tree, 2, np.int64, lambda level: ints[level.leaves],
                                    np.ones(plain.n_nodes, dtype=np.int64))
    # B ties between l and r (1 = 1) and takes l: A gets 2 from x and 2 from y, a tie too
    assert sorted(tied) == [0, 1]
    assert val[0].tolist() == [2, 1] and int(choice[0]) == 1
    val, choice, _ = walk_levels(plain.tree, 2, np.int64, lambda level: ints[level.leaves],
                                 np.ones(plain.n_nodes, dtype=np.int64), last=True)
    # B's last best action is r, worth 5 to A: then A's x is strictly best
    assert val[0].tolist() == [5, 1] and int(choice[0]) == 1
    # the node walk on the same tree gives the same first-best value
    assert backward_walk(plain.tree, MaxFirst(plain))[0] == (2, 1)


def test_paths():
    game = lottery()
    (root_infoset,) = {int(game.tree.infoset[0])}
    b_node = int(game.tree.parent[game.n_nodes - 1])
    choices = {root_infoset: (0, 1), int(game.tree.infoset[b_node]): (0, 1)}
    assert equilibrium_path(game, choices) == ("risky", "win", "lose", "r")
    choices[root_infoset] = (1, 0)
    assert equilibrium_path(game, choices) == ("safe",)
    assert path_to(game, game.n_nodes - 1) == ("risky", "lose", "r")
    assert path_to(game, 0) == ()


def lottery_in_w(w="w", parameters=(Parameter("w", "real"),)):
    """A takes ``safe`` (1) or a lottery: 1/3 of ``w``, 2/3 of B's move, where B strictly
    prefers r (-3 for A).  The lottery is worth w/3 - 2 to A: better iff w > 9."""
    return ExtensiveGame(["A", "B"], decision("A", {
        "safe": leaf(1, 0),
        "risky": chance({"win": (Fraction(1, 3), leaf(w, 0)),
                         "lose": (Fraction(2, 3), decision("B", {"l": leaf(0, 1),
                                                                   "r": leaf(-3, 2)}))})}),
        parameters=list(parameters))


@pytest.mark.parametrize("w", [Fraction(0), Fraction(6), Fraction(10), Fraction(27, 2)])
def test_three_domains_agree(w):
    """Exact, array and symbolic values of one game at one parameter point are the same."""
    game = lottery_in_w()
    risky = w > 9
    (exact,) = spe(lottery_in_w(w, ())).equilibria
    assert exact.payoffs[0] == (w / 3 - 2 if risky else 1)
    swept = sweep(game, {"w": [float(w)]}, progress=False)
    assert swept.payoffs[0, 0] == pytest.approx(float(exact.payoffs[0]))
    assert (swept.terminal[0] == -1) == risky      # past a chance node the terminal is -1
    (piece,) = [p for p in parametric_spe(game, generic=True)
                if p.region.contains({"w": w})]
    at = {game.symbols["w"]: sympy.Rational(w.numerator, w.denominator)}
    assert piece.payoffs[0].xreplace(at) == exact.payoffs[0]
    assert (piece.path[0] == "risky") == risky
