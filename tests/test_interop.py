"""nashpy interop: exact round trips, and nashpy's answers agree with ours."""

from fractions import Fraction

import nashpy
import numpy as np
import pytest

import gametheory as gt
from gametheory.catalog import matching_pennies
from gametheory.interop import from_nashpy, to_nashpy


def test_round_trip_is_exact():
    game = gt.StrategicGame.from_arrays([[Fraction(1, 10), 3], [0, Fraction(-5, 2)]],
                                        [[2, 0], [Fraction(7, 4), 1]])
    back = from_nashpy(to_nashpy(game))
    assert back.payoffs.tolist() == game.payoffs.tolist()


def test_nashpy_equilibria_match_ours():
    game = gt.StrategicGame.from_arrays([[3, 0], [5, 1]], [[3, 5], [0, 1]])  # prisoners' dilemma
    ours = gt.solve(game, method="enummixed")
    theirs = list(to_nashpy(game).support_enumeration())
    assert len(ours) == len(theirs) == 1
    assert np.allclose([float(p) for p in ours[0].strategies[0]], theirs[0][0])


def test_learning_dynamics_run_on_our_games():
    rows, cols = list(to_nashpy(matching_pennies()).fictitious_play(iterations=50))[-1]
    assert rows.sum() == cols.sum() == 50


def test_refusals():
    with pytest.raises(ValueError, match="2-player"):
        to_nashpy(gt.StrategicGame.from_arrays(np.zeros((2, 2, 2)), np.zeros((2, 2, 2)),
                                               np.zeros((2, 2, 2))))
    assert isinstance(from_nashpy(nashpy.Game([[1]], [[2]])), gt.StrategicGame)
