"""Game-tree drawings: TikZ, Graphviz DOT, and PNG/SVG/PDF via matplotlib.

Every drawing shows the players at decision nodes, the actions (chance actions with their
probabilities), the payoffs at the terminal nodes (exact numbers or expressions, typeset) and
the information sets (coloured, tagged, neighbours joined by dashed lines, with a key).

The layout gives every leaf its own column and puts each node midway between its first and
last child (:func:`layout`), so subtrees and payoff labels never overlap; the PNG is widened
until no two labels touch (:func:`label_overlaps`).  TikZ output is a fragment to ``\\input``
into a document (:mod:`gametheory.report.latex`), or a whole document with ``standalone``.

Examples
--------
>>> from gametheory.games import ExtensiveGame, decision, leaf
>>> g = ExtensiveGame(["1", "2"], decision("1", {"L": leaf(1, 0),
...     "R": decision("2", {"l": leaf(0, 1), "r": leaf(2, 2)})}))
>>> print(to_tikz(g).splitlines()[0])
% requires: \\usepackage{tikz}, \\usepackage{graphicx}
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import sympy

from ..games.tree import CHANCE, TERMINAL
from ..io.files import write_atomic
from ..numbers import is_symbolic, to_text
from .latex import GREEK as GREEK_NAMES

__all__ = ["draw", "to_tikz", "to_dot", "layout", "plot_tree", "label_overlaps", "PALETTE",
           "plot_payoff_table", "payoff_table_latex", "TEXT_WIDTH_MM",
           "MAX_PLOT_NODES", "MAX_PLOT_DEPTH", "MAX_FIGURE_INCHES"]

#: The largest tree :func:`plot_tree` draws (nodes and levels); larger trees are refused, since
#: their labels could not be read and the raster would take gigabytes.  TikZ and DOT output
#: have no such limit.  Override with the ``max_nodes`` argument.
MAX_PLOT_NODES = 500
MAX_PLOT_DEPTH = 40
#: The largest side of a matplotlib figure, in inches (at 150 dpi, 6,000 pixels).
MAX_FIGURE_INCHES = 40

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


def layout(game, widths: dict[int, float] | None = None) -> dict[int, tuple[float, float]]:
    """Node positions ``(x, y)``: y is minus the depth; every leaf has its own column (x = 0,
    1, 2, ... in pre-order) and a decision or chance node sits midway between its first and
    last child (the tidy layout of Reingold and Tilford, 1981, with leaves as the unit).

    Leaves never share a column, so the payoffs printed under a leaf and the subtrees of
    different nodes never overlap.  With ``widths`` (leaf -> width of its label, in the unit
    of x), each column is as wide as its leaf's label and neighbouring columns are one unit
    apart.

    Examples
    --------
    >>> from gametheory.games import ExtensiveGame, decision, leaf
    >>> g = ExtensiveGame(["1", "2"], decision("1", {"L": leaf(1, 0),
    ...     "R": decision("2", {"l": leaf(0, 1), "r": leaf(2, 2)})}))
    >>> sorted(layout(g).values())
    [(0.0, -1.0), (0.75, 0.0), (1.0, -2.0), (1.5, -1.0), (2.0, -2.0)]
    """
    tree = game.tree
    order = game.preorder().tolist()
    depth = {0: 0}
    for v in order:
        for w in tree.children(v):
            depth[int(w)] = depth[v] + 1
    x: dict[int, float] = {}
    column, previous = 0.0, None
    for v in order:
        if tree.num_children[v] == 0:
            if widths is not None and previous is not None:
                column += (widths[previous] + widths[v]) / 2
            x[v] = column
            column += 1.0
            previous = v
    for v in reversed(order):
        kids = tree.children(v)
        if len(kids):
            x[v] = (x[int(kids[0])] + x[int(kids[-1])]) / 2
    return {v: (x[v], float(-depth[v])) for v in order}


def _infoset_groups(game) -> list[tuple[str, list[int]]]:
    sizes = game.infoset_sizes()
    return [(game.infosets[k].label, [int(v) for v in game.infoset_members(k)])
            for k in range(len(game.infosets))
            if sizes[k] > 1 and not game.infosets[k].is_chance]


#: The width a figure may take in a plain ``article`` (its text width is about 122 mm); wider
#: pictures are scaled down to the line width.
TEXT_WIDTH_MM = 118


def to_tikz(game, *, standalone: bool = False, level_mm: float = 20) -> str:
    r"""The game as a TikZ picture, on the layout of :func:`layout` (every leaf its own
    column), to ``\input`` into a document: the first line declares ``tikz`` and
    ``graphicx``, nothing is loaded.  With ``standalone``, a whole ``article``.

    Players label their nodes, actions are written along their edges (chance actions with
    their probability),
    payoffs are typeset under the leaves one player a line
    (:func:`gametheory.report.latex.expression`: ``\ell_{A}``, ``\frac{1}{6}``), information
    sets with several nodes are coloured and tagged as in :func:`plot_tree`, neighbours joined
    by a dashed line or arc (as in :func:`plot_tree`), and a key under the picture names them.
    A picture wider than :data:`TEXT_WIDTH_MM` is scaled to ``\linewidth``; one more than
    half as wide again (Kuhn poker's 30 leaves) grows from left to right instead, leaves 7 mm
    apart with their payoffs on one line, scaled to fit the text block if need be, so that
    its labels stay legible.

    Examples
    --------
    >>> from gametheory.games import ExtensiveGame, decision, leaf
    >>> g = ExtensiveGame(["1", "2"], decision("1", {"L": leaf(1, 0),
    ...     "R": decision("2", {"l": leaf(0, "ell_A"), "r": leaf(2, 2)})}), parameters=["ell_A"])
    >>> print(to_tikz(g))  # doctest: +ELLIPSIS
    % requires: \usepackage{tikz}, \usepackage{graphicx}
    {\centering
    \begin{tikzpicture}[x=3mm, y=20mm, ...]
    \node[decision, label={[font=\small\bfseries]right:\mbox{1}}] (n0) at (3.94, 0) {};
    ...
    \draw (n2) -- node[sloped, above, font=\scriptsize] {\mbox{l}} (n3);
    \node[below, align=center, font=\footnotesize] at (n3.south) {$0$\\$\ell_{A}$};
    ...
    {\footnotesize Payoffs top to bottom: 1, 2.\par}
    """
    from . import latex
    tree = game.tree
    widths = {v: max(6.0, max(_typeset_mm(u) for u in _payoffs(game, v)))
              for v in range(tree.n_nodes) if tree.player[v] == TERMINAL}
    pos = layout(game, {v: w / 3 + 1.5 for v, w in widths.items()})     # x unit: 3 mm
    tags = _infoset_tags(game)
    span = 3 * (max(x for x, _ in pos.values()) - min(x for x, _ in pos.values())) + 16
    across = span > 1.5 * TEXT_WIDTH_MM
    if across:                  # a wide, flat tree grows left to right, leaves 7 mm apart
        pos = layout(game, {v: 4 / 3 for v in widths})
        depth = -min(y for _, y in pos.values())
        level_mm = 30
        size = (level_mm * depth + max(widths.values()) * game.n_players + 20,
                3 * max(x for x, _ in pos.values()) + 10)
        scale = min(1.0, TEXT_WIDTH_MM / size[0], 150 / size[1])
    units = f"x={level_mm:g}mm, y=3mm, " if across else f"x=3mm, y={level_mm:g}mm, "
    lines = [r"\begin{tikzpicture}[" + units
             + r"decision/.style={circle, fill, inner sep=1.7pt}, "
             r"chance/.style={circle, draw, fill=white, inner sep=1.7pt}, "
             r"leaf/.style={circle, fill, inner sep=0.8pt}]"]

    def at(v: int) -> str:
        x, y = pos[v]
        return f"({-y:g}, {round(-x, 2):g})" if across else f"({round(x, 2):g}, {y:g})"

    for k, (_, colour, _) in tags.items():
        lines.append(rf"\definecolor{{infoset{k}}}{{HTML}}{{{colour[1:]}}}")
    for v in game.preorder().tolist():
        x, y = pos[v]
        if tree.player[v] == TERMINAL:
            lines.append(rf"\node[leaf] (n{v}) at {at(v)} {{}};")
            continue
        k = int(tree.infoset[v])
        tag = tags.get(k)
        colour = f", color=infoset{k}" if tag else ""
        parent_x = pos[int(tree.parent[v])][0] if v else x
        side = "left" if x < parent_x - 1e-9 else "right"
        if across:
            side = "below" if x > parent_x + 1e-9 else "above"
        style = "chance" if tree.player[v] == CHANCE else "decision"
        caption = latex.text(_node_name(game, v, tag))
        lines.append(rf"\node[{style}{colour}, label={{[font=\small\bfseries{colour}]{side}:"
                     rf"{caption}}}] (n{v}) at {at(v)} {{}};")
    for v in game.preorder().tolist():
        for j, w in enumerate(tree.children(v)):
            label, prob = _action(game, v, j)
            text = latex.text(label)
            if prob is not None:
                text += r"\,$(" + latex.expression(prob, inline=True) + ")$"
            where = "below" if across and pos[int(w)][0] > pos[v][0] + 1e-9 else "above"
            lines.append(rf"\draw (n{v}) -- node[sloped, {where}, font=\scriptsize] "
                         rf"{{{text}}} (n{int(w)});")
            if tree.player[w] == TERMINAL:
                values = ["$" + latex.expression(u, inline=True) + "$"
                          for u in _payoffs(game, int(w))]
                stacked = "\\\\".join(values)
                if across:
                    lines.append(rf"\node[right, font=\footnotesize] at (n{int(w)}.east) "
                                 rf"{{{', '.join(values)}}};")
                else:
                    lines.append(rf"\node[below, align=center, font=\footnotesize] at "
                                 rf"(n{int(w)}.south) {{{stacked}}};")
    rows: dict[float, list[float]] = {}
    for x, y in pos.values():
        rows.setdefault(y, []).append(x)
    for k in tags:
        members = sorted(pos[int(v)] + (int(v),) for v in game.infoset_members(k))
        for (xa, ya, a), (xb, yb, b) in zip(members, members[1:]):
            link = _link(xa, ya, xb, yb, rows[ya])
            if link:
                path = "--" if link == "straight" else "to[bend left=25]"
                lines.append(rf"\draw[dashed, thick, color=infoset{k}] (n{a}) {path} (n{b});")
    lines.append(r"\end{tikzpicture}")
    picture = "\n".join(lines)
    if across:
        if scale < 1:
            picture = rf"\scalebox{{{scale:.2f}}}{{%" + "\n" + picture + "%\n}"
    elif span > TEXT_WIDTH_MM:
        picture = r"\resizebox{\linewidth}{!}{%" + "\n" + picture + "%\n}"
    order = ("Payoffs " + ("in the order " if across else "top to bottom: ")
             + ", ".join(latex.escape(p) for p in game.players) + ".")
    key = sorted(f"{latex.escape(tag)}: {latex.escape(label)}"
                 for tag, _, label in tags.values() if label and label != tag)
    caption = order + (" Information sets: " + "; ".join(key) + "." if key else "")
    body = ("{\\centering\n" + picture + "\n\\par}\n\\smallskip\n{\\footnotesize " + caption
            + "\\par}")
    tex = latex.fragment(body, ["tikz", "graphicx"])
    return latex.document(tex) if standalone else tex


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


#: Colours of information sets (Okabe and Ito 2008, a palette that readers with any common
#: colour-vision deficiency tell apart, without its yellow, too pale on white); black is kept
#: for singleton decision nodes.  Colours repeat in big games: the tags tell sets apart.
PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9")


def _math(x) -> str:
    """A payoff or probability in matplotlib's mathtext: symbols and fractions typeset."""
    from .latex import expression
    return "$" + expression(x, inline=True) + "$"


def _infoset_tags(game) -> dict[int, tuple[str, str, str]]:
    """For each information set with several nodes: (tag, colour, full label).  The tag is
    the label when it is short, else the player's name and a number (P2.3)."""
    out, count = {}, {}
    for k, infoset in enumerate(game.infosets):
        if infoset.is_chance or len(game.infoset_members(k)) < 2:
            continue
        player = game.players[infoset.player]
        count[player] = count.get(player, 0) + 1
        label = infoset.label or ""
        tag = label if label and len(label) <= 8 else f"{player}.{count[player]}"
        out[k] = (tag, PALETTE[len(out) % len(PALETTE)], label)
    return out


def label_overlaps(fig) -> list[tuple[str, str]]:
    """Pairs of texts of a figure whose boxes overlap (as drawn: the renderer's extents).

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots()
    >>> _ = ax.text(0.5, 0.5, "one"), ax.text(0.5, 0.5, "two"), ax.text(0.1, 0.1, "far")
    >>> label_overlaps(fig)
    [('one', 'two')]
    >>> plt.close(fig)
    """
    renderer = fig.canvas.get_renderer()
    texts = [x for ax in fig.axes for x in ax.texts if x.get_text().strip()]
    boxes = [x.get_window_extent(renderer) for x in texts]
    out = []
    for i in range(len(texts)):
        for j in range(i + 1, len(texts)):
            a, b = boxes[i], boxes[j]
            if a.x0 < b.x1 and b.x0 < a.x1 and a.y0 < b.y1 and b.y0 < a.y1:
                out.append((texts[i].get_text(), texts[j].get_text()))
    return out


def plot_tree(game, ax=None, *, max_nodes: int | None = None):
    """Draw the tree with matplotlib; returns the figure.

    Each leaf has its own column (:func:`layout`), its payoffs typeset below it one player a
    line (the order is named under the title); actions are written beside their edges, on the
    outer side; chance probabilities follow the action; a decision node shows its player.
    Information sets with several nodes are coloured (a colour-blind-safe palette) and tagged
    at each of their nodes; members with at most two nodes between them are joined by a dashed
    line (an arc over the nodes between), and a key under
    the tree gives each tag's information set.  When labels would still touch, the figure is
    widened until none do (:func:`label_overlaps`), up to :data:`MAX_FIGURE_INCHES`.

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
    columns = max(x for x, _ in pos.values()) + 1
    depth = -min(y for _, y in pos.values())
    payoff_lines = game.n_players
    slot = 0.75 + 0.07 * max(len(_plain(x)) for v in range(tree.n_nodes)
                             if tree.player[v] == TERMINAL for x in _payoffs(game, v))
    own = ax is None
    for _ in range(8):
        if own:
            fig, ax = plt.subplots(figsize=(min(1.0 + slot * columns, MAX_FIGURE_INCHES),
                                            min(1.6 + (0.9 + 0.17 * payoff_lines) * (depth + 1),
                                                MAX_FIGURE_INCHES)))
        else:
            fig = ax.figure
        _draw_tree(game, ax, pos)
        fig.canvas.draw()
        if not own or not label_overlaps(fig) or slot * columns >= MAX_FIGURE_INCHES:
            return fig
        plt.close(fig)
        slot *= 1.3
    return fig


def _link(xa: float, ya: float, xb: float, yb: float, row) -> str:
    """How two members of an information set are joined: ``straight`` when no node of their
    level lies between them, ``bent`` (a dashed arc over them) when one or two do, ``""`` (the
    colour and the tag show the set) when more do or the levels differ."""
    if ya != yb:
        return ""
    between = sum(1 for xv in row if xa < xv < xb)
    return "straight" if between == 0 else "bent" if between <= 2 else ""


def _node_name(game, v: int, tag) -> str:
    """A decision node's caption: its player, and the tag of its information set (alone when
    the tag names the player already: ``P1 has J``, ``P2.3``)."""
    owner = _owner(game, v)
    if not tag:
        return owner
    return tag[0] if tag[0].startswith(owner) else f"{owner} [{tag[0]}]"


def _typeset_mm(x) -> float:
    """About how wide a payoff is when typeset in footnote size, in millimetres (a Greek
    letter's name is one character; ``*`` and spaces take no room)."""
    text = re.sub("|".join(sorted(GREEK_NAMES, key=len, reverse=True)), "x", _plain(x))
    return 1.7 * len(text.replace("*", "").replace(" ", "")) + 2


def _plain(x) -> str:
    return to_text(x) if not is_symbolic(x) else sympy.sstr(x)


def _draw_tree(game, ax, pos) -> None:
    tree = game.tree
    tags = _infoset_tags(game)
    rows = {}
    for v, (x, y) in pos.items():
        rows.setdefault(y, []).append((x, v))
    for y in rows:
        rows[y].sort()
    line = 0.16                                     # a text line, in levels
    for v in range(tree.n_nodes):
        x, y = pos[v]
        kids = tree.children(v)
        for j, w in enumerate(kids):
            xw, yw = pos[int(w)]
            ax.plot([x, xw], [y, yw], color="black", lw=0.9, zorder=1)
            label, prob = _action(game, v, j)
            text = label if prob is None else f"{label} ({_math(prob)})"
            mx, my = x + 0.5 * (xw - x), y + 0.5 * (yw - y)
            if xw < x - 1e-9:
                ha, dx = "right", -0.06
            elif xw > x + 1e-9:
                ha, dx = "left", 0.06
            else:
                ha, dx = "left", 0.06
            ax.text(mx + dx, my, text, fontsize=8, ha=ha, va="center", zorder=3)
        if tree.player[v] == TERMINAL:
            ax.plot([x], [y], "o", ms=3, color="black", zorder=2)
            ax.text(x, y - 0.08, "\n".join(_math(u) for u in _payoffs(game, v)), fontsize=8,
                    ha="center", va="top", linespacing=1.35)
            continue
        k = int(tree.infoset[v])
        tag = tags.get(k)
        colour = tag[1] if tag else "black"
        chance_node = tree.player[v] == CHANCE
        ax.plot([x], [y], "o", ms=8, mfc="white" if chance_node else colour, mec=colour,
                zorder=2)
        parent_x = pos[int(tree.parent[v])][0] if v else x
        left = x < parent_x - 1e-9
        name = _node_name(game, v, tag)
        ax.text(x + (-0.09 if left else 0.09), y + 0.07, name, fontsize=9,
                ha="right" if left else "left", va="bottom", weight="bold", color=colour)
    for k, (tag, colour, _) in tags.items():
        members = sorted((pos[int(v)] for v in game.infoset_members(k)))
        for (xa, ya), (xb, yb) in zip(members, members[1:]):
            link = _link(xa, ya, xb, yb, [xv for xv, _ in rows[ya]])
            if link == "straight":
                ax.plot([xa, xb], [ya, yb], ls="--", color=colour, lw=1.4, zorder=0)
            elif link == "bent":
                ax.annotate("", xy=(xb, yb), xytext=(xa, ya), zorder=0, arrowprops=dict(
                    arrowstyle="-", ls="--", color=colour, lw=1.4, shrinkA=5, shrinkB=5,
                    connectionstyle="arc3,rad=-0.25"))
    xs = [x for x, _ in pos.values()]
    low = min(y for _, y in pos.values())
    bottom = low - 0.12 - line * game.n_players
    key = sorted(f"{tag}: {label}" for tag, _, label in tags.values() if label and label != tag)
    if key:
        ax.text(min(xs) - 0.4, bottom - 0.15, "Information sets: " + ";  ".join(key),
                fontsize=8, ha="left", va="top", wrap=True)
    ax.set_xlim(min(xs) - 0.6, max(xs) + 0.6)
    ax.set_ylim(bottom - (0.5 if key else 0.1), 0.45)
    ax.axis("off")
    title = game.title or ""
    order = "payoffs top to bottom: " + ", ".join(game.players)
    ax.set_title(f"{title}\n{order}" if title else order, fontsize=10)


def _bimatrix_check(game) -> None:
    if game.n_players != 2:
        raise ValueError(f"a strategic game is drawn as a payoff table of two players; this "
                         f"one has {game.n_players} (use 'gametheory solve' to list its "
                         f"equilibria)")


def plot_payoff_table(game):
    """The payoff table of a two-player strategic game as a matplotlib figure: rows are the
    first player's strategies, columns the second's, each cell the two payoffs (typeset).

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> from gametheory.catalog import prisoners_dilemma
    >>> fig = plot_payoff_table(prisoners_dilemma())
    >>> fig.axes[0].get_title()
    "Prisoner's dilemma  (rows: 1, columns: 2)"
    """
    _bimatrix_check(game)
    plt = _require_matplotlib()
    first, second = game.strategies
    cells = [[", ".join(_math(u) for u in game.payoff((r, c))) for c in range(len(second))]
             for r in range(len(first))]
    figure, ax = plt.subplots(figsize=(1.2 + 1.3 * len(second), 0.6 + 0.4 * len(first)))
    ax.axis("off")
    table = ax.table(cellText=cells, rowLabels=list(first), colLabels=list(second),
                     loc="center", cellLoc="center")
    table.scale(1, 1.4)
    ax.set_title(f"{game.title or ''}  (rows: {game.players[0]}, columns: {game.players[1]})",
                 fontsize=9)
    return figure


def payoff_table_latex(game, *, standalone: bool = False) -> str:
    r"""The payoff table of a two-player strategic game as a ``booktabs`` tabular fragment
    (scaled to the line width when it is wider), or a whole document with ``standalone``.

    Examples
    --------
    >>> from gametheory.catalog import prisoners_dilemma
    >>> print(payoff_table_latex(prisoners_dilemma()))  # doctest: +ELLIPSIS
    % requires: \usepackage{booktabs}, \usepackage{graphicx}
    {\centering
    \begin{tabular}{@{}l cc@{}}
    \toprule
    \mbox{1} \textbackslash{} \mbox{2} & \mbox{Cooperate} & \mbox{Defect} \\
    \midrule
    \mbox{Cooperate} & $3$, $3$ & $0$, $5$ \\
    ...
    """
    from . import latex
    _bimatrix_check(game)
    first, second = game.strategies
    rows = [[latex.text(s)] + [", ".join("$" + latex.expression(u, inline=True) + "$"
                                         for u in game.payoff((r, c)))
                               for c in range(len(second))] for r, s in enumerate(first)]
    head = [latex.text(game.players[0]) + r" \textbackslash{} " + latex.text(game.players[1])]
    head += [latex.text(s) for s in second]
    width = sum(max(len(_plain_cell(row[k])) for row in rows + [head]) * 1.9 + 4
                for k in range(len(head)))
    lines = [r"\begin{tabular}{@{}l " + "c" * len(second) + "@{}}", r"\toprule",
             " & ".join(head) + r" \\", r"\midrule"]
    lines += [" & ".join(row) + r" \\" for row in rows]
    lines += [r"\bottomrule", r"\end{tabular}"]
    table = "\n".join(lines)
    if width > TEXT_WIDTH_MM:
        table = r"\resizebox{\linewidth}{!}{%" + "\n" + table + "%\n}"
    caption = (f"Rows: {latex.escape(game.players[0])}; columns: "
               f"{latex.escape(game.players[1])}; each cell gives their payoffs in this order.")
    body = "{\\centering\n" + table + "\n\\par}\n\\smallskip\n{\\footnotesize " + caption + "\\par}"
    tex = latex.fragment(body, ["booktabs", "graphicx"])
    return latex.document(tex) if standalone else tex


def _plain_cell(cell: str) -> str:
    """A cell's LaTeX without its commands, to estimate its width."""
    return re.sub(r"\\[a-zA-Z]+|[{}$]", "", cell)


def draw(game, path: str | Path, *, standalone: bool = False) -> Path:
    """Write a drawing of ``game``; the format follows the suffix: .tex, .dot, .png, .svg, .pdf.

    A ``.tex`` file is a fragment to ``\\input`` (:func:`to_tikz`), or with ``standalone`` a
    whole document.  A strategic game of two players is drawn as its payoff table
    (:func:`payoff_table_latex`, :func:`plot_payoff_table`); any other strategic game, or a
    ``.dot`` of a strategic game, raises :class:`ValueError` saying why in one line.  The file is written atomically (see
    :func:`gametheory.io.files.write_atomic`).

    Returns
    -------
    Path
        The file written.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if not hasattr(game, "tree"):
        return _draw_table(game, path, suffix, standalone)
    if suffix == ".tex":
        write_atomic(path, to_tikz(game, standalone=standalone))
    elif suffix in (".dot", ".gv"):
        write_atomic(path, to_dot(game) + "\n")
    elif suffix in (".png", ".svg", ".pdf"):
        _save(plot_tree, game, path, suffix)
    else:
        raise ValueError(f"cannot tell the drawing format from {path.name!r}: "
                         "use .tex, .dot, .png, .svg or .pdf")
    return path


def _draw_table(game, path: Path, suffix: str, standalone: bool) -> Path:
    if suffix == ".tex":
        write_atomic(path, payoff_table_latex(game, standalone=standalone))
    elif suffix in (".png", ".svg", ".pdf"):
        _save(plot_payoff_table, game, path, suffix)
    elif suffix in (".dot", ".gv"):
        raise ValueError("a strategic game has no tree to draw as .dot; draw its payoff table "
                         "as .tex, .png, .svg or .pdf")
    else:
        raise ValueError(f"cannot tell the drawing format from {path.name!r}: "
                         "use .tex, .png, .svg or .pdf")
    return path


def _save(plot, game, path: Path, suffix: str) -> None:
    """Draw ``plot(game)`` and write it atomically in the format of ``suffix``."""
    plt = _require_matplotlib()
    fig = plot(game)
    buffer = io.BytesIO()
    try:
        fig.savefig(buffer, format=suffix[1:], bbox_inches="tight", dpi=150)
    finally:
        plt.close(fig)
    write_atomic(path, buffer.getvalue())
