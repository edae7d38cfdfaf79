"""SPE of games with imperfect information, subgame by subgame."""

from fractions import Fraction

import pytest

from gametheory import ExtensiveGame, decision, leaf
from gametheory.catalog import kuhn_poker, selten_horse
from gametheory.solvers.regret import is_nash, subgame_regret
from gametheory.solvers.subgames import minimal_subgame, spe

F = Fraction


def entry_then_battle(out=(2, 2)):
    """Stay out, or enter a battle of the sexes (equilibria (3,1), (1,3), (3/4, 3/4))."""
    battle = decision("1", {
        "F": decision("2", {"F": leaf(3, 1), "O": leaf(0, 0)}, infoset="2"),
        "O": decision("2", {"F": leaf(0, 0), "O": leaf(1, 3)}, infoset="2")}, infoset="1b")
    return ExtensiveGame(["1", "2"], decision("1", {"Out": leaf(*out), "In": battle}))


def test_battle_after_entry_lists_every_spe():
    game = entry_then_battle()
    sol = spe(game)
    assert sol.complete and sol.count == 3
    assert sorted(e.payoffs for e in sol) == [(2, 2), (2, 2), (3, 1)]
    mixed = [e for e in sol if e.behavior[1][0] == (F(1, 4), F(3, 4))]
    assert len(mixed) == 1 and mixed[0].behavior[0] == ((1, 0), (F(3, 4), F(1, 4)))
    for e in sol:
        assert e.regret == 0 and e.subgame_regret == 0
        assert subgame_regret(game, e.behavior) == 0


def test_minimal_subgame_replaces_cut_nodes():
    game = entry_then_battle()
    sub, origin = minimal_subgame(game, 0, {2: (F(5), F(6))})
    assert sub.n_nodes == 3 and [game.infosets[h].label for h in origin] == [""]
    assert sub.terminal_payoffs().tolist() == [[2, 2], [5, 6]]


def test_selten_horse_pure_spe_are_nash():
    game = selten_horse()
    sol = spe(game)
    # one subgame (the whole game): its pure equilibria
    assert sorted(e.payoffs for e in sol) == [(1, 1, 1), (1, 1, 1), (3, 2, 2)]
    assert all(is_nash(game, e.behavior) for e in sol)


def test_limit_cuts_and_says_so():
    sol = spe(entry_then_battle(), limit=1)
    assert len(sol) == 1 and not sol.complete and sol.count is None


def test_nested_subgames_combine():
    """A battle whose coordinated outcomes each lead to another battle: 3 SPE per inner battle."""
    def battle(tag, cont):
        return decision("1", {
            "F": decision("2", {"F": cont("FF", 3, 1), "O": leaf(0, 0)}, infoset="2" + tag),
            "O": decision("2", {"F": leaf(0, 0), "O": cont("OO", 1, 3)}, infoset="2" + tag)},
            infoset="1" + tag)
    game = ExtensiveGame(["1", "2"], battle("", lambda t, a, b: battle(t, lambda *_: leaf(a, b))))
    assert len(game.subgame_roots()) == 3
    sol = spe(game)
    assert sol.complete and sol.count == len(sol)
    assert all(e.regret == 0 and e.subgame_regret == 0 for e in sol)
    # inner battles: 3 x 3 combinations, each with the outer battle's equilibria on top
    assert len(sol) >= 9


def test_kuhn_has_one_subgame_and_its_extreme_equilibria_are_nash():
    pytest.importorskip("gametheory.solvers.enummixed")
    game = kuhn_poker()
    assert len(game.subgame_roots()) == 1
