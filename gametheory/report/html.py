"""HTML and SVG for Jupyter: solutions as tables, games as summaries, trees and payoff tables.

Jupyter calls an object's ``_repr_html_`` / ``_repr_svg_`` to show it; the games and solutions
of this package delegate to the functions here:

* :func:`solution_html`: a solution as a table, one row per equilibrium or per region (the rows
  of :func:`gametheory.report.frames.solution_records`, exact numbers written exactly);
* :func:`game_html`: a short description of a game (:func:`gametheory.report.describe.describe`
  as a two-column table), with the payoff table of a two-player strategic game or the drawing of
  a tree;
* :func:`game_svg`: a tree drawn by :func:`gametheory.report.drawing.plot_tree`, or the payoff
  table of a strategic game, as SVG text (None when matplotlib is missing or the game is too
  big to draw legibly, so that Jupyter falls back to the next representation).

Nothing here needs pandas; SVG needs matplotlib (``pip install 'gametheory[plot]'``).

Examples
--------
>>> import gametheory as gt
>>> from gametheory.catalog import prisoners_dilemma
>>> html = solution_html(gt.solve(prisoners_dilemma()))
>>> html.startswith('<table class="gametheory">'), "<td>Defect</td>" in html
(True, True)
"""

from __future__ import annotations

import io
import sys
from fractions import Fraction
from html import escape
from typing import Any

import sympy

from ..numbers import to_text
from .frames import relation_text, solution_records

__all__ = ["solution_html", "game_html", "game_svg", "html_table", "MAX_DRAWN_NODES"]

#: Trees with more nodes than this are not drawn inline (the drawing would be unreadable).
MAX_DRAWN_NODES = 400

_STYLE = ('style="border-collapse: collapse; font-family: monospace"')


def _cell(value: Any) -> str:
    """A cell's text: exact numbers exactly, paths with arrows, conditions joined by 'and'."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (Fraction, int)):
        return to_text(value)
    if isinstance(value, sympy.core.relational.Relational):
        return relation_text(value)
    if isinstance(value, sympy.Basic):
        return str(sympy.sstr(value))
    if isinstance(value, tuple):
        if value and all(isinstance(v, sympy.Basic) for v in value):
            return " and ".join(_cell(v) for v in value)
        return " \u2192 ".join(str(v) for v in value) if value else "(none)"
    return str(value)


def html_table(columns: list[str], rows: list[list[Any]], caption: str = "") -> str:
    """A plain HTML table (cells escaped; numbers written exactly).

    Examples
    --------
    >>> print(html_table(["x", "y < 1"], [[Fraction(1, 2), "a & b"]]))
    <table class="gametheory">
    <thead><tr><th>x</th><th>y &lt; 1</th></tr></thead>
    <tbody>
    <tr><td>1/2</td><td>a &amp; b</td></tr>
    </tbody>
    </table>
    """
    lines = ['<table class="gametheory">']
    if caption:
        lines.append(f"<caption>{escape(caption)}</caption>")
    lines.append("<thead><tr>" + "".join(f"<th>{escape(str(c))}</th>" for c in columns)
                 + "</tr></thead>")
    lines.append("<tbody>")
    for row in rows:
        lines.append("<tr>" + "".join(f"<td>{escape(_cell(v))}</td>" for v in row) + "</tr>")
    lines += ["</tbody>", "</table>"]
    return "\n".join(lines)


def solution_html(solution: Any) -> str:
    """A solution (numeric or symbolic) as an HTML table with a caption.

    Examples
    --------
    >>> import gametheory as gt
    >>> from gametheory.catalog import entry_game
    >>> print(solution_html(gt.solve(entry_game())))  # doctest: +ELLIPSIS
    <table class="gametheory">
    <caption>Entry game: 1 equilibrium (method ...)</caption>
    <thead><tr><th>equilibrium</th><th>u_Entrant</th><th>u_Incumbent</th><th>path</th>...
    <tbody>
    <tr><td>1</td><td>1</td><td>1</td><td>In → Accommodate</td>...
    </tbody>
    </table>
    """
    index, columns, rows = solution_records(solution, exact=True)
    game = solution.game
    if index == "region":          # the path as printed: no branch of probability 0
        for row, piece in zip(rows, solution.pieces):
            row["path"] = piece.reached_path(game)
    n = len(rows)
    noun = ("region" if n == 1 else "regions") if index == "region" else (
        "equilibrium" if n == 1 else "equilibria")
    caption = f"{game.title or '(untitled)'}: {n} {noun} (method {solution.method})"
    body = [[k, *(row[c] for c in columns)] for k, row in enumerate(rows, 1)]
    return html_table([index, *columns], body, caption)


def game_html(game: Any, *, drawing: bool = False) -> str:
    """A game's description as an HTML table; a two-player strategic game adds its payoffs.

    With ``drawing``, a tree's drawing (:func:`game_svg`) follows the table when there is one:
    notebooks show the HTML of an object rather than its SVG when it has both.

    Examples
    --------
    >>> from gametheory.catalog import matching_pennies
    >>> html = game_html(matching_pennies())
    >>> "<th>players</th><td>1, 2</td>" in html, "<td>1, -1</td>" in html
    (True, True)
    """
    from .describe import describe

    lines = describe(game).splitlines()
    title, facts = lines[0], lines[1:]
    out = ['<table class="gametheory">', f"<caption>{escape(title)}</caption>", "<tbody>"]
    for line in facts:
        key, sep, value = line.partition(":")
        if not sep:
            out.append(f'<tr><td colspan="2">{escape(line)}</td></tr>')
            continue
        out.append(f"<tr><th>{escape(key.strip())}</th><td>{escape(value.strip())}</td></tr>")
    out += ["</tbody>", "</table>"]
    html = "\n".join(out)
    if not hasattr(game, "tree") and game.n_players == 2:
        html += "\n" + _bimatrix_html(game)
    elif drawing:
        svg = game_svg(game)
        if svg is not None:
            html += "\n" + svg[svg.index("<svg"):]
    return html


def _bimatrix_html(game: Any) -> str:
    """The payoff table of a two-player game: rows for player 1, columns for player 2."""
    first, second = game.strategies
    rows = [[s, *(", ".join(to_text(u) for u in game.payoff((r, c)))
                  for c in range(len(second)))] for r, s in enumerate(first)]
    corner = f"{game.players[0]} \\ {game.players[1]}"
    return html_table([corner, *second], rows, "payoffs (" + ", ".join(game.players) + ")")


def game_svg(game: Any) -> str | None:
    """The game drawn as SVG text: a tree, or the payoff table of a two-player strategic game.

    Returns None (nothing to show) when matplotlib is not installed, when a tree has more than
    :data:`MAX_DRAWN_NODES` nodes, or for a strategic game of more than two players.
    """
    try:
        import matplotlib
        import matplotlib.pyplot as plt
    except ImportError:
        return None
    if hasattr(game, "tree") and game.n_nodes > MAX_DRAWN_NODES:
        return None
    if not hasattr(game, "tree") and game.n_players != 2:
        return None
    backend = matplotlib.get_backend()      # kept: a notebook's inline backend shows figures
    try:
        if hasattr(game, "tree"):
            from .drawing import plot_tree
            figure = plot_tree(game)
        else:
            from .drawing import plot_payoff_table
            figure = plot_payoff_table(game)
        buffer = io.StringIO()
        figure.savefig(buffer, format="svg", bbox_inches="tight")
        plt.close(figure)
    finally:
        _restore_backend(matplotlib, plt, backend)
    return buffer.getvalue()


def _restore_backend(matplotlib: Any, plt: Any, backend: str) -> None:
    """Switch back to ``backend`` if drawing changed it; a notebook's inline backend is set
    again the way ``%matplotlib inline`` sets it, so that later figures still show."""
    if matplotlib.get_backend() == backend:
        return
    shell = None
    if "IPython" in sys.modules:
        shell = sys.modules["IPython"].get_ipython()
    if shell is not None and "inline" in backend:
        shell.run_line_magic("matplotlib", "inline")
    else:
        plt.switch_backend(backend)
