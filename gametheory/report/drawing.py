"""Game-tree drawings: TikZ (the ``istgame`` package), Graphviz DOT, and PNG/SVG/PDF via matplotlib.

Every drawing shows the players at decision nodes, the actions (chance actions with their
probabilities), the payoffs at the terminal nodes (exact numbers or expressions) and the
information sets (dashed lines joining their nodes).

The layout is the classic one for game trees: each node's children are spaced evenly, wide enough
for the widest child subtree, so subtrees never overlap.

Examples
--------
>>> from gametheory.games import ExtensiveGame, decision, leaf
>>> g = ExtensiveGame(["1", "2"], decision("1", {"L": leaf(1, 0),
...     "R": decision("2", {"l": leaf(0, 1), "r": leaf(2, 2)})}))
>>> print(to_tikz(g, standalone=False))
\\begin{istgame}
\\xtdistance{15mm}{24mm}
\\istroot(n0)(0,0){\\mbox{1}}
  \\istb{\\mbox{L}}[al]{\\ensuremath{(1, 0)}}
  \\istb{\\mbox{R}}[ar]
  \\endist
\\xtdistance{15mm}{12mm}
\\istroot(n2)(n0-2){\\mbox{2}}
  \\istb{\\mbox{l}}[al]{\\ensuremath{(0, 1)}}
  \\istb{\\mbox{r}}[ar]{\\ensuremath{(2, 2)}}
  \\endist
\\end{istgame}
<BLANKLINE>
"""

from __future__ import annotations

import io
from pathlib import Path

import sympy

from ..games.tree import CHANCE, TERMINAL
from ..io.files import write_atomic
from ..numbers import is_symbolic, to_sympy, to_text

__all__ = ["draw", "to_tikz", "to_dot", "layout", "plot_tree", "MAX_PLOT_NODES", "MAX_PLOT_DEPTH",
           "MAX_FIGURE_INCHES"]

#: The largest tree :func:`plot_tree` draws (nodes and levels); larger trees are refused, since
#: their labels could not be read and the raster would take gigabytes.  TikZ and DOT output
#: have no such limit.  Override with the ``max_nodes`` argument.
MAX_PLOT_NODES = 500
MAX_PLOT_DEPTH = 40
#: The largest side of a matplotlib figure, in inches (at 150 dpi, 6,000 pixels).
MAX_FIGURE_INCHES = 40

_LATEX_NAMES = {sympy.Symbol("lam", real=True): r"\lambda"}


def _owner(game, v: int) -> str:
    player = int(game.tree.player[v])
    return "Chance" if player == CHANCE else game.players[player]


def _payoffs(game, v: int) -> tuple:
    return tuple(game.tree.exact_payoff(v, i) for i in range(game.n_players))


def _action(game, v: int, j: int) -> tuple[str, object | None]:
    """The label of the ``j``-th action at ``v`` and its probability (chance) or None."""
    infoset = game.infosets[int(game.tree.infoset[v])]
    prob = None
    if infoset.is_chance:
        prob = game.tree.exact_prob(int(game.tree.first_child[v]) + j)
    return infoset.actions[j], prob


def _latex(x) -> str:
    if is_symbolic(x):
        return sympy.latex(x, symbol_names={s: _LATEX_NAMES.get(s, sympy.latex(s))
                                            for s in x.free_symbols})
    return sympy.latex(to_sympy(x))


def _mbox(text: str) -> str:
    from .tables import latex_escape
    return r"\mbox{" + latex_escape(text) + "}"


def _extents(game) -> list[float]:
    """Width of every node's subtree: 1 at a leaf, else the number of children times the
    widest child (bottom-up over node numbers, which put every child after its parent)."""
    tree = game.tree
    extent = [1.0] * tree.n_nodes
    for v in reversed(range(tree.n_nodes)):
        kids = tree.children(v)
        if len(kids):
            extent[v] = len(kids) * max(extent[w] for w in kids)
    return extent


def layout(game) -> dict[int, tuple[float, float]]:
    """Node positions ``(x, y)``: y is minus the depth, x in units of the narrowest spacing."""
    tree = game.tree
    extent = _extents(game)
    pos = {0: (0.0, 0.0)}
    for v in range(tree.n_nodes):
        kids = tree.children(v)
        if not len(kids):
            continue
        spacing = max(extent[w] for w in kids)
        x, y = pos[v]
        for j, w in enumerate(kids):
            pos[w] = (x + (j - (len(kids) - 1) / 2) * spacing, y - 1.0)
    return pos


def _infoset_groups(game) -> list[tuple[str, list[int]]]:
    sizes = game.infoset_sizes()
    return [(game.infosets[k].label, [int(v) for v in game.infoset_members(k)])
            for k in range(len(game.infosets))
            if sizes[k] > 1 and not game.infosets[k].is_chance]


def to_tikz(game, *, standalone: bool = True, unit_mm: float = 12, level_mm: float = 15) -> str:
    """The game as an ``istgame`` picture (a complete ``standalone`` document by default).

    Chance nodes are drawn as ordinary nodes owned by "Chance", with each action's probability
    after its label.
    """
    tree = game.tree
    extent = _extents(game)
    name = {}
    lines = [r"\begin{istgame}"]
    for v in game.preorder().tolist():
        kids = list(tree.children(v))
        if not kids:
            continue
        name[v] = f"n{v}"
        sib = max(extent[w] for w in kids) * unit_mm
        lines.append(rf"\xtdistance{{{level_mm:g}mm}}{{{sib:g}mm}}")
        if v == 0:
            where = "(0,0)"
        else:
            parent = int(tree.parent[v])
            where = f"({name[parent]}-{int(tree.action[v]) + 1})"
        lines.append(rf"\istroot({name[v]}){where}{{{_mbox(_owner(game, v))}}}")
        for j, w in enumerate(kids):
            label, prob = _action(game, v, j)
            text = _mbox(label)
            if prob is not None:
                text += r"\ensuremath{\,(" + _latex(prob) + ")}"
            side = "al" if 2 * j < len(kids) - 1 else "ar" if 2 * j > len(kids) - 1 else "r"
            payoff = ""
            if tree.player[w] == TERMINAL:
                payoff = ("{\\ensuremath{(" + ", ".join(_latex(x) for x in _payoffs(game, w))
                          + ")}}")
            lines.append(rf"  \istb{{{text}}}[{side}]{payoff}")
        lines.append(r"  \endist")
    for label, members in _infoset_groups(game):
        for a, b in zip(members, members[1:]):
            lines.append(rf"\xtInfoset({name[a]})({name[b]}){{{_mbox(label)}}}")
    lines.append(r"\end{istgame}")
    body = "\n".join(lines) + "\n"
    if not standalone:
        return body
    return ("\\documentclass[border=10pt]{standalone}\n\\usepackage{istgame}\n"
            "\\begin{document}\n" + body + "\\end{document}\n")


def _dot_quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def to_dot(game) -> str:
    """The game as a Graphviz digraph (information sets as dashed, undirected edges).

    Examples
    --------
    >>> from gametheory.games import ExtensiveGame, decision, leaf
    >>> g = ExtensiveGame(["1"], decision("1", {"a": leaf(1), "b": leaf("1/2")}))
    >>> print(to_dot(g))  # doctest: +NORMALIZE_WHITESPACE
    digraph game {
      node [fontname="Helvetica"]; edge [fontname="Helvetica"];
      n0 [label="1", shape=circle, style=filled, fillcolor="#dddddd"];
      n1 [label="(1)", shape=plaintext];
      n2 [label="(1/2)", shape=plaintext];
      n0 -> n1 [label="a"];
      n0 -> n2 [label="b"];
    }
    """
    tree = game.tree
    lines = ["digraph game {", '  node [fontname="Helvetica"]; edge [fontname="Helvetica"];']
    order = game.preorder().tolist()
    for v in order:
        if tree.player[v] == TERMINAL:
            text = "(" + ", ".join(to_text(x) for x in _payoffs(game, v)) + ")"
            lines.append(f"  n{v} [label={_dot_quote(text)}, shape=plaintext];")
        elif tree.player[v] == CHANCE:
            lines.append(f"  n{v} [label={_dot_quote('Chance')}, shape=circle];")
        else:
            lines.append(f'  n{v} [label={_dot_quote(_owner(game, v))}, shape=circle, '
                         f'style=filled, fillcolor="#dddddd"];')
    for v in order:
        for j, w in enumerate(tree.children(v)):
            label, prob = _action(game, v, j)
            if prob is not None:
                label += f" ({to_text(prob)})"
            lines.append(f"  n{v} -> n{w} [label={_dot_quote(label)}];")
    for label, members in _infoset_groups(game):
        lines.append("  { rank=same; " + " ".join(f"n{v};" for v in members) + " }")
        for a, b in zip(members, members[1:]):
            lines.append(f"  n{a} -> n{b} [style=dashed, dir=none, constraint=false, "
                         f"label={_dot_quote(label)}];")
    lines.append("}")
    return "\n".join(lines)


def _require_matplotlib():
    try:
        import matplotlib
        matplotlib.use("Agg", force=False)
        import matplotlib.pyplot as plt
    except ImportError:
        raise ImportError("drawing to PNG/SVG/PDF needs matplotlib: "
                          "pip install 'gametheory[plot]'") from None
    return plt


def plot_tree(game, ax=None, *, max_nodes: int | None = None):
    """Draw the tree on a matplotlib axis (created if not given); returns the figure.

    Raises
    ------
    ValueError
        If the tree has more than ``max_nodes`` nodes (default :data:`MAX_PLOT_NODES`) or more
        than :data:`MAX_PLOT_DEPTH` levels; the message suggests ``.tex`` or ``.dot``.

    Examples
    --------
    >>> from gametheory.games import ExtensiveGame, decision, leaf
    >>> g = ExtensiveGame(["1"], decision("1", {"a": leaf(1), "b": leaf(2)}))
    >>> plot_tree(g, max_nodes=2)
    Traceback (most recent call last):
    ...
    ValueError: a tree of 3 nodes and 2 levels is too large to draw as a picture (limits: 2 nodes, 40 levels); draw it as .tex or .dot instead
    """
    tree = game.tree
    max_nodes = MAX_PLOT_NODES if max_nodes is None else max_nodes
    if tree.n_nodes > max_nodes or tree.n_levels > MAX_PLOT_DEPTH:
        raise ValueError(f"a tree of {tree.n_nodes} nodes and {tree.n_levels} levels is too "
                         f"large to draw as a picture (limits: {max_nodes} nodes, "
                         f"{MAX_PLOT_DEPTH} levels); draw it as .tex or .dot instead")
    plt = _require_matplotlib()
    pos = layout(game)
    xs = [x for x, _ in pos.values()]
    width = max(xs) - min(xs) + 2
    depth = -min(y for _, y in pos.values()) + 1
    if ax is None:
        fig, ax = plt.subplots(figsize=(min(2 + 1.1 * width, MAX_FIGURE_INCHES),
                                        min(1.0 + 1.6 * depth, MAX_FIGURE_INCHES)))
    else:
        fig = ax.figure
    for v in range(tree.n_nodes):
        x, y = pos[v]
        for j, w in enumerate(tree.children(v)):
            xw, yw = pos[w]
            ax.plot([x, xw], [y, yw], color="black", lw=1, zorder=1)
            label, prob = _action(game, v, j)
            if prob is not None:
                label += f" ({to_text(prob)})"
            ax.text((x + xw) / 2, (y + yw) / 2, label, fontsize=8, ha="center", va="center",
                    bbox=dict(boxstyle="round,pad=0.15", fc="white", ec="none"), zorder=3)
        if tree.player[v] == TERMINAL:
            text = "\n".join(to_text(x) for x in _payoffs(game, v))
            ax.text(x, y - 0.1, text, fontsize=7, ha="center", va="top", linespacing=1.3)
            ax.plot([x], [y], "o", ms=3, color="black", zorder=2)
        else:
            chance_node = tree.player[v] == CHANCE
            ax.plot([x], [y], "o", ms=9, mfc="white" if chance_node else "black",
                    mec="black", zorder=2)
            ax.text(x, y + 0.14, _owner(game, v), fontsize=9, ha="center", va="bottom",
                    weight="bold")
    for label, members in _infoset_groups(game):
        for a, b in zip(members, members[1:]):
            ax.annotate("", xy=pos[b], xytext=pos[a], zorder=0, arrowprops=dict(
                arrowstyle="-", ls="--", color="tab:blue", lw=1.2, shrinkA=6, shrinkB=6,
                connectionstyle="arc3,rad=-0.12"))
        if label:
            (xa, ya), (xb, yb) = pos[members[0]], pos[members[-1]]
            bow = 0.12 * abs(xb - xa) / 2 if len(members) == 2 else 0.0
            ax.text((xa + xb) / 2, (ya + yb) / 2 + bow + 0.04, label, color="tab:blue",
                    fontsize=8, ha="center", va="bottom")
    ax.set_xlim(min(xs) - 1, max(xs) + 1)
    ax.set_ylim(-depth - 0.2, 0.6 + 0.06 * width)
    ax.axis("off")
    if game.title:
        ax.set_title(game.title, fontsize=10)
    return fig


def draw(game, path: str | Path) -> Path:
    """Write a drawing of ``game``; the format follows the suffix: .tex, .dot, .png, .svg, .pdf.

    The file is written atomically (see :func:`gametheory.io.files.write_atomic`).

    Returns
    -------
    Path
        The file written.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".tex":
        write_atomic(path, to_tikz(game))
    elif suffix in (".dot", ".gv"):
        write_atomic(path, to_dot(game) + "\n")
    elif suffix in (".png", ".svg", ".pdf"):
        plt = _require_matplotlib()
        fig = plot_tree(game)
        buffer = io.BytesIO()
        try:
            fig.savefig(buffer, format=suffix[1:], bbox_inches="tight", dpi=150)
        finally:
            plt.close(fig)
        write_atomic(path, buffer.getvalue())
    else:
        raise ValueError(f"cannot tell the drawing format from {path.name!r}: "
                         "use .tex, .dot, .png, .svg or .pdf")
    return path
