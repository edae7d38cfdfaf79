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

__all__ = ["OutcomeRegion", "outcome_regions", "plot_regions", "fixed_caption", "symbol_tex",
           "outcome_colours", "place_labels", "save_figure", "episode_map"]


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

def symbol_tex(name: str) -> str:
    r"""A parameter's name as TeX math for the figures (without dollar signs), by the package's
    one typesetter (:func:`gametheory.report.latex.symbol`), which matplotlib's mathtext reads.

    Examples
    --------
    >>> [symbol_tex(n) for n in ("ell_A", "kappa0", "lam", "d_hi")]
    ['\\ell_{A}', '\\kappa_{0}', '\\lambda', 'd_{\\mathrm{hi}}']
    """
    from gametheory.report.latex import symbol
    return symbol(name)


def _axis_label(model, name: str, width: int = 48) -> str:
    import textwrap
    meaning = model.parameter(name).meaning.split(" (")[0]
    return "\n".join(textwrap.wrap(f"${symbol_tex(name)}$: {meaning}", width))


def outcome_colours(outcomes: Sequence[str]) -> dict[str, str]:
    """The colour of each outcome (Okabe-Ito; ``S``, ``L``, ``N``, ``Terminate`` fixed).

    Examples
    --------
    >>> outcome_colours(["L", "N", "X"])
    {'L': '#D55E00', 'N': '#BBBBBB', 'X': '#E69F00'}
    """
    out, k = {}, 0
    for o in outcomes:
        if o in _COLOURS:
            out[o] = _COLOURS[o]
        else:
            out[o] = _OTHER[k % len(_OTHER)]
            k += 1
    return out


def plot_regions(model, x: str, y: str, fixed: Mapping[str, Any] | None = None,
                 path: str | Path | None = None, *, xlim: tuple | None = None,
                 ylim: tuple | None = None, episodes: bool | Sequence = True,
                 resolution: int = 400, ax=None, caption: bool = True, legend: bool = True):
    """Draw the ``(x, y)`` plane coloured by equilibrium outcome; save it if ``path`` is given.

    Parameters
    ----------
    model : Model or str
    x, y : str
        The parameters on the axes (neither a ``{0, 1}`` switch nor fixed).
    fixed : mapping, optional
        Values of other parameters (the rest take the model's defaults).
    path : path, optional
        ``.png``, ``.svg`` or ``.pdf``.
    xlim, ylim : pair of numbers, optional
        Axis ranges (default: from the parameter's domain and default value).
    episodes : bool or sequence
        Overlay the Anglo-Japanese episodes as labelled points at their ``x``/``y`` values;
        ``True`` does it for the linkage models (calibrated episodes whose switches, such as
        ``lam``, equal the map's).  A sequence may hold episode rows
        (:class:`gametheory.models.episodes.Row`: their own solved prediction is then compared
        with the region under the point) or mappings of values.  A point is filled where the
        episode's other values are the map's fixed values and hollow where it is projected
        onto the plane; a projected episode whose own prediction differs from the outcome of
        the region under it is labelled with its own prediction.
    resolution : int
        Pixels per axis for the colouring; the boundaries are drawn from exact equations.
    ax : matplotlib Axes, optional
        Draw into this axes (a panel of a larger figure); the caption is then returned in
        ``ax.caption`` instead of being written under the figure.
    caption : bool
        Write the caption (every fixed value) under the figure.
    legend : bool
        Draw the legend (only the outcomes drawn, then the kinds of episode points); the
        handles are kept in ``ax.legend_items`` either way.

    Returns
    -------
    matplotlib.figure.Figure
    """
    import numpy as np

    plt = _require_matplotlib()
    from matplotlib.patches import Patch

    model = _resolve(model)
    _check_axes(model, x, y, fixed)
    regions = outcome_regions(model, x, y, fixed)
    values = model.point(**(fixed or {}))
    rows = [r for r in _episode_points(model, episodes) if x in r[1] and y in r[1]
            and _same_switches(model, r[1], values)]
    xlim = tuple(map(float, xlim)) if xlim else _cover(_default_range(model, x, values[x]),
                                                       [v[x] for _, v, _ in rows])
    ylim = tuple(map(float, ylim)) if ylim else _cover(_default_range(model, y, values[y]),
                                                       [v[y] for _, v, _ in rows])
    X, Y = np.meshgrid(np.linspace(xlim[0], xlim[1], resolution),
                       np.linspace(ylim[0], ylim[1], resolution))
    sx, sy = sympy.Symbol(x, real=True), sympy.Symbol(y, real=True)

    def evaluate(expr):
        result = sympy.lambdify((sx, sy), expr, "numpy")(X, Y)
        return np.broadcast_to(np.asarray(result, dtype=float), X.shape)

    outcomes = list(dict.fromkeys(r.outcome for r in regions))
    colours = outcome_colours(outcomes)
    index = np.full(X.shape, -1)
    for region in regions:
        mask = np.ones(X.shape, dtype=bool)
        for c in region.conditions:
            mask &= np.asarray(sympy.lambdify((sx, sy), c, "numpy")(X, Y), dtype=bool)
        index[(index < 0) & mask] = outcomes.index(region.outcome)

    if ax is None:
        fig, ax = plt.subplots(figsize=(7, 5.2))
    fig = ax.figure
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
    differs: list[str] = []
    places: dict[tuple[float, float, bool], list[str]] = {}
    for row_id, values_, own in rows:
        on_plane = _on_plane(values_, values, (x, y))
        point = {x: Fraction(values_[x]), y: Fraction(values_[y])}
        here = sorted({r.outcome for r in regions if r.contains(point)})
        label = row_id
        if not on_plane:
            projected.append(row_id)
            if own and here != [own]:
                differs.append(row_id)
                label = f"{row_id} ({_short(own)})"
        place = (float(point[x]), float(point[y]), on_plane)
        places.setdefault(place, []).append(label)
    for (px, py, on_plane), ids in places.items():
        ax.plot(px, py, "o", ms=6, zorder=5, mec="black", mew=1.2, clip_on=False,
                mfc="black" if on_plane else "white")
    ax.point_labels = [((px, py), ", ".join(ids)) for (px, py, _), ids in places.items()]
    ax.set_xlim(*xlim)
    ax.set_ylim(*ylim)
    ax.set_xlabel(_axis_label(model, x), fontsize=9)
    ax.set_ylabel(_axis_label(model, y), fontsize=9)
    ax.set_title(f"{model.name}: equilibrium outcome over $({symbol_tex(x)}, {symbol_tex(y)})$",
                 fontsize=10)
    present = _ordered(outcomes[k] for k in set(np.unique(index[index >= 0]).tolist()))
    handles = [Patch(facecolor=colours[o], alpha=0.55, edgecolor="black", label=_name(o))
               for o in present]
    if rows:
        from matplotlib.lines import Line2D
        marks = {True: "episode at its calibrated point", False: "episode projected"}
        for filled in sorted({on for (_, _, on) in places}, reverse=True):
            handles.append(Line2D([], [], ls="", marker="o", mec="black",
                                  mfc="black" if filled else "white", label=marks[filled]))
    ax.legend_items = handles
    if handles and legend:
        ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8,
                  framealpha=0.95, borderaxespad=0)
    text = fixed_caption(values, (x, y), projected, differs)
    ax.caption = text
    if caption:
        fig.subplots_adjust(right=0.72 if handles and legend else 0.95, bottom=0.17)
        fig.text(0.02, 0.0, text, ha="left", va="top", fontsize=7)
    ax.labels_placed = place_labels(ax, ax.point_labels)   # after the layout: measured on the page
    if path is not None:
        save_figure(fig, path)
    return fig


def _resolve(model):
    """A model given by name or as a Model."""
    from gametheory.models import MODELS
    return MODELS[model] if isinstance(model, str) else model


def save_figure(fig, path: str | Path) -> None:
    """Write a figure atomically (``.png`` at 150 dpi, ``.svg``, ``.pdf``), nothing clipped."""
    from io import BytesIO

    from ..io.files import write_atomic
    buffer = BytesIO()
    fig.savefig(buffer, format=Path(path).suffix[1:] or "png", bbox_inches="tight", dpi=150)
    write_atomic(path, buffer.getvalue())


def _check_axes(model, x: str, y: str, fixed: Mapping[str, Any] | None) -> None:
    """Refuse an axis that is also fixed or takes only the values 0 and 1."""
    from gametheory.parameters import Switch

    if x == y:
        raise ValueError("the two axes must be different parameters")
    for name in (x, y):
        parameter = model.parameter(name)       # KeyError for an unknown parameter
        if name in (fixed or {}):
            raise ValueError(f"{name} is an axis and cannot also be fixed")
        if isinstance(parameter.domain, Switch):
            raise ValueError(f"{name} takes only the values {parameter.domain}: fix it and "
                             f"choose another axis")


def _same_switches(model, episode: Mapping[str, Any], values: Mapping[str, Any]) -> bool:
    """An episode belongs on a map only where its switches (``lam``) equal the map's: a switch
    changes the tree, so there is no projection across it."""
    from gametheory.parameters import Switch

    return all(Fraction(episode[p.name]) == Fraction(values[p.name]) for p in model.parameters
               if isinstance(p.domain, Switch) and p.name in episode and p.name in values)


def _ordered(outcomes) -> list[str]:
    order = ["S", "L", "N", "Terminate"]
    return sorted(outcomes, key=lambda o: (order.index(o) if o in order else len(order), o))


def _short(outcome: str) -> str:
    return {"Terminate": "Term"}.get(outcome, outcome)


def _name(outcome: str) -> str:
    return {"S": "S: side payment", "L": "L: leverage", "N": "N: separation",
            "Terminate": "Terminate: no renewal"}.get(outcome, outcome)


def place_labels(ax, points: Sequence[tuple[tuple[float, float], str]], fontsize: float = 8
                 ) -> list:
    """Label points so that no two labels overlap each other, a marker, or the axes' edges.

    Each label tries eight positions around its point, nearest first, then the same at twice
    and three times the distance (with a leader line); it takes the first position whose box,
    measured by the renderer, is free.

    Returns
    -------
    list of matplotlib Annotation
    """
    from matplotlib.transforms import Bbox

    fig = ax.figure
    renderer = fig.canvas.get_renderer()
    frame = ax.get_window_extent(renderer)
    to_px = ax.transData.transform
    dpi = fig.dpi / 72.0
    markers = [Bbox.from_bounds(*(to_px(xy) - 4 * dpi), 8 * dpi, 8 * dpi) for xy, _ in points]
    taken: list = []
    out = []
    offsets = [(6, 4, "left", "bottom"), (6, -4, "left", "top"), (-6, 4, "right", "bottom"),
               (-6, -4, "right", "top"), (0, 7, "center", "bottom"), (0, -7, "center", "top"),
               (8, 0, "left", "center"), (-8, 0, "right", "center")]
    for xy, text in sorted(points, key=lambda p: (-p[0][1], p[0][0])):
        best = None
        for scale in (1, 2.5, 4):
            for dx, dy, ha, va in offsets:
                note = ax.annotate(text, xy, xytext=(dx * scale, dy * scale),
                                   textcoords="offset points", ha=ha, va=va, fontsize=fontsize,
                                   zorder=6, annotation_clip=False,
                                   bbox=dict(boxstyle="square,pad=0.1", fc="white", ec="none",
                                             alpha=0.7),
                                   arrowprops=(dict(arrowstyle="-", lw=0.6, color="black")
                                               if scale > 1 else None))
                box = note.get_window_extent(renderer).expanded(1.04, 1.1)
                inside = (box.x0 >= frame.x0 and box.x1 <= frame.x1 and box.y0 >= frame.y0
                          and box.y1 <= frame.y1)
                clash = sum(box.overlaps(b) for b in taken) + sum(
                    box.overlaps(m) for m in markers)
                score = clash + (0 if inside else 0.5)
                if best is None or score < best[0]:
                    if best is not None:
                        best[1].remove()
                    best = (score, note, box)
                else:
                    note.remove()
                if score == 0:
                    break
            if best[0] == 0:
                break
        taken.append(best[2])
        out.append(best[1])
    return out


def fixed_caption(values: Mapping[str, Any], axes: Sequence[str],
                  projected: Sequence[str] = (), differs: Sequence[str] = ()) -> str:
    """The caption of a region map: the value of every parameter off the axes, and which
    episodes are projected onto the plane (their other values differ).

    Examples
    --------
    >>> print(fixed_caption({"lam": 0, "c": 1, "s": Fraction(1, 2)}, ("c", "y"), ["E2"]))
    Fixed: lam = 0, s = 1/2.
    Hollow points (E2): episodes projected onto this plane (their other values differ).
    """
    from gametheory.numbers import exact, to_text

    items = [f"{k}\N{NO-BREAK SPACE}=\N{NO-BREAK SPACE}{to_text(exact(v))}"
             for k, v in values.items() if k not in axes]
    lines = _fill(f"Fixed: {', '.join(items) or 'nothing'}.")
    if projected:
        lines += _fill(f"Hollow points ({', '.join(projected)}): episodes projected onto this "
                       "plane (their other values differ).")
    if differs:
        lines += _fill(f"In brackets ({', '.join(differs)}): the episode's own prediction "
                       "(solved at all its values) where it differs from the region under it.")
    return "\n".join(lines).replace("\N{NO-BREAK SPACE}", " ")


def _fill(text: str, width: int = 118) -> list[str]:
    import textwrap
    return textwrap.wrap(text, width, break_on_hyphens=False)


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


def _episode_points(model, episodes) -> list[tuple[str, Mapping[str, str], str | None]]:
    """(id, values, own prediction or None) of each episode to draw."""
    if episodes is False or episodes is None:
        return []
    if episodes is True:
        if not model.name.startswith("linkage"):
            return []
        from gametheory.models.episodes import load_episodes
        _, rows = load_episodes()
        return [(e.id, e.values, _own_outcome(model, e.values)) for e in rows
                if e.calibrated and not e.is_counterfactual and not e.is_private]
    out = []
    for k, e in enumerate(episodes):
        episode = getattr(e, "episode", e)
        values = getattr(episode, "values", episode)
        if not values:
            continue
        own = getattr(e, "predicted", None)
        out.append((getattr(e, "id", str(k)), values, own if own and "/" not in own else None))
    return out


def _own_outcome(model, values: Mapping[str, Any]) -> str | None:
    """The model's outcome solved at an episode's values (its missing values: the defaults)."""
    from gametheory.symbolic.parametric import parametric_spe

    names = {p.name for p in model.parameters}
    game = model.build(**model.point(**{k: v for k, v in values.items() if k in names}))
    labels = {_label(piece.path) for piece in parametric_spe(game, generic=True)}
    return labels.pop() if len(labels) == 1 else None


#: The panels of the episode map: the legislature switch and the two axes of each.
EPISODE_PANELS = ((0, "c", "R"), (1, "ell_A", "kappa"))


def episode_map(rows: Sequence, path: str | Path | None = None, *, model: Any = "linkage",
                panels: Sequence[tuple[int, str, str]] = EPISODE_PANELS,
                fixed: Mapping[str, Any] | None = None, resolution: int = 300):
    """The region map of the core game with every calibrated episode at its calibrated point.

    One panel per value of the legislature switch ``lam`` (it changes the tree, so an episode
    is drawn only in the panel of its own ``lam``).  Without the legislature (``lam = 0``) the
    threat is not credible at the calibrated values and the choice is a side payment or
    nothing, so the default axes are H1's ruling-party cost ``c`` against the security value
    ``R``; with it, the axes are A's dependence ``ell_A`` against the legislature's extra
    back-down cost ``kappa`` (credibility, P3).  Every other parameter takes the model's
    default values (the E6 calibration) with ``fixed`` overriding them, and the caption of each
    panel names them all; an episode whose other values differ is projected (hollow), and one
    whose own prediction (``row.predicted``, solved at all its values) differs from the region
    under it carries that prediction in brackets.

    Parameters
    ----------
    rows : sequence of Row
        The solved episodes (:func:`gametheory.models.episodes.episode_rows`).
    path : path, optional
        Where to save the figure.
    model : Model or str
        The game whose regions are drawn (default: G1, ``linkage``).
    panels : sequence of (lam, x, y)
    fixed : mapping, optional
        Values that override the model's defaults in every panel.
    resolution : int

    Returns
    -------
    matplotlib.figure.Figure
    """
    plt = _require_matplotlib()
    model = _resolve(model)
    rows = [r for r in rows if getattr(getattr(r, "episode", r), "values", None)
            and not getattr(getattr(r, "episode", r), "is_counterfactual", False)
            and not getattr(getattr(r, "episode", r), "is_private", False)]
    fig, axes = plt.subplots(1, len(panels), figsize=(6.2 * len(panels), 5.6), squeeze=False)
    captions = []
    for ax, (lam, x, y) in zip(axes[0], panels):
        values = {**(fixed or {}), "lam": lam}
        plot_regions(model, x, y, values, ax=ax, episodes=rows, resolution=resolution,
                     caption=False, legend=False)
        ax.set_title(f"$\\lambda = {lam}$: "
                     + ("legislature involved" if lam else "executive prerogative"), fontsize=10)
        captions.append(f"Panel lambda = {lam}. " + ax.caption)
    handles = {}
    for ax in axes[0]:
        for handle in ax.legend_items:
            handles.setdefault(handle.get_label(), handle)
    order = [_name(o) for o in ("S", "L", "N", "Terminate")]
    labels = sorted(handles, key=lambda k: order.index(k) if k in order else len(order))
    fig.legend([handles[k] for k in labels], labels, loc="upper center", ncol=len(labels),
               fontsize=8, frameon=False, bbox_to_anchor=(0.5, 0.95))
    fig.suptitle(f"{model.name}: equilibrium outcome (subgame-perfect) and the episodes",
                 fontsize=11)
    fig.tight_layout(rect=(0, 0, 1, 0.91))
    for ax in axes[0]:                    # the layout moved the panels: place labels again
        for note in getattr(ax, "labels_placed", []):
            note.remove()
        ax.labels_placed = place_labels(ax, ax.point_labels)
    if any("In brackets" in c for c in captions):
        from gametheory.models.episodes import load_episodes
        captions.append(f"Predictions in brackets are the table's: each episode solved at all "
                        f"its values in the table's model ({load_episodes()[0]}, which has the "
                        f"renewal stage), not in {model.name}.")
    fig.text(0.01, 0.0, "\n".join(captions), ha="left", va="top", fontsize=7)
    if path is not None:
        save_figure(fig, path)
    return fig
