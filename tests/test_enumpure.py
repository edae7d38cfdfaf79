"""Tests for gametheory.solvers.enumpure (pure equilibria of n-player games)."""

from __future__ import annotations

import itertools
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from gametheory.io import read
from gametheory.solvers.enumpure import pure_equilibria

from conftest import GAMBIT, expected_games


def brute_force(payoffs) -> list[tuple[int, ...]]:
    """Profiles where no player gains by a unilateral deviation, checked one by one."""
    payoffs = np.asarray(payoffs, dtype=object)
    shape = payoffs.shape[1:]
    found = []
    for profile in itertools.product(*(range(s) for s in shape)):
        stable = True
        for player, size in enumerate(shape):
            for other in range(size):
                deviation = profile[:player] + (other,) + profile[player + 1:]
                if payoffs[(player, *deviation)] > payoffs[(player, *profile)]:
                    stable = False
        if stable:
            found.append(profile)
    return found


def test_prisoners_dilemma():
    assert pure_equilibria([[[3, 0], [5, 1]], [[3, 5], [0, 1]]]) == [(1, 1)]


def test_coordination_game_in_c_order():
    A = [[2, 0, 0], [0, 1, 0], [0, 0, 1]]
    assert pure_equilibria([A, A]) == [(0, 0), (1, 1), (2, 2)]


def test_matching_pennies_has_none():
    A = [[1, -1], [-1, 1]]
    assert pure_equilibria([A, np.negative(A)]) == []


def test_fractions_are_compared_exactly():
    tiny = Fraction(1, 10**30)
    A = np.array([[1, 1], [0, 0]], dtype=object)
    B = np.array([[Fraction(1, 3), Fraction(1, 3) + tiny], [0, 0]], dtype=object)
    assert pure_equilibria(np.stack([A, B])) == [(0, 1)]


def test_three_players_one_strategy_each_and_a_trivial_game():
    assert pure_equilibria(np.zeros((3, 1, 1, 1), dtype=int)) == [(0, 0, 0)]
    assert pure_equilibria([[5, 3, 5]]) == [(0,), (2,)]


def test_wrong_dimension():
    with pytest.raises(ValueError):
        pure_equilibria(np.zeros((3, 2, 2), dtype=int))


@pytest.mark.parametrize("name, expected", expected_games("enumpure", n_players=None))
def test_matches_pygambit_enumpure(name, expected):
    payoffs = read(GAMBIT / name).payoffs
    found = pure_equilibria(payoffs)
    theirs = set()
    for e in expected["equilibria"]:
        profile = [Fraction(p) for player in e["strategy"] for p in player]
        assert set(profile) <= {0, 1}
        theirs.add(tuple(player.index("1") for player in e["strategy"]))
    assert set(found) == theirs and len(found) == expected["n_equilibria"]


@settings(max_examples=200, deadline=None)
@given(
    st.integers(1, 4).flatmap(
        lambda n: arrays(np.int64, st.tuples(st.just(n), *[st.integers(1, 3)] * n),
                         elements=st.integers(-2, 2))
    )
)
def test_equals_brute_force_for_int_and_object_arrays(payoffs):
    expected = brute_force(payoffs)
    assert pure_equilibria(payoffs) == expected
    as_fractions = np.vectorize(lambda v: Fraction(int(v), 3), otypes=[object])(payoffs)
    assert pure_equilibria(as_fractions) == expected
