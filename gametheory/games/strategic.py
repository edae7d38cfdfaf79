"""Strategic-form (normal-form) games: n players, exact payoff tensors, strategy labels."""

from __future__ import annotations

from functools import cached_property
from math import prod
from typing import Any, Sequence

import numpy as np

from ..numbers import exact, is_symbolic

__all__ = ["StrategicGame", "MAX_CONTINGENCIES"]

MAX_CONTINGENCIES = 10**8


class StrategicGame:
    """A finite game in strategic form, immutable once built.

    Parameters
    ----------
    players : sequence of str
    strategies : sequence of sequences of str
        Strategy labels per player.
    payoffs : array-like, shape (n_players, s_1, ..., s_n)
        ``payoffs[i][s_1]...[s_n]`` is player i's payoff; entries are made exact.
    title, description : str

    Examples
    --------
    >>> pd = StrategicGame.from_arrays([[3, 0], [5, 1]], [[3, 5], [0, 1]], title="Prisoner's dilemma")
    >>> pd.shape, pd.payoff((1, 1))
    ((2, 2), (Fraction(1, 1), Fraction(1, 1)))
    """

    def __init__(self, players: Sequence[str], strategies: Sequence[Sequence[str]], payoffs: Any,
                 *, title: str = "", description: str = ""):
        names: tuple[str, ...] = tuple(str(p) for p in players)
        labels_: tuple[tuple[str, ...], ...] = tuple(tuple(str(s) for s in labels)
                                                     for labels in strategies)
        players, strategies = names, labels_
        if not players:
            raise ValueError("a game needs at least one player")
        if len(strategies) != len(players):
            raise ValueError(f"{len(players)} players but {len(strategies)} strategy lists")
        shape = tuple(len(labels) for labels in strategies)
        if any(n == 0 for n in shape):
            raise ValueError("every player needs at least one strategy")
        if prod(shape) > MAX_CONTINGENCIES:
            raise ValueError(f"{' x '.join(map(str, shape))} = {prod(shape)} contingencies is "
                             f"more than {MAX_CONTINGENCIES}")
        table = np.asarray(payoffs, dtype=object)
        if table.shape != (len(players), *shape):
            raise ValueError(f"payoffs have shape {table.shape}, expected "
                             f"{(len(players), *shape)}")
        exact_table = np.empty(table.shape, dtype=object)
        flat, out = table.reshape(-1), exact_table.reshape(-1)
        for k in range(flat.size):
            out[k] = exact(flat[k])
        exact_table.flags.writeable = False
        self.players: tuple[str, ...] = players
        self.strategies: tuple[tuple[str, ...], ...] = strategies
        self.payoffs: np.ndarray = exact_table
        self.title = title
        self.description = description

    @classmethod
    def from_arrays(cls, *arrays: Any, players: Sequence[str] | None = None,
                    strategies: Sequence[Sequence[str]] | None = None,
                    title: str = "") -> "StrategicGame":
        """Build a game from one payoff array per player (``A`` for the row player, ...).

        Examples
        --------
        >>> mp = StrategicGame.from_arrays([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
        >>> mp.players, mp.strategies
        (('1', '2'), (('1', '2'), ('1', '2')))
        """
        tables = [np.asarray(a, dtype=object) for a in arrays]
        if not tables:
            raise ValueError("give one payoff array per player")
        shape = tables[0].shape
        if any(t.shape != shape for t in tables) or len(shape) != len(tables):
            raise ValueError(f"{len(tables)} players need {len(tables)}-dimensional arrays of "
                             f"one shape; got shapes {[t.shape for t in tables]}")
        players = players or [str(i + 1) for i in range(len(tables))]
        strategies = strategies or [[str(k + 1) for k in range(n)] for n in shape]
        return cls(players, strategies, np.stack(tables), title=title)

    @property
    def n_players(self) -> int:
        return len(self.players)

    @property
    def shape(self) -> tuple[int, ...]:
        return self.payoffs.shape[1:]

    @property
    def n_contingencies(self) -> int:
        return prod(self.shape)

    @cached_property
    def is_symbolic(self) -> bool:
        return any(is_symbolic(x) for x in self.payoffs.flat)

    @cached_property
    def is_constant_sum(self) -> bool:
        """True if the players' payoffs sum to the same number in every contingency."""
        totals = self.payoffs.sum(axis=0).ravel()
        return all(t == totals[0] for t in totals)

    def payoff(self, profile: Sequence[int]) -> tuple:
        """Payoffs of a pure profile (one strategy index per player)."""
        return tuple(self.payoffs[(i, *profile)] for i in range(self.n_players))

    def __repr__(self) -> str:
        return f"<StrategicGame {self.title!r}: {' x '.join(map(str, self.shape))}>"

    def _repr_html_(self) -> str:
        """A summary and, for two players, the payoff table (see
        :func:`gametheory.report.html.game_html`)."""
        from ..report.html import game_html
        return game_html(self)

    def _repr_svg_(self) -> str | None:
        """The payoff table drawn as SVG for two players, else None (see
        :func:`gametheory.report.html.game_svg`)."""
        from ..report.html import game_svg
        return game_svg(self)
