"""Exact certificates: the regret of a profile, in the whole game and in every subgame.

The regret of a profile is the largest gain any single player can get by changing their own
strategy while the others keep theirs: 0 exactly at a Nash equilibrium.

* Strategic games: ``max_s U_i(s, x_-i) - U_i(x)``, vectorised over the payoff tensor.
* Trees with perfect recall: a player's best-response value against fixed behaviour of the others
  is computed on their sequences (von Stengel 1996): each terminal adds its payoff, weighted by the
  others' and chance's reach probability, to the player's last sequence on its path; then the
  player's information sets are processed deepest first, each adding ``max_a V(h, a)`` to the
  sequence that leads to it.  Linear in the tree.
* Imperfect recall: the best response is found by enumerating the player's pure behaviour
  strategies (up to ``MAX_PURE``); the *agent regret* (one information set deviating at a time)
  is available separately.
* Subgames: the regret of the restriction of the profile to every subgame
  (:func:`subgame_regret`); perfect-information trees use one bottom-up pass for all nodes.
* Assessments (a profile with beliefs): the *sequential regret* (:func:`sequential_regret`) is
  the largest gain of any mover at any information set from changing their continuation
  strategy there, expected under the beliefs (the same sequence-form best response, started
  from the information set's nodes weighted by the beliefs); the beliefs must follow Bayes'
  rule wherever the profile reaches the set (:func:`consistent_beliefs`).  It is 0 exactly at
  a weak perfect Bayesian equilibrium (Mas-Colell, Whinston and Green 1995, def. 9.C.3).

References
----------
B. von Stengel (1996), Efficient computation of behavior strategies, *Games and Economic
Behavior* 14, 220-246.
A. Mas-Colell, M. D. Whinston and J. R. Green (1995), *Microeconomic Theory*, section 9.C.
R. Selten (1975), Reexamination of the perfectness concept for equilibrium points in extensive
games, *International Journal of Game Theory* 4, 25-55 (subgame perfection, agent form).
"""

from __future__ import annotations

from fractions import Fraction
from itertools import product
from math import prod
from typing import Sequence

import numpy as np

from ..games.forms import own_sequences
from ..games.strategic import StrategicGame
from ..numbers import exact
from .behavior import (ONE, ZERO, as_behavior, bayes_beliefs, exact_terminal_payoffs,
                       move_probabilities, subtree_levels, tree_values, unit)

__all__ = [
    "MAX_PURE",
    "regret",
    "player_regrets",
    "is_nash",
    "best_response_value",
    "subgame_regret",
    "is_subgame_perfect",
    "agent_regret",
    "strategic_payoffs",
    "strategic_regrets",
    "consistent_beliefs",
    "sequential_regrets",
    "sequential_regret",
]

MAX_PURE = 4096  # pure strategies enumerated for an exact best response under imperfect recall


# ------------------------------------------------------------------------- strategic games

def _mixed(game: StrategicGame, strategies: Sequence) -> list[np.ndarray]:
    if len(strategies) != game.n_players:
        raise ValueError(f"a profile needs {game.n_players} players, got {len(strategies)}")
    out = []
    for p, (x, n) in enumerate(zip(strategies, game.shape)):
        x = np.array([exact(v) for v in x], dtype=object)
        if len(x) != n or any(v < 0 for v in x) or sum(x) != 1:
            raise ValueError(f"player {game.players[p]!r}: not a mixed strategy over {n} "
                             f"strategies: {[str(v) for v in x]}")
        out.append(x)
    return out


def _pure_payoffs(game: StrategicGame, mixed: list[np.ndarray], i: int) -> np.ndarray:
    """Player i's payoff of each of their pure strategies against the others' mixtures."""
    table = game.payoffs[i]
    for p in range(game.n_players - 1, -1, -1):
        if p != i:
            table = np.tensordot(table, mixed[p], axes=([p], [0]))
    return table


def strategic_payoffs(game: StrategicGame, strategies: Sequence) -> tuple:
    """Exact expected payoffs of a mixed-strategy profile.

    Examples
    --------
    >>> from gametheory.catalog import matching_pennies
    >>> strategic_payoffs(matching_pennies(), [[1, 0], ["1/2", "1/2"]])
    (Fraction(0, 1), Fraction(0, 1))
    """
    mixed = _mixed(game, strategies)
    return tuple(_pure_payoffs(game, mixed, i).dot(mixed[i]) for i in range(game.n_players))


def strategic_regrets(game: StrategicGame, strategies: Sequence) -> tuple:
    """Per player: best pure-strategy payoff against the others minus the current payoff."""
    mixed = _mixed(game, strategies)
    out = []
    for i in range(game.n_players):
        values = _pure_payoffs(game, mixed, i)
        out.append(max(values) - values.dot(mixed[i]))
    return tuple(out)


# ------------------------------------------------------------------------- trees

def _subtree_nodes(tree, root: int) -> np.ndarray:
    return np.concatenate([np.arange(lo, hi) for lo, hi in subtree_levels(tree, root)])


def _others_reach(tree, prob: np.ndarray, player: int, root: int, weight=ONE,
                  reach: np.ndarray | None = None) -> np.ndarray:
    """Probability that chance and the other players lead from ``root`` to each node, times
    ``weight`` (written into ``reach`` when given)."""
    if reach is None:
        reach = np.full(tree.n_nodes, None, dtype=object)
    reach[root] = weight
    for lo, hi in list(subtree_levels(tree, root))[1:]:
        parents = tree.parent[lo:hi]
        own = tree.player[parents] == player
        reach[lo:hi] = np.where(own, reach[parents], reach[parents] * prob[lo:hi])
    return reach


def _sequence_best_response(game, prob: np.ndarray, player: int, roots: dict) -> Fraction:
    """Best-response value of ``player`` from the weighted nodes ``roots`` (node -> weight):
    the subgame at one root with weight 1, or the nodes of one of the player's information
    sets weighted by beliefs (perfect recall)."""
    tree = game.tree
    last, offset = own_sequences(game, player)
    sets = game.player_infosets[player]
    sizes = [len(game.infosets[h].actions) for h in sets]
    reach = np.full(tree.n_nodes, None, dtype=object)
    parts = []
    for root, weight in roots.items():
        _others_reach(tree, prob, player, root, weight, reach)
        parts.append(_subtree_nodes(tree, root))
    nodes = np.concatenate(parts)
    terminals = nodes[tree.num_children[nodes] == 0]
    local = {h: j for j, h in enumerate(sets)}
    mine = nodes[tree.player[nodes] == player]
    inside = sorted({local[h] for h in tree.infoset[mine].tolist()})
    seq_inside = np.zeros(int(sum(sizes)) + 1, dtype=bool)
    seq_inside[0] = True
    for j in inside:
        seq_inside[offset[j] + 1: offset[j] + 1 + sizes[j]] = True
    value = np.full(len(seq_inside), ZERO, dtype=object)
    seqs = last[terminals]
    seqs = np.where(seq_inside[seqs], seqs, 0)
    weights = reach[terminals] * exact_terminal_payoffs(tree, terminals)[:, player]
    np.add.at(value, seqs, weights)
    # deepest information sets first: with perfect recall, a set below another is deeper
    depth_of = {}
    parent_seq = {}
    for v in mine.tolist():
        j = local[int(tree.infoset[v])]
        d = int(tree.depth[v])
        if j not in depth_of or d < depth_of[j]:
            depth_of[j] = d
        s = int(last[v])
        parent_seq[j] = s if seq_inside[s] else 0
    for j in sorted(inside, key=lambda j: -depth_of[j]):
        start = int(offset[j]) + 1
        value[parent_seq[j]] += max(value[start:start + sizes[j]])
    return value[0]


def _enumerated_best_response(game, behavior, player: int, root: int) -> Fraction:
    """Best-response value by trying every pure behaviour strategy of ``player`` (any recall)."""
    tree = game.tree
    nodes = _subtree_nodes(tree, root)
    mine = nodes[tree.player[nodes] == player]
    local = {h: j for j, h in enumerate(game.player_infosets[player])}
    inside = sorted({local[h] for h in tree.infoset[mine].tolist()})
    sizes = [len(game.infosets[game.player_infosets[player][j]].actions) for j in inside]
    if prod(sizes) > MAX_PURE:
        raise ValueError(f"player {game.players[player]!r} has imperfect recall and "
                         f"{prod(sizes)} pure strategies in this subgame (more than {MAX_PURE}) "
                         f"to try for an exact best response; use agent_regret instead")
    best = None
    for choice in product(*(range(k) for k in sizes)):
        mixed = list(behavior[player])
        for j, a, k in zip(inside, choice, sizes):
            mixed[j] = unit(k, a)
        trial = tuple(tuple(mixed) if p == player else behavior[p]
                      for p in range(game.n_players))
        value = tree_values(tree, move_probabilities(game, trial), game.n_players, root)[root,
                                                                                         player]
        best = value if best is None else max(best, value)
    return best


def best_response_value(game, behavior, player: int, root: int = 0) -> Fraction:
    """Exact best-response value of ``player`` against the others in the subgame at ``root``.

    Examples
    --------
    >>> from gametheory.catalog import entry_game
    >>> from gametheory.solvers.behavior import pure_behavior
    >>> game = entry_game()
    >>> best_response_value(game, pure_behavior(game, [[0], [0]]), 0)
    Fraction(0, 1)
    """
    behavior = as_behavior(game, behavior)
    if game.has_perfect_recall:
        return _sequence_best_response(game, move_probabilities(game, behavior), player,
                                       {root: ONE})
    return _enumerated_best_response(game, behavior, player, root)


def _tree_regrets(game, behavior, root: int, prob=None, values=None) -> tuple:
    if prob is None:
        prob = move_probabilities(game, behavior)
    if values is None:
        values = tree_values(game.tree, prob, game.n_players, root)
    out = []
    for i in range(game.n_players):
        if game.has_perfect_recall:
            best = _sequence_best_response(game, prob, i, {root: ONE})
        else:
            best = _enumerated_best_response(game, behavior, i, root)
        out.append(best - values[root, i])
    return tuple(out)


def player_regrets(game, profile: Sequence) -> tuple:
    """Per player, the exact gain from their best deviation (behaviour or mixed profile).

    Examples
    --------
    >>> from gametheory.catalog import prisoners_dilemma
    >>> player_regrets(prisoners_dilemma(), [[1, 0], [1, 0]])
    (Fraction(2, 1), Fraction(2, 1))
    """
    if isinstance(game, StrategicGame):
        return strategic_regrets(game, profile)
    return _tree_regrets(game, as_behavior(game, profile), 0)


def regret(game, profile: Sequence, *, agent: bool = False) -> Fraction:
    """The exact regret of a profile: the largest gain of any player's best deviation.

    Parameters
    ----------
    game : ExtensiveGame or StrategicGame
    profile : sequence
        A behaviour profile ``[player][infoset][action]`` for trees, a mixed profile
        ``[player][strategy]`` for strategic games.
    agent : bool
        Trees only: the agent regret instead (each information set deviates on its own).

    Examples
    --------
    >>> from gametheory.catalog import entry_game
    >>> regret(entry_game(), [[[0, 1]], [[0, 1]]]), regret(entry_game(), [[[0, 1]], [[1, 0]]])
    (Fraction(0, 1), Fraction(2, 1))
    """
    if agent:
        return agent_regret(game, profile)
    return max(player_regrets(game, profile))


def is_nash(game, profile: Sequence) -> bool:
    """True when the profile is a Nash equilibrium (regret exactly 0)."""
    return regret(game, profile) == 0


def _perfect_information_subgame_regret(game, prob: np.ndarray) -> Fraction:
    """One bottom-up pass: at every node, every player's best-response value and the value."""
    tree = game.tree
    n = game.n_players
    values = tree_values(tree, prob, n)
    best = values.copy()
    levels = list(subtree_levels(tree, 0))
    worst = ZERO
    for (lo, hi), (next_lo, next_hi) in zip(reversed(levels[:-1]), reversed(levels[1:])):
        inner = lo + np.flatnonzero(tree.num_children[lo:hi])
        starts = (tree.first_child[inner] - next_lo).astype(np.int64)
        below = best[next_lo:next_hi]
        mixed = np.add.reduceat(below * prob[next_lo:next_hi, None], starts, axis=0)
        top = np.maximum.reduceat(below, starts, axis=0)
        owner = tree.player[inner].astype(np.int64)
        for i in range(n):
            best[inner, i] = np.where(owner == i, top[:, i], mixed[:, i])
        gap = best[inner] - values[inner]
        if gap.size:
            worst = max(worst, gap.max())
    return worst


def subgame_regret(game, behavior: Sequence) -> Fraction:
    """The largest regret of the profile over all subgames (0 exactly for an SPE).

    Examples
    --------
    >>> from gametheory.catalog import entry_game
    >>> subgame_regret(entry_game(), [[[1, 0]], [[1, 0]]])
    Fraction(2, 1)
    """
    behavior = as_behavior(game, behavior)
    prob = move_probabilities(game, behavior)
    if game.is_perfect_information:
        return _perfect_information_subgame_regret(game, prob)
    values = tree_values(game.tree, prob, game.n_players)
    return max(max(_tree_regrets(game, behavior, int(r), prob, values))
               for r in game.subgame_roots())


def is_subgame_perfect(game, behavior: Sequence) -> bool:
    """True when the profile is a Nash equilibrium of every subgame."""
    return subgame_regret(game, behavior) == 0


def agent_regret(game, behavior: Sequence) -> Fraction:
    """The largest gain from changing the action distribution at one information set alone.

    This is the regret of the profile in Selten's agent form (each information set a separate
    agent with its owner's payoff); it equals 0 at every Nash equilibrium, but 0 does not imply
    Nash when a player moves more than once.
    """
    behavior = as_behavior(game, behavior)
    tree = game.tree
    prob = move_probabilities(game, behavior)
    base = tree_values(tree, prob, game.n_players)
    worst = ZERO
    for i, sets in enumerate(game.player_infosets):
        for j, h in enumerate(sets):
            for a in range(len(game.infosets[h].actions)):
                mine = list(behavior[i])
                mine[j] = unit(len(game.infosets[h].actions), a)
                trial = tuple(tuple(mine) if p == i else behavior[p]
                              for p in range(game.n_players))
                value = tree_values(tree, move_probabilities(game, trial), game.n_players)[0, i]
                worst = max(worst, value - base[0, i])
    return worst


# ------------------------------------------------------------------------- assessments

def consistent_beliefs(game, behavior: Sequence, beliefs: Sequence | None = None) -> tuple:
    """The beliefs of an assessment, checked against Bayes' rule and completed by it.

    Parameters
    ----------
    game : ExtensiveGame
    behavior : sequence
        A behaviour profile ``[player][infoset][action]``.
    beliefs : sequence, optional
        ``[player][infoset][node]`` (nodes as ``game.infoset_members``); an entry may be None
        where the profile reaches the information set (Bayes' rule then gives it).

    Returns
    -------
    tuple
        Exact beliefs at every information set.

    Raises
    ------
    ValueError
        If a belief is not a probability distribution over its set's nodes, differs from
        Bayes' rule at a set the profile reaches, or is missing at a set it does not reach.

    Examples
    --------
    >>> from gametheory.catalog import beer_quiche
    >>> pool_beer = (((1, 0), (1, 0)), ((0, 1), (1, 0)))
    >>> consistent_beliefs(beer_quiche(), pool_beer, ((None, None), (None, ("1/2", "1/2"))))[1]
    ((Fraction(1, 10), Fraction(9, 10)), (Fraction(1, 2), Fraction(1, 2)))
    >>> consistent_beliefs(beer_quiche(), pool_beer, ((None, None), (None, None)))
    Traceback (most recent call last):
    ...
    ValueError: information set 4 of player 'Receiver' is off the path: the assessment needs a belief there
    """
    behavior = as_behavior(game, behavior)
    bayes = bayes_beliefs(game, behavior)
    out = []
    for p, sets in enumerate(game.player_infosets):
        row = []
        for j, k in enumerate(sets):
            where = f"information set {k + 1} of player {game.players[p]!r}"
            n = len(game.infoset_members(k))
            given = None if beliefs is None else beliefs[p][j]
            if given is None:
                if bayes[p][j] is None:
                    raise ValueError(f"{where} is off the path: the assessment needs a belief "
                                     f"there")
                row.append(bayes[p][j])
                continue
            mu = tuple(exact(x) for x in given)
            if len(mu) != n or any(x < 0 for x in mu) or sum(mu) != 1:
                raise ValueError(f"not a belief over the {n} nodes of {where}: "
                                 f"{[str(x) for x in mu]}")
            if bayes[p][j] is not None and mu != bayes[p][j]:
                raise ValueError(f"{where} is on the path: Bayes' rule gives "
                                 f"{[str(x) for x in bayes[p][j]]}, the assessment "
                                 f"{[str(x) for x in mu]}")
            row.append(mu)
        out.append(tuple(row))
    return tuple(out)


def sequential_regrets(game, behavior: Sequence, beliefs: Sequence) -> tuple:
    """Per player and information set: the mover's gain from their best continuation there.

    At information set ``h`` of player ``i`` with beliefs ``mu``, the gain is
    ``max_s sum_x mu(x) u_i(s | x) - sum_x mu(x) u_i(b | x)``: the best continuation strategy
    ``s`` of ``i`` (their own later information sets included) against the others' behaviour,
    minus the profile's continuation, both expected under the beliefs.  The beliefs are used
    as given (no Bayes check: see :func:`sequential_regret`).  Perfect recall, numbers only.

    Examples
    --------
    >>> from fractions import Fraction
    >>> from gametheory.catalog import beer_quiche
    >>> pool_beer = (((1, 0), (1, 0)), ((0, 1), (1, 0)))
    >>> mu = (((1,), (1,)), ((Fraction(1, 10), Fraction(9, 10)), (0, 1)))
    >>> sequential_regrets(beer_quiche(), pool_beer, mu)[1]    # duel a surely strong quiche eater
    (Fraction(0, 1), Fraction(1, 1))
    """
    if game.is_symbolic:
        raise ValueError("substitute the parameters first (game.substitute)")
    if not game.has_perfect_recall:
        raise ValueError("sequential regret is computed for games with perfect recall")
    behavior = as_behavior(game, behavior)
    prob = move_probabilities(game, behavior)
    values = tree_values(game.tree, prob, game.n_players)
    out = []
    for p, sets in enumerate(game.player_infosets):
        row = []
        for j, k in enumerate(sets):
            weights = {x: w for x, w in zip(game.infoset_members(k).tolist(),
                                            (exact(m) for m in beliefs[p][j])) if w}
            prescribed = sum((w * values[x, p] for x, w in weights.items()), ZERO)
            row.append(_sequence_best_response(game, prob, p, weights) - prescribed)
        out.append(tuple(row))
    return tuple(out)


def sequential_regret(game, behavior: Sequence, beliefs: Sequence | None = None) -> Fraction:
    """The exact sequential regret of an assessment: 0 exactly at a weak perfect Bayesian
    equilibrium.

    The beliefs are first checked against Bayes' rule wherever the profile reaches an
    information set (:func:`consistent_beliefs`, which raises ``ValueError`` on a mismatch and
    fills in entries left None there); the regret is then the largest gain of any mover at any
    information set (:func:`sequential_regrets`).

    Examples
    --------
    >>> from fractions import Fraction
    >>> from gametheory.catalog import beer_quiche
    >>> pool_beer = (((1, 0), (1, 0)), ((0, 1), (1, 0)))
    >>> sequential_regret(beer_quiche(), pool_beer, ((None, None), (None, (0, 1))))
    Fraction(1, 1)
    >>> sequential_regret(beer_quiche(), pool_beer, ((None, None), (None, ("1/2", "1/2"))))
    Fraction(0, 1)
    """
    beliefs = consistent_beliefs(game, behavior, beliefs)
    return max((gain for row in sequential_regrets(game, behavior, beliefs) for gain in row),
               default=ZERO)
