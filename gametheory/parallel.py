"""Parameter sweeps on several cores (joblib) or on a Dask cluster.

:func:`parallel_sweep` cuts the grid of :func:`gametheory.symbolic.sweep.sweep` into slabs along
its first axis, solves each slab with :func:`~gametheory.symbolic.sweep.sweep` in a worker and
puts the pieces back in place.  Every grid point is computed by the same element-wise numpy
operations whatever the slab it falls in, so the result is identical, bit for bit, to the serial
sweep (tested).

* ``n_jobs=1`` (default) runs in this process and needs nothing more;
* ``n_jobs=N`` runs the slabs on N processes with joblib's ``loky`` backend
  (``pip install 'gametheory[parallel]'``); ``n_jobs=-1`` uses every core;
* ``scheduler="tcp://host:8786"`` sends the slabs to the workers of a running Dask cluster
  through ``joblib.parallel_config(backend="dask")`` (``pip install 'gametheory[dask]'``);
  ``scheduler`` may also be a ``distributed.Client``.

Each task compiles the game's payoffs once (:func:`sympy.lambdify`) and then sweeps its slab
vectorised, so a task should hold many points: by default the grid is cut into four slabs per
worker, each of :data:`MIN_POINTS_PER_TASK` to :data:`MAX_POINTS_PER_TASK` points.
:func:`parallel_counts` does the same work but brings back only how often each outcome occurs,
so a grid of 10^8 points never has to fit in memory.  Progress (finished slabs) is shown
on a terminal and reported to ``callback`` (:class:`gametheory.progress.Progress`).

Examples
--------
>>> from gametheory.games import ExtensiveGame, decision, leaf
>>> from gametheory.symbolic.sweep import grid, sweep
>>> entry = ExtensiveGame(["E", "I"], decision("E", {"Out": leaf(0, 2), "In": decision(
...     "I", {"Fight": leaf(-1, "f"), "Share": leaf(1, 1)})}), parameters=["f"])
>>> values = grid(f=[0, 0.5, 1.5, 2])
>>> result = parallel_sweep(entry, values, points_per_task=2, quiet=True)
>>> result.payoffs.tolist()
[[1.0, 1.0, 0.0, 0.0], [1.0, 1.0, 2.0, 2.0]]
>>> bool((result.terminal == sweep(entry, values).terminal).all())
True
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, Callable, Mapping, Sequence, TypeVar

import numpy as np

from .progress import Callback, Progress
from .symbolic.sweep import SweepResult, sweep

__all__ = ["parallel_sweep", "parallel_counts", "SweepCounts", "slabs", "MIN_POINTS_PER_TASK",
           "MAX_POINTS_PER_TASK"]

T = TypeVar("T")

#: The smallest task worth sending to a worker (a task compiles the payoffs once).
MIN_POINTS_PER_TASK = 1000
#: The largest task: its arrays stay within a few tens of megabytes.
MAX_POINTS_PER_TASK = 1_000_000


def _require_joblib() -> Any:
    try:
        import joblib
    except ImportError:
        raise ImportError("parallel sweeps need joblib, which is not installed: "
                          "pip install 'gametheory[parallel]'") from None
    return joblib


def _require_dask() -> Any:
    try:
        import distributed
    except ImportError:
        raise ImportError("sweeps on a Dask cluster need dask and distributed, which are not "
                          "installed: pip install 'gametheory[dask]'") from None
    return distributed


def _broadcast_inputs(game: Any, values: Mapping[str, Any]) -> tuple[list[str], list[np.ndarray],
                                                                    tuple[int, ...]]:
    names = [p.name for p in game.parameters]
    missing = [n for n in names if n not in values]
    if missing:
        raise ValueError(f"no values for parameter(s) {', '.join(missing)}")
    arrays = [np.asarray(values[n], dtype=float) for n in names]
    shape = tuple(np.broadcast_shapes(*(a.shape for a in arrays))) if arrays else ()
    arrays = [a.reshape((1,) * (len(shape) - a.ndim) + a.shape) for a in arrays]
    return names, arrays, shape


def slabs(shape: tuple[int, ...], tasks: int, points_per_task: int | None = None
          ) -> list[tuple[int, int]]:
    """Cut the first axis of a grid of ``shape`` into ``[lo, hi)`` row ranges.

    With ``points_per_task`` each slab holds about that many points (at least one row); else
    the grid is cut into ``tasks`` slabs of :data:`MIN_POINTS_PER_TASK` to
    :data:`MAX_POINTS_PER_TASK` points.

    Examples
    --------
    >>> slabs((10, 1000), tasks=4)
    [(0, 2), (2, 4), (4, 6), (6, 8), (8, 10)]
    >>> slabs((6,), tasks=2, points_per_task=2)
    [(0, 2), (2, 4), (4, 6)]
    >>> slabs((), tasks=4)
    [(0, 1)]
    """
    if not shape:
        return [(0, 1)]
    rows, per_row = shape[0], math.prod(shape[1:])
    if points_per_task is None:
        points_per_task = min(MAX_POINTS_PER_TASK, max(MIN_POINTS_PER_TASK,
                                                       math.ceil(rows * per_row / max(tasks, 1))))
    step = max(1, points_per_task // max(per_row, 1))
    return [(lo, min(rows, lo + step)) for lo in range(0, rows, step)]


def _solve_slab(game: Any, names: list[str], arrays: list[np.ndarray], atol: float
                ) -> SweepResult:
    return sweep(game, dict(zip(names, arrays)), progress=False, atol=atol)


def _count_slab(game: Any, names: list[str], arrays: list[np.ndarray], atol: float
                ) -> tuple[dict[int, int], dict[int, tuple[str, ...]], int]:
    """A slab's equilibrium terminals with their counts and paths, and its ties: what a worker
    sends back when only the shares are wanted (a few numbers, whatever the slab's size)."""
    result = _solve_slab(game, names, arrays, atol)
    codes, counts = np.unique(result.terminal, return_counts=True)
    return ({int(v): int(n) for v, n in zip(codes, counts)}, result.outcome_labels(),
            int(np.count_nonzero(result.ties)))


@dataclass(frozen=True)
class SweepCounts:
    """How often each equilibrium outcome occurs over a grid (:func:`parallel_counts`).

    Attributes
    ----------
    game : ExtensiveGame
    shape : tuple of int
        The grid's shape.
    terminals : dict of int to int
        Grid points per terminal node reached on the equilibrium path (``-1``: the path passes
        a chance node).
    labels : dict of int to tuple of str
        The path (action labels) to each terminal in ``terminals``.
    ties : int
        Grid points where some mover was indifferent (the first best action was taken).
    """

    game: Any
    shape: tuple[int, ...]
    terminals: Mapping[int, int]
    labels: Mapping[int, tuple[str, ...]]
    ties: int

    @property
    def points(self) -> int:
        return sum(self.terminals.values())

    def paths(self) -> dict[tuple[str, ...] | None, int]:
        """Grid points per equilibrium path (None for paths through a chance node)."""
        out: dict[tuple[str, ...] | None, int] = {}
        for v, n in self.terminals.items():
            key = self.labels[v] if v >= 0 else None
            out[key] = out.get(key, 0) + n
        return out


class _Runner:
    """Where tasks run: here, on joblib's loky processes, or on a Dask cluster."""

    def __init__(self, n_jobs: int, scheduler: Any):
        self.client: Any = None
        self.own_client = False
        self.joblib: Any = None
        if scheduler is not None:
            distributed = _require_dask()
            self.joblib = _require_joblib()
            if isinstance(scheduler, distributed.Client):
                self.client = scheduler
            else:
                self.client, self.own_client = distributed.Client(scheduler), True
            self.workers = max(1, len(self.client.scheduler_info().get("workers", {})))
        elif n_jobs != 1:
            self.joblib = _require_joblib()
            self.workers = self.joblib.cpu_count() if n_jobs < 0 else n_jobs
        else:
            self.workers = 1
        self.n_jobs = n_jobs

    def map(self, function: Callable[..., T], tasks: Sequence[tuple[Any, ...]], bar: Progress
            ) -> list[T]:
        """``function(*task)`` for every task, in order, counting finished tasks on ``bar``."""
        results: list[T] = []
        try:
            if self.joblib is None:
                for task in tasks:
                    results.append(function(*task))
                    bar.update()
                return results
            delayed = self.joblib.delayed(function)
            if self.client is not None:
                with self.joblib.parallel_config(backend="dask"):
                    runner = self.joblib.Parallel(n_jobs=-1, return_as="generator")
                    for result in runner(delayed(*task) for task in tasks):
                        results.append(result)
                        bar.update()
            else:
                runner = self.joblib.Parallel(n_jobs=self.n_jobs, backend="loky",
                                              return_as="generator")
                for result in runner(delayed(*task) for task in tasks):
                    results.append(result)
                    bar.update()
            return results
        finally:
            if self.own_client:
                self.client.close()


def _tasks(game: Any, values: Mapping[str, Any], runner: _Runner, points_per_task: int | None,
           atol: float) -> tuple[tuple[int, ...], list[tuple[Any, ...]]]:
    if not game.is_perfect_information:
        raise ValueError("sweep needs a perfect-information game (chance moves are fine)")
    names, arrays, shape = _broadcast_inputs(game, values)
    ranges = slabs(shape, 4 * runner.workers, points_per_task)

    def part(lo: int, hi: int) -> list[np.ndarray]:
        return [a[lo:hi] if shape and a.shape[0] > 1 else a for a in arrays]

    return shape, [(game, names, part(lo, hi), atol) for lo, hi in ranges]


def parallel_sweep(game: Any, values: Mapping[str, Any], *, n_jobs: int = 1,
                   scheduler: Any = None, points_per_task: int | None = None,
                   atol: float = 1e-12, quiet: bool = False,
                   callback: Callback | None = None) -> SweepResult:
    """:func:`gametheory.symbolic.sweep.sweep` over a grid, on several cores or a cluster.

    Parameters
    ----------
    game : ExtensiveGame
        Perfect information (chance moves allowed), payoffs in its parameters.
    values : mapping of str to number or array
        A value or an array for every parameter, broadcast together (see
        :func:`gametheory.symbolic.sweep.grid`).
    n_jobs : int
        Worker processes (joblib, loky backend); 1 runs here, -1 uses every core.  Ignored with
        ``scheduler``, where the cluster's workers share the tasks.
    scheduler : str or distributed.Client, optional
        The address of a Dask scheduler (``"tcp://host:8786"``) or a client connected to one.
    points_per_task : int, optional
        Grid points per task (default: four tasks per worker, from
        :data:`MIN_POINTS_PER_TASK` to :data:`MAX_POINTS_PER_TASK` points each).
    atol : float
        Payoff differences up to ``atol`` count as ties (as in ``sweep``).
    quiet : bool
        Show no progress on the terminal.
    callback : callable, optional
        ``callback(done, total)`` after each finished task.

    Returns
    -------
    SweepResult
        Identical to ``sweep(game, values)``.

    Raises
    ------
    ImportError
        With a one-line installation hint when joblib (``n_jobs != 1``) or dask and
        distributed (``scheduler``) are missing.
    """
    runner = _Runner(n_jobs, scheduler)
    shape, tasks = _tasks(game, values, runner, points_per_task, atol)
    with Progress(len(tasks), "sweep", quiet=quiet, callback=callback) as bar:
        results = runner.map(_solve_slab, tasks, bar)
    return _merge(game, shape, results)


def parallel_counts(game: Any, values: Mapping[str, Any], *, n_jobs: int = 1,
                    scheduler: Any = None, points_per_task: int | None = None,
                    atol: float = 1e-12, quiet: bool = False,
                    callback: Callback | None = None) -> SweepCounts:
    """How often each equilibrium outcome occurs over a grid, without keeping the grid.

    The same work as :func:`parallel_sweep` (same parameters), but each task sends back only
    its counts, so the grid may be far larger than memory: 10^8 points on a cluster.

    Examples
    --------
    >>> from gametheory.games import ExtensiveGame, decision, leaf
    >>> from gametheory.symbolic.sweep import grid
    >>> game = ExtensiveGame(["A"], decision("A", {"x": leaf("c"), "y": leaf(1)}),
    ...                      parameters=["c"])
    >>> counts = parallel_counts(game, grid(c=[0, 0.5, 2, 3, 4]), points_per_task=2, quiet=True)
    >>> counts.paths(), counts.points, counts.ties
    ({('x',): 3, ('y',): 2}, 5, 0)
    """
    runner = _Runner(n_jobs, scheduler)
    shape, tasks = _tasks(game, values, runner, points_per_task, atol)
    with Progress(len(tasks), "sweep", quiet=quiet, callback=callback) as bar:
        results = runner.map(_count_slab, tasks, bar)
    terminals: dict[int, int] = {}
    labels: dict[int, tuple[str, ...]] = {}
    for counts, paths, _ in results:
        labels.update(paths)
        for v, n in counts.items():
            terminals[v] = terminals.get(v, 0) + n
    return SweepCounts(game, shape, dict(sorted(terminals.items())), labels,
                       sum(ties for _, _, ties in results))


def _merge(game: Any, shape: tuple[int, ...], results: list[SweepResult]) -> SweepResult:
    """Put the slabs' results back in place, in the order of their rows."""
    if len(results) == 1 or not shape:
        only = results[0]
        return SweepResult(game, shape, only.payoffs, only.terminal, only.ties, only.choice)
    payoffs = np.concatenate([r.payoffs for r in results], axis=1)
    terminal = np.concatenate([r.terminal for r in results], axis=0)
    ties = np.concatenate([r.ties for r in results], axis=0)
    choice = {v: np.concatenate([r.choice[v] for r in results], axis=0)
              for v in results[0].choice}
    return SweepResult(game, shape, payoffs, terminal, ties, choice)
