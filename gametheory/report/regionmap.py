"""Region maps: a parameter plane coloured by equilibrium outcome, with exact boundaries.

Every parameter but the two axes is fixed (the model's defaults, overridden by ``fixed``); the
symbolic solver (:func:`gametheory.symbolic.parametric.parametric_spe`) then gives the regions of
the plane, each a conjunction of exact relations in the two axis parameters, with the equilibrium
path valid there.  The map colours each region by its outcome (the first mover's first action),
draws the region boundaries from their exact equations, and overlays the historical episodes as
labelled points: filled where the episode's other values are the map's fixed values, hollow where
it is projected onto the plane.  A caption under the map gives the value of every parameter off
the axes; the legend lists only the outcomes drawn; the colours are colour-blind safe.

matplotlib is an optional dependency (``pip install 'gametheory[plot]'``); only
:func:`plot_regions` needs it.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import Any, Mapping, Sequence

import sympy

__all__ = ["OutcomeRegion", "outcome_regions", "plot_regions", "fixed_caption"]


@dataclass(frozen=True)
class OutcomeRegion:
    """A region of the plane (exact relations in the axis parameters) and its outcome."""

    outcome: str
    conditions: tuple[sympy.Basic, ...]
    path: tuple[str, ...]

    def contains(self, point: Mapping[str, Any]) -> bool:
        from gametheory.numbers import exact, to_sympy
        subs = {s: to_sympy(exact(point[s.name])) for c in self.conditions
                for s in c.free_symbols}
        return all(bool(c.xreplace(subs)) for c in self.conditions)


def _label(path: Sequence[str], skip=("Renew",)) -> str:
    for action in path:
        if action not in skip:
            return action
    return path[0] if path else ""


def _plane_game(model, x: str, y: str, fixed: Mapping[str, Any] | None):
    if x == y:
        raise ValueError("the two axes must be different parameters")
    for name in (x, y):
        model.parameter(name)        # raises KeyError for an unknown parameter
    values = model.point(**(fixed or {}))
    return model.build(**{k: v for k, v in values.items() if k not in (x, y)}), values


def outcome_regions(model, x: str, y: str, fixed: Mapping[str, Any] | None = None
                    ) -> list[OutcomeRegion]:
    """The exact outcome regions of the ``(x, y)`` plane (generic points: boundaries dropped).

    Examples
    --------
    >>> from gametheory.models import MODELS
    >>> regions = outcome_regions(MODELS["linkage"], "ell_A", "c", {"lam": 1})
    >>> sorted({r.outcome for r in regions})
    ['L', 'N']
    """
    from gametheory.models import MODELS
    from gametheory.symbolic.parametric import parametric_spe

    if isinstance(model, str):
        model = MODELS[model]
    game, _ = _plane_game(model, x, y, fixed)
    out: list[OutcomeRegion] = []
    for piece in parametric_spe(game, generic=True):
        region = OutcomeRegion(_label(piece.path), tuple(piece.conditions), tuple(piece.path))
        if region not in out:
            out.append(region)
    return out


def _default_range(model, name: str, value: Fraction) -> tuple[float, float]:
    domain = model.parameter(name).domain
    lo = getattr(domain, "lo", None)
    hi = getattr(domain, "hi", None)
    if hasattr(domain, "values") and lo is None:
        return (-0.25, 1.25)
    low = float(lo) if lo is not None else min(0.0, float(value) * 2)
    high = float(hi) if hi is not None else max(2 * float(value), low + 1.0, float(value) + 1.0)
    return low, high


def _require_matplotlib():
    """pyplot, on the non-interactive Agg backend unless one was chosen (a notebook's inline
    backend, ``MPLBACKEND``, or pyplot already in use), which is kept."""
    try:
        import matplotlib
        if "matplotlib.pyplot" not in sys.modules and not os.environ.get("MPLBACKEND"):
            matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        raise ImportError("region maps need matplotlib: pip install 'gametheory[plot]'") from None
    return plt


# The Okabe-Ito palette (Okabe and Ito 2008, "Color Universal Design"), safe for the common
# forms of colour blindness; N, the status quo, is a neutral grey.
_COLOURS = {"S": "#009E73", "L": "#D55E00", "N": "#BBBBBB", "Terminate": "#0072B2"}
_OTHER = ["#E69F00", "#56B4E9", "#CC79A7", "#F0E442", "#000000"]


def plot_regions(model, x: str, y: str, fixed: Mapping[str, Any] | None = None,
                 path: str | Path | None = None, *, xlim: tuple | None = None,
                 ylim: tuple | None = None, episodes: bool | Sequence = True,
                 resolution: int = 400):
    """Draw the ``(x, y)`` plane coloured by equilibrium outcome; save it if ``path`` is given.

    Parameters
    ----------
    model : Model or str
    x, y : str
        The parameters on the axes.
    fixed : mapping, optional
        Values of other parameters (the rest take the model's defaults).
    path : path, optional
        ``.png``, ``.svg`` or ``.pdf``.
    xlim, ylim : pair of numbers, optional
        Axis ranges (default: from the parameter's domain and default value).
    episodes : bool or sequence of episode rows
        Overlay the Anglo-Japanese episodes (their ``x``/``y`` values) as labelled points;
        ``True`` does it for the linkage models.
    resolution : int
        Pixels per axis for the colouring; the boundaries are drawn from exact equations.

    Returns
    -------
    matplotlib.figure.Figure
    """
    import numpy as np
    from gametheory.models import MODELS

    plt = _require_matplotlib()
    from matplotlib.patches import Patch

    if isinstance(model, str):
        model = MODELS[model]
    regions = outcome_regions(model, x, y, fixed)
    values = model.point(**(fixed or {}))
    rows = _episode_points(model, episodes)
    xlim = tuple(map(float, xlim)) if xlim else _cover(_default_range(model, x, values[x]),
                                                       [v[x] for _, v in rows if x in v])
    ylim = tuple(map(float, ylim)) if ylim else _cover(_default_range(model, y, values[y]),
                                                       [v[y] for _, v in rows if y in v])
    X, Y = np.meshgrid(np.linspace(xlim[0], xlim[1], resolution),
                       np.linspace(ylim[0], ylim[1], resolution))
    sx, sy = sympy.Symbol(x, real=True), sympy.Symbol(y, real=True)

    def evaluate(expr):
        result = sympy.lambdify((sx, sy), expr, "numpy")(X, Y)
        return np.broadcast_to(np.asarray(result, dtype=float), X.shape)

    outcomes = list(dict.fromkeys(r.outcome for r in regions))
    colours = {o: _COLOURS.get(o, _OTHER[k % len(_OTHER)]) for k, o in enumerate(outcomes)}
    index = np.full(X.shape, -1)
    masks = []
    for region in regions:
        mask = np.ones(X.shape, dtype=bool)
        for c in region.conditions:
            mask &= np.asarray(sympy.lambdify((sx, sy), c, "numpy")(X, Y), dtype=bool)
        masks.append(mask)
        index[(index < 0) & mask] = outcomes.index(region.outcome)

    fig, ax = plt.subplots(figsize=(7, 5.5))
    from matplotlib.colors import ListedColormap
    cmap = ListedColormap([colours[o] for o in outcomes] or ["white"])
    shown = np.ma.masked_less(index, 0)
    ax.imshow(shown, origin="lower", extent=(*xlim, *ylim), aspect="auto", cmap=cmap,
              vmin=-0.5, vmax=max(len(outcomes) - 0.5, 0.5), alpha=0.55, interpolation="nearest")

    # exact boundaries: each region's facets, kept where the outcome changes across them
    change = np.zeros(X.shape, dtype=bool)
    padded = np.pad(index, 2, mode="edge")
    for dx in range(-2, 3):
        for dy in range(-2, 3):
            change |= padded[2 + dy:2 + dy + X.shape[0], 2 + dx:2 + dx + X.shape[1]] != index
    drawn = set()
    for region in regions:
        for c in region.conditions:
            if not isinstance(c, sympy.core.relational.Relational):
                continue
            expr = sympy.expand(c.lhs - c.rhs)
            if not expr.free_symbols & {sx, sy} or expr in drawn:
                continue
            drawn.add(expr)
            field = np.where(change, evaluate(expr), np.nan)
            if np.all(np.isnan(field)):
                continue
            with np.errstate(invalid="ignore"):
                ax.contour(X, Y, field, levels=[0], colors="black", linewidths=1.2)

    projected: list[str] = []
    places: dict[tuple[float, float, bool], list[str]] = {}
    for row_id, values_ in rows:
        if x in values_ and y in values_:
            on_plane = _on_plane(values_, values, (x, y))
            if not on_plane:
                projected.append(row_id)
            place = (float(Fraction(values_[x])), float(Fraction(values_[y])), on_plane)
            places.setdefault(place, []).append(row_id)
    for (px, py, on_plane), ids in places.items():     # one label per point: no overprinting
        ax.plot(px, py, "o", ms=5, zorder=5, mec="black", mfc="black" if on_plane else "white")
        ax.annotate(", ".join(ids), (px, py), textcoords="offset points", xytext=(4, 4),
                    fontsize=8, zorder=6)
    ax.set_xlim(*xlim)
    ax.set_ylim(*ylim)
    ax.set_xlabel(x)
    ax.set_ylabel(y)
    ax.set_title(f"{model.name}: equilibrium outcome over ({x}, {y})", fontsize=10)
    present = [outcomes[k] for k in sorted(set(np.unique(index[index >= 0]).tolist()))]
    if present:
        ax.legend(handles=[Patch(color=colours[o], alpha=0.55, label=o) for o in present],
                  loc="upper right", fontsize=8, framealpha=0.9)
    fig.text(0.01, 0.0, fixed_caption(values, (x, y), projected), ha="left", va="top",
             fontsize=7, wrap=True)
    if path is not None:
        from io import BytesIO

        from ..io.files import write_atomic
        buffer = BytesIO()
        fig.savefig(buffer, format=Path(path).suffix[1:] or "png", bbox_inches="tight", dpi=150)
        write_atomic(path, buffer.getvalue())
    return fig


def fixed_caption(values: Mapping[str, Any], axes: Sequence[str],
                  projected: Sequence[str] = ()) -> str:
    """The caption of a region map: the value of every parameter off the axes, and which
    episodes are projected onto the plane (their other values differ).

    Examples
    --------
    >>> print(fixed_caption({"lam": 0, "c": 1, "s": Fraction(1, 2)}, ("c", "y"), ["E2"]))
    Fixed: lam = 0, s = 1/2.
    Hollow points (E2) are episodes projected onto this plane: their other values differ.
    """
    import textwrap

    from gametheory.numbers import exact, to_text

    fixed = ", ".join(f"{k} = {to_text(exact(v))}" for k, v in values.items() if k not in axes)
    text = textwrap.fill(f"Fixed: {fixed or 'nothing'}.", 120)
    if projected:
        text += (f"\nHollow points ({', '.join(projected)}) are episodes projected onto this "
                 "plane: their other values differ.")
    return text


def _on_plane(episode: Mapping[str, Any], values: Mapping[str, Any], axes: Sequence[str]) -> bool:
    """Whether an episode's values equal the map's fixed values off the axes."""
    return all(Fraction(episode[k]) == Fraction(v) for k, v in values.items()
               if k not in axes and k in episode)


def _cover(limits: tuple[float, float], values: Sequence) -> tuple[float, float]:
    """Widen the axis range to show every episode, with a margin."""
    points = [float(Fraction(v)) for v in values]
    if not points:
        return limits
    lo, hi = min(limits[0], min(points)), max(limits[1], max(points))
    margin = 0.05 * (hi - lo)
    return (lo - margin if lo < limits[0] else lo, hi + margin if hi > limits[1] else hi)


def _episode_points(model, episodes) -> list[tuple[str, Mapping[str, str]]]:
    if episodes is False or episodes is None:
        return []
    if episodes is True:
        if not model.name.startswith("linkage"):
            return []
        from gametheory.models.episodes import load_episodes
        _, rows = load_episodes()
        return [(e.id, e.values) for e in rows if e.calibrated and not e.is_counterfactual]
    return [(getattr(e, "id", str(k)), getattr(e, "values", e)) for k, e in enumerate(episodes)]
