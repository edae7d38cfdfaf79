"""Frozen results of the solvers: one :class:`Equilibrium` per profile, one :class:`Solution` per call.

A behaviour profile is ``profile[player][infoset in game.player_infosets order][action]`` and a
mixed-strategy profile ``profile[player][strategy]``, both of exact numbers.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, Mapping

from ..numbers import to_text

__all__ = ["Equilibrium", "Solution", "Behavior", "Strategies"]

Behavior = tuple[tuple[tuple[Any, ...], ...], ...]
Strategies = tuple[tuple[Any, ...], ...]


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
    regret : Fraction
        Exact maximum gain any player gets by deviating (0 for a Nash equilibrium).  For agent-form
        solutions it is the agent regret (one information set deviating at a time).
    subgame_regret : Fraction or None
        Exact maximum regret over all subgames (0 for a subgame-perfect equilibrium); None when
        not computed.
    """

    payoffs: tuple
    behavior: Behavior | None = None
    strategies: Strategies | None = None
    regret: Any = Fraction(0)
    subgame_regret: Any = None

    def to_json_dict(self, extensive: bool = True, game: Any = None) -> dict:
        """The equilibrium as JSON-ready data with exact numbers as strings.

        With ``game``, the profile is also given with its labels: ``moves`` (one entry per
        information set: player, information set, probability of each action) for trees,
        ``mixed`` (player -> strategy -> probability) for strategic games.

        Examples
        --------
        >>> Equilibrium((Fraction(1, 3), Fraction(-1, 3)),
        ...             strategies=((Fraction(1, 2), Fraction(1, 2)),)).to_json_dict(False)
        {'payoffs': ['1/3', '-1/3'], 'regret': '0', 'strategies': [['1/2', '1/2']]}
        """
        out: dict = {"payoffs": [to_text(x) for x in self.payoffs], "regret": to_text(self.regret)}
        if self.subgame_regret is not None:
            out["subgame_regret"] = to_text(self.subgame_regret)
        if extensive and self.behavior is not None:
            out["behavior"] = [[[to_text(p) for p in actions] for actions in player]
                               for player in self.behavior]
            if game is not None:
                out["moves"] = _labelled_moves(game, self.behavior)
        if self.strategies is not None:
            out["strategies"] = [[to_text(p) for p in player] for player in self.strategies]
            if game is not None and not hasattr(game, "tree"):
                out["mixed"] = {name: dict(zip(labels, (to_text(p) for p in player)))
                                for name, labels, player
                                in zip(game.players, game.strategies, self.strategies)}
        return out


def _labelled_moves(game: Any, behavior: Behavior) -> list[dict]:
    """Each information set's move with its player's, its own and its actions' names."""
    moves = []
    for player, (name, sets) in enumerate(zip(game.players, game.player_infosets)):
        for k, probs in zip(sets, behavior[player]):
            infoset = game.infosets[k]
            moves.append({"player": name, "infoset": infoset.label or f"#{k + 1}",
                          "actions": dict(zip(infoset.actions, (to_text(p) for p in probs)))})
    return moves


@dataclass(frozen=True)
class Solution:
    """What a solver returns: the game, the method and options used, and the equilibria.

    Attributes
    ----------
    game : ExtensiveGame or StrategicGame
    method : str
        The method that produced the equilibria (``auto`` resolves to a concrete name).
    options : mapping
        The options the method was called with.
    equilibria : tuple of Equilibrium
    complete : bool
        True when the method's full set is listed (False when cut by ``limit`` or when the method
        finds one equilibrium by design, such as ``lcp``).
    note : str
        Free text: what ``auto`` picked, counts beyond the listing, caveats.
    count : int or None
        The exact number of equilibria the method's full set has, when known.
    """

    game: Any
    method: str
    options: Mapping[str, Any] = field(default_factory=dict)
    equilibria: tuple[Equilibrium, ...] = ()
    complete: bool = True
    note: str = ""
    count: int | None = None

    def __len__(self) -> int:
        return len(self.equilibria)

    def __iter__(self):
        return iter(self.equilibria)

    def __getitem__(self, k: int) -> Equilibrium:
        return self.equilibria[k]

    def to_json_dict(self) -> dict:
        """The JSON document of the ``solve`` command (issue 3), exact numbers as strings.

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
