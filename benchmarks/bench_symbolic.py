"""Benchmarks of the symbolic engine (issue 4).

Run: ``python benchmarks/bench_symbolic.py``.  Prints the time of a generic parametric SPE of
random linear-parametric perfect-information trees (2-3 actions per node, 2 players, integer
coefficients, parameters without bounds) as the number of nodes and of parameters grows, three
trees per size.  The goal of issue 4 is 200 nodes with 3 parameters in under 30 s.
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
        chosen = rng.sample(names, rng.randint(0, min(2, len(names))))
        terms = [f"{rng.randint(-3, 3)}*{n}" for n in chosen]
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


def main(seeds=(0, 1, 2)):
    """Time (CPU seconds) and pieces of the generic parametric SPE, per size, over a few
    random trees each: how time grows with nodes and parameters."""
    print("nodes params  pieces (per seed)        CPU s (per seed)           max CPU s")
    for n_params in (1, 2, 3):
        for nodes in (25, 50, 100, 200):
            pieces, times = [], []
            for seed in seeds:
                game = random_tree(nodes, n_params, seed)
                cpu = time.process_time()
                solution = parametric_spe(game, generic=True)
                times.append(time.process_time() - cpu)
                pieces.append(len(solution))
            print(f"{nodes:5d} {n_params:6d}  {str(pieces):24s} "
                  f"{' '.join(f'{t:6.2f}' for t in times):26s} {max(times):8.2f}", flush=True)


if __name__ == "__main__":
    main()
