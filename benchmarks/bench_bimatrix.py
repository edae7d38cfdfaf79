"""Bimatrix equilibrium solvers side by side: ours against nashpy, QuantEcon and pygambit.

Random ``n x n`` games with integer payoffs ``0..99`` (one seed per game). Each call runs in a
forked child process with a wall-clock limit, so a slow anchor cannot stall the run; the time
reported is the child's CPU time. Anchors that are not installed are skipped. Prints one
Markdown table per algorithm family: median time per game (seconds) and the ratio
anchor / ours (> 1: ours is faster).

    python benchmarks/bench_bimatrix.py [--sizes 4 8 12 16 20] [--games 3] [--timeout 60]
                                        [--enum-max-size 16]

Notes: nashpy's and QuantEcon's enumerations are floating-point and miss equilibria of
degenerate games; their equilibrium counts are shown next to ours. pygambit's methods are
run with ``rational=True`` (exact, like ours).
"""

from __future__ import annotations

import argparse
import warnings
import multiprocessing
import statistics
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from gametheory.solvers.enummixed import enumerate_extreme_equilibria  # noqa: E402
from gametheory.solvers.lemke_howson import lemke_howson  # noqa: E402


def _ours_all(A, B):
    return len(enumerate_extreme_equilibria(A.astype(object), B.astype(object)))


def _ours_one(A, B):
    lemke_howson(A.astype(object), B.astype(object))
    return 1


def _nashpy_vertex(A, B):
    import nashpy

    return len(list(nashpy.Game(A, B).vertex_enumeration()))


def _nashpy_support(A, B):
    import nashpy

    return len(list(nashpy.Game(A, B).support_enumeration()))


def _nashpy_lh(A, B):
    import nashpy

    nashpy.Game(A, B).lemke_howson(initial_dropped_label=0)
    return 1


def _quantecon_game(A, B):
    from quantecon import game_theory as gt

    return gt.NormalFormGame((gt.Player(A), gt.Player(B.T)))


def _quantecon_vertex(A, B):
    from quantecon import game_theory as gt

    return len(gt.vertex_enumeration(_quantecon_game(A, B)))


def _quantecon_lh(A, B):
    from quantecon import game_theory as gt

    gt.lemke_howson(_quantecon_game(A, B), init_pivot=0)
    return 1


def _gambit_game(A, B):
    import pygambit

    return pygambit.Game.from_arrays(A.astype(int).tolist(), B.astype(int).tolist())


def _gambit_enummixed(A, B):
    import pygambit

    return len(pygambit.nash.enummixed_solve(_gambit_game(A, B), rational=True).equilibria)


def _gambit_lcp(A, B):
    import pygambit

    pygambit.nash.lcp_solve(_gambit_game(A, B), rational=True, stop_after=1)
    return 1


FAMILIES = {
    "all extreme equilibria": [
        ("ours enumerate_extreme_equilibria", _ours_all, None),
        ("nashpy vertex_enumeration", _nashpy_vertex, "nashpy"),
        ("nashpy support_enumeration", _nashpy_support, "nashpy"),
        ("quantecon vertex_enumeration", _quantecon_vertex, "quantecon"),
        ("pygambit enummixed (rational)", _gambit_enummixed, "pygambit"),
    ],
    "one equilibrium (Lemke-Howson)": [
        ("ours lemke_howson", _ours_one, None),
        ("nashpy lemke_howson", _nashpy_lh, "nashpy"),
        ("quantecon lemke_howson", _quantecon_lh, "quantecon"),
        ("pygambit lcp_solve (rational, stop_after=1)", _gambit_lcp, "pygambit"),
    ],
}


def _child(function, A, B, connection):
    warnings.simplefilter("ignore")
    start = time.process_time()
    try:
        count = function(A, B)
        connection.send((time.process_time() - start, count, None))
    except Exception as error:  # report, do not crash the benchmark
        connection.send((time.process_time() - start, None, f"{type(error).__name__}"))


def timed(function, A, B, timeout: float):
    """(CPU seconds, result count, error) of one call in a forked child.

    The time is the child's CPU time (all solvers here are single-threaded), so that other
    load on the machine does not distort the comparison; ``timeout`` is wall-clock.
    """
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


def available(module: str | None) -> bool:
    if module is None:
        return True
    try:
        __import__(module)
    except ImportError:
        return False
    return True


def warm_up(function):
    """Compile numba code and import modules outside the timed region (in this process)."""
    rng = np.random.default_rng(0)
    A, B = rng.integers(0, 100, (3, 3)), rng.integers(0, 100, (3, 3))
    try:
        function(A.astype(float), B.astype(float)) if function in FLOAT_INPUT else function(A, B)
    except Exception:
        pass


FLOAT_INPUT = {_quantecon_vertex, _quantecon_lh}


def cell(times, counts, errors, timeout):
    """Median time, with the number of failed games (timeouts, errors) in parentheses."""
    if errors and all(e == "timeout" for e in errors) and not times:
        return f"> {timeout:g}"
    if not times:
        return errors[0] if errors else "-"
    text = f"{statistics.median(times):.4g}"
    if errors:
        text += f" ({len(errors)} x {errors[0]})"
    return text


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[4, 8, 12, 16, 20])
    parser.add_argument("--games", type=int, default=3, help="random games per size")
    parser.add_argument("--timeout", type=float, default=60.0, help="wall seconds per call")
    parser.add_argument("--enum-max-size", type=int, default=16,
                        help="largest n for the all-equilibria family")
    args = parser.parse_args()

    for family, solvers in FAMILIES.items():
        solvers = [s for s in solvers if available(s[2])]
        skipped = [s[0] for s in FAMILIES[family] if not available(s[2])]
        for _, function, _ in solvers:
            warm_up(function)
        print(f"\n### {family}\n")
        print("median CPU seconds per game; ratio = anchor / ours; [equilibria found]; "
              f"> {args.timeout:g}: wall-clock limit hit\n")
        names = [name for name, _, _ in solvers]
        header = ["n"] + names + [f"ratio {name}" for name in names[1:]]
        print("| " + " | ".join(header) + " |")
        print("|" + "---|" * len(header))
        gave_up: set[str] = set()  # anchors that timed out on every game of a smaller size
        sizes = [n for n in args.sizes if family.startswith("one") or n <= args.enum_max_size]
        for n in sizes:
            results = []
            for name, function, _ in solvers:
                times, counts, errors = [], [], []
                for seed in range(args.games):
                    if name in gave_up or "timeout" in errors:  # one timeout per size is enough
                        errors.append("timeout")
                        continue
                    rng = np.random.default_rng([n, seed])
                    A, B = rng.integers(0, 100, (n, n)), rng.integers(0, 100, (n, n))
                    if function in FLOAT_INPUT:
                        A, B = A.astype(float), B.astype(float)
                    seconds, count, error = timed(function, A, B, args.timeout)
                    if error:
                        errors.append(error)
                    else:
                        times.append(seconds)
                        counts.append(count)
                if errors and all(e == "timeout" for e in errors) and not times:
                    gave_up.add(name)
                results.append((times, counts, errors))
            cells = []
            for times, counts, errors in results:
                text = cell(times, counts, errors, args.timeout)
                if family.startswith("all") and counts:
                    text += " [" + ",".join(map(str, counts)) + "]"
                cells.append(text)
            ours = statistics.median(results[0][0]) if results[0][0] else None
            ratios = []
            for times, _, errors in results[1:]:
                timeouts = sum(e == "timeout" for e in errors)
                if ours is None or len(times) + timeouts < args.games:
                    ratios.append("-")  # ours timed out, or the anchor failed
                    continue
                # timed-out games count as the time limit: a lower bound on the ratio
                ratio = statistics.median(times + [args.timeout] * timeouts) / ours
                ratios.append(f"{'>= ' if timeouts else ''}{ratio:.3g}")
            print(f"| {n} | " + " | ".join(cells + ratios) + " |", flush=True)
        if skipped:
            print(f"\nskipped (not installed): {', '.join(skipped)}")


if __name__ == "__main__":
    main()
