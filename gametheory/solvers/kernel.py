"""The one backward-induction walk of a game tree, over a value domain that the caller supplies.

Backward induction (Zermelo 1913; Kuhn 1953; Selten 1965) values a tree from the leaves up: a
terminal is worth its payoff, a chance node the expectation of its children, and a player's node
the value of a child that is best for the mover -- *every* such child when several tie.  Which
numbers the values are is the caller's choice, a *value domain*:

* exact rationals (scaled to integers) in :mod:`gametheory.solvers.backward_induction`;
* numpy arrays over many parameter points at once in :mod:`gametheory.symbolic.sweep`;
* symbolic payoffs split into regions of parameters in :mod:`gametheory.symbolic.branches`.

The walk is written once, in :func:`backward_walk`: nodes in reverse breadth-first order (every
child before its parent), terminals, chance nodes and decision nodes dispatched to the domain,
children's values freed as soon as the parent has its own (unless all are kept).  What each
domain shares is here too: the expectation at a chance node (:func:`expectation`), the best
actions with all ties (:func:`best_actions` for exact numbers, :func:`first_best` for arrays of
points), and the path of an equilibrium (:func:`equilibrium_path`, :func:`path_to`).

A tree of hundreds of thousands of nodes is walked a *level* at a time instead
(:func:`walk_levels`): every node of one depth is valued by one numpy operation, with the same
rules (expectation at chance, best action and tie flags at decision nodes, through
:func:`group_best`), over exact integers.  :func:`levels` gives the level slices that this walk
and any other level-by-level pass (such as a certificate) read.

References
----------
E. Zermelo (1913), Über eine Anwendung der Mengenlehre auf die Theorie des Schachspiels.
H. W. Kuhn (1953), Extensive games and the problem of information.
M. Osborne and A. Rubinstein (1994), *A Course in Game Theory*, section 6.2 (backward induction).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Iterator, Protocol, Sequence, TypeVar

import numpy as np

from ..games.tree import CHANCE, TERMINAL

__all__ = ["ValueDomain", "backward_walk", "expectation", "best_actions", "first_best", "Level",
           "levels", "group_best", "walk_levels", "equilibrium_path", "path_to", "CHANCE",
           "TERMINAL"]

V = TypeVar("V")


class ValueDomain(Protocol[V]):
    """What :func:`backward_walk` needs from a value domain.

    ``values`` is the list of node values built so far (indexed by node id); a domain reads its
    children's values there.  ``decision`` may return None for a node that its parent values
    (the second mover of a simultaneous move): that node's children are then kept.
    """

    def terminal(self, v: int) -> V: ...

    def chance(self, v: int, children: range, values: list) -> V: ...

    def decision(self, v: int, mover: int, children: range, values: list) -> V | None: ...


def backward_walk(tree, domain: ValueDomain, *, keep: bool = False) -> list:
    """Value every node of a tree bottom-up, in reverse breadth-first order.

    Parameters
    ----------
    tree : Tree
        The compiled tree (:mod:`gametheory.games.tree`).
    domain : ValueDomain
        Values of terminals, chance nodes and decision nodes.
    keep : bool
        Keep every node's value (default: a child's value is dropped once its parent has one).

    Returns
    -------
    list
        The value of each node by id (None where dropped or deferred); the root's is first.

    Examples
    --------
    A domain of exact numbers for one player: a terminal is its payoff, a decision node the
    largest child value, a chance node the expectation.

    >>> from fractions import Fraction
    >>> from gametheory import ExtensiveGame, decision, chance, leaf
    >>> game = ExtensiveGame(["A"], decision("A", {
    ...     "safe": leaf(1), "risky": chance({"win": (Fraction(1, 3), leaf(4)),
    ...                                       "lose": (Fraction(2, 3), leaf(0))})}))
    >>> tree = game.tree
    >>> class Numbers:
    ...     def terminal(self, v):
    ...         return tree.exact_payoff(v, 0)
    ...     def chance(self, v, children, values):
    ...         return expectation([tree.exact_prob(c) for c in children],
    ...                            [(values[c],) for c in children])[0]
    ...     def decision(self, v, mover, children, values):
    ...         return max(values[c] for c in children)
    >>> backward_walk(tree, Numbers())[0]
    Fraction(4, 3)
    """
    player = tree.player.tolist()
    first = tree.first_child.tolist()
    count = tree.num_children.tolist()
    values: list[Any] = [None] * tree.n_nodes
    terminal, chance, decide = domain.terminal, domain.chance, domain.decision
    for v in range(tree.n_nodes - 1, -1, -1):
        k = count[v]
        if not k:
            values[v] = terminal(v)
            continue
        children = range(first[v], first[v] + k)
        who = player[v]
        value = chance(v, children, values) if who == CHANCE else decide(v, who, children, values)
        if value is None:
            continue
        values[v] = value
        if not keep:
            for c in children:
                values[c] = None
    return values


def expectation(weights: Sequence, vectors: Sequence[Sequence]) -> tuple:
    """The weighted sum of payoff vectors, player by player: ``sum_c w_c * u_c[i]``.

    The weights are a chance node's probabilities (or, on a scaled tree, integer multipliers);
    the entries may be numbers, numpy arrays or expressions.

    Examples
    --------
    >>> from fractions import Fraction
    >>> expectation([Fraction(1, 4), Fraction(3, 4)], [(4, 0), (0, 8)])
    (Fraction(1, 1), Fraction(6, 1))
    """
    return tuple(sum(w * u[i] for w, u in zip(weights, vectors))
                 for i in range(len(vectors[0])))


def best_actions(scores: Sequence) -> list[int]:
    """Every index of a largest score (exact numbers): the mover's best actions, ties included.

    Examples
    --------
    >>> best_actions([2, 5, 5, 1])
    [1, 2]
    """
    top = max(scores)
    return [a for a, s in enumerate(scores) if s == top]


def first_best(stacked: np.ndarray, atol: float = 0.0) -> tuple[np.ndarray, np.ndarray]:
    """The best action at many points at once: ``stacked[a, ...]`` is action ``a``'s score.

    Returns the first index of the largest score at each point, and where another action comes
    within ``atol`` of it (a tie).

    Examples
    --------
    >>> best, tied = first_best(np.array([[1.0, 3.0, 2.0], [2.0, 3.0, 0.0]]))
    >>> best.tolist(), tied.tolist()
    ([1, 0, 0], [False, True, False])
    """
    best = np.argmax(stacked, axis=0)
    top = np.take_along_axis(stacked, best[None], axis=0)[0]
    return best, np.count_nonzero(stacked >= top - atol, axis=0) > 1


@dataclass(frozen=True)
class Level:
    """The nodes of one depth ``d``, for a level-by-level pass.

    Attributes
    ----------
    depth : int
    lo, hi : int
        The nodes of depth ``d`` are ``lo:hi``; their children are ``hi:next_hi``.
    next_hi : int
    leaves, inner : ndarray of int64
        Terminal and non-terminal node ids of this depth.
    starts : ndarray of int64
        Offset of each inner node's first child within ``hi:next_hi``.
    owner : ndarray of int64
        The mover of each inner node (``CHANCE`` for chance).
    """

    depth: int
    lo: int
    hi: int
    next_hi: int
    leaves: np.ndarray
    inner: np.ndarray
    starts: np.ndarray
    owner: np.ndarray


def levels(tree) -> Iterator[Level]:
    """The levels of a tree from the deepest to the root (children before parents).

    Examples
    --------
    >>> from gametheory import ExtensiveGame, decision, leaf
    >>> game = ExtensiveGame(["A"], decision("A", {"x": leaf(0), "y": leaf(1)}))
    >>> [(level.depth, level.leaves.tolist(), level.inner.tolist()) for level in levels(game.tree)]
    [(1, [1, 2], []), (0, [], [0])]
    """
    offsets = tree.level_offsets
    for d in range(tree.n_levels - 1, -1, -1):
        lo, hi = int(offsets[d]), int(offsets[d + 1])
        kids = tree.num_children[lo:hi]
        inner = lo + np.flatnonzero(kids)
        next_hi = int(offsets[d + 2]) if len(inner) else hi
        yield Level(d, lo, hi, next_hi, lo + np.flatnonzero(kids == 0), inner,
                    (tree.first_child[inner] - hi).astype(np.int64),
                    tree.player[inner].astype(np.int64))


def group_best(column: np.ndarray, starts: np.ndarray, group: np.ndarray, last: bool = False
               ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Best actions of many nodes at once, ties included (exact comparison).

    ``column[j]`` is the mover's value of child ``j``; the children of node ``g`` are
    ``starts[g]:starts[g + 1]`` and ``group[j]`` is the node of child ``j``.

    Returns
    -------
    is_best : ndarray of bool
        Per child: whether it is a best action of its node.
    n_best : ndarray of int64
        Per node: how many best actions (more than one: a tie).
    pick : ndarray of int64
        Per node: the first best child (the last with ``last``), as an index into ``column``.

    Examples
    --------
    >>> column = np.array([3, 5, 5, 1, 0])
    >>> starts, group = np.array([0, 3]), np.array([0, 0, 0, 1, 1])
    >>> is_best, n_best, pick = group_best(column, starts, group)
    >>> is_best.tolist(), n_best.tolist(), pick.tolist()
    ([False, True, True, True, False], [2, 1], [1, 3])
    >>> group_best(column, starts, group, last=True)[2].tolist()
    [2, 3]
    """
    best = np.maximum.reduceat(column, starts)
    is_best = column == best[group]
    index = np.arange(len(column))
    if last:
        pick = np.maximum.reduceat(np.where(is_best, index, -1), starts)
    else:
        pick = np.minimum.reduceat(np.where(is_best, index, len(column)), starts)
    return is_best, np.add.reduceat(is_best.astype(np.int64), starts), pick


def walk_levels(tree, n: int, dtype, leaf_values: Callable, weights: np.ndarray, *,
                last: bool = False, pick: Callable[[int, list[int]], int] | None = None):
    """Backward induction a level at a time, over exact integers: values, choices and ties.

    The values of depth ``d`` are integers in that depth's own unit; ``weights[c]`` takes the
    value of node ``c`` to its parent's unit (times the probability of ``c`` under chance), so a
    chance node's value is the plain sum of its weighted children (the expectation) and a
    decision node's value is its best weighted child.

    Parameters
    ----------
    tree : Tree
    n : int
        Number of players.
    dtype : numpy dtype or object
        ``np.int64`` when every product fits, else ``object`` (Python integers).
    leaf_values : callable
        ``leaf_values(level) -> ndarray (len(level.leaves), n)`` in the level's unit.
    weights : ndarray, shape (N,)
        Per node, its multiplier into its parent's unit.
    last : bool
        Choose the last best action (default: the first).
    pick : callable, optional
        ``pick(node, tied_actions) -> action`` at every tied decision node.

    Returns
    -------
    values : ndarray, shape (N, n)
        Every node's value under the chosen actions (in its depth's unit).
    choice : ndarray of int64
        Per decision node the chosen child (node id); -1 elsewhere.
    tied : list of int
        The decision nodes with more than one best action.

    Examples
    --------
    >>> from gametheory import ExtensiveGame, decision, leaf
    >>> game = ExtensiveGame(["A"], decision("A", {"x": leaf(2), "y": leaf(2), "z": leaf(1)}))
    >>> ints = np.array([[0], [2], [2], [1]])
    >>> values, choice, tied = walk_levels(game.tree, 1, np.int64,
    ...                                    lambda level: ints[level.leaves],
    ...                                    np.ones(4, dtype=np.int64))
    >>> values[0].tolist(), int(choice[0]), tied
    ([2], 1, [0])
    """
    N = tree.n_nodes
    val = np.zeros((N, n), dtype=dtype)
    choice = np.full(N, -1, dtype=np.int64)
    tied_nodes: list[int] = []
    for level in levels(tree):
        if len(level.leaves):
            val[level.leaves] = leaf_values(level)
        inner = level.inner
        if not len(inner):
            continue
        nlo, nhi, starts, owner = level.hi, level.next_hi, level.starts, level.owner
        child = val[nlo:nhi] * weights[nlo:nhi, None]
        counts = tree.num_children[inner].astype(np.int64)
        group = np.repeat(np.arange(len(inner)), counts)
        mover = np.maximum(owner, 0)[group]
        column = child[np.arange(nhi - nlo), mover]
        is_best, n_best, chosen = group_best(column, starts, group, last)
        is_chance = owner == CHANCE
        ties = np.flatnonzero((n_best > 1) & ~is_chance)
        value = child[chosen]
        if is_chance.any():
            value[is_chance] = np.add.reduceat(child, starts, axis=0)[is_chance]
        val[inner] = value
        choice[inner] = np.where(is_chance, -1, chosen + nlo)
        if len(ties):
            tied_nodes.extend(inner[ties].tolist())
            if pick is not None:
                for t in ties.tolist():
                    v = int(inner[t])
                    first = int(tree.first_child[v])
                    a = pick(v, np.flatnonzero(
                        is_best[starts[t]:starts[t] + counts[t]]).tolist())
                    choice[v] = first + a
                    val[v] = child[first + a - nlo]
    return val, choice, tied_nodes


def path_to(game, v: int) -> tuple[str, ...]:
    """The action labels from the root to node ``v``.

    Examples
    --------
    >>> from gametheory import ExtensiveGame, decision, leaf
    >>> game = ExtensiveGame(["A", "B"], decision("A", {
    ...     "x": decision("B", {"l": leaf(0, 1), "r": leaf(2, 1)}), "y": leaf(1, 0)}))
    >>> path_to(game, 4)
    ('x', 'r')
    """
    tree = game.tree
    labels = []
    while v > 0:
        parent = int(tree.parent[v])
        labels.append(game.infosets[int(tree.infoset[parent])].actions[int(tree.action[v])])
        v = parent
    return tuple(reversed(labels))


def equilibrium_path(game, choices) -> tuple[str, ...]:
    """The action labels on the equilibrium path, in pre-order: at a decision node the actions
    that ``choices[infoset]`` (a probability per action) plays, at a chance node every action
    of positive probability.

    Examples
    --------
    >>> from fractions import Fraction
    >>> from gametheory import ExtensiveGame, decision, chance, leaf
    >>> game = ExtensiveGame(["A"], chance({
    ...     "h": (Fraction(1, 2), decision("A", {"x": leaf(0), "y": leaf(1)})),
    ...     "t": (Fraction(1, 2), leaf(2))}))
    >>> k = int(game.tree.infoset[1])
    >>> equilibrium_path(game, {k: (0, 1)})
    ('h', 'y', 't')
    """
    tree = game.tree
    labels = []
    stack: list[tuple[str | None, int]] = [(None, 0)]
    while stack:
        label, v = stack.pop()
        if label is not None:
            labels.append(label)
        if tree.num_children[v] == 0:
            continue
        k = int(tree.infoset[v])
        actions = game.infosets[k].actions
        kids = list(tree.children(v))
        if tree.player[v] == CHANCE:
            taken = [a for a, c in enumerate(kids) if tree.exact_prob(c) != 0]
        else:
            taken = [a for a, p in enumerate(choices[k]) if p != 0]
        stack.extend((actions[a], kids[a]) for a in reversed(taken))
    return tuple(labels)
