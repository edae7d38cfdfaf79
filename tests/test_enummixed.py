"""Tests for gametheory.solvers.enummixed (all extreme equilibria of bimatrix games)."""

from __future__ import annotations

import itertools
import json
import re
from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gametheory.solvers.enummixed import enumerate_extreme_equilibria, polytope_vertices
from gametheory.solvers.lemke_howson import IntegerTableau, lemke_howson_all_labels

SHARED = Path(__file__).resolve().parents[2] / "shared"
GAMBIT = SHARED / "games" / "gambit"

F = Fraction


def eq(x, y):
    """An equilibrium from probabilities written as strings or numbers."""
    return tuple(map(Fraction, x)), tuple(map(Fraction, y))


def regrets(A, B, x, y):
    """The exact regrets of the row and the column player at ``(x, y)``."""
    A, B = np.asarray(A, dtype=object), np.asarray(B, dtype=object)
    x, y = np.asarray(x, dtype=object), np.asarray(y, dtype=object)
    row_values, column_values = A.dot(y), x.dot(B)
    return max(row_values) - x.dot(row_values), max(column_values) - column_values.dot(y)


def solve(rows: list[list[Fraction]], rhs: list[Fraction]) -> list[Fraction] | None:
    """The unique solution of a square system by Gauss-Jordan elimination, else None."""
    k = len(rows)
    m = [row[:] + [b] for row, b in zip(rows, rhs)]
    for c in range(k):
        pivot = next((r for r in range(c, k) if m[r][c] != 0), None)
        if pivot is None:
            return None
        m[c], m[pivot] = m[pivot], m[c]
        for r in range(k):
            if r != c and m[r][c] != 0:
                f = m[r][c] / m[c][c]
                m[r] = [a - f * b for a, b in zip(m[r], m[c])]
    return [m[r][k] / m[r][r] for r in range(k)]


def brute_force_vertices(M) -> set[tuple[Fraction, ...]]:
    """Vertices of ``{z >= 0 : M z <= 1}`` by trying every set of ``d`` tight constraints."""
    M = [[Fraction(v) for v in row] for row in M]
    d = len(M[0])
    constraints = [([Fraction(int(i == j)) for j in range(d)], Fraction(0)) for i in range(d)]
    constraints += [(row, Fraction(1)) for row in M]
    vertices = set()
    for tight in itertools.combinations(constraints, d):
        z = solve([a for a, _ in tight], [b for _, b in tight])
        if z is None or any(v < 0 for v in z):
            continue
        if all(sum(a * v for a, v in zip(row, z)) <= 1 for row in M):
            vertices.add(tuple(z))
    return vertices


def brute_force_equilibria(A, B) -> set:
    """All extreme equilibria from brute-force vertex sets, paired by labels (an oracle)."""
    A = [[Fraction(v) for v in row] for row in np.asarray(A, dtype=object).tolist()]
    B = [[Fraction(v) for v in row] for row in np.asarray(B, dtype=object).tolist()]
    low = min(min(min(r) for r in A), min(min(r) for r in B))
    A = [[v - low + 1 for v in row] for row in A]
    B = [[v - low + 1 for v in row] for row in B]
    m, n = len(A), len(A[0])
    BT = [[B[i][j] for i in range(m)] for j in range(n)]

    def labels_p(x):
        zero = {i for i in range(m) if x[i] == 0}
        return zero | {m + j for j in range(n) if sum(BT[j][i] * x[i] for i in range(m)) == 1}

    def labels_q(y):
        zero = {m + j for j in range(n) if y[j] == 0}
        return zero | {i for i in range(m) if sum(A[i][j] * y[j] for j in range(n)) == 1}

    found = set()
    for x in brute_force_vertices(BT):
        for y in brute_force_vertices(A):
            if any(x) and any(y) and labels_p(x) | labels_q(y) == set(range(m + n)):
                found.add((tuple(v / sum(x) for v in x), tuple(v / sum(y) for v in y)))
    return found


def read_nfg(path: Path) -> np.ndarray:
    """Payoffs ``(n_players, s_1, ..., s_n)`` of a Gambit .nfg file (both body versions)."""
    tokens = [t for t in re.findall(r'"(?:[^"\\]|\\.)*"|[{}]|[^\s{},"]+', path.read_text())]
    pos = 3
    assert tokens[:2] == ["NFG", "1"] and tokens[pos].startswith('"')
    pos += 1

    def block(pos):
        """The tokens of a braced block starting at ``pos`` and the position after it."""
        depth, start = 0, pos
        while True:
            depth += {"{": 1, "}": -1}.get(tokens[pos], 0)
            pos += 1
            if depth == 0:
                return tokens[start:pos], pos

    players, pos = block(pos)
    n_players = len(players) - 2
    strategies, pos = block(pos)
    if strategies[1] == "{":
        counts, current = [], 0
        for t in strategies[1:-1]:
            if t == "{":
                current = 0
            elif t == "}":
                counts.append(current)
            else:
                current += 1
    else:
        counts = [int(t) for t in strategies[1:-1]]
    if pos < len(tokens) and tokens[pos].startswith('"'):
        pos += 1
    size = int(np.prod(counts))
    if tokens[pos] == "{":
        outcome_block, pos = block(pos)
        outcomes, current = [], None
        for t in outcome_block[1:-1]:
            if t == "{":
                current = []
            elif t == "}":
                outcomes.append(current[1:])
            else:
                current.append(t)
        table = [[Fraction(0)] * n_players if int(k) == 0 else
                 [Fraction(v) for v in outcomes[int(k) - 1]] for k in tokens[pos:pos + size]]
    else:
        flat = [Fraction(v) for v in tokens[pos:pos + size * n_players]]
        table = [flat[k * n_players:(k + 1) * n_players] for k in range(size)]
    payoffs = np.empty((n_players, *counts), dtype=object)
    for k, profile in enumerate(itertools.product(*(range(c) for c in reversed(counts)))):
        payoffs[(slice(None), *reversed(profile))] = table[k]
    return payoffs


def expected_games(method: str, n_players: int | None = 2):
    """(file, expected entry) for the .nfg files where pygambit's ``method`` succeeded."""
    path = GAMBIT / "expected.json"
    if not path.exists():
        return []
    games = json.loads(path.read_text())["games"]
    return [
        pytest.param(g["file"], g["methods"][method], id=g["file"])
        for g in games
        if g["file"].endswith(".nfg")
        and method in g["methods"]
        and g["methods"][method]["status"] == "ok"
        and (n_players is None or g["n_players"] == n_players)
    ]


# --- textbook and issue games ---------------------------------------------------------------

def test_von_stengel_3x2_has_exactly_three_equilibria():
    A = [[3, 3], [2, 5], [0, 6]]
    B = [[3, 2], [2, 6], [3, 1]]
    assert enumerate_extreme_equilibria(A, B) == sorted([
        eq([1, 0, 0], [1, 0]),
        eq(["4/5", "1/5", 0], ["2/3", "1/3"]),
        eq([0, "1/3", "2/3"], ["1/3", "2/3"]),
    ])


NASHPY_82_A = [[0, 0, 6, 0, 0], [0, 0, 3, 2, 1], [4, 3, 0, 0, 1]]
NASHPY_82_B = [[3, 0, 2, 1, 0], [0, 2, 0, 0, 4], [4, 0, 2, 4, 4]]
# The 8 equilibria listed in nashpy issue #82 (players minimise), with costs J1, J2.
NASHPY_82_EQUILIBRIA = [
    (eq([1, 0, 0], [0, 1, 0, 0, 0]), 0, 0),
    (eq([1, 0, 0], [0, 0, 0, 0, 1]), 0, 0),
    (eq(["2/3", "1/3", 0], [0, 1, 0, 0, 0]), 0, F(2, 3)),
    (eq(["1/3", "1/2", "1/6"], [0, "4/9", "2/9", "1/3", 0]), F(4, 3), 1),
    (eq([0, "1/2", "1/2"], [0, "1/2", "1/2", 0, 0]), F(3, 2), 1),
    (eq([0, 1, 0], ["3/7", 0, "4/7", 0, 0]), F(12, 7), 0),
    (eq([0, 1, 0], [1, 0, 0, 0, 0]), 0, 0),
    (eq([0, 1, 0], ["3/8", 0, "1/4", "3/8", 0]), F(3, 2), 0),
]


def test_nashpy_issue_82_degenerate_game_of_minimisers():
    A, B = -np.array(NASHPY_82_A), -np.array(NASHPY_82_B)
    found = enumerate_extreme_equilibria(A, B)
    assert found == sorted(e for e, _, _ in NASHPY_82_EQUILIBRIA)
    assert set(found) == brute_force_equilibria(A, B)
    for (x, y), j1, j2 in NASHPY_82_EQUILIBRIA:
        x_ = np.asarray(x, dtype=object)
        assert (x_.dot(NASHPY_82_A).dot(y), x_.dot(NASHPY_82_B).dot(y)) == (j1, j2)
        assert regrets(A, B, x, y) == (0, 0)


def test_all_zero_game_has_the_four_pure_profiles():
    zero = [[0, 0], [0, 0]]
    pure = [(1, 0), (0, 1)]
    assert enumerate_extreme_equilibria(zero, zero) == sorted(eq(x, y) for x in pure for y in pure)


def test_matching_pennies():
    A = [[1, -1], [-1, 1]]
    assert enumerate_extreme_equilibria(A, np.negative(A)) == [eq(["1/2", "1/2"], ["1/2", "1/2"])]


def test_fraction_and_decimal_payoffs_are_exact():
    A = [[F(1, 3), 0], [0, F(2, 3)]]
    assert enumerate_extreme_equilibria(A, A) == sorted([
        eq([0, 1], [0, 1]), eq(["2/3", "1/3"], ["2/3", "1/3"]), eq([1, 0], [1, 0])
    ])


def test_rejects_mismatched_shapes_and_non_numbers():
    with pytest.raises(ValueError):
        enumerate_extreme_equilibria([[1, 2]], [[1], [2]])
    with pytest.raises(TypeError):
        enumerate_extreme_equilibria([["a"]], [[1]])


def test_degenerate_polytope_vertices_are_all_found():
    # (1/3, 1/3, 1/3) has 4 tight constraints in dimension 3 (one of them repeated).
    M = [[1, 1, 1], [1, 1, 1], [2, 1, 0], [0, 1, 2]]
    tableau = IntegerTableau(M, column_variables=range(3), row_variables=range(3, 7))
    found = set(polytope_vertices(tableau, range(3)).values())
    assert found == brute_force_vertices(M)


# --- Gambit's files -------------------------------------------------------------------------

@pytest.mark.parametrize("name, expected", expected_games("enummixed_rational"))
def test_matches_pygambit_enummixed(name, expected):
    payoffs = read_nfg(GAMBIT / name)
    found = enumerate_extreme_equilibria(payoffs[0], payoffs[1])
    theirs = {eq(*e["strategy"]) for e in expected["equilibria"]}  # may hold duplicates
    assert set(found) == theirs
    assert len(found) == len(theirs)
    for x, y in found:
        assert regrets(payoffs[0], payoffs[1], x, y) == (0, 0)


def test_von_stengel_6x6_game_has_75_equilibria():
    path = GAMBIT / "6x6_game_with_75_eq.nfg"
    if not path.exists():
        pytest.skip("shared game files are absent")
    payoffs = read_nfg(path)
    found = enumerate_extreme_equilibria(payoffs[0], payoffs[1])
    assert len(found) == 75
    assert all(regrets(payoffs[0], payoffs[1], x, y) == (0, 0) for x, y in found)


# --- properties -----------------------------------------------------------------------------

def games(max_size: int = 4, values: int = 3):
    """Small bimatrix games with few distinct payoffs: mostly degenerate."""
    return st.tuples(st.integers(1, max_size), st.integers(1, max_size)).flatmap(
        lambda shape: st.tuples(
            *(st.lists(st.lists(st.integers(0, values), min_size=shape[1], max_size=shape[1]),
                       min_size=shape[0], max_size=shape[0]) for _ in range(2))
        )
    )


@settings(max_examples=150, deadline=None)
@given(games())
def test_equals_brute_force_and_every_equilibrium_has_zero_regret(game):
    A, B = game
    found = enumerate_extreme_equilibria(A, B)
    assert found == sorted(set(found))
    assert set(found) == brute_force_equilibria(A, B)
    for x, y in found:
        assert sum(x) == 1 and sum(y) == 1 and min(x) >= 0 and min(y) >= 0
        assert regrets(A, B, x, y) == (0, 0)


@settings(max_examples=60, deadline=None)
@given(games(max_size=5, values=50))
def test_lemke_howson_finds_extreme_equilibria(game):
    A, B = game
    assert set(lemke_howson_all_labels(A, B)) <= set(enumerate_extreme_equilibria(A, B))


def test_label_matching_beyond_64_labels():
    from gametheory.solvers.enummixed import _completely_labelled_pairs

    m, n = 40, 30
    full = (1 << (m + n)) - 1
    p_simple = ((1 << m) - 1) ^ (1 << 5) | (1 << (m + 7))          # m labels
    p_degenerate = p_simple | (1 << (m + 8))                          # m + 1 labels
    q_exact = full & ~p_simple                                        # n labels, the rest
    q_degenerate = q_exact | (1 << 3)                                 # n + 1 labels
    q_other = q_exact ^ (1 << 5) | (1 << 4)                           # misses label 5
    pairs = set(_completely_labelled_pairs([p_simple, p_degenerate],
                                           [q_exact, q_degenerate, q_other], m, n))
    assert pairs == {(0, 0), (0, 1), (1, 0), (1, 1)}
