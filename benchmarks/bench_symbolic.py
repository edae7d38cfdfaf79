"""Benchmarks of the symbolic engine (issue 4).

Run: ``python benchmarks/bench_symbolic.py``.  Prints the time of a parametric SPE of random
linear-parametric perfect-information trees (2-3 actions per node, 2 players, integer
coefficients) as the number of nodes and of parameters grows, and of a 10^6-point sweep.
"""

from __future__ import annotations

import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from gametheory.games import ExtensiveGame, decision, leaf  # noqa: E402
from gametheory.symbolic.parametric import parametric_spe  # noqa: E402


def random_tree(nodes: int, n_params: int, seed: int = 0) -> ExtensiveGame:
    rng = random.Random(seed)
    names = [f"t{k}" for k in range(n_params)]

    def payoff():
        terms = [f"{rng.randint(-3, 3)}*{n}" for n in rng.sample(names, rng.randint(0, min(2, len(names))))]
        return " + ".join([str(rng.randint(-9, 9))] + terms)

    budget = [nodes - 1]

    def build(depth, player):
        if budget[0] <= 0 or (depth > 1 and rng.random() < 0.3):
            return leaf(payoff(), payoff())
        k = min(rng.choice((2, 3)), budget[0])
        budget[0] -= k
        return decision(player, {f"a{depth}_{i}": build(depth + 1, 1 - player)
                                 for i in range(k)})

    return ExtensiveGame(["1", "2"], build(0, 0), parameters=names)


def main():
    for n_params in (1, 2, 3):
        for nodes in (25, 50, 100, 200):
            game = random_tree(nodes, n_params)
            start, cpu = time.perf_counter(), time.process_time()
            solution = parametric_spe(game, generic=True)
            elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
            print(f"nodes={game.n_nodes:4d} params={n_params}  pieces={len(solution):5d}  "
                  f"{elapsed:7.2f} s wall  {cpu:7.2f} s cpu", flush=True)


if __name__ == "__main__":
    main()
