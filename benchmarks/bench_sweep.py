"""Benchmark: a 10^6-point parameter sweep of the linkage game G1 (backward induction on arrays).

The game is G1 of the linkage specification (``tests/conftest.py``: three movers, a veto, a
``{0, 1}`` switch ``lam``); the points are drawn as in ``tests/test_sweep.py``.  Prints the best
and the median wall time of ``sweep`` over a few runs.

Run: ``python benchmarks/bench_sweep.py [--runs N]``.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from conftest import linkage_g1  # noqa: E402
from gametheory.symbolic.sweep import sweep  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--points", type=int, default=10**6)
    args = parser.parse_args()
    game = linkage_g1()
    rng = np.random.default_rng(0)
    n = args.points
    values = {p.name: (rng.integers(0, 2, n).astype(float) if p.name == "lam"
                       else rng.uniform(0.01, 6, n)) for p in game.parameters}
    times = []
    for _ in range(args.runs):
        start = time.perf_counter()
        sweep(game, values, progress=False)
        times.append(time.perf_counter() - start)
    print(f"sweep of {n:,} points, {game.n_nodes} nodes: best {min(times):.3f} s, "
          f"median {statistics.median(times):.3f} s over {args.runs} runs")


if __name__ == "__main__":
    main()
