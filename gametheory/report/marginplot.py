"""The margin plot: for each episode, how far the nearest flip of its prediction is.

One horizontal bar per episode of the table (:func:`gametheory.models.episodes.episode_rows`):
its length is the episode's *margin*, the smallest relative change of a single parameter that
changes the predicted outcome (exact, from the symbolic regions of the solved model: moving the
named parameter by slightly more flips the prediction, by slightly less does not), and its label
names the parameter(s) and the direction.  The bar is coloured by the predicted outcome (the
Okabe-Ito colours of the region maps).  A dashed line marks the +-25% range of the robustness
check, so a bar shorter than it is a fit that some perturbation within that range overturns.
An episode without calibration is listed with "not calibrated", one without any single-parameter
flip inside the parameters' domains with "no flip".

matplotlib is an optional dependency (``pip install 'gametheory[plot]'``).

References
----------
C. L. Davis (2008/09), Linkage diplomacy, *International Security* 33(3) (the episodes);
M. Okabe and K. Ito (2008), Color Universal Design (the palette).
"""

from __future__ import annotations

from pathlib import Path
from typing import Sequence

from .regionmap import (_require_matplotlib, _name, _ordered, outcome_colours, save_figure,
                        symbol_tex)

__all__ = ["margin_plot", "flip_label"]


def flip_label(row) -> str:
    r"""The flip of a row as mathtext: ``'$\ell_{A}$ +33.3%, $\kappa$ -33.3%'``.

    Examples
    --------
    >>> from gametheory.models.episodes import episode_rows
    >>> e6 = next(r for r in episode_rows(robust=False) if r.id == "E6")
    >>> flip_label(e6)
    '$\\ell_{A}$ +33.3%, $\\kappa$ −33.3%'
    """
    value, which = row.margin()
    if value is None:
        return ""
    pct = value * 100
    text = (f"{pct.numerator // pct.denominator}%" if pct.denominator == 1
            else f"{float(pct):.1f}%")
    minus = "\u2212"
    return ", ".join(f"${symbol_tex(name)}$ {'+' if sign > 0 else minus}{text}"
                     for name, sign in which)


def margin_plot(rows: Sequence, path: str | Path | None = None, *,
                counterfactuals: bool = False, spread: float = 0.25):
    """Draw the margin of every episode as a bar; save it if ``path`` is given.

    Parameters
    ----------
    rows : sequence of Row
        Solved rows of the episode table.
    path : path, optional
        ``.png``, ``.svg`` or ``.pdf``.
    counterfactuals : bool
        Also draw the counterfactual rows (below the episodes).  Rows solved under private
        information have no single-parameter margin and are left out.
    spread : float
        The relative range of the robustness check, drawn as a dashed line.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> from gametheory.models.episodes import episode_rows
    >>> figure = margin_plot(episode_rows(robust=False))
    >>> bars = figure.axes[0].patches
    >>> round(float(bars[5].get_width()), 3)         # E6: ell_A +33.3% flips leverage
    33.333
    """
    plt = _require_matplotlib()
    from matplotlib.patches import Patch

    rows = [r for r in rows if not r.episode.is_private
            and (counterfactuals or not r.episode.is_counterfactual)]
    outcomes = _ordered({r.predicted for r in rows if r.episode.calibrated})
    colours = outcome_colours(outcomes)
    widths = [float(r.margin()[0]) * 100 if r.margin()[0] is not None else 0.0 for r in rows]
    top = max([*widths, spread * 100]) * 1.55 + 5
    fig, ax = plt.subplots(figsize=(7.5, 0.42 * len(rows) + 1.9))
    positions = list(range(len(rows)))[::-1]
    for y, row, width in zip(positions, rows, widths):
        colour = colours.get(row.predicted, "white")
        ax.barh(y, width, height=0.62, color=colour, edgecolor="black", linewidth=0.8,
                zorder=2)
        if not row.episode.calibrated:
            note = "not calibrated"
        elif "/" in row.predicted:
            note = f"{row.predicted}: several equilibrium outcomes"
        elif row.margin()[0] is None:
            note = "no single-parameter flip within the domains"
        else:
            note = flip_label(row)
        ax.text(width + top * 0.01, y, note, va="center", ha="left", fontsize=8, zorder=4,
                bbox=dict(boxstyle="square,pad=0.15", fc="white", ec="none"))
        if row.robust is not None:
            ax.text(1.01, y, f"{round(row.robust * 100)}%", va="center", ha="left",
                    fontsize=8, transform=ax.get_yaxis_transform())
    ax.axvline(spread * 100, color="black", ls="--", lw=0.9, zorder=1)
    ax.text(spread * 100, len(rows) - 0.35, f" \u00b1{round(spread * 100)}% (robustness range)",
            fontsize=7, va="bottom", ha="left")
    if any(r.robust is not None for r in rows):
        ax.text(1.01, len(rows) - 0.35, "robust", va="bottom", ha="left", fontsize=7,
                transform=ax.get_yaxis_transform())
    ax.set_yticks(positions)
    ax.set_yticklabels([f"{r.id} ({r.episode.years})" if r.episode.years else r.id
                        for r in rows], fontsize=8)
    ax.set_ylim(-0.7, len(rows) - 0.1)
    ax.set_xlim(0, top)
    ax.set_xlabel("margin: smallest relative change of one parameter that flips the "
                  "prediction (%)", fontsize=9)
    ax.set_title("How far is the nearest flip? (exact, from the symbolic regions)", fontsize=10)
    ax.legend(handles=[Patch(facecolor=colours[o], edgecolor="black",
                             label=f"predicted {_name(o)}") for o in outcomes],
              loc="lower right", fontsize=8, framealpha=0.95)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    fig.tight_layout()
    if path is not None:
        save_figure(fig, path)
    return fig
