"""Benchmarks of the symbolic engine: parametric SPE of random trees and of the core linkage
game, with the cost of each stage of the solver.

Run: ``python benchmarks/bench_symbolic.py [--sizes 25,50,100,200] [--params 1,2,3]
[--seeds 0,1,2] [--no-stages] [--gc-paused]``.

1. The generic parametric SPE of random linear-parametric perfect-information trees
   (:func:`gametheory.catalog.random_linear_tree`: 2-3 actions per node, 2 players, integer
   coefficients, parameters without bounds) as the number of nodes and of parameters grows,
   a few trees per size: CPU seconds and number of regions.  The target is 200 nodes with 3
   parameters in under 5 s each.
2. The regions of the core linkage game (what ``gametheory regions linkage`` solves), target
   under 1 s.
3. The cost of each stage, from one profiled run of each of the largest trees and of the
   linkage game (:mod:`cProfile`, grouped by where the solver's code lives, so that a
   regression shows in its stage without any timer in the solver):

   * **walk**: the backward-induction walk and its value domain (``solvers.kernel``,
     ``symbolic.branches`` except merging, ``symbolic.parametric``,
     ``symbolic.simultaneous``);
   * **case split**: comparing payoffs into relations in normal form
     (``symbolic.relations``, ``symbolic.piecewise``);
   * **feasibility**: emptiness, implication, sides and facets of regions
     (``symbolic.feasibility``, ``decide``, ``linear``, ``polyhedra``);
   * **merge**: uniting regions with the same choices and payoffs, and assembling the pieces
     (``symbolic.assembly``; ``BranchSolver.merge``, ``merge_group``, ``unite``,
     ``unite_by_hull`` and ``facet_keys`` of ``symbolic.branches``);
   * **other**: everything else the solve calls (building regions and the solution).

   The time of a function outside these modules (sympy, z3, builtins) goes to the stages of
   its callers, in proportion to the time each caller spent in it (cProfile's caller edges),
   so the stages add up to the whole profiled time.  The profiler slows Python code down about
   twice; the shares are what to compare between runs, the unprofiled CPU times are the
   figures.

The library leaves Python's cyclic garbage collector alone; ``--gc-paused`` switches it off for
the whole run, as an application may do, to show what that gains.  The caches of the decision
procedures are emptied before each solve (:func:`gametheory.symbolic.decide.clear_caches`), so
every tree is solved cold; their use is printed at the end.
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import inspect
import os
import pstats
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from gametheory.catalog import random_linear_tree  # noqa: E402
from gametheory.symbolic import decide  # noqa: E402
from gametheory.symbolic.parametric import parametric_spe  # noqa: E402

STAGES = ("walk", "case split", "feasibility", "merge", "other")

_MODULE_STAGE = {
    ("solvers", "kernel.py"): "walk", ("symbolic", "branches.py"): "walk",
    ("symbolic", "parametric.py"): "walk", ("symbolic", "simultaneous.py"): "walk",
    ("symbolic", "relations.py"): "case split", ("symbolic", "piecewise.py"): "case split",
    ("symbolic", "feasibility.py"): "feasibility", ("symbolic", "decide.py"): "feasibility",
    ("symbolic", "linear.py"): "feasibility", ("symbolic", "polyhedra.py"): "feasibility",
    ("symbolic", "assembly.py"): "merge",
}
_MERGE_FUNCTIONS = {"merge", "merge_group", "unite", "unite_by_hull", "facet_keys"}


def _own_stage(function: tuple) -> str | None:
    """The stage of a function of the package, or None for code outside the stage modules."""
    filename, _, name = function
    parts = Path(filename).parts
    if "gametheory" not in parts:
        return None
    stage = _MODULE_STAGE.get(tuple(parts[-2:]))
    if stage == "walk" and parts[-1] == "branches.py" and name in _MERGE_FUNCTIONS:
        return "merge"
    return stage or "other"


def stage_times(stats: pstats.Stats) -> dict[str, float]:
    """Seconds of the profiled run by stage: each function's own time goes to its stage, or,
    outside the stage modules, to its callers' stages in proportion to their calls' time.

    Examples
    --------
    >>> profile = cProfile.Profile()
    >>> _ = profile.runcall(sorted, range(1000))
    >>> times = stage_times(pstats.Stats(profile))
    >>> sorted(times) == sorted(STAGES)
    True
    """
    entries = stats.stats
    shares: dict[tuple, dict[str, float]] = {}

    def share(function, active=frozenset()):
        known = shares.get(function)
        if known is not None:
            return known
        own = _own_stage(function)
        if own is not None:
            out = {own: 1.0}
        else:
            callers = entries.get(function, (0, 0, 0, 0, {}))[4]
            weights = {c: edge[3] for c, edge in callers.items() if c not in active}
            total = sum(weights.values())
            out = {}
            if total <= 0:
                out = {"other": 1.0}
            else:
                for caller, weight in weights.items():
                    for stage, part in share(caller, active | {function}).items():
                        out[stage] = out.get(stage, 0.0) + part * weight / total
        if not active:          # shares computed under a cycle cut are not kept
            shares[function] = out
        return out

    times = dict.fromkeys(STAGES, 0.0)
    for function, (_, _, own_time, _, _) in entries.items():
        for stage, part in share(function).items():
            times[stage] += own_time * part
    return times


_UNLIMITED = ({"max_regions": None}
              if "max_regions" in inspect.signature(parametric_spe).parameters else {})
"""The benchmark solves every tree whole, however many regions it has."""


def _solve(game):
    decide.clear_caches()
    return parametric_spe(game, generic=True, **_UNLIMITED)


def _profiled(function, *args) -> dict[str, float]:
    profile = cProfile.Profile(time.process_time)     # CPU time, as the figures
    profile.runcall(function, *args)
    return stage_times(pstats.Stats(profile))


def _print_stages(label: str, times: dict[str, float]) -> None:
    total = sum(times.values()) or 1.0
    cells = "  ".join(f"{s} {times[s]:6.2f} s ({100 * times[s] / total:3.0f}%)" for s in STAGES)
    print(f"  {label:22s} {cells}", flush=True)


def random_trees(sizes, params, seeds, stages: bool) -> None:
    """Time (CPU seconds) and regions of the generic parametric SPE, per size, over a few
    random trees each; with ``stages`` the largest trees are profiled by stage."""
    print("nodes params  regions (per seed)        CPU s (per seed)           max CPU s")
    for n_params in params:
        for nodes in sizes:
            pieces, times = [], []
            for seed in seeds:
                game = random_linear_tree(nodes, n_params, seed)
                cpu = time.process_time()
                solution = _solve(game)
                times.append(time.process_time() - cpu)
                pieces.append(len(solution))
            print(f"{nodes:5d} {n_params:6d}  {str(pieces):24s} "
                  f"{' '.join(f'{t:6.2f}' for t in times):26s} {max(times):8.2f}", flush=True)
    if stages:
        nodes, n_params = max(sizes), max(params)
        print(f"stages (profiled) of the {nodes}-node trees with {n_params} parameters:")
        for seed in seeds:
            _print_stages(f"seed {seed}", _profiled(_solve, random_linear_tree(nodes, n_params,
                                                                               seed)))


def linkage(stages: bool, repeat: int = 3) -> None:
    """The regions of the core linkage game, as ``gametheory regions linkage`` solves them
    (all subgame-perfect equilibria, boundaries included)."""
    from gametheory.cli.common import load_game
    from gametheory.solvers import solve

    game = load_game("linkage", {})

    def run():
        decide.clear_caches()
        return solve(game, "spe", generic=False)

    times = []
    for _ in range(repeat):
        cpu = time.process_time()
        solution = run()
        times.append(time.process_time() - cpu)
    print(f"core linkage regions: {len(solution)} regions, CPU s "
          f"{' '.join(f'{t:.2f}' for t in times)} (best {min(times):.2f})", flush=True)
    if stages:
        _print_stages("linkage (profiled)", _profiled(run))


def caches() -> None:
    """The use of the bounded caches of the decision procedures after the last solve."""
    print("caches after the last solve (entries / bound, hits, misses):")
    for name, info in decide.cache_info().items():
        print(f"  {name:16s} {info.currsize:6d} / {info.maxsize:6d}  {info.hits:8d} "
              f"{info.misses:8d}")


def _numbers(text: str) -> tuple[int, ...]:
    return tuple(int(x) for x in text.split(",") if x)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=_numbers, default=(25, 50, 100, 200))
    parser.add_argument("--params", type=_numbers, default=(1, 2, 3))
    parser.add_argument("--seeds", type=_numbers, default=(0, 1, 2))
    parser.add_argument("--no-stages", dest="stages", action="store_false",
                        help="skip the profiled runs that give the cost of each stage")
    parser.add_argument("--gc-paused", action="store_true",
                        help="switch the cyclic garbage collector off for the whole run")
    args = parser.parse_args()
    if args.gc_paused:
        gc.disable()
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} CPUs, "
          f"collector {'paused' if args.gc_paused else 'on'}")
    linkage(args.stages)
    random_trees(args.sizes, args.params, args.seeds, args.stages)
    caches()
