"""Results as pandas DataFrames, exact values kept exact.

* :func:`solution_frame`: one row per equilibrium of a :class:`~gametheory.solvers.result.Solution`
  (payoffs, the path of play, each player's strategy by name, the exact regret), or one row per
  region of a symbolic :class:`~gametheory.symbolic.solution.PiecewiseSolution` (conditions,
  path, strategies, payoffs as expressions);
* :func:`episode_frame`: the Anglo-Japanese episode table with its predictions;
* :func:`sweep_frame`: a numeric parameter sweep, one row per grid point.

Numbers stay exact: payoff, regret and parameter columns are ``object`` columns of
:class:`fractions.Fraction` (or sympy expressions for symbolic payoffs and conditions), so sums
and comparisons in pandas are exact.  ``exact=False`` gives a float view for plotting and
statistics: numbers become ``float``, expressions that still depend on parameters become their
text, and conditions become text such as ``"c*s < R"`` or ``"lam = 0"``.  Labels (paths,
strategies) are the same in both views.

A strategy is written by name: for each information set its label (``#k`` when unlabelled) and
the action played, ``"label: a"``, or the actions in the support with their probabilities,
``"label: a 2/3, b 1/3"``; information sets are separated by ``"; "``.  In a strategic game, a
player's mixed strategy is ``"H 1/2, T 1/2"``.  The path of play is the tuple of action labels
reached with positive probability, in depth-first pre-order (with chance moves or mixing, every
branch of the support), as in :attr:`gametheory.symbolic.solution.Piece.path`.

pandas is an optional dependency: ``pip install 'gametheory[pandas]'``.

Examples
--------
>>> import gametheory as gt
>>> from gametheory.catalog import entry_game
>>> frame = solution_frame(gt.solve(entry_game()))
>>> frame[["u_Entrant", "u_Incumbent", "path", "regret"]]
             u_Entrant u_Incumbent            path regret
equilibrium
1                    1           1  (In, Accommodate)      0
>>> type(frame.loc[1, "u_Entrant"]).__name__
'Fraction'
"""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING, Any, Mapping, Sequence

import numpy as np
import sympy

from ..numbers import is_symbolic, to_text
from ..symbolic.relations import relation_text

if TYPE_CHECKING:                                   # pragma: no cover
    import pandas

__all__ = ["solution_frame", "solution_records", "episode_frame", "sweep_frame", "require_pandas",
           "strategy_text", "support_path", "relation_text"]


def require_pandas() -> Any:
    """The ``pandas`` module, or an :class:`ImportError` that says how to install it."""
    try:
        import pandas
    except ImportError:
        raise ImportError("DataFrames need pandas, which is not installed: "
                          "pip install 'gametheory[pandas]'") from None
    return pandas


# ------------------------------------------------------------------------------ values

def _number(x: Any, exact: bool) -> Any:
    """An exact number, or in the float view a float (a text for a free expression)."""
    if exact:
        return x
    if is_symbolic(x):
        value = sympy.sympify(x)
        return float(value) if value.is_number else sympy.sstr(value)
    return float(x)


def _probability_text(p: Any) -> str:
    return to_text(p) if not is_symbolic(p) else sympy.sstr(p)


def _support_text(labels: Sequence[str], probs: Sequence[Any]) -> str:
    """``"a"`` for a pure choice, else ``"a 2/3, b 1/3"`` over the support."""
    support = [(label, p) for label, p in zip(labels, probs) if not _is_zero(p)]
    if len(support) == 1 and _is_one(support[0][1]):
        return support[0][0]
    return ", ".join(f"{label} {_probability_text(p)}" for label, p in support)


def _is_zero(p: Any) -> bool:
    return bool(p == 0) if not is_symbolic(p) else sympy.sympify(p).is_zero is True


def _is_one(p: Any) -> bool:
    return bool(p == 1) if not is_symbolic(p) else sympy.sympify(p - 1).is_zero is True


def strategy_text(game: Any, player: int, profile: Sequence[Any]) -> str:
    """Player ``player``'s part of a profile, written by name.

    ``profile`` is the player's behaviour (one probability vector per information set, in
    ``game.player_infosets`` order) in a tree, or their mixed strategy in a strategic game.

    Examples
    --------
    >>> from gametheory.catalog import entry_game, matching_pennies
    >>> one, zero, half = Fraction(1), Fraction(0), Fraction(1, 2)
    >>> strategy_text(entry_game(), 1, [(zero, one)])
    '#2: Accommodate'
    >>> strategy_text(matching_pennies(), 0, (half, half))
    'H 1/2, T 1/2'
    """
    if not hasattr(game, "tree"):
        return _support_text(game.strategies[player], profile)
    parts = []
    for k, probs in zip(game.player_infosets[player], profile):
        infoset = game.infosets[k]
        parts.append(f"{infoset.label or f'#{k + 1}'}: {_support_text(infoset.actions, probs)}")
    return "; ".join(parts)


def support_path(game: Any, behavior: Sequence[Any]) -> tuple[str, ...]:
    """The action labels reached with positive probability, in depth-first pre-order.

    Examples
    --------
    >>> from gametheory.catalog import entry_game
    >>> one, zero = Fraction(1), Fraction(0)
    >>> support_path(entry_game(), [[(one, zero)], [(zero, one)]])
    ('Out',)
    """
    tree = game.tree
    position = {k: j for sets in game.player_infosets for j, k in enumerate(sets)}
    labels: list[str] = []
    stack = [0]
    while stack:
        v = stack.pop()
        k = int(tree.infoset[v])
        if k < 0:
            continue
        infoset = game.infosets[k]
        kids = tree.children(v)
        reached = []
        for j, w in enumerate(kids):
            if infoset.is_chance:
                p = tree.exact_prob(int(w))
            else:
                p = behavior[infoset.player][position[k]][j]
            if not _is_zero(p):
                labels.append(infoset.actions[j])
                reached.append(int(w))
        stack.extend(reversed(reached))
    return tuple(labels)


# ------------------------------------------------------------------------------ solutions

def solution_frame(solution: Any, exact: bool = True) -> "pandas.DataFrame":
    """A solution as a DataFrame: one row per equilibrium, or per region of a symbolic solution.

    Parameters
    ----------
    solution : Solution or PiecewiseSolution
        What :func:`gametheory.solve` returns (any object with ``game`` and ``equilibria``, or
        with ``game`` and ``pieces``).
    exact : bool
        True (default): payoffs and regrets as Fractions, symbolic payoffs and conditions as
        sympy objects.  False: floats (and text for what depends on parameters).

    Returns
    -------
    pandas.DataFrame
        For equilibria, indexed by ``equilibrium`` (1, 2, ...): ``u_<player>`` for each player,
        ``path`` (trees), ``strategy_<player>`` for each player, ``regret``, and
        ``subgame_regret`` when the solver computed it, and ``conditions`` (the relations on
        beliefs and parameters that support the row) for perfect Bayesian equilibria.  For
        regions, indexed by ``region``:
        ``conditions`` (a tuple of relations), ``path``, ``strategy_<player>``,
        ``u_<player>`` and ``decided`` (False when emptiness was left undecided).

    Examples
    --------
    The symbolic entry-deterrence game of Selten (1978): entry where fighting costs the
    incumbent more than accommodating.

    >>> from gametheory.games import ExtensiveGame, decision, leaf
    >>> from gametheory.symbolic.parametric import parametric_spe
    >>> g = ExtensiveGame(["E", "I"], decision("E", {"Out": leaf(0, 2), "In": decision(
    ...     "I", {"Fight": leaf(-1, "f"), "Share": leaf(1, 1)})}), parameters=["f"])
    >>> frame = solution_frame(parametric_spe(g, generic=True))
    >>> frame[["conditions", "path", "u_E", "u_I"]]
           conditions         path u_E u_I
    region
    1        (f > 1,)       (Out,)   0   2
    2        (f < 1,)  (In, Share)   1   1
    >>> solution_frame(parametric_spe(g, generic=True), exact=False).loc[1, "conditions"]
    'f > 1'
    """
    pandas = require_pandas()
    index, columns, rows = solution_records(solution, exact)
    frame = pandas.DataFrame(rows, columns=columns, dtype=object)
    if index == "region":
        frame["decided"] = frame["decided"].astype(bool)
    frame.index = pandas.RangeIndex(1, len(rows) + 1, name=index)
    return frame


def solution_records(solution: Any, exact: bool = True
                     ) -> tuple[str, list[str], list[dict[str, Any]]]:
    """The rows of :func:`solution_frame` without pandas: the index name, columns and records.

    Examples
    --------
    >>> import gametheory as gt
    >>> from gametheory.catalog import matching_pennies
    >>> index, columns, rows = solution_records(gt.solve(matching_pennies()), exact=False)
    >>> index, columns
    ('equilibrium', ['u_1', 'u_2', 'strategy_1', 'strategy_2', 'regret'])
    >>> rows[0]["strategy_2"], rows[0]["u_1"]
    ('H 1/2, T 1/2', 0.0)
    """
    game = solution.game
    if hasattr(solution, "pieces"):
        return _region_records(solution, exact)
    if not hasattr(solution, "equilibria"):
        raise TypeError(f"needs a Solution or a PiecewiseSolution, not {type(solution).__name__}")
    tree = hasattr(game, "tree")
    with_subgame = any(e.subgame_regret is not None for e in solution.equilibria)
    with_region = any(getattr(e, "region", None) is not None for e in solution.equilibria)
    rows = []
    for eq in solution.equilibria:
        row: dict[str, Any] = {f"u_{p}": _number(u, exact) for p, u in zip(game.players,
                                                                           eq.payoffs)}
        if tree:
            row["path"] = None if eq.behavior is None else support_path(game, eq.behavior)
        for i, player in enumerate(game.players):
            if tree and eq.behavior is not None:
                text = strategy_text(game, i, eq.behavior[i])
            elif tree and eq.strategies is not None:     # a tree solved on its strategic form
                text = _support_text([str(s + 1) for s in range(len(eq.strategies[i]))],
                                     eq.strategies[i])
            elif eq.strategies is not None:
                text = strategy_text(game, i, eq.strategies[i])
            else:
                text = None
            row[f"strategy_{player}"] = text
        row["regret"] = _number(eq.regret, exact)
        if with_subgame:
            row["subgame_regret"] = (None if eq.subgame_regret is None
                                     else _number(eq.subgame_regret, exact))
        if with_region:
            conditions = tuple(getattr(getattr(eq, "region", None), "conditions", ()))
            row["conditions"] = conditions if exact else " & ".join(
                relation_text(c) for c in conditions)
        rows.append(row)
    columns = [f"u_{p}" for p in game.players] + (["path"] if tree else []) + [
        f"strategy_{p}" for p in game.players] + ["regret"] + (
        ["subgame_regret"] if with_subgame else []) + (["conditions"] if with_region else [])
    return "equilibrium", columns, rows


def _region_records(solution: Any, exact: bool) -> tuple[str, list[str], list[dict[str, Any]]]:
    game = solution.game
    rows = []
    for piece in solution.pieces:
        conditions = tuple(piece.conditions)
        row: dict[str, Any] = {
            "conditions": conditions if exact else
            " & ".join(relation_text(c) for c in conditions),
            "path": tuple(piece.path)}
        for i, player in enumerate(game.players):
            row[f"strategy_{player}"] = strategy_text(game, i, piece.profile[i])
        for player, u in zip(game.players, piece.payoffs):
            row[f"u_{player}"] = _number(u, exact)
        row["decided"] = bool(piece.decided)
        rows.append(row)
    columns = ["conditions", "path", *(f"strategy_{p}" for p in game.players),
               *(f"u_{p}" for p in game.players), "decided"]
    return "region", columns, rows


# ------------------------------------------------------------------------------ episodes

def episode_frame(path: str | Path | None = None, *, exact: bool = True,
                  **options: Any) -> "pandas.DataFrame":
    """The episode table (:func:`gametheory.models.episodes.episode_rows`) as a DataFrame.

    Parameters
    ----------
    path : path, optional
        An episode data file (default: the Anglo-Japanese episodes shipped with the package).
    exact : bool
        Numbers as Fractions (default) or floats.
    **options
        Passed to :func:`~gametheory.models.episodes.episode_rows` (such as ``solver``).

    Returns
    -------
    pandas.DataFrame
        Indexed by ``episode``: ``years``, ``name``, ``observed`` (empty for counterfactuals),
        ``predicted``, ``pivotal`` (a tuple of inequalities), ``base`` (the episode a
        counterfactual changes), then every further number the rows carry (A's values ``U_S``
        and ``U_L`` of a side payment and of leverage, the robustness share) and one column
        per parameter in the canonical order (None where the row has no value).

    Examples
    --------
    >>> frame = episode_frame()
    >>> frame.loc["E6", ["observed", "predicted"]].tolist()
    ['L', 'L']
    >>> type(frame.loc["E6", "c"]).__name__
    'Fraction'
    """
    pandas = require_pandas()
    from gametheory.models.episodes import PARAMETER_ORDER, episode_rows

    extra = {"U_S": "u_s", "U_L": "u_l", "robust": "robust"}
    rows, present = [], set()
    for row in episode_rows(path, **options):
        values = row.episode.exact_values()
        record: dict[str, Any] = {
            "episode": row.id, "years": row.episode.years, "name": row.episode.name,
            "observed": row.observed, "predicted": row.predicted,
            "pivotal": tuple(row.pivotal), "base": row.episode.base}
        for column, attribute in extra.items():
            if hasattr(row, attribute):
                present.add(column)
                value = getattr(row, attribute)
                record[column] = None if value is None else _number(value, exact)
        for name in PARAMETER_ORDER:
            record[name] = _number(values[name], exact) if name in values else None
        rows.append(record)
    columns = ["episode", "years", "name", "observed", "predicted", "pivotal", "base",
               *(c for c in extra if c in present), *PARAMETER_ORDER]
    return pandas.DataFrame(rows, columns=columns, dtype=object).set_index("episode")


# ------------------------------------------------------------------------------ sweeps

def sweep_frame(result: Any, values: Mapping[str, Any]) -> "pandas.DataFrame":
    """A sweep (:func:`gametheory.symbolic.sweep.sweep`) as a DataFrame, one row per point.

    Sweeps are numeric (floats) by design, so this frame has float columns whatever the view.

    Parameters
    ----------
    result : SweepResult
    values : mapping
        The values the sweep was called with (broadcast to the grid's shape).

    Returns
    -------
    pandas.DataFrame
        One column per parameter, ``path`` (the equilibrium path as a categorical of
        space-separated action labels; ``"(chance)"`` where the path passes a chance node),
        ``u_<player>`` for each player and ``tie``.

    Examples
    --------
    >>> from gametheory.games import ExtensiveGame, decision, leaf
    >>> from gametheory.symbolic.sweep import grid, sweep
    >>> g = ExtensiveGame(["A"], decision("A", {"x": leaf("c"), "y": leaf(1)}),
    ...                   parameters=["c"])
    >>> values = grid(c=[0, 1, 2])
    >>> sweep_frame(sweep(g, values), values)
         c path  u_A    tie
    0  0.0    y  1.0  False
    1  1.0    x  1.0   True
    2  2.0    x  2.0  False
    """
    pandas = require_pandas()
    game = result.game
    shape = tuple(result.shape)
    columns: dict[str, Any] = {}
    for p in game.parameters:
        columns[p.name] = np.broadcast_to(np.asarray(values[p.name], dtype=float),
                                          shape).ravel()
    labels = {v: " ".join(path) for v, path in result.outcome_labels().items()}
    codes = np.asarray(result.terminal).ravel()
    names = sorted(set(labels.values()))
    categories = names + (["(chance)"] if (codes < 0).any() else [])
    lookup = {v: categories.index(label) for v, label in labels.items()}
    index = np.array([lookup.get(int(v), len(categories) - 1) for v in np.unique(codes)])
    positions = np.searchsorted(np.unique(codes), codes)
    columns["path"] = pandas.Categorical.from_codes(index[positions], categories)
    for i, player in enumerate(game.players):
        columns[f"u_{player}"] = np.asarray(result.payoffs[i], dtype=float).ravel()
    columns["tie"] = np.asarray(result.ties, dtype=bool).ravel()
    return pandas.DataFrame(columns)
