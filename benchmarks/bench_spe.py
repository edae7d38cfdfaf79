"""Benchmark: subgame-perfect equilibria of large perfect-information trees.

Complete 3-ary trees whose levels cycle player 1, player 2, chance (probabilities 1/2, 1/3, 1/6),
distinct random integer payoffs at the leaves.  Timed:

* end to end through the command line, ``gametheory solve FILE --method spe`` (start, read, solve,
  print), on 265,720 and 797,161 nodes (the ``.efg`` files are written to a temporary directory);
  if the CLI is missing, read + solve from Python;
* from the compiled form, ``spe(game)`` on a ~10^6-node tree;
* peak memory per node (the CLI process's peak resident set size) and the compiled arrays' size;
* pygambit's ``read_efg`` on the same file, if pygambit is importable (optional).

Run: ``python benchmarks/bench_spe.py [--quick]``; prints a Markdown table.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
import resource
from fractions import Fraction
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from gametheory.games.extensive import ExtensiveGame, Infoset, Outcome  # noqa: E402
from gametheory.solvers.backward_induction import spe  # noqa: E402

PROBS = (Fraction(1, 2), Fraction(1, 3), Fraction(1, 6))


def complete_tree(depth: int, branching: int = 3, root_branching: int | None = None,
                  seed: int = 0) -> ExtensiveGame:
    """A complete tree: depth ``depth``, levels cycling P1, P2, chance; one outcome per leaf."""
    rng = np.random.default_rng(seed)
    infosets, node_infoset, node_outcome = [], [], []
    kinds = [0, 1, -1]
    stack = [0]
    n_leaves = 0
    while stack:
        d = stack.pop()
        if d == depth:
            node_infoset.append(-1)
            node_outcome.append(n_leaves)
            n_leaves += 1
            continue
        k = root_branching if (d == 0 and root_branching) else branching
        who = kinds[d % 3]
        probs = PROBS if who == -1 and k == 3 else (
            tuple(Fraction(1, k) for _ in range(k)) if who == -1 else None)
        infosets.append(Infoset(who, "", tuple(str(a + 1) for a in range(k)), probs))
        node_infoset.append(len(infosets) - 1)
        node_outcome.append(-1)
        stack.extend([d + 1] * k)
    payoffs = rng.permutation(2 * n_leaves).reshape(n_leaves, 2) - n_leaves
    outcomes = [Outcome("", (Fraction(int(a)), Fraction(int(b)))) for a, b in payoffs.tolist()]
    return ExtensiveGame.from_preorder(["P1", "P2"], infosets, outcomes, node_infoset,
                                       node_outcome, title=f"complete 3-ary tree, depth {depth}")


def timed(fn, *args, **kwargs):
    start = time.perf_counter()
    out = fn(*args, **kwargs)
    return out, time.perf_counter() - start


def cli_time(path: Path) -> tuple[float, float]:
    """Wall time of ``gametheory solve FILE --method spe`` and its peak resident memory (bytes)."""
    exe = shutil.which("gametheory", path=str(Path(sys.executable).parent))
    cmd = [exe, "solve", str(path), "--method", "spe"] if exe else \
        [sys.executable, "-m", "gametheory.cli", "solve", str(path), "--method", "spe"]
    start = time.perf_counter()
    done = subprocess.run(cmd, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if done.returncode:
        raise RuntimeError(f"CLI failed: {done.stderr.strip()[-300:]}")
    peak_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return elapsed, peak_kib * 1024


def pygambit_read(path: Path) -> float:
    try:
        import pygambit
    except ImportError:
        return float("nan")
    start = time.perf_counter()
    pygambit.read_efg(str(path))
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="skip the 797,161-node file")
    parser.add_argument("--gambit-max-nodes", type=int, default=300_000,
                        help="time pygambit's read_efg only up to this many nodes")
    args = parser.parse_args()
    print("| nodes | CLI end to end (s) | peak RSS bytes/node (CLI) | read (s) | spe on compiled "
          "form (s) | pygambit read_efg (s) |")
    print("|---:|---:|---:|---:|---:|---:|", flush=True)
    from gametheory.io import read, write
    with tempfile.TemporaryDirectory() as tmp:
        for depth in ([11] if args.quick else [11, 12]):
            game = complete_tree(depth)
            path = Path(tmp) / f"tree{depth}.efg"
            write(game, str(path))
            cli, peak = cli_time(path)
            _, read_only = timed(read, path)
            _, solve_only = timed(spe, game)
            gambit = pygambit_read(path) if game.n_nodes <= args.gambit_max_nodes \
                else float("nan")
            print(f"| {game.n_nodes:,} | {cli:.2f} | {peak / game.n_nodes:.0f} | {read_only:.2f} "
                  f"| {solve_only:.3f} | {gambit:.2f} |", flush=True)
        game = complete_tree(12, root_branching=4, seed=1)
        _, solve_only = timed(spe, game)
        print(f"| {game.n_nodes:,} | | {game.tree.nbytes / game.n_nodes:.0f} (compiled arrays) "
              f"| | {solve_only:.3f} | |", flush=True)


if __name__ == "__main__":
    main()
