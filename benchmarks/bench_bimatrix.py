"""Bimatrix equilibrium solvers side by side: ours (exact) against QuantEcon (float) and pygambit.

Three parts, printed as Markdown tables in one run:

1. **All extreme equilibria** of random ``n x n`` games with integer payoffs ``0..99``
   (``numpy.random.default_rng([n, seed])``): our exact
   :func:`~gametheory.solvers.enummixed.enumerate_extreme_equilibria` against QuantEcon's
   floating-point ``vertex_enumeration`` and, when pygambit is importable, its exact
   ``enummixed_solve(rational=True)``. Ratio = anchor time / our time (> 1: ours is faster).
2. **Von Stengel's 6x6 game with 75 equilibria** (read from ``shared/games/gambit`` when the
   file is there, else skipped): time, number found, and how many of ours have exact regret 0
   (:func:`gametheory.solvers.regret.strategic_regrets`).
3. **One equilibrium** (Lemke-Howson from label 0) of random ``n x n`` games: ours exact against
   QuantEcon's float ``lemke_howson`` and pygambit's ``lcp_solve(rational=True, stop_after=1)``.

Each call runs in a forked child process with a wall-clock limit, so a slow solver cannot stall
the run; the time reported is the child's CPU time (all solvers here are single-threaded), which
other load on the machine distorts less than wall time. QuantEcon's numba code is compiled once
in the parent before any timing.

    python benchmarks/bench_bimatrix.py [--sizes 12 16 20] [--games 1] [--timeout 600]
                                        [--lh-sizes 10 20 30]

QuantEcon's enumeration is floating-point: on degenerate games (payoffs 0..99 have ties) it may
miss equilibria; the counts are shown next to the times.
"""

from __future__ import annotations

import argparse
import multiprocessing
import statistics
import sys
import time
import warnings
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from gametheory.solvers.enummixed import enumerate_extreme_equilibria  # noqa: E402
from gametheory.solvers.lemke_howson import lemke_howson  # noqa: E402
from gametheory.solvers.regret import strategic_regrets  # noqa: E402

GAMBIT = ROOT.parent / "shared" / "games" / "gambit"
VON_STENGEL = GAMBIT / "6x6_game_with_75_eq.nfg"


def _ours_all(A, B):
    return len(enumerate_extreme_equilibria(A.astype(object), B.astype(object)))


def _ours_one(A, B):
    lemke_howson(A.astype(object), B.astype(object))
    return 1


def _quantecon_game(A, B):
    from quantecon import game_theory as gt

    return gt.NormalFormGame((gt.Player(A.astype(float)), gt.Player(B.T.astype(float))))


def _quantecon_all(A, B):
    from quantecon import game_theory as gt

    return len(gt.vertex_enumeration(_quantecon_game(A, B)))


def _quantecon_one(A, B):
    from quantecon import game_theory as gt

    gt.lemke_howson(_quantecon_game(A, B), init_pivot=0)
    return 1


def _gambit_game(A, B):
    import pygambit

    return pygambit.Game.from_arrays(A.astype(int).tolist(), B.astype(int).tolist())


def _gambit_all(A, B):
    import pygambit

    return len(pygambit.nash.enummixed_solve(_gambit_game(A, B), rational=True).equilibria)


def _gambit_one(A, B):
    import pygambit

    pygambit.nash.lcp_solve(_gambit_game(A, B), rational=True, stop_after=1)
    return 1


ALL = [("ours exact", _ours_all, None), ("QuantEcon float", _quantecon_all, "quantecon"),
       ("pygambit rational", _gambit_all, "pygambit")]
ONE = [("ours exact", _ours_one, None), ("QuantEcon float", _quantecon_one, "quantecon"),
       ("pygambit rational", _gambit_one, "pygambit")]


def _child(function, A, B, connection):
    warnings.simplefilter("ignore")
    start = time.process_time()
    try:
        count = function(A, B)
        connection.send((time.process_time() - start, count, None))
    except Exception as error:  # report, do not crash the benchmark
        connection.send((time.process_time() - start, None, type(error).__name__))


def timed(function, A, B, timeout: float):
    """(CPU seconds, result, error) of one call in a forked child with a wall-clock limit."""
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    process = context.Process(target=_child, args=(function, A, B, sender))
    process.start()
    if receiver.poll(timeout):
        result = receiver.recv()
        process.join()
        return result
    process.kill()
    process.join()
    return None, None, "timeout"


def available(solvers):
    """The solvers whose module imports, after one untimed warm-up call (numba compilation)."""
    kept = []
    rng = np.random.default_rng(0)
    A, B = rng.integers(0, 100, (3, 3)), rng.integers(0, 100, (3, 3))
    for name, function, module in solvers:
        if module is not None:
            try:
                __import__(module)
            except ImportError:
                print(f"(skipped {name}: {module} is not installed)")
                continue
        function(A, B)
        kept.append((name, function))
    return kept


def table(title, solvers, sizes, games, timeout, show_counts):
    print(f"\n### {title}\n")
    names = [name for name, _ in solvers]
    header = ["n"] + names + [f"ratio {name} / ours" for name in names[1:]]
    print("| " + " | ".join(header) + " |")
    print("|" + "---|" * len(header))
    for n in sizes:
        results = []
        for _, function in solvers:
            times, counts, errors = [], [], []
            for seed in range(games):
                rng = np.random.default_rng([n, seed])
                A, B = rng.integers(0, 100, (n, n)), rng.integers(0, 100, (n, n))
                seconds, count, error = timed(function, A, B, timeout)
                if error:
                    errors.append(error)
                else:
                    times.append(seconds)
                    counts.append(count)
            results.append((times, counts, errors))
        cells = []
        for times, counts, errors in results:
            if not times:
                cells.append(f"> {timeout:g} s" if "timeout" in errors else errors[0])
                continue
            text = f"{statistics.median(times):.3g} s"
            if show_counts:
                text += " [" + ",".join(map(str, counts)) + " eq]"
            if errors:
                text += f" ({len(errors)} x {errors[0]})"
            cells.append(text)
        ours = statistics.median(results[0][0]) if results[0][0] else None
        ratios = []
        for times, _, errors in results[1:]:
            if ours is None or errors:
                ratios.append("-")
            else:
                ratios.append(f"{statistics.median(times) / ours:.2f}")
        print(f"| {n} | " + " | ".join(cells + ratios) + " |", flush=True)


def von_stengel(solvers, timeout):
    print("\n### Von Stengel's 6x6 game with 75 equilibria\n")
    if not VON_STENGEL.exists():
        print(f"(skipped: {VON_STENGEL} is absent)")
        return
    from gametheory.io import read

    game = read(VON_STENGEL)
    A, B = (np.array(p, dtype=object) for p in game.payoffs)
    start = time.process_time()
    found = enumerate_extreme_equilibria(A, B)
    seconds = time.process_time() - start
    certified = sum(max(strategic_regrets(game, list(e))) == 0 for e in found)
    print("| solver | seconds | equilibria | certified (exact regret 0) |")
    print("|---|---|---|---|")
    print(f"| ours exact | {seconds:.3g} | {len(found)} | {certified} |")
    integers = (A.astype(int), B.astype(int))
    for name, function in solvers[1:]:
        secs, count, error = timed(function, *integers, timeout)
        shown = f"{secs:.3g}" if error is None else error
        print(f"| {name} | {shown} | {count if count is not None else '-'} | - |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[12, 16, 20])
    parser.add_argument("--games", type=int, default=1, help="random games per size")
    parser.add_argument("--timeout", type=float, default=600.0, help="wall seconds per call")
    parser.add_argument("--lh-sizes", type=int, nargs="+", default=[10, 20, 30])
    args = parser.parse_args()
    print(f"python {sys.version.split()[0]}, numpy {np.__version__}; "
          "median CPU seconds per game; [equilibria found]")
    all_solvers, one_solvers = available(ALL), available(ONE)
    table("All extreme equilibria, random n x n, payoffs 0..99", all_solvers, args.sizes,
          args.games, args.timeout, show_counts=True)
    von_stengel(all_solvers, args.timeout)
    table("One equilibrium (Lemke-Howson, label 0), random n x n, payoffs 0..99", one_solvers,
          args.lh_sizes, args.games, args.timeout, show_counts=False)


if __name__ == "__main__":
    main()
