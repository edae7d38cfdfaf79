"""Classic games, built with the nested builder in a few lines each.

Examples
--------
>>> kuhn_poker().n_nodes, kuhn_poker().n_infosets
(55, 12)
"""

from __future__ import annotations

import random
from itertools import permutations

from ..games import ExtensiveGame, StrategicGame, chance, decision, leaf
from ..parameters import Parameter

__all__ = ["entry_game", "selten_horse", "kuhn_poker", "matching_pennies", "prisoners_dilemma",
           "centipede", "random_linear_tree", "EXAMPLES"]


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


def random_linear_tree(nodes: int, n_params: int = 3, seed: int = 0,
                       domain: str | None = None) -> ExtensiveGame:
    """A random two-player perfect-information tree whose payoffs are integer-linear in the
    parameters ``t0, t1, ...`` (2-3 actions per node, constants in [-9, 9], up to two terms
    with coefficients in [-3, 3]): the test bed of the symbolic solver and its benchmark.

    Parameters
    ----------
    nodes : int
        About how many nodes (the budget of moves).
    n_params : int
    seed : int
    domain : str, optional
        The domain of every parameter, e.g. ``"(-5, 5)"``; unbounded if None.

    Examples
    --------
    >>> game = random_linear_tree(25, n_params=2, seed=1)
    >>> game.n_nodes, [p.name for p in game.parameters]
    (25, ['t0', 't1'])
    """
    rng = random.Random(seed)
    names = [f"t{k}" for k in range(n_params)]

    def payoff():
        chosen = rng.sample(names, rng.randint(0, min(2, len(names))))
        terms = [f"{rng.randint(-3, 3)}*{n}" for n in chosen]
        return " + ".join([str(rng.randint(-9, 9))] + terms)

    budget = [nodes - 1]

    def build(depth, player):
        if budget[0] <= 0 or (depth > 1 and rng.random() < 0.3):
            return leaf(payoff(), payoff())
        k = min(rng.choice((2, 3)), budget[0])
        budget[0] -= k
        return decision(player, {f"a{depth}_{i}": build(depth + 1, 1 - player)
                                 for i in range(k)})

    parameters = [Parameter(n, domain) for n in names] if domain else names
    return ExtensiveGame(["1", "2"], build(0, 0), parameters=parameters)


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
