"""Behaviour profiles on game trees: exact expected payoffs, realization probabilities, and
conversions (pure choices, Kuhn's mixed-to-behaviour map).

A behaviour profile is ``profile[player][j][a]``: the probability that ``player`` chooses action
``a`` at their ``j``-th information set (``game.player_infosets[player][j]``).  Every function
here walks the compiled tree (:class:`gametheory.games.tree.Tree`) level by level, with object
arrays of exact numbers.

References
----------
H. W. Kuhn (1953), Extensive games and the problem of information, *Contributions to the Theory
of Games II*, 193-216 (Theorem 4: realization-equivalent behaviour strategies).
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any, Iterator, Sequence

import numpy as np
import sympy

from ..games.tree import Tree
from ..numbers import exact

__all__ = [
    "ONE",
    "ZERO",
    "unit",
    "as_behavior",
    "pure_behavior",
    "uniform_behavior",
    "infoset_probabilities",
    "move_probabilities",
    "node_values",
    "tree_values",
    "expected_payoffs",
    "realization_probabilities",
    "bayes_beliefs",
    "subtree_levels",
    "behavior_from_mixed",
    "is_pure",
]

ONE, ZERO = Fraction(1), Fraction(0)
_UNITS: dict[tuple[int, int], tuple[Fraction, ...]] = {}


def unit(k: int, a: int) -> tuple[Fraction, ...]:
    """The pure choice of action ``a`` among ``k`` (a shared tuple: cheap for large trees).

    Examples
    --------
    >>> unit(3, 1)
    (Fraction(0, 1), Fraction(1, 1), Fraction(0, 1))
    """
    key = (k, a)
    if key not in _UNITS:
        _UNITS[key] = tuple(ONE if b == a else ZERO for b in range(k))
    return _UNITS[key]


def as_behavior(game, profile: Sequence) -> tuple:
    """Check the shape of a behaviour profile and make its entries exact.

    Raises
    ------
    ValueError
        If the profile does not have one distribution per information set of each player, or a
        distribution is negative or does not sum to 1.
    """
    if len(profile) != game.n_players:
        raise ValueError(f"a behaviour profile needs {game.n_players} players, got {len(profile)}")
    out = []
    for p, sets in enumerate(game.player_infosets):
        if len(profile[p]) != len(sets):
            raise ValueError(f"player {game.players[p]!r} has {len(sets)} information sets, "
                             f"the profile gives {len(profile[p])}")
        mine = []
        for h, dist in zip(sets, profile[p]):
            k = len(game.infosets[h].actions)
            if len(dist) != k:
                raise ValueError(f"information set {h + 1} has {k} actions, the profile gives "
                                 f"{len(dist)} probabilities")
            dist = tuple(exact(x) for x in dist)
            if any(x < 0 for x in dist) or sum(dist) != 1:
                raise ValueError(f"not a probability distribution at information set {h + 1}: "
                                 f"{[str(x) for x in dist]}")
            mine.append(dist)
        out.append(tuple(mine))
    return tuple(out)


def pure_behavior(game, choices: Sequence[Sequence[int]]) -> tuple:
    """The behaviour profile that picks ``choices[player][j]`` at the player's ``j``-th set.

    Examples
    --------
    >>> from gametheory.catalog import entry_game
    >>> pure_behavior(entry_game(), [[1], [1]])[1]
    ((Fraction(0, 1), Fraction(1, 1)),)
    """
    return tuple(tuple(unit(len(game.infosets[h].actions), int(a)) for h, a in zip(sets, mine))
                 for sets, mine in zip(game.player_infosets, choices))


def uniform_behavior(game) -> tuple:
    """Every player mixes uniformly at every information set (the centroid)."""
    return tuple(tuple(tuple(Fraction(1, len(game.infosets[h].actions)) for _ in
                             game.infosets[h].actions) for h in sets)
                 for sets in game.player_infosets)


def is_pure(behavior) -> bool:
    """True when every distribution of the profile puts probability 1 on one action."""
    return all(max(dist) == 1 for player in behavior for dist in player)


def infoset_probabilities(game, behavior) -> list[tuple]:
    """Per global information set, its action distribution (chance sets: their probabilities)."""
    table: list[Any] = [s.probs for s in game.infosets]
    for sets, mine in zip(game.player_infosets, behavior):
        for h, dist in zip(sets, mine):
            table[h] = tuple(dist)
    return table


def move_probabilities(game, behavior) -> np.ndarray:
    """Per node, the exact probability of the move leading to it (1 at the root).

    Examples
    --------
    >>> from gametheory.catalog import entry_game
    >>> game = entry_game()
    >>> move_probabilities(game, pure_behavior(game, [[1], [1]])).tolist()
    [Fraction(1, 1), Fraction(0, 1), Fraction(1, 1), Fraction(0, 1), Fraction(1, 1)]
    """
    tree = game.tree
    table = infoset_probabilities(game, behavior)
    offsets = np.zeros(len(table) + 1, dtype=np.int64)
    offsets[1:] = np.cumsum([len(dist) for dist in table])
    flat = np.empty(int(offsets[-1]), dtype=object)
    for h, dist in enumerate(table):
        flat[offsets[h]:offsets[h + 1]] = list(dist)
    prob = np.empty(tree.n_nodes, dtype=object)
    prob[0] = ONE
    if tree.n_nodes > 1:
        parents = tree.parent[1:]
        prob[1:] = flat[offsets[tree.infoset[parents]] + tree.action[1:]]
    return prob


def subtree_levels(tree: Tree, root: int = 0) -> Iterator[tuple[int, int]]:
    """The nodes of the subtree of ``root``, one depth at a time, as ``(lo, hi)`` ranges.

    In breadth-first numbering the descendants of a node at any one depth are contiguous.

    Examples
    --------
    >>> from gametheory.catalog import entry_game
    >>> list(subtree_levels(entry_game().tree, 2))
    [(2, 3), (3, 5)]
    """
    lo, hi = root, root + 1
    first, kids = tree.first_child, tree.num_children
    while lo < hi:
        yield lo, hi
        inner = np.flatnonzero(kids[lo:hi])
        if not len(inner):
            return
        a, b = lo + int(inner[0]), lo + int(inner[-1])
        lo, hi = int(first[a]), int(first[b] + kids[b])


def _inner_starts(tree: Tree, lo: int, hi: int, next_lo: int) -> tuple[np.ndarray, np.ndarray]:
    inner = lo + np.flatnonzero(tree.num_children[lo:hi])
    return inner, (tree.first_child[inner] - next_lo).astype(np.int64)


def node_values(game, behavior, root: int = 0) -> np.ndarray:
    """Exact expected payoff of every node of the subtree of ``root`` (object array (N, n)).

    The value of a node is the expected payoff of the play given that the node is reached
    (outcomes on the path above it included, as Gambit sums outcomes along the path); nodes
    outside the subtree hold None.

    Examples
    --------
    >>> from gametheory.catalog import entry_game
    >>> game = entry_game()
    >>> node_values(game, pure_behavior(game, [[1], [1]]))[0].tolist()
    [Fraction(1, 1), Fraction(1, 1)]
    """
    return tree_values(game.tree, move_probabilities(game, behavior), game.n_players, root)


def exact_terminal_payoffs(tree: Tree, nodes: np.ndarray) -> np.ndarray:
    """Exact payoffs at the given nodes (object array (k, n))."""
    if tree.payoff.dtype == object:
        return tree.payoff[nodes]
    out = np.empty((len(nodes), len(tree.payoff_scale)), dtype=object)
    for i, scale in enumerate(tree.payoff_scale):
        out[:, i] = [Fraction(x, scale) for x in tree.payoff[nodes, i].tolist()]
    return out


def tree_values(tree: Tree, prob: np.ndarray, n_players: int, root: int = 0) -> np.ndarray:
    """:func:`node_values` from the move probabilities (:func:`move_probabilities`) directly.

    The one bottom-up evaluation of a behaviour profile: every node of the subtree of ``root``
    gets the expectation of its children's values weighted by the moves into them, one depth at
    a time; nodes outside the subtree hold None.  Entries may be exact numbers or expressions.

    Examples
    --------
    >>> from gametheory.catalog import entry_game
    >>> game = entry_game()
    >>> prob = move_probabilities(game, pure_behavior(game, [[1], [0]]))
    >>> tree_values(game.tree, prob, 2, root=2)[2].tolist()
    [Fraction(-1, 1), Fraction(-1, 1)]
    """
    values = np.full((tree.n_nodes, n_players), None, dtype=object)
    levels = list(subtree_levels(tree, root))
    for lo, hi in levels:
        leaves = lo + np.flatnonzero(tree.num_children[lo:hi] == 0)
        if len(leaves):
            values[leaves] = exact_terminal_payoffs(tree, leaves)
    for (lo, hi), (next_lo, next_hi) in zip(reversed(levels[:-1]), reversed(levels[1:])):
        inner, starts = _inner_starts(tree, lo, hi, next_lo)
        weighted = values[next_lo:next_hi] * prob[next_lo:next_hi, None]
        values[inner] = np.add.reduceat(weighted, starts, axis=0)
    return values


def expected_payoffs(game, behavior) -> tuple:
    """Exact expected payoff of each player under a behaviour profile.

    Examples
    --------
    >>> from gametheory.catalog import kuhn_poker
    >>> game = kuhn_poker()
    >>> expected_payoffs(game, uniform_behavior(game))
    (Fraction(1, 8), Fraction(-1, 8))
    """
    return tuple(node_values(game, behavior)[0])


def realization_probabilities(game, behavior, root: int = 0) -> np.ndarray:
    """Probability of reaching every node of the subtree of ``root`` from ``root`` (object array)."""
    tree = game.tree
    prob = move_probabilities(game, behavior)
    reach = np.full(tree.n_nodes, None, dtype=object)
    reach[root] = ONE
    for lo, hi in list(subtree_levels(tree, root))[1:]:
        reach[lo:hi] = reach[tree.parent[lo:hi]] * prob[lo:hi]
    return reach


def bayes_beliefs(game, behavior) -> tuple:
    """Beliefs by Bayes' rule, ``[player][infoset][node]`` (nodes as ``game.infoset_members``):
    each node's share of the probability of reaching its information set; None at information
    sets that the profile reaches with probability 0 (off the path, where Bayes' rule is silent).

    Entries of the profile may be expressions (mixing probabilities, parameters): the beliefs
    are then simplified quotients.

    Examples
    --------
    >>> from gametheory.catalog import beer_quiche
    >>> pool_beer = (((1, 0), (1, 0)), ((0, 1), (1, 0)))
    >>> b = bayes_beliefs(beer_quiche(), pool_beer)
    >>> [str(x) for x in b[1][0]], b[1][1]
    (['1/10', '9/10'], None)
    """
    reach = realization_probabilities(game, behavior)
    out = []
    for sets in game.player_infosets:
        row = []
        for k in sets:
            weights = [reach[v] for v in game.infoset_members(k).tolist()]
            if any(isinstance(w, sympy.Basic) for w in weights):
                total = sympy.expand(sum(weights, sympy.S.Zero))
                row.append(None if total == 0 else
                           tuple(exact(sympy.cancel(w / total)) for w in weights))
            else:
                total = sum(weights, ZERO)
                row.append(None if total == 0 else tuple(w / total for w in weights))
        out.append(tuple(row))
    return tuple(out)


def behavior_from_mixed(game, strategies: Sequence[Sequence], reduced: Sequence | None = None
                        ) -> tuple:
    """The behaviour profile realization-equivalent to mixed strategies of the reduced
    strategic form (Kuhn 1953, for games with perfect recall).

    ``beta(h, a) = sum of the weights of the strategies that reach h and choose a at h / sum of
    the weights of the strategies that reach h``; where no strategy in the support reaches ``h``
    the player mixes uniformly there (any choice is realization-equivalent).

    Parameters
    ----------
    game : ExtensiveGame
    strategies : sequence of sequences
        Per player, probabilities of the reduced strategies in the order of
        :func:`gametheory.games.forms.reduced_strategies`.
    reduced : sequence, optional
        The reduced strategies (``{infoset: action}`` maps) per player, if already computed.

    Examples
    --------
    >>> from gametheory.catalog import entry_game
    >>> behavior_from_mixed(entry_game(), [[0, 1], [0, 1]])[0]
    ((Fraction(0, 1), Fraction(1, 1)),)
    """
    from ..games.forms import reduced_strategies

    out = []
    for p, sets in enumerate(game.player_infosets):
        plans = reduced[p] if reduced is not None else reduced_strategies(game, p)
        weights = [exact(x) for x in strategies[p]]
        if len(weights) != len(plans):
            raise ValueError(f"player {game.players[p]!r} has {len(plans)} reduced strategies, "
                             f"got {len(weights)} probabilities")
        mine = []
        for h in sets:
            k = len(game.infosets[h].actions)
            mass = [ZERO] * k
            for w, plan in zip(weights, plans):
                if w and h in plan:
                    mass[plan[h]] += w
            total = sum(mass)
            mine.append(tuple(m / total for m in mass) if total else
                        tuple(Fraction(1, k) for _ in range(k)))
        out.append(tuple(mine))
    return tuple(out)
