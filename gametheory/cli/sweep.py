"""The ``gametheory sweep`` command: a model's equilibrium outcome over a grid, on many cores."""

from __future__ import annotations

import csv
import io
import json
import math
from fractions import Fraction
from pathlib import Path
from typing import Any, Sequence

import numpy as np

from ..io.files import write_atomic
from .common import (UsageError, add_assume_argument, add_format_argument, narrow_grid,
                     parse_assignments, unknown_name)

HELP = ("Equilibrium outcome over a parameter grid (numeric backward induction), on several "
        "cores (--n-jobs) or a Dask cluster (--scheduler).")

FORMATS = ("text", "csv", "json")

#: csv writes one line per grid point; beyond this many, text or json (counts) are the answer.
MAX_CSV_POINTS = 10_000_000


def register(commands) -> None:
    sub = commands.add_parser("sweep", help=HELP, description=HELP)
    sub.add_argument("model", metavar="MODEL",
                     help="a built-in model (gametheory models) or a symbolic game file")
    sub.add_argument("--grid", action="append", metavar="NAME=LO:HI:N", required=True,
                     help="N equally spaced values of a parameter from LO to HI (required; "
                          "repeatable: the grid is the Cartesian product)")
    sub.add_argument("--param", action="append", metavar="NAME=VALUE",
                     help="fix a parameter off the grid (default: the model's default point)")
    add_assume_argument(sub, help="keep only the grid values where this relation holds, "
                                  "such as '0 < p < 1' (one grid parameter per relation; "
                                  "repeatable; chains and ';' give several; default: none)")
    sub.add_argument("--n-jobs", type=int, default=1, metavar="N",
                     help="worker processes (joblib); -1 for every core (default: 1)")
    sub.add_argument("--scheduler", metavar="tcp://HOST:PORT",
                     help="run on the workers of this Dask scheduler (needs gametheory[dask]; "
                          "default: this machine's processes)")
    add_format_argument(sub, FORMATS,
                        help="text and json count the outcomes (any grid size: workers send "
                             "back counts only); csv lists every grid point, up to 10^7")
    sub.add_argument("-o", "--output", metavar="FILE",
                     help="write to FILE (atomically; default: standard output)")
    sub.add_argument("--quiet", action="store_true",
                     help="no progress on standard error (it is shown only on a terminal; "
                          "default: off)")
    sub.set_defaults(run=cmd_sweep)


def _axes(items: Sequence[str]) -> dict[str, tuple[Fraction, ...]]:
    from ..report.tables import parse_grid
    axes: dict[str, tuple[Fraction, ...]] = {}
    for item in items:
        name, sep, spec = item.partition("=")
        if not sep or spec.count(":") != 2:
            raise UsageError(f"expected NAME=LO:HI:N, got {item!r}")
        name, values = parse_grid(item)
        if name in axes:
            raise UsageError(f"{name} given twice")
        axes[name] = values
    return axes


def _game_and_fixed(target: str, axes: dict, fixed: dict[str, str]):
    """The game with every parameter off the grid fixed, and the values fixed (for the report)."""
    from ..models import MODELS
    from ..numbers import exact
    if target in MODELS:
        model = MODELS[target]
        known = [p.name for p in model.parameters]
        for name in [*axes, *fixed]:
            if name not in known:
                raise unknown_name("parameter", name, known, owner=target)
        for name in fixed:
            if name in axes:
                raise UsageError(f"{name} is both on the grid and fixed")
        point = model.point(**fixed)
        off_grid = {k: v for k, v in point.items() if k not in axes}
        parameters = {p.name: p for p in model.parameters}
        return model.build(**off_grid), off_grid, parameters
    from .common import load_game
    game = load_game(target, fixed)
    if not hasattr(game, "tree"):
        raise UsageError(f"sweep needs a game tree; {target} is a strategic game")
    known = [p.name for p in game.parameters]
    for name in axes:
        if name not in known:
            raise unknown_name("parameter", name, known, owner=target)
    left = [name for name in known if name not in axes]
    if left:
        raise UsageError(f"{target}: give a --grid or a --param for {', '.join(left)}")
    return game, {k: exact(v) for k, v in fixed.items()}, {p.name: p for p in game.parameters}


def _check_domains(axes: dict, parameters: dict) -> None:
    for name, values in axes.items():
        domain = parameters[name]
        for value in values:
            if not domain.contains(value):
                raise UsageError(f"{name} = {value} is outside its domain {domain.domain}")


def cmd_sweep(args) -> str:
    from ..parallel import parallel_counts, parallel_sweep
    from ..symbolic.sweep import grid

    axes = _axes(args.grid)
    fixed = parse_assignments(args.param)
    if args.n_jobs == 0:
        raise UsageError("--n-jobs must be a positive number of workers, or -1 for every core")
    game, off_grid, parameters = _game_and_fixed(args.model, axes, fixed)
    axes = narrow_grid(axes, args.assume, parameters, off_grid)
    _check_domains(axes, parameters)
    values = grid(**{name: [float(v) for v in axis] for name, axis in axes.items()})
    points = math.prod(len(axis) for axis in axes.values())
    options = dict(n_jobs=args.n_jobs, scheduler=args.scheduler, quiet=args.quiet)
    if args.format == "csv":
        if points > MAX_CSV_POINTS:
            raise UsageError(f"csv lists every grid point and {points} is more than "
                             f"{MAX_CSV_POINTS}: use --format text or json (they count the "
                             f"outcomes) or a coarser grid")
        text = _csv(parallel_sweep(game, values, **options), values)
    else:
        summary = _summary(args.model, parallel_counts(game, values, **options), axes,
                           off_grid, args.assume)
        text = (json.dumps(summary, indent=1) if args.format == "json"
                else _text(summary))
    if args.output:
        write_atomic(Path(args.output), text + "\n")
        return f"wrote {args.output}"
    return text


def _summary(target: str, counts, axes: dict, off_grid: dict,
             assume: Sequence[str] | None = None) -> dict[str, Any]:
    from ..numbers import to_text
    outcomes = sorted(((" ".join(path) if path is not None else "(through a chance move)", n)
                       for path, n in counts.paths().items()),
                      key=lambda item: (-item[1], item[0]))
    return {
        "model": target,
        "grid": {name: {"lo": to_text(axis[0]), "hi": to_text(axis[-1]), "n": len(axis)}
                 for name, axis in axes.items()},
        "fixed": {name: to_text(value) for name, value in off_grid.items()},
        "points": counts.points,
        "outcomes": [{"path": label, "points": n, "share": n / counts.points}
                     for label, n in outcomes],
        "ties": counts.ties,
        "assumptions": list(assume or ()),
    }


def _text(summary: dict[str, Any]) -> str:
    axes = " x ".join(f"{name} ({axis['n']} values from {axis['lo']} to {axis['hi']})"
                      for name, axis in summary["grid"].items())
    lines = [f"{summary['model']}: equilibrium outcome over {summary['points']} grid points",
             f"grid:   {axes}"]
    if summary["fixed"]:
        lines.append("fixed:  " + ", ".join(f"{k}={v}" for k, v in summary["fixed"].items()))
    if summary["assumptions"]:
        lines.append("assuming: " + " and ".join(summary["assumptions"]) + " (grid values "
                     "where it fails left out)")
    width = max([len("outcome")] + [len(o["path"]) for o in summary["outcomes"]])
    lines += ["", f"{'outcome':<{width}}  {'points':>10}  {'share':>8}"]
    for outcome in summary["outcomes"]:
        lines.append(f"{outcome['path']:<{width}}  {outcome['points']:>10}  "
                     f"{100 * outcome['share']:>7.3f}%")
    ties = summary["ties"]
    lines += ["", f"ties (a mover indifferent, first action taken): {ties} "
                  f"point{'' if ties == 1 else 's'}"]
    return "\n".join(lines)


def _csv(result, values) -> str:
    game = result.game
    names = [p.name for p in game.parameters]
    shape = tuple(result.shape)
    columns = [np.broadcast_to(np.asarray(values[n], dtype=float), shape).ravel()
               for n in names]
    labels = {v: " ".join(path) for v, path in result.outcome_labels().items()}
    terminal = np.asarray(result.terminal).ravel()
    payoffs = [np.asarray(result.payoffs[i], dtype=float).ravel() for i in range(game.n_players)]
    ties = np.asarray(result.ties).ravel()
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([*names, "path", *(f"u_{p}" for p in game.players), "tie"])
    for k in range(terminal.size):
        writer.writerow([*(repr(float(c[k])) for c in columns),
                         labels.get(int(terminal[k]), "(through a chance move)"),
                         *(repr(float(u[k])) for u in payoffs), int(ties[k])])
    return out.getvalue().rstrip("\n")
