"""Classic games, built with the nested builder in a few lines each.

Examples
--------
>>> kuhn_poker().n_nodes, kuhn_poker().n_infosets
(55, 12)
"""

from __future__ import annotations

from itertools import permutations

from .games import ExtensiveGame, StrategicGame, chance, decision, leaf

__all__ = ["entry_game", "selten_horse", "kuhn_poker", "matching_pennies", "prisoners_dilemma",
           "centipede", "EXAMPLES"]


def entry_game() -> ExtensiveGame:
    """Selten's chain-store stage game: the entrant stays out or enters; the incumbent fights
    or accommodates.  One subgame-perfect equilibrium: (In, Accommodate)."""
    return ExtensiveGame(["Entrant", "Incumbent"], decision("Entrant", {
        "Out": leaf(0, 2),
        "In": decision("Incumbent", {"Fight": leaf(-1, -1), "Accommodate": leaf(1, 1)}),
    }), title="Entry game")


def selten_horse() -> ExtensiveGame:
    """Selten's horse (Selten 1975, fig. 1): player 3 cannot tell whether 1 or 2 moved."""
    return ExtensiveGame(["1", "2", "3"], decision("1", {
        "C": decision("2", {
            "c": leaf(1, 1, 1),
            "d": decision("3", {"L": leaf(4, 4, 0), "R": leaf(1, 1, 1)}, infoset="3")}),
        "D": decision("3", {"L": leaf(3, 2, 2), "R": leaf(0, 0, 1)}, infoset="3"),
    }), title="Selten's horse")


def kuhn_poker() -> ExtensiveGame:
    """Kuhn poker (Kuhn 1950): three cards, one each, ante 1, one bet of 1.

    The value to the first player is -1/18.
    """
    def showdown(cards: str, stake: int):
        return leaf(stake, -stake) if "JQK".index(cards[0]) > "JQK".index(cards[1]) \
            else leaf(-stake, stake)

    def deal(cards: str):
        mine, yours = f"P1 has {cards[0]}", f"P2 has {cards[1]}"
        return ("1/6", decision("P1", {
            "Check": decision("P2", {
                "Check": showdown(cards, 1),
                "Bet": decision("P1", {"Fold": leaf(-1, 1), "Call": showdown(cards, 2)},
                                infoset=mine + " after check-bet")}, infoset=yours + " after check"),
            "Bet": decision("P2", {"Fold": leaf(1, -1), "Call": showdown(cards, 2)},
                            infoset=yours + " after bet"),
        }, infoset=mine))

    deals = {"".join(cards): deal("".join(cards)) for cards in permutations("JQK", 2)}
    return ExtensiveGame(["P1", "P2"], chance(deals), title="Kuhn poker")


def centipede(rounds: int = 4) -> ExtensiveGame:
    """Rosenthal's centipede: the mover takes (2 for them, 0 for the other, doubled... ) or
    passes; here the pot grows by one each round and taking gives the mover pot+1 vs pot-1."""
    node = leaf(rounds + 1, rounds + 1)
    for k in range(rounds, 0, -1):
        mover = (k - 1) % 2
        payoffs = [k - 1, k - 1]
        payoffs[mover] += 2
        node = decision(mover, {"Take": leaf(*payoffs), "Pass": node})
    return ExtensiveGame(["1", "2"], node, title=f"Centipede ({rounds} rounds)")


def matching_pennies() -> StrategicGame:
    """Matching pennies: unique equilibrium (1/2, 1/2) for both, value 0."""
    return StrategicGame.from_arrays([[1, -1], [-1, 1]], [[-1, 1], [1, -1]],
                                     strategies=[["H", "T"], ["H", "T"]],
                                     title="Matching pennies")


def prisoners_dilemma() -> StrategicGame:
    """The prisoner's dilemma: (Defect, Defect) is the unique equilibrium."""
    return StrategicGame.from_arrays([[3, 0], [5, 1]], [[3, 5], [0, 1]],
                                     strategies=[["Cooperate", "Defect"]] * 2,
                                     title="Prisoner's dilemma")


EXAMPLES = {
    "entry": entry_game,
    "horse": selten_horse,
    "kuhn": kuhn_poker,
    "centipede": centipede,
    "matching-pennies": matching_pennies,
    "prisoners-dilemma": prisoners_dilemma,
}
