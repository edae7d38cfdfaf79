"""Parameter sweeps: the equilibrium outcome over a grid, by backward induction on arrays.

The payoffs (and chance probabilities) are compiled once with :func:`sympy.lambdify` into numpy
functions; then backward induction (Kuhn 1953) runs level by level over the tree with every
grid point at once: at a decision node the mover's best child is ``argmax`` over a stacked
array, at a chance node the value is the probability-weighted sum.  Ties go to the first
action and are flagged in :attr:`SweepResult.ties`.  Numbers here are floats: a sweep is a
numeric picture; exact answers come from :func:`gametheory.symbolic.parametric.parametric_spe`.

Grids are broadcast with numpy's rules: give 1-D arrays of one length (a list of points),
scalars for fixed parameters, or use :func:`grid` for a Cartesian product.  Long sweeps run in
chunks along the first axis, with a text progress bar on standard error.
"""

from __future__ import annotations

import sys
import time
from dataclasses import dataclass
from typing import Any, Mapping

import numpy as np
import sympy

from ..numbers import to_sympy
from ..solvers.kernel import CHANCE, backward_walk, expectation, first_best, path_to

__all__ = ["sweep", "grid", "SweepResult"]


@dataclass(frozen=True)
class SweepResult:
    """The equilibrium over a grid.

    Attributes
    ----------
    game : ExtensiveGame
    shape : tuple of int
        The broadcast shape of the grid.
    payoffs : ndarray, shape (n_players, *shape)
        Equilibrium payoffs (float).
    terminal : ndarray of int32, shape ``shape``
        The terminal node (breadth-first id) reached on the equilibrium path, or -1 when the
        path passes a chance node (it then reaches several).
    ties : ndarray of bool, shape ``shape``
        Where some mover was indifferent between its best actions (up to ``atol``).
    choice : dict of int to ndarray
        For each decision node, the chosen action index over the grid.
    """

    game: Any
    shape: tuple
    payoffs: np.ndarray
    terminal: np.ndarray
    ties: np.ndarray
    choice: Mapping[int, np.ndarray]

    def path_of(self, v: int) -> tuple[str, ...]:
        """The action labels from the root to node ``v``."""
        return path_to(self.game, v)

    def outcome_labels(self) -> dict[int, tuple[str, ...]]:
        """For each terminal that is reached somewhere on the grid, its path."""
        return {int(v): self.path_of(int(v)) for v in np.unique(self.terminal) if v >= 0}

    def share(self) -> dict[tuple[str, ...], float]:
        """The fraction of grid points where each path is the equilibrium path."""
        counts = np.bincount(self.terminal[self.terminal >= 0].ravel(),
                             minlength=self.game.n_nodes)
        total = self.terminal.size
        return {self.path_of(v): counts[v] / total for v in np.flatnonzero(counts)}


def grid(**axes) -> dict[str, np.ndarray]:
    """A Cartesian product of axes, as open (broadcastable) arrays.

    Examples
    --------
    >>> g = grid(c=[0, 1, 2], R=[1, 2])
    >>> g["c"].shape, g["R"].shape
    ((3, 1), (1, 2))
    """
    names = list(axes)
    out = {}
    for k, name in enumerate(names):
        shape = [1] * len(names)
        values = np.asarray(axes[name], dtype=float)
        shape[k] = values.size
        out[name] = values.reshape(shape)
    return out


def sweep(game, values: Mapping[str, Any], *, chunk: int = 1 << 16, progress: bool | None = None,
          atol: float = 1e-12) -> SweepResult:
    """Backward induction over a grid of parameter values, all points at once.

    Parameters
    ----------
    game : ExtensiveGame
        Perfect information (chance moves allowed), payoffs in the game's parameters.
    values : mapping of str to number or array
        A value or an array for every parameter; arrays are broadcast together.
    chunk : int
        Grid points per chunk (chunks are slices along the first axis).
    progress : bool, optional
        Show a progress bar on standard error (default: when the first chunk predicts that
        the sweep takes more than two seconds).
    atol : float
        Payoff differences up to ``atol`` count as ties.

    Returns
    -------
    SweepResult

    Examples
    --------
    >>> from gametheory.games import ExtensiveGame, decision, leaf
    >>> g = ExtensiveGame(["A"], decision("A", {"x": leaf("c"), "y": leaf(1)}),
    ...                   parameters=["c"])
    >>> result = sweep(g, {"c": [0, 2]})
    >>> result.payoffs.tolist(), [result.path_of(int(v)) for v in result.terminal]
    ([[1.0, 2.0]], [('y',), ('x',)])
    """
    if not game.is_perfect_information:
        raise ValueError("sweep needs a perfect-information game (chance moves are fine)")
    names = [p.name for p in game.parameters]
    missing = [n for n in names if n not in values]
    if missing:
        raise ValueError(f"no values for parameter(s) {', '.join(missing)}")
    arrays = [np.asarray(values[n], dtype=float) for n in names]
    shape = np.broadcast_shapes(*(a.shape for a in arrays)) if arrays else ()
    arrays = [a.reshape((1,) * (len(shape) - a.ndim) + a.shape) for a in arrays]
    compiled = _Compiled(game)
    first = shape[0] if shape else 1
    rows = max(1, chunk // max(1, int(np.prod(shape[1:], dtype=np.int64))))
    steps = range(0, first, rows)
    payoffs = np.empty((game.n_players,) + tuple(shape))
    terminal = np.empty(shape, dtype=np.int32)
    ties = np.empty(shape, dtype=bool)
    choice = {v: np.empty(shape, dtype=np.int16) for v in compiled.decisions}
    bar = _Progress(len(steps)) if progress else None
    start = time.perf_counter()
    for step, lo in enumerate(steps):
        hi = min(first, lo + rows)
        part = [a[lo:hi] if shape and a.shape[0] > 1 else a for a in arrays]
        sub_shape = (hi - lo,) + tuple(shape[1:]) if shape else ()
        u, t, tie, chosen = compiled.solve(part, sub_shape, atol)
        index = (slice(lo, hi),) if shape else ()
        payoffs[(slice(None),) + index] = u
        terminal[index] = t
        ties[index] = tie
        for v, c in chosen.items():
            choice[v][index] = c
        if bar is None and progress is None and step == 1:
            if (time.perf_counter() - start) / 2 * len(steps) > 2:
                bar = _Progress(len(steps))
        if bar:
            bar.update(step + 1)
    if bar:
        bar.close()
    return SweepResult(game, tuple(shape), payoffs, terminal, ties, choice)


class _Compiled:
    """Payoffs and probabilities of a game as numpy functions of the parameters."""

    def __init__(self, game):
        tree = game.tree
        self.game = game
        self.tree = tree
        symbols = [p.symbol for p in game.parameters]
        self.terminals = [int(v) for v in np.flatnonzero(tree.num_children == 0)]
        self.decisions = [int(v) for v in np.flatnonzero(tree.player >= 0)]
        rows = [[to_sympy(tree.exact_payoff(v, i)) for i in range(game.n_players)]
                for v in self.terminals]
        probs = {int(v): to_sympy(tree.exact_prob(int(v))) for v in range(tree.n_nodes)
                 if v > 0 and tree.player[tree.parent[v]] == CHANCE}
        self.payoff = sympy.lambdify(symbols, rows, modules="numpy", cse=True)
        self.prob_nodes = list(probs)
        self.prob = sympy.lambdify(symbols, list(probs.values()) or [0], modules="numpy",
                                   cse=True)

    def solve(self, arrays, shape, atol):
        """Backward induction on one chunk of points (:func:`kernel.backward_walk` over
        :class:`_Arrays`): the root's payoffs, terminal reached, tie flags and choices."""
        domain = _Arrays(self, arrays, shape, atol)
        u, reach, tie = backward_walk(self.tree, domain)[0]
        return u, reach, tie, domain.chosen


class _Arrays:
    """The value domain of a sweep: at each node, the payoff vectors over the points
    ``(n, *shape)``, the terminal reached (-1 past a chance node) and where some mover on the
    way was indifferent (up to ``atol``)."""

    def __init__(self, compiled: _Compiled, arrays, shape, atol):
        self.shape, self.atol, self.n = shape, atol, compiled.game.n_players
        self.terminals = dict(zip(compiled.terminals, compiled.payoff(*arrays)))
        self.probs = {}
        if compiled.prob_nodes:
            flat = compiled.prob(*arrays)
            self.probs = {v: np.broadcast_to(np.asarray(flat[k], dtype=float), shape)
                          for k, v in enumerate(compiled.prob_nodes)}
        self.chosen: dict[int, np.ndarray] = {}

    def terminal(self, v: int):
        row, shape = self.terminals[v], self.shape
        u = np.stack([np.broadcast_to(np.asarray(row[i], dtype=float), shape)
                      for i in range(self.n)])
        return u, np.full(shape, v, dtype=np.int32), np.zeros(shape, dtype=bool)

    def chance(self, v: int, children: range, values: list):
        (u,) = expectation([self.probs[c] for c in children], [(values[c][0],) for c in children])
        return (u, np.full(self.shape, -1, dtype=np.int32),
                np.logical_or.reduce([values[c][2] for c in children]))

    def decision(self, v: int, mover: int, children: range, values: list):
        kids = [values[c] for c in children]
        best, near = first_best(np.stack([u[mover] for u, _, _ in kids]), self.atol)
        self.chosen[v] = best.astype(np.int16)
        index = best[None]

        def chosen(j):
            return np.take_along_axis(np.stack([kid[j] for kid in kids]), index, axis=0)[0]
        u = np.take_along_axis(np.stack([kid[0] for kid in kids]), best[None, None], axis=0)[0]
        return u, chosen(1), near | chosen(2)


class _Progress:
    """A minimal text progress bar on standard error."""

    def __init__(self, total: int, width: int = 30):
        self.total, self.width, self.start = total, width, time.perf_counter()

    def update(self, done: int) -> None:
        filled = self.width * done // self.total
        elapsed = time.perf_counter() - self.start
        sys.stderr.write(f"\rsweep [{'#' * filled}{'.' * (self.width - filled)}] "
                         f"{done}/{self.total} chunks {elapsed:.1f}s")
        sys.stderr.flush()

    def close(self) -> None:
        sys.stderr.write("\n")
        sys.stderr.flush()
