"""Frozen results of the solvers: one :class:`Equilibrium` per profile, one :class:`Solution` per call.

A behaviour profile is ``profile[player][infoset in game.player_infosets order][action]`` and a
mixed-strategy profile ``profile[player][strategy]``, both of exact numbers.

Every solver, and :func:`gametheory.solve` for every game and method, returns a
:class:`Solution`: it iterates over its equilibria, has a length, prints itself
(:meth:`Solution.to_text`) and exports itself (:meth:`Solution.to_json_dict`,
:meth:`Solution.to_json`).  A symbolic game's solution
(:class:`gametheory.symbolic.solution.PiecewiseSolution`) is a :class:`Solution` whose
equilibria are given region by region.  Results are immutable: frozen dataclasses whose
mappings are read-only (:func:`frozen_mapping`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from fractions import Fraction
from types import MappingProxyType
from typing import Any, Iterator, Mapping

from ..numbers import to_text

__all__ = ["Equilibrium", "Solution", "Behavior", "Strategies", "frozen_mapping"]

Behavior = tuple[tuple[tuple[Any, ...], ...], ...]
Strategies = tuple[tuple[Any, ...], ...]


def frozen_mapping(values: Mapping | None = None) -> Mapping:
    """A read-only copy of a mapping (``types.MappingProxyType`` over a private dict); values
    that are dicts or lists are frozen too (read-only mappings, tuples).

    Examples
    --------
    >>> options = frozen_mapping({"limit": 2, "at": {"c": 1}, "assumptions": ["c > 0"]})
    >>> options["limit"], options["assumptions"], options["at"]["c"]
    (2, ('c > 0',), 1)
    >>> options["limit"] = 3
    Traceback (most recent call last):
    ...
    TypeError: 'mappingproxy' object does not support item assignment
    """
    return MappingProxyType({k: _frozen(v) for k, v in (values or {}).items()})


def _frozen(value: Any, deep: bool = False) -> Any:
    """Lists as tuples (and everything inside them) and dicts as read-only mappings.  A tuple
    is kept as it is unless ``deep`` (a solver's profiles are tuples of tuples already, and
    walking a large one would cost time)."""
    if isinstance(value, list) or (deep and isinstance(value, tuple)):
        return tuple(_frozen(x, True) for x in value)
    if isinstance(value, dict):
        return frozen_mapping(value)
    return value


def _text_or_none(x: Any) -> str | None:
    return None if x is None else to_text(x)


@dataclass(frozen=True)
class Equilibrium:
    """One equilibrium with its certificate.

    Attributes
    ----------
    payoffs : tuple
        Exact expected payoff of each player.
    behavior : tuple or None
        Behaviour profile ``[player][infoset][action]`` (extensive games).
    strategies : tuple or None
        Mixed-strategy profile ``[player][strategy]`` (strategic games, or a tree solved on its
        reduced strategic form).
    regret : Fraction or None
        Exact maximum gain any player gets by deviating (0 for a Nash equilibrium), computed by
        :mod:`gametheory.solvers.regret`.  For agent-form solutions it is the agent regret (one
        information set deviating at a time); for perfect Bayesian equilibria the sequential
        regret of the assessment (the largest gain of any mover at any information set given
        the beliefs there).  None when it could not be computed at an exact point.
    subgame_regret : Fraction or None
        Exact maximum regret over all subgames (0 for a subgame-perfect equilibrium); None when
        not computed.
    """

    payoffs: tuple
    behavior: Behavior | None = None
    strategies: Strategies | None = None
    regret: Any = Fraction(0)
    subgame_regret: Any = None

    def __post_init__(self) -> None:
        for name in ("payoffs", "behavior", "strategies"):
            object.__setattr__(self, name, _frozen(getattr(self, name)))

    def open_infosets(self, game: Any) -> frozenset[int]:
        """The information sets (global indices) where the equilibrium prescribes nothing.

        A tree solved on its reduced strategic form (Kuhn 1953; Myerson 1991, sec. 2.5)
        gives each player plans that leave open every information set the player's own
        earlier moves exclude: no strategy in the support reaches it, so any behaviour there
        is realization-equivalent.  The behaviour profile holds a placeholder there (the
        uniform mixture of :func:`gametheory.solvers.behavior.behavior_from_mixed`), which is
        not a choice of the player; printers say "open" instead.  Empty for equilibria found
        on the tree itself (backward induction, sequence form, PBE), which choose everywhere.

        Examples
        --------
        >>> from gametheory import ExtensiveGame, decision, leaf, solve
        >>> g = ExtensiveGame(["A"], decision("A", {"stop": leaf(1), "go": decision("A", {
        ...     "x": leaf(0), "y": leaf(0)})}))
        >>> e = solve(g, "enumpure")[0]
        >>> e.behavior[0][1], sorted(e.open_infosets(g))
        ((Fraction(1, 2), Fraction(1, 2)), [1])
        """
        if self.behavior is None or self.strategies is None or not hasattr(game, "tree"):
            return frozenset()
        from ..games.forms import reduced_strategies
        out: set[int] = set()
        for p, sets in enumerate(game.player_infosets):
            uniform = [h for h, probs in zip(sets, self.behavior[p])
                       if len(probs) > 1 and len(set(probs)) == 1]
            if not uniform:
                continue
            plans = reduced_strategies(game, p)
            if len(plans) != len(self.strategies[p]):
                continue                   # not strategies of the reduced form
            supported = [plan for w, plan in zip(self.strategies[p], plans) if w]
            out.update(h for h in uniform if not any(h in plan for plan in supported))
        return frozenset(out)

    def to_json_dict(self, extensive: bool = True, game: Any = None) -> dict:
        """The equilibrium as JSON-ready data with exact numbers as strings.

        With ``game``, the profile is also given with its labels: ``moves`` (one entry per
        information set: player, information set, probability of each action) for trees,
        ``mixed`` (player -> strategy -> probability) for strategic games.  A move at an
        information set the equilibrium leaves open (:meth:`open_infosets`) carries
        ``"open": true``: its probabilities are a placeholder, not a choice.

        Examples
        --------
        >>> Equilibrium((Fraction(1, 3), Fraction(-1, 3)),
        ...             strategies=((Fraction(1, 2), Fraction(1, 2)),)).to_json_dict(False)
        {'payoffs': ['1/3', '-1/3'], 'regret': '0', 'strategies': [['1/2', '1/2']]}
        """
        out: dict = {"payoffs": [to_text(x) for x in self.payoffs],
                     "regret": _text_or_none(self.regret)}
        if self.subgame_regret is not None:
            out["subgame_regret"] = to_text(self.subgame_regret)
        if extensive and self.behavior is not None:
            out["behavior"] = [[[to_text(p) for p in actions] for actions in player]
                               for player in self.behavior]
            if game is not None:
                out["moves"] = labelled_moves(game, self.behavior, to_text)
                open_sets = self.open_infosets(game)
                if open_sets:
                    order = [k for sets in game.player_infosets for k in sets]
                    for k, move in zip(order, out["moves"]):
                        if k in open_sets:
                            move["open"] = True
        if self.strategies is not None:
            out["strategies"] = [[to_text(p) for p in player] for player in self.strategies]
            if game is not None and not hasattr(game, "tree"):
                out["mixed"] = {name: dict(zip(labels, (to_text(p) for p in player)))
                                for name, labels, player
                                in zip(game.players, game.strategies, self.strategies)}
        return out


def labelled_moves(game: Any, behavior: Behavior, text=to_text) -> list[dict]:
    """Each information set's move with its player's, its own and its actions' names.

    ``text`` writes one probability (exact numbers by default; expressions for symbolic
    profiles).  An information set without a label is named ``#k`` (its 1-based global index).

    Examples
    --------
    >>> from gametheory.catalog import entry_game
    >>> from gametheory.solvers.behavior import pure_behavior
    >>> game = entry_game()
    >>> labelled_moves(game, pure_behavior(game, [[1], [0]]))[1]
    {'player': 'Incumbent', 'infoset': '#2', 'actions': {'Fight': '1', 'Accommodate': '0'}}
    """
    moves = []
    for player, (name, sets) in enumerate(zip(game.players, game.player_infosets)):
        for k, probs in zip(sets, behavior[player]):
            infoset = game.infosets[k]
            moves.append({"player": name, "infoset": infoset.label or f"#{k + 1}",
                          "actions": dict(zip(infoset.actions, (text(p) for p in probs)))})
    return moves


@dataclass(frozen=True)
class Solution:
    """What a solver returns: the game, the method and options used, and the equilibria.

    The one result type of :func:`gametheory.solve`, for every game and method.  It iterates
    over its equilibria, has a length, and prints (:meth:`to_text`) and exports
    (:meth:`to_json_dict`, :meth:`to_json`) itself the same way whatever produced it.

    Attributes
    ----------
    game : ExtensiveGame or StrategicGame
    method : str
        The method that produced the equilibria (``auto`` resolves to a concrete name).
    options : mapping
        The options the method was called with (read-only).
    equilibria : tuple of Equilibrium
    complete : bool
        True when the method's full set is listed (False when cut by ``limit`` or when the method
        finds one equilibrium by design, such as ``lcp``).
    note : str
        Free text: what ``auto`` picked, counts beyond the listing, caveats.
    count : int or None
        The exact number of equilibria the method's full set has, when known.

    Examples
    --------
    >>> from gametheory.catalog import prisoners_dilemma
    >>> one, zero = Fraction(1), Fraction(0)
    >>> sol = Solution(prisoners_dilemma(), "enumpure", {"limit": None},
    ...                [Equilibrium((one, one), strategies=((zero, one), (zero, one)))])
    >>> len(sol), [e.payoffs for e in sol] == [(one, one)], type(sol.equilibria).__name__
    (1, True, 'tuple')
    >>> sol.options["limit"] = 1
    Traceback (most recent call last):
    ...
    TypeError: 'mappingproxy' object does not support item assignment
    """

    game: Any
    method: str
    options: Mapping[str, Any] = field(default_factory=frozen_mapping, hash=False)
    equilibria: tuple[Equilibrium, ...] = ()
    complete: bool = True
    note: str = ""
    count: int | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "options", frozen_mapping(self.options))
        object.__setattr__(self, "equilibria", tuple(self.equilibria))

    def __len__(self) -> int:
        return len(self.equilibria)

    def __iter__(self) -> Iterator[Equilibrium]:
        return iter(self.equilibria)

    def __getitem__(self, k: int) -> Equilibrium:
        return self.equilibria[k]

    def to_json_dict(self) -> dict:
        """The JSON document of the ``solve`` command, exact numbers as strings.

        Examples
        --------
        >>> from gametheory.catalog import matching_pennies
        >>> half = (Fraction(1, 2), Fraction(1, 2))
        >>> sol = Solution(matching_pennies(), "enummixed", {},
        ...                (Equilibrium((Fraction(0), Fraction(0)), strategies=(half, half)),))
        >>> sol.to_json_dict()["equilibria"]  # doctest: +NORMALIZE_WHITESPACE
        [{'payoffs': ['0', '0'], 'regret': '0', 'strategies': [['1/2', '1/2'], ['1/2', '1/2']],
          'mixed': {'1': {'H': '1/2', 'T': '1/2'}, '2': {'H': '1/2', 'T': '1/2'}}}]
        """
        extensive = hasattr(self.game, "tree")
        return {
            "game": {"title": self.game.title, "players": list(self.game.players)},
            "method": self.method,
            "equilibria": [e.to_json_dict(extensive, self.game) for e in self.equilibria],
        }

    def to_json(self, indent: int | None = 1) -> str:
        """:meth:`to_json_dict` as a JSON string (what ``--format json`` prints)."""
        return json.dumps(self.to_json_dict(), indent=indent)

    def to_text(self) -> str:
        """A readable listing: one block per equilibrium with its payoffs, regret and moves.

        Examples
        --------
        >>> from gametheory.catalog import entry_game
        >>> from gametheory.solvers import solve
        >>> print(solve(entry_game()).to_text())  # doctest: +NORMALIZE_WHITESPACE
        Entry game: 1 equilibrium (method spe)
        players: Entrant, Incumbent
        auto: perfect information: backward induction
        <BLANKLINE>
        Equilibrium 1   payoffs (1, 1)   (regret 0, subgame regret 0)
          Entrant at 1                             In
          Incumbent at 1                           Accommodate
        """
        from ..report.equilibria import solution_text
        return solution_text(self)

    def to_frame(self, exact: bool = True):
        """The solution as a pandas DataFrame (:func:`gametheory.report.frames.solution_frame`):
        one row per equilibrium, or per region of a symbolic solution.  Needs pandas.

        Examples
        --------
        >>> from gametheory.catalog import entry_game
        >>> from gametheory.solvers import solve
        >>> frame = solve(entry_game()).to_frame()
        >>> len(frame), frame["regret"].tolist()
        (1, [Fraction(0, 1)])
        """
        from ..report.frames import solution_frame
        return solution_frame(self, exact=exact)

    def _repr_html_(self) -> str:
        """The solution as an HTML table, for Jupyter (:func:`gametheory.report.html.solution_html`)."""
        from ..report.html import solution_html
        return solution_html(self)

    def _repr_latex_(self) -> str | None:
        """The equilibria as display math, for notebooks and nbconvert
        (:func:`gametheory.report.equilibria.solution_math`); None for very many."""
        from ..report.equilibria import solution_math
        return solution_math(self)

    def to_latex(self, standalone: bool = False) -> str:
        r"""The equilibria as a LaTeX table to ``\input`` (a whole document with
        ``standalone``): :func:`gametheory.report.equilibria.solution_latex`."""
        from ..report.equilibria import solution_latex
        return solution_latex(self, standalone=standalone)

    def __str__(self) -> str:
        return self.to_text()
