"""Equilibrium tables as plain text, Markdown, CSV or LaTeX (booktabs).

:func:`render` formats any table of strings; :func:`grid_table` solves a model over a grid of
parameter values (``p=lo:hi:n``) and tabulates the equilibrium at each point.

Examples
--------
>>> print(render(["x", "outcome"], [["1/2", "S"]], "md"))
| x | outcome |
|---|---|
| 1/2 | S |
"""

from __future__ import annotations

import csv
import io
import re
from fractions import Fraction
from itertools import product
from math import prod
from typing import Any, Iterable, Mapping, Sequence

from ..io.files import csv_cell, printable
from .latex import document, escape, fragment, parameter_like, prose, symbol

__all__ = ["FORMATS", "MAX_GRID_POINTS", "render", "parse_grid", "grid_points", "grid_table"]

FORMATS = ("text", "md", "csv", "tex")

#: The most points a grid may have (all axes together); every point is a game to solve.  A grid
#: is checked against it before any point is built.  Override with ``max_points=``.
MAX_GRID_POINTS = 10_000

def latex_escape(text: str) -> str:
    """Escape text for LaTeX.

    Examples
    --------
    >>> latex_escape("ell_A < 3 & 50%")
    'ell\\\\_A \\\\textless{} 3 \\\\& 50\\\\%'
    """
    return escape(text)


def render(columns: Sequence[str], rows: Iterable[Sequence[Any]], fmt: str = "text", *,
           caption: str = "", wide: Iterable[str] = (), standalone: bool = False) -> str:
    """Format a table.

    Parameters
    ----------
    columns : sequence of str
    rows : iterable of sequences
        Cells are converted with ``str``.  Control characters (such as the ANSI escape
        sequences of a hostile label) are shown escaped (``\\x1b``) in every format, and a
        CSV cell that a spreadsheet would run as a formula (starting with ``=``, ``+``, ``-`` or
        ``@`` and not a number) is prefixed with an apostrophe.
    fmt : {"text", "md", "csv", "tex"}
        ``tex`` is a fragment to ``\\input``: a ``longtable`` with ``booktabs`` rules whose
        first line declares the packages it needs (it loads none), numbers as math and
        parameter names as symbols; a whole document with ``standalone``.
    caption : str
        Printed under a text table, as the LaTeX caption; ignored by md and csv.
    wide : iterable of str
        Columns set as wrapped paragraphs in LaTeX.
    standalone : bool
        ``tex`` only: a complete document rather than a fragment.

    Returns
    -------
    str

    Examples
    --------
    >>> print(render(["a", "bb"], [[1, 2], [333, 4]]))
    a    bb
    ---  --
    1    2
    333  4
    >>> print(render(["label", "u"], [["=HYPERLINK(\\"x\\")", "-1/2"]], "csv"))
    label,u
    "'=HYPERLINK(""x"")",-1/2
    >>> render(["a"], [["red\\x1b[31m"]]).splitlines()[-1]
    'red\\\\x1b[31m'
    """
    if fmt == "csv":
        rows = [[csv_cell(str(cell)) for cell in row] for row in rows]
        columns = [csv_cell(str(c)) for c in columns]
    else:
        rows = [[printable(str(cell)) for cell in row] for row in rows]
        columns = [printable(str(c)) for c in columns]
    if fmt == "text":
        return _text(columns, rows, caption)
    if fmt in ("md", "markdown"):
        def cells(row):
            return "| " + " | ".join(c.replace("|", "\\|") for c in row) + " |"
        return "\n".join([cells(columns), "|" + "---|" * len(columns)] + [cells(r) for r in rows])
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows(rows)
        return buffer.getvalue().rstrip("\n")
    if fmt in ("tex", "latex"):
        return _latex(columns, rows, caption, set(wide), standalone)
    raise ValueError(f"unknown table format {fmt!r}; choose one of {', '.join(FORMATS)}")


def _text(columns, rows, caption) -> str:
    widths = [max([len(c)] + [len(r[k]) for r in rows]) for k, c in enumerate(columns)]

    def line(cells):
        return "  ".join(c.ljust(w) for c, w in zip(cells, widths)).rstrip()

    out = [line(columns), line(["-" * w for w in widths])] + [line(r) for r in rows]
    if caption:
        out += ["", caption]
    return "\n".join(out)


_NUMBER = re.compile(r"-?\d+(?:\.\d+)?(?:/\d+)?")


def _tex_cell(cell: str) -> str:
    """A cell in LaTeX: an exact number as math (a true minus sign), parameter names as
    symbols (:func:`gametheory.report.latex.prose`), other text escaped."""
    if _NUMBER.fullmatch(cell.strip()):
        return "$" + cell.strip() + "$"
    return prose(cell)


def _latex(columns, rows, caption, wide, standalone: bool = False) -> str:
    share = 0.9 / max(1, len(wide)) if wide else 0
    spec = "".join(
        rf">{{\raggedright\arraybackslash}}p{{{min(0.35, share * 0.6):.2f}\linewidth}}"
        if c in wide else "l" for c in columns)
    head = " & ".join(f"${symbol(c)}$" if re.fullmatch(r"[A-Za-z_]\w*", c) and parameter_like(c)
                      else _tex_cell(c) for c in columns) + r" \\"
    body = [" & ".join(_tex_cell(cell) for cell in row) + r" \\" for row in rows]
    lines = [r"{\centering\small", r"\setlength{\tabcolsep}{4pt}",
             rf"\begin{{longtable}}{{@{{}}{spec}@{{}}}}", r"\toprule", head, r"\midrule",
             r"\endhead", r"\bottomrule", r"\endfoot", *body, r"\end{longtable}", r"\par}"]
    if caption:
        lines.append(r"{\footnotesize " + prose(caption) + r"\par}")
    tex = fragment("\n".join(lines), ["booktabs", "longtable", "array"])
    return document(tex) if standalone else tex


# ------------------------------------------------------------------------------ grids

def parse_grid(spec: str, max_points: int | None = None) -> tuple[str, tuple[Fraction, ...]]:
    """Read ``name=lo:hi:n`` (``n`` equally spaced exact values) or ``name=v1,v2,...``.

    The number of points is checked (at most ``max_points``, default :data:`MAX_GRID_POINTS`)
    before any is computed.

    Examples
    --------
    >>> parse_grid("c=0:1:3")
    ('c', (Fraction(0, 1), Fraction(1, 2), Fraction(1, 1)))
    >>> parse_grid("lam=0,1")
    ('lam', (Fraction(0, 1), Fraction(1, 1)))
    >>> parse_grid("c=0:1:100000000")
    Traceback (most recent call last):
    ...
    ValueError: a grid of 100000000 points is more than the limit of 10000: 'c=0:1:100000000'
    """
    limit = MAX_GRID_POINTS if max_points is None else max_points
    from gametheory.numbers import parse_number

    name, _, rest = spec.partition("=")
    name = name.strip()
    if not name.isidentifier() or not rest:
        raise ValueError(f"a grid is written name=lo:hi:n or name=v1,v2: {spec!r}")
    if ":" in rest:
        parts = rest.split(":")
        if len(parts) != 3:
            raise ValueError(f"a grid is written name=lo:hi:n: {spec!r}")
        count = parts[2].strip()
        if not (count.isascii() and count.isdigit()) or len(count) > 18:
            raise ValueError(f"the number of grid points must be a whole number: {spec!r}")
        n = int(count)
        if n < 1:
            raise ValueError(f"a grid needs at least one point: {spec!r}")
        if n > limit:
            raise ValueError(f"a grid of {n} points is more than the limit of {limit}: {spec!r}")
        lo, hi = parse_number(parts[0]), parse_number(parts[1])
        if n == 1:
            return name, (lo,)
        return name, tuple(lo + (hi - lo) * k / (n - 1) for k in range(n))
    if rest.count(",") >= limit:
        raise ValueError(f"a grid of {rest.count(',') + 1} points is more than the limit of "
                         f"{limit}: {spec[:40]!r}")
    return name, tuple(parse_number(v) for v in rest.split(","))


def grid_points(grid: Mapping[str, Any] | Sequence[str],
                max_points: int | None = None) -> tuple[list[str], list[dict]]:
    """The names and the points of a grid, in lexicographic order.

    The grid is a mapping from names to ``"lo:hi:n"`` text, a tuple ``(lo, hi, n)`` (``n``
    equally spaced values) or a list of values; or a list of ``name=lo:hi:n`` strings.

    Examples
    --------
    >>> grid_points({"c": ("0", "1", 3)})[1]
    [{'c': Fraction(0, 1)}, {'c': Fraction(1, 2)}, {'c': Fraction(1, 1)}]
    >>> grid_points(["a=0:1:1000", "b=0:1:1000"])
    Traceback (most recent call last):
    ...
    ValueError: a grid of 1000 x 1000 = 1000000 points is more than the limit of 10000
    """
    from gametheory.numbers import exact

    limit = MAX_GRID_POINTS if max_points is None else max_points
    if isinstance(grid, Mapping):
        axes = []
        for name, values in grid.items():
            if isinstance(values, str):
                axes.append(parse_grid(f"{name}={values}", limit))
            elif (isinstance(values, tuple) and len(values) == 3
                  and isinstance(values[2], int) and not isinstance(values[2], bool)):
                lo, hi, n = values
                axes.append(parse_grid(f"{name}={lo}:{hi}:{n}", limit))
            else:
                values = list(values)
                if len(values) > limit:
                    raise ValueError(f"a grid of {len(values)} points is more than the limit of "
                                     f"{limit}")
                axes.append((name, tuple(exact(v) for v in values)))
    else:
        axes = [parse_grid(spec, limit) for spec in grid]
    sizes = [len(values) for _, values in axes]
    if prod(sizes) > limit:
        raise ValueError(f"a grid of {' x '.join(map(str, sizes))} = {prod(sizes)} points is "
                         f"more than the limit of {limit}")
    names = [name for name, _ in axes]
    return names, [dict(zip(names, combo)) for combo in product(*(v for _, v in axes))]


def grid_table(model, grid, fmt: str = "text", fixed: Mapping[str, Any] | None = None,
               solver=None, standalone: bool = False) -> str:
    """Solve a model at every point of a parameter grid and tabulate the equilibria.

    Parameters
    ----------
    model : Model or str
        A model of :data:`gametheory.models.MODELS` (or its name).
    grid : mapping or sequence of str
        ``{"c": "0:2:5"}``, ``{"c": ("0", "2", 5)}``, ``{"c": [0, 1]}`` or
        ``["c=0:2:5", "lam=0,1"]``.
    fmt : {"text", "md", "csv", "tex"}
    fixed : mapping, optional
        Values of other parameters; the rest take the model's defaults.
    solver : callable, optional
        ``solver(game) -> list of behaviour profiles`` (default: the package's SPE solver).
    standalone : bool
        ``tex`` only: a complete document rather than a fragment to ``\\input``.

    Returns
    -------
    str
        One row per grid point and distinct equilibrium outcome: the grid values, the predicted
        outcome (the first mover's first action), the equilibrium path and the payoffs.

    Examples
    --------
    >>> print(grid_table("linkage", {"c": [0, 2]}, "csv", fixed={"lam": 0, "s": 1}))
    c,predicted,path,u_A,u_B,u_V
    0,S,S accept,3/2,1/2,0
    2,N,N,0,0,0
    """
    from gametheory.models import MODELS
    from gametheory.models.analysis import first_move, node_values, play_path, spe_profiles
    from gametheory.numbers import exact, to_text

    if isinstance(model, str):
        model = MODELS[model]
    solver = solver or spe_profiles
    names, points = grid_points(grid)
    base = model.point(**(fixed or {}))
    columns = [*names, "predicted", "path", *(f"u_{p}" for p in model.players)]
    rows, seen = [], set()
    for point in points:
        values = {**base, **{k: exact(v) for k, v in point.items()}}
        game = model.build(**values)
        first = game.players[int(game.tree.player[0])] if game.tree.player[0] >= 0 else ""
        for profile in solver(game):
            path = play_path(game, profile)
            payoffs = node_values(game, profile)[0]
            row = [*(to_text(point[n]) for n in names), first_move(path, first) if first else "",
                   " ".join(action for _, action in path), *(to_text(x) for x in payoffs)]
            if tuple(row) not in seen:   # equilibria differing only off the path look the same
                seen.add(tuple(row))
                rows.append(row)
    fixed_text = ", ".join(f"{k} = {to_text(v)}" for k, v in sorted((fixed or {}).items()))
    caption = f"Equilibria of {model.name} over a grid" + (
        f" ({fixed_text}; other parameters at the model's defaults)" if fixed_text else
        " (other parameters at the model's defaults)")
    return render(columns, rows, fmt, caption=caption, wide=["path"], standalone=standalone)
