"""Queries on game trees and conversions to other forms.

* :func:`own_sequences` and :func:`has_perfect_recall` (Kuhn 1953; Kuhn's definition via each
  player's own history, as in von Stengel 1996 for the sequence form),
* :func:`subgame_roots` in linear time,
* :func:`reduced_strategies` and :func:`reduced_strategic_form` (n players, exact; the same
  strategies, order and labels as Gambit),
* :func:`to_networkx`.

The strategic form of a tree can be exponentially larger than the tree (a player with ``k``
information sets of ``m`` actions each, none ruling out another, has ``m**k`` strategies), so
every route from a tree to a table is guarded: :func:`check_form_size` counts the strategies
first (without listing them when recall is perfect) and refuses a table of more than
:data:`MAX_FORM_PROFILES` profiles, before anything large is built.
"""

from __future__ import annotations

from fractions import Fraction
from math import lcm, prod
from typing import TYPE_CHECKING

import networkx as nx
import numpy as np

from .strategic import StrategicGame
from .tree import CHANCE, TERMINAL, is_narrow

if TYPE_CHECKING:  # pragma: no cover
    from .extensive import ExtensiveGame

__all__ = [
    "MAX_FORM_PROFILES",
    "check_form_size",
    "own_sequences",
    "has_perfect_recall",
    "subgame_roots",
    "reduced_strategies",
    "reduced_strategic_form",
    "reach_probabilities",
    "strategy_counts",
    "to_networkx",
]

#: The largest strategic form built from a tree (profiles, i.e. cells of the payoff table).  A
#: table of a million exact payoffs per player takes a few hundred megabytes; raise it per call
#: with ``max_profiles=`` or for the session by assigning this attribute.  (A ``.nfg`` file is
#: read up to ``MAX_CONTINGENCIES``: there the table is the input itself.)
MAX_FORM_PROFILES = 10**6


def own_sequences(game: "ExtensiveGame", player: int) -> tuple[np.ndarray, np.ndarray]:
    """The last own move of ``player`` on the path to every node, as a sequence number.

    Sequence 0 is the empty sequence; the action ``a`` at the player's ``j``-th information set
    (in the player's order) is sequence ``offset[j] + a + 1``.

    Returns
    -------
    last : ndarray of int64
        Per node, the player's last sequence before the node.
    offset : ndarray of int64
        Per information set of the player (in player order), where its sequences start.

    Examples
    --------
    >>> from gametheory.catalog import entry_game
    >>> last, offset = own_sequences(entry_game(), 0)
    >>> last.tolist(), offset.tolist()
    ([0, 1, 2, 2, 2], [0])
    """
    tree = game.tree
    sets = game.player_infosets[player]
    offset = np.zeros(len(sets), dtype=np.int64)
    sizes = [len(game.infosets[k].actions) for k in sets]
    offset[1:] = np.cumsum(sizes)[:-1]
    global_offset = np.zeros(max(len(game.infosets), 1), dtype=np.int64)
    global_offset[list(sets)] = offset
    last = np.zeros(tree.n_nodes, dtype=np.int64)
    if is_narrow(tree.n_nodes, tree.n_levels):
        parents, owner, infoset, action = (tree.parent.tolist(), tree.player.tolist(),
                                           tree.infoset.tolist(), tree.action.tolist())
        starts, out = global_offset.tolist(), [0] * tree.n_nodes
        for v in range(1, tree.n_nodes):
            u = parents[v]
            out[v] = starts[infoset[u]] + action[v] + 1 if owner[u] == player else out[u]
        last[:] = out
        return last, offset
    for d in range(1, tree.n_levels):
        level = tree.level(d)
        parents = tree.parent[level]
        own = tree.player[parents] == player
        last[level] = np.where(own, global_offset[tree.infoset[parents]] + tree.action[level] + 1,
                               last[parents])
    return last, offset


def has_perfect_recall(game: "ExtensiveGame") -> bool:
    """True when, for every player, all nodes of an information set share the player's history.

    It suffices that the nodes of each information set agree on the player's *last* own move:
    by induction over that move's information set, their whole own histories agree.  An
    absent-minded driver (one information set met twice on a path) fails this test.

    Examples
    --------
    >>> from gametheory.catalog import entry_game
    >>> has_perfect_recall(entry_game())
    True
    """
    tree = game.tree
    for p in range(game.n_players):
        last, _ = own_sequences(game, p)
        nodes = np.flatnonzero(tree.player == p)
        if not len(nodes):
            continue
        sets = tree.infoset[nodes]
        low = np.full(len(game.infosets), np.iinfo(np.int64).max)
        high = np.full(len(game.infosets), -1)
        np.minimum.at(low, sets, last[nodes])
        np.maximum.at(high, sets, last[nodes])
        if np.any(low[sets] != high[sets]):
            return False
    return True


def subtree_sizes(game: "ExtensiveGame") -> np.ndarray:
    """Number of nodes in the subtree of every node (bottom-up, level by level)."""
    tree = game.tree
    size = np.ones(tree.n_nodes, dtype=np.int64)
    if is_narrow(tree.n_nodes, tree.n_levels):
        parents, out = tree.parent.tolist(), size.tolist()
        for v in range(tree.n_nodes - 1, 0, -1):
            out[parents[v]] += out[v]
        size[:] = out
        return size
    for d in range(tree.n_levels - 1, 0, -1):
        level = tree.level(d)
        np.add.at(size, tree.parent[level], size[level])
    return size


def subgame_roots(game: "ExtensiveGame") -> np.ndarray:
    """Non-terminal nodes that start a subgame, in pre-order (the root first).

    A node starts a subgame when every information set met in its subtree lies entirely in that
    subtree.  With pre-order positions, the subtree of ``v`` is an interval; each node carries
    the smallest and largest position of the information sets met below it, pushed up level by
    level: linear time.

    Examples
    --------
    >>> from gametheory.catalog import entry_game
    >>> subgame_roots(entry_game()).tolist()
    [0, 2]
    """
    tree = game.tree
    position = game.preorder_position()
    size = subtree_sizes(game)
    inner = tree.num_children > 0
    n_sets = max(len(game.infosets), 1)
    set_low = np.full(n_sets, np.iinfo(np.int64).max)
    set_high = np.full(n_sets, -1)
    np.minimum.at(set_low, tree.infoset[inner], position[inner])
    np.maximum.at(set_high, tree.infoset[inner], position[inner])
    low = np.where(inner, set_low[np.maximum(tree.infoset, 0)], np.iinfo(np.int64).max)
    high = np.where(inner, set_high[np.maximum(tree.infoset, 0)], -1)
    if is_narrow(tree.n_nodes, tree.n_levels):
        parents, lows, highs = tree.parent.tolist(), low.tolist(), high.tolist()
        for v in range(tree.n_nodes - 1, 0, -1):
            u = parents[v]
            if lows[v] < lows[u]:
                lows[u] = lows[v]
            if highs[v] > highs[u]:
                highs[u] = highs[v]
        low, high = np.array(lows), np.array(highs)
    else:
        for d in range(tree.n_levels - 1, 0, -1):
            level = tree.level(d)
            np.minimum.at(low, tree.parent[level], low[level])
            np.maximum.at(high, tree.parent[level], high[level])
    roots = np.flatnonzero(inner & (low >= position) & (high < position + size))
    return roots[np.argsort(position[roots])]


def reduced_strategies(game: "ExtensiveGame", player: int,
                       limit: int | None = None) -> list[dict[int, int]]:
    """The reduced pure strategies of a player, as ``{infoset: action}`` maps.

    A reduced strategy chooses an action only at the information sets its own earlier choices
    do not rule out.  They are found by walking the tree depth first, branching at each of the
    player's information sets the first time the walk meets it, and following the chosen action
    when it meets it again (Gambit's ``MakeReducedStrats``); the order is the walk's, which is
    lexicographic in the player's information sets for games with perfect recall.

    Parameters
    ----------
    game : ExtensiveGame
    player : int
    limit : int, optional
        Stop with ValueError once more than this many strategies are found (default
        :data:`MAX_FORM_PROFILES`): the list is only ever wanted to build a strategic form.

    Examples
    --------
    >>> from gametheory.catalog import entry_game
    >>> reduced_strategies(entry_game(), 0)
    [{0: 0}, {0: 1}]
    >>> reduced_strategies(entry_game(), 0, limit=1)
    Traceback (most recent call last):
    ...
    ValueError: player 1 has more than 1 reduced strategies (limit max_profiles=1)
    """
    limit = MAX_FORM_PROFILES if limit is None else limit
    if game.has_perfect_recall and _perfect_recall_count(game, player) > limit:
        # counted without listing: refuse before building anything
        raise ValueError(f"player {player + 1} has more than {limit} reduced strategies "
                         f"(limit max_profiles={limit})")
    tree = game.tree
    first, kids, owner, infoset = (tree.first_child.tolist(), tree.num_children.tolist(),
                                   tree.player.tolist(), tree.infoset.tolist())
    results: list[dict[int, int]] = []
    work: list[tuple[tuple[int, ...], dict[int, int]]] = [((0,), {})]
    while work:
        pending, chosen = work.pop()
        frontier = list(pending)
        while frontier:
            v = frontier.pop()
            if not kids[v]:
                continue
            if owner[v] != player:
                frontier.extend(range(first[v] + kids[v] - 1, first[v] - 1, -1))
                continue
            h = infoset[v]
            if h in chosen:
                frontier.append(first[v] + chosen[h])
                continue
            for a in range(kids[v] - 1, -1, -1):
                work.append(((*frontier, first[v] + a), {**chosen, h: a}))
            break
        else:
            results.append(chosen)
            if len(results) > limit:
                raise ValueError(f"player {player + 1} has more than {limit} reduced strategies "
                                 f"(limit max_profiles={limit})")
    return results


def strategy_counts(game: "ExtensiveGame", limit: int = 10**6) -> tuple[int, ...]:
    """Number of reduced strategies of each player, without listing them when recall is perfect.

    With perfect recall, an information set's count is the sum over its actions of the product
    of the counts of the information sets that action leads to next (von Stengel 1996); the
    player's count is the product over the information sets met first.  Without perfect recall
    the strategies are listed (at most ``limit``, else ValueError).

    Examples
    --------
    >>> from gametheory.catalog import kuhn_poker
    >>> strategy_counts(kuhn_poker())
    (27, 64)
    """
    if not game.has_perfect_recall:
        return tuple(len(reduced_strategies(game, p, limit=limit))
                     for p in range(game.n_players))
    return tuple(_perfect_recall_count(game, p) for p in range(game.n_players))


def _perfect_recall_count(game: "ExtensiveGame", player: int) -> int:
    """The number of reduced strategies of a player with perfect recall (see
    :func:`strategy_counts`), in time linear in the tree."""
    tree = game.tree
    member = np.zeros(max(len(game.infosets), 1), dtype=np.int64)
    inner = np.flatnonzero(tree.infoset >= 0)[::-1]
    member[tree.infoset[inner]] = inner                    # a node of each infoset
    last, offset = own_sequences(game, player)
    sets = game.player_infosets[player]
    parent_sequence = {j: int(last[member[k]]) for j, k in enumerate(sets)}
    followers: dict[int, list[int]] = {}
    for j, sequence in parent_sequence.items():
        followers.setdefault(sequence, []).append(j)
    count = [1] * len(sets)
    for j in sorted(range(len(sets)), key=lambda j: -offset[j]):
        k = sets[j]
        total = 0
        for a in range(len(game.infosets[k].actions)):
            total += prod(count[i] for i in followers.get(int(offset[j]) + a + 1, ()))
        count[j] = total
    return prod(count[j] for j in followers.get(0, ()))


def strategy_label(game: "ExtensiveGame", player: int, chosen: dict[int, int]) -> str:
    """Gambit's label of a reduced strategy: 1-based actions per information set, ``*`` if none."""
    return "".join(str(chosen[h] + 1) if h in chosen else "*"
                   for h in game.player_infosets[player]) or "*"


def reach_probabilities(game: "ExtensiveGame") -> np.ndarray:
    """Exact probability that chance alone lets play reach each node (object array)."""
    tree = game.tree
    reach = np.empty(tree.n_nodes, dtype=object)
    reach[0] = Fraction(1)
    symbolic = tree.prob_num.dtype == object
    for d in range(1, tree.n_levels):
        level = tree.level(d)
        if symbolic:
            step = tree.prob_num[level]
        else:
            step = np.array([Fraction(int(a), int(b)) for a, b in
                             zip(tree.prob_num[level], tree.prob_den[level])], dtype=object)
        reach[level] = reach[tree.parent[level]] * step
    return reach


def _consistent(game: "ExtensiveGame", player: int, chosen: dict[int, int]) -> np.ndarray:
    """Boolean per node: the player's own moves on the path agree with ``chosen``."""
    tree = game.tree
    choice = np.full(max(len(game.infosets), 1), -1, dtype=np.int64)
    for h, a in chosen.items():
        choice[h] = a
    ok = np.ones(tree.n_nodes, dtype=bool)
    for d in range(1, tree.n_levels):
        level = tree.level(d)
        parents = tree.parent[level]
        own = tree.player[parents] == player
        agrees = choice[np.maximum(tree.infoset[parents], 0)] == tree.action[level]
        ok[level] = ok[parents] & (~own | agrees)
    return ok


def check_form_size(game: "ExtensiveGame", max_profiles: int | None = None) -> tuple[int, ...]:
    """The reduced strategy counts of a tree, if its strategic form is small enough to build.

    The counts come from :func:`strategy_counts` (no listing with perfect recall; without it,
    listing stops past the limit).  Besides the table (the product of the counts), the
    construction holds a strategy-by-leaf table per player and, for three or more players, a
    partial product over the leaves: each must fit in ``16 * max_profiles`` cells.

    Parameters
    ----------
    game : ExtensiveGame
    max_profiles : int, optional
        Default :data:`MAX_FORM_PROFILES`.

    Raises
    ------
    ValueError
        One line naming the size and the limit, and how to raise it.

    Examples
    --------
    >>> from gametheory.catalog import kuhn_poker
    >>> check_form_size(kuhn_poker())
    (27, 64)
    >>> check_form_size(kuhn_poker(), max_profiles=1000)
    Traceback (most recent call last):
    ...
    ValueError: the reduced strategic form would have 27 x 64 = 1728 strategy profiles, more than the limit of 1000 (max_profiles; gametheory.games.forms.MAX_FORM_PROFILES)
    """
    limit = MAX_FORM_PROFILES if max_profiles is None else max_profiles
    counts = strategy_counts(game, limit=limit)
    total = prod(counts)
    if total > limit:
        raise ValueError(f"the reduced strategic form would have {' x '.join(map(str, counts))} "
                         f"= {total} strategy profiles, more than the limit of {limit} "
                         f"(max_profiles; gametheory.games.forms.MAX_FORM_PROFILES)")
    leaves = len(game.tree.terminals)
    work = max(sum(counts) * leaves, prod(counts[:-1]) * leaves)
    if work > 16 * limit:
        raise ValueError(f"building the reduced strategic form ({' x '.join(map(str, counts))} "
                         f"profiles, {leaves} leaves) needs {work} intermediate cells, more than "
                         f"16 x the limit of {limit} (max_profiles; "
                         f"gametheory.games.forms.MAX_FORM_PROFILES)")
    return counts


def reduced_strategic_form(game: "ExtensiveGame", *,
                           max_profiles: int | None = None) -> StrategicGame:
    """The reduced strategic form of a tree, exact, for any number of players.

    Payoff ``U_i(s_1, ..., s_n) = sum_z P_chance(z) u_i(z) prod_p [s_p agrees with the path to
    z]``, contracted one player at a time.

    Parameters
    ----------
    game : ExtensiveGame
    max_profiles : int, optional
        The size guard (default :data:`MAX_FORM_PROFILES`; see :func:`check_form_size`).

    Raises
    ------
    ValueError
        If the table would have more than ``max_profiles`` entries (checked before any table or
        strategy list is built).

    Examples
    --------
    >>> from gametheory.catalog import entry_game
    >>> form = reduced_strategic_form(entry_game())
    >>> form.strategies, form.payoffs[0].tolist()
    ((('1', '2'), ('1', '2')), [[Fraction(0, 1), Fraction(0, 1)], [Fraction(-1, 1), Fraction(1, 1)]])
    """
    limit = MAX_FORM_PROFILES if max_profiles is None else max_profiles
    check_form_size(game, limit)
    strategies = [reduced_strategies(game, p, limit=limit) for p in range(game.n_players)]
    shape = tuple(len(s) for s in strategies)
    tree = game.tree
    terminals = tree.terminals
    reach = reach_probabilities(game)[terminals]
    masks = [np.array([_consistent(game, p, chosen)[terminals] for chosen in strategies[p]],
                      dtype=np.int64) for p in range(game.n_players)]
    payoffs = np.empty((game.n_players, *shape), dtype=object)
    for i in range(game.n_players):
        weights = np.array([reach[k] * tree.exact_payoff(int(z), i)
                            for k, z in enumerate(terminals.tolist())], dtype=object)
        payoffs[i] = _contract(masks, weights)
    labels = [[strategy_label(game, p, chosen) for chosen in strategies[p]]
              for p in range(game.n_players)]
    return StrategicGame(game.players, labels, payoffs, title=game.title,
                         description=game.description)


def _contract(masks: list[np.ndarray], weights: np.ndarray) -> np.ndarray:
    """``sum_z w_z prod_p mask_p[s_p, z]`` as a tensor, on int64 when exact and safe."""
    scale = 1
    if all(isinstance(w, Fraction) for w in weights):
        scale = lcm(*(w.denominator for w in weights)) if len(weights) else 1
        ints = [int(w * scale) for w in weights]
        if max(map(abs, ints), default=0) * max(len(ints), 1) < 2**62:
            weights = np.array(ints, dtype=np.int64)
        else:
            weights = np.array(ints, dtype=object)
    else:
        masks = [m.astype(object) for m in masks]
    table = masks[0] * weights
    for mask in masks[1:-1]:
        table = table[..., None, :] * mask.reshape((1,) * (table.ndim - 1) + mask.shape)
    if len(masks) > 1:
        last = masks[-1] if table.dtype == masks[-1].dtype else masks[-1].astype(table.dtype)
        table = table @ last.T
    else:
        table = table.sum(axis=-1)
    table = np.asarray(table, dtype=object)
    if scale != 1 or weights.dtype != object:
        table = np.vectorize(lambda x: Fraction(int(x), scale), otypes=[object])(table)
    return table


def to_networkx(game: "ExtensiveGame") -> nx.DiGraph:
    """The tree as a ``networkx.DiGraph``.

    Node attributes: ``player`` (name, ``"chance"`` or None at terminals), ``infoset`` (global
    index or None), ``label``, ``outcome`` (index or None) and, at terminals, ``payoffs``
    (exact).  Edge attributes: ``action`` (label) and, below chance nodes, ``probability``.

    Examples
    --------
    >>> from gametheory.catalog import entry_game
    >>> graph = to_networkx(entry_game())
    >>> graph.number_of_nodes(), graph.edges[0, 2]["action"]
    (5, 'In')
    """
    tree = game.tree
    graph = nx.DiGraph(title=game.title, players=list(game.players))
    for v in range(tree.n_nodes):
        who = int(tree.player[v])
        attributes = {
            "player": None if who == TERMINAL else "chance" if who == CHANCE else game.players[who],
            "infoset": None if who == TERMINAL else int(tree.infoset[v]),
            "label": game.node_labels.get(v, ""),
            "outcome": None if tree.outcome[v] < 0 else int(tree.outcome[v]),
        }
        if who == TERMINAL:
            attributes["payoffs"] = tuple(tree.exact_payoff(v, i) for i in range(game.n_players))
        graph.add_node(v, **attributes)
        if v:
            u = int(tree.parent[v])
            infoset = game.infosets[int(tree.infoset[u])]
            edge = {"action": infoset.actions[int(tree.action[v])]}
            if infoset.is_chance:
                edge["probability"] = tree.exact_prob(v)
            graph.add_edge(u, v, **edge)
    return graph
