"""Tests of array sweeps against the exact parametric solution."""

from __future__ import annotations

from fractions import Fraction

import numpy as np

from gametheory.symbolic.sweep import grid, sweep

from conftest import centipede, linkage_g1, theorem_g1


def test_centipede_grid():
    result = sweep(centipede(), grid(x=[0, 4, 6, 10]))
    paths = [result.path_of(int(v)) for v in result.terminal]
    assert paths[:2] == [("Take1",)] * 2 and paths[2:] == [("Pass1", "Pass2", "Pass3",
                                                             "Pass4")] * 2
    assert result.payoffs[:, 3].tolist() == [10, 10]
    assert not result.ties.any()


def test_linkage_million_points_agree_with_theorem():
    game = linkage_g1()
    rng = np.random.default_rng(0)
    n = 10**6
    values = {p.name: (rng.integers(0, 2, n).astype(float) if p.name == "lam"
                       else rng.uniform(0.01, 6, n)) for p in game.parameters}
    result = sweep(game, values, progress=False)    # its speed: benchmarks/bench_symbolic.py
    names = {"S": ("S", "accept", "approve"), "L": ("L", "concede")}
    for k in np.random.default_rng(1).choice(n, 200, replace=False):
        if result.ties[k]:
            continue
        point = {name: Fraction(float(v[k])) for name, v in values.items()}
        expected = theorem_g1(point)
        path = result.path_of(int(result.terminal[k]))
        if expected in names:
            assert path == names[expected], point
        else:
            assert path not in names.values(), point
