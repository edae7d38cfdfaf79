"""Benchmark: subgame-perfect equilibria of large perfect-information trees.

Complete 3-ary trees whose levels cycle player 1, player 2, chance (probabilities 1/2, 1/3, 1/6),
distinct random integer payoffs at the leaves.  Timed:

* end to end through the command line, ``gametheory solve FILE --method spe`` (start, read, solve,
  print), on 265,720 and 797,161 nodes (the ``.efg`` files are written to a temporary directory);
  if the CLI is missing, read + solve from Python;
* from the compiled form, ``spe(game)`` on a ~10^6-node tree;
* peak memory per node (``tracemalloc`` around read + solve);
* pygambit's ``read_efg`` on the same file, if pygambit is importable (optional).

Run: ``python benchmarks/bench_spe.py [--quick]``; prints a Markdown table.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
import tracemalloc
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


def cli_time(path: Path) -> tuple[float, str]:
    exe = shutil.which("gametheory", path=str(Path(sys.executable).parent))
    if exe and (ROOT / "gametheory" / "cli.py").exists():
        cmd = [exe, "solve", str(path), "--method", "spe"]
    elif (ROOT / "gametheory" / "cli.py").exists():
        cmd = [sys.executable, "-m", "gametheory.cli", "solve", str(path), "--method", "spe"]
    else:
        return float("nan"), "no CLI"
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    start = time.perf_counter()
    done = subprocess.run(cmd, capture_output=True, text=True, env=env)
    elapsed = time.perf_counter() - start
    if done.returncode:
        return float("nan"), f"CLI failed: {done.stderr.strip()[-200:]}"
    return elapsed, "CLI end to end"


def python_read_solve(path: Path) -> tuple[float, int]:
    from gametheory.io import read
    tracemalloc.start()
    start = time.perf_counter()
    game = read(path)
    spe(game)
    elapsed = time.perf_counter() - start
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return elapsed, peak


def pygambit_read(path: Path) -> float:
    try:
        import pygambit  # noqa: F401
    except ImportError:
        return float("nan")
    start = time.perf_counter()
    pygambit.read_efg(str(path))
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="skip the 797,161-node file")
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for depth in ([11] if args.quick else [11, 12]):
            game = complete_tree(depth)
            path = Path(tmp) / f"tree{depth}.efg"
            from gametheory.io import write
            write(game, str(path))
            cli, how = cli_time(path)
            py, peak = python_read_solve(path)
            gambit = pygambit_read(path)
            _, solve_only = timed(spe, game)
            rows.append((f"{game.n_nodes:,}", how, cli, py, solve_only, peak / game.n_nodes,
                         gambit))
        game = complete_tree(12, root_branching=4, seed=1)
        tracemalloc.start()
        result, solve_only = timed(spe, game)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        rows.append((f"{game.n_nodes:,}", "compiled form only", float("nan"), float("nan"),
                     solve_only, peak / game.n_nodes, float("nan")))
    print("| nodes | mode | CLI end to end (s) | read+solve in Python (s) | spe on compiled "
          "form (s) | peak bytes/node | pygambit read_efg (s) |")
    print("|---:|---|---:|---:|---:|---:|---:|")
    for nodes, how, cli, py, solve_only, per_node, gambit in rows:
        print(f"| {nodes} | {how} | {cli:.2f} | {py:.2f} | {solve_only:.3f} | {per_node:.0f} | "
              f"{gambit:.2f} |")


if __name__ == "__main__":
    main()
