"""Exact regret: strategic games, trees (sequence best response vs. enumeration), subgames."""

from fractions import Fraction
import pytest
from hypothesis import given, settings, strategies as st

from gametheory import StrategicGame
from gametheory.catalog import entry_game, kuhn_poker, matching_pennies, prisoners_dilemma
from gametheory.solvers.behavior import (behavior_from_mixed, expected_payoffs, pure_behavior,
                                         uniform_behavior)
from gametheory.solvers.regret import (_enumerated_best_response, agent_regret,
                                       best_response_value, is_nash, is_subgame_perfect,
                                       player_regrets, regret, strategic_payoffs, subgame_regret)

F = Fraction


def test_strategic_regret_by_hand():
    assert player_regrets(prisoners_dilemma(), [[1, 0], [1, 0]]) == (2, 2)
    assert regret(prisoners_dilemma(), [[0, 1], [0, 1]]) == 0
    assert is_nash(matching_pennies(), [["1/2", "1/2"], ["1/2", "1/2"]])
    # pure H against 1/2-1/2: the row player is indifferent, the column player gains 1
    assert player_regrets(matching_pennies(), [[1, 0], ["1/2", "1/2"]]) == (0, 1)


def test_rejects_bad_profiles():
    with pytest.raises(ValueError):
        regret(matching_pennies(), [[1, 1], [1, 0]])
    with pytest.raises(ValueError):
        regret(entry_game(), [[[1, 0]]])


def test_entry_game_nash_but_not_subgame_perfect():
    game = entry_game()
    out_fight = pure_behavior(game, [[0], [0]])
    assert is_nash(game, out_fight)
    assert subgame_regret(game, out_fight) == 2          # fighting costs 2 in the subgame
    assert not is_subgame_perfect(game, out_fight)
    assert is_subgame_perfect(game, pure_behavior(game, [[1], [1]]))


def test_kuhn_uniform_payoff():
    # each deal 1/6; by hand: uniform play gives the first player 1/8
    assert expected_payoffs(kuhn_poker(), uniform_behavior(kuhn_poker())) == (F(1, 8), F(-1, 8))


@settings(max_examples=15, deadline=None)
@given(st.lists(st.integers(0, 4), min_size=12, max_size=12))
def test_sequence_best_response_equals_enumeration(weights):
    """Kuhn poker: the sequence-form best response equals trying all 64 pure strategies."""
    game = kuhn_poker()
    behavior, k = [], 0
    for sets in game.player_infosets:
        mine = []
        for _ in sets:
            a, b = weights[k] + 1, weights[(k + 5) % 12]
            mine.append((F(a, a + b), F(b, a + b)))
            k += 1
        behavior.append(tuple(mine))
    behavior = tuple(behavior)
    for player in range(2):
        assert best_response_value(game, behavior, player) == \
            _enumerated_best_response(game, behavior, player, 0)


def test_kuhn_known_equilibrium():
    # Kuhn (1950): P1 bets J w.p. 1/3 (alpha), checks Q, bets K w.p. 1; after check-bet calls
    # Q w.p. 2/3 (alpha + 1/3), folds J, calls K.  P2 bets J after check w.p. 1/3, checks Q,
    # bets K; calls a bet with Q w.p. 1/3, folds J, calls K.  Value -1/18.
    game = kuhn_poker()
    labels = {h: game.infosets[h].label for h in range(len(game.infosets))}
    plan = {"P1 has J": (F(2, 3), F(1, 3)), "P1 has Q": (1, 0), "P1 has K": (0, 1),
            "P1 has J after check-bet": (1, 0), "P1 has Q after check-bet": (F(1, 3), F(2, 3)),
            "P1 has K after check-bet": (0, 1),
            "P2 has J after check": (F(2, 3), F(1, 3)), "P2 has Q after check": (1, 0),
            "P2 has K after check": (0, 1), "P2 has J after bet": (1, 0),
            "P2 has Q after bet": (F(2, 3), F(1, 3)), "P2 has K after bet": (0, 1)}
    behavior = tuple(tuple(plan[labels[h]] for h in sets) for sets in game.player_infosets)
    assert expected_payoffs(game, behavior)[0] == F(-1, 18)
    assert regret(game, behavior) == 0
    assert agent_regret(game, behavior) == 0


@settings(max_examples=25, deadline=None)
@given(st.lists(st.integers(-3, 3), min_size=12, max_size=12),
       st.lists(st.integers(0, 3), min_size=7, max_size=7))
def test_strategic_regret_is_max_pure_deviation(payoffs, mix):
    game = StrategicGame.from_arrays([payoffs[0:3], payoffs[3:6]],
                                     [payoffs[6:9], payoffs[9:12]])
    x = [F(mix[0] + 1, mix[0] + mix[1] + 1), F(mix[1], mix[0] + mix[1] + 1)]
    y = [F(m + 1, sum(mix[2:5]) + 3) for m in mix[2:5]]
    current = strategic_payoffs(game, [x, y])
    best_row = max(strategic_payoffs(game, [[int(k == r) for k in range(2)], y])[0]
                   for r in range(2))
    best_col = max(strategic_payoffs(game, [x, [int(k == c) for k in range(3)]])[1]
                   for c in range(3))
    assert player_regrets(game, [x, y]) == (best_row - current[0], best_col - current[1])


def test_behavior_from_mixed_is_realization_equivalent():
    from gametheory.games.forms import reduced_strategic_form
    game = kuhn_poker()
    form = reduced_strategic_form(game)
    x = [F(0)] * form.shape[0]
    y = [F(0)] * form.shape[1]
    x[0], x[5], y[3], y[10] = F(1, 2), F(1, 2), F(1, 3), F(2, 3)
    behavior = behavior_from_mixed(game, [x, y])
    assert expected_payoffs(game, behavior) == strategic_payoffs(form, [x, y])
