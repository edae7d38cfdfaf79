"""Benchmarks of the symbolic engine: the generic parametric SPE of random trees.

Run: ``python benchmarks/bench_symbolic.py [--gc-paused]``.  Prints the time of a generic
parametric SPE of random linear-parametric perfect-information trees (2-3 actions per node, 2
players, integer coefficients, parameters without bounds) as the number of nodes and of
parameters grows, three trees per size.  The target is 200 nodes with 3 parameters in under
30 s.  The library leaves Python's cyclic garbage collector alone; ``--gc-paused`` switches it
off for the whole run, as an application may do, to show what that gains.
"""

from __future__ import annotations

import argparse
import gc
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from gametheory.catalog import random_linear_tree  # noqa: E402
from gametheory.symbolic.parametric import parametric_spe  # noqa: E402


def main(seeds=(0, 1, 2)):
    """Time (CPU seconds) and pieces of the generic parametric SPE, per size, over a few
    random trees each: how time grows with nodes and parameters."""
    print("nodes params  pieces (per seed)        CPU s (per seed)           max CPU s")
    for n_params in (1, 2, 3):
        for nodes in (25, 50, 100, 200):
            pieces, times = [], []
            for seed in seeds:
                game = random_linear_tree(nodes, n_params, seed)
                cpu = time.process_time()
                solution = parametric_spe(game, generic=True)
                times.append(time.process_time() - cpu)
                pieces.append(len(solution))
            print(f"{nodes:5d} {n_params:6d}  {str(pieces):24s} "
                  f"{' '.join(f'{t:6.2f}' for t in times):26s} {max(times):8.2f}", flush=True)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gc-paused", action="store_true",
                        help="switch the cyclic garbage collector off for the whole run")
    if parser.parse_args().gc_paused:
        gc.disable()
    main()
