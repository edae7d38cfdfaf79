"""Tests for gametheory.solvers.lemke_howson (exact Lemke-Howson by integer pivoting)."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gametheory.io import read
from gametheory.solvers.enummixed import enumerate_extreme_equilibria
from gametheory.solvers.lemke_howson import (
    lemke_howson,
    lemke_howson_all_labels,
    positive_integer_matrix,
)
from gametheory.solvers.pivoting import IntegerTableau, eliminate

from conftest import GAMBIT, NASHPY_82_A, NASHPY_82_B, eq, games, regrets

A_3x2 = [[3, 3], [2, 5], [0, 6]]
B_3x2 = [[3, 2], [2, 6], [3, 1]]


@pytest.mark.parametrize(
    "label, expected",
    [
        # The 3x2 example of von Stengel (2007, section 3.6); labels 0-2 are the rows, 3-4
        # the columns. Label 0 by hand: x_0 enters P, column 0 (label 3) gets tight, y_0
        # enters Q, row 0 (label 0) gets tight: the pure equilibrium, in two pivots.
        (0, eq([1, 0, 0], [1, 0])),
        (1, eq([0, "1/3", "2/3"], ["1/3", "2/3"])),
        (2, eq([1, 0, 0], [1, 0])),
        (3, eq([1, 0, 0], [1, 0])),
        (4, eq([0, "1/3", "2/3"], ["1/3", "2/3"])),
    ],
)
def test_von_stengel_3x2_paths(label, expected):
    assert lemke_howson(A_3x2, B_3x2, initial_dropped_label=label) == expected


def test_all_labels_miss_the_equilibrium_of_negative_index():
    found = lemke_howson_all_labels(A_3x2, B_3x2)
    assert found == sorted([eq([1, 0, 0], [1, 0]), eq([0, "1/3", "2/3"], ["1/3", "2/3"])])
    assert eq(["4/5", "1/5", 0], ["2/3", "1/3"]) in enumerate_extreme_equilibria(A_3x2, B_3x2)


def test_matching_pennies():
    A = [[1, -1], [-1, 1]]
    for label in range(4):
        assert lemke_howson(A, np.negative(A), label) == eq(["1/2", "1/2"], ["1/2", "1/2"])


def test_degenerate_games_do_not_cycle_and_end_at_equilibria():
    zero = [[0, 0], [0, 0]]
    for label in range(4):
        x, y = lemke_howson(zero, zero, label)
        assert regrets(zero, zero, x, y) == (0, 0)
    A, B = -np.array(NASHPY_82_A), -np.array(NASHPY_82_B)
    found = lemke_howson_all_labels(A, B)
    assert found and set(found) <= set(enumerate_extreme_equilibria(A, B))


def test_von_stengel_6x6_game():
    path = GAMBIT / "6x6_game_with_75_eq.nfg"
    if not path.exists():
        pytest.skip("shared game files are absent")
    A, B = read(path).payoffs
    every = set(enumerate_extreme_equilibria(A, B))
    found = lemke_howson_all_labels(A, B)
    assert found and set(found) <= every


def test_label_out_of_range():
    with pytest.raises(ValueError):
        lemke_howson(A_3x2, B_3x2, initial_dropped_label=5)


def test_positive_integer_matrix_keeps_best_responses():
    M = [[Fraction(-1, 2), Fraction(1, 3)], [2, 0]]
    assert positive_integer_matrix(M) == [[1, 6], [16, 4]]


def test_integer_pivot_matches_rational_pivot():
    # Pivoting z_1 into the basis of 2 z_0 + z_1 + s_0 = 1, z_0 + 3 z_1 + s_1 = 1.
    t = IntegerTableau([[2, 1], [1, 3]], column_variables=[0, 1], row_variables=[2, 3])
    row = t.leaving_row(1)
    assert t.basic[row] == 3
    t.pivot(row, 1)
    assert t.values() == {2: Fraction(2, 3), 1: Fraction(1, 3)}
    assert eliminate([0, 0, 4], [2, 1, 1], column=0, det=1) == [0, 0, 8]


@settings(max_examples=150, deadline=None)
@given(games(max_size=5, values=4), st.integers(0, 9))
def test_every_answer_has_zero_regret(game, label):
    A, B = game
    m, n = len(A), len(A[0])
    x, y = lemke_howson(A, B, label % (m + n))
    assert sum(x) == 1 and sum(y) == 1 and min(x) >= 0 and min(y) >= 0
    assert regrets(A, B, x, y) == (0, 0)
