"""The compiled form of a game tree: flat, read-only numpy arrays that solvers walk level by level.

Nodes are numbered breadth first: the root is 0, the nodes of depth ``d`` are
``level_offsets[d]:level_offsets[d + 1]``, and the children of a node are contiguous and in action
order.  Building it is linear in the number of nodes and uses no recursion, so a chain of 200,000
moves compiles like any other tree.  With two players it takes about 70 bytes a node.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from math import lcm
from typing import Sequence

from operator import attrgetter

import numpy as np

__all__ = ["Tree", "CHANCE", "TERMINAL", "compile_tree", "is_narrow"]

CHANCE = -1
TERMINAL = -2

_INT64_SAFE = 2**62
_numerator = attrgetter("numerator")
_denominator = attrgetter("denominator")


@dataclass(frozen=True, eq=False)
class Tree:
    """A game tree as arrays (see ``docs/architecture.md`` for the field table).

    Attributes
    ----------
    parent, first_child, num_children, action, infoset, depth, outcome : ndarray of int32
    player : ndarray of int8
        ``0..n-1`` for players, ``CHANCE`` (-1) and ``TERMINAL`` (-2).
    level_offsets : ndarray of int64
    preorder : ndarray of int32
        Node ids in depth-first pre-order (the order of a Gambit file).
    payoff : ndarray, shape (N, n_players)
        Payoffs accumulated from the root; int64 scaled by ``payoff_scale`` or exact objects.
    payoff_scale : tuple of int
    prob_num, prob_den : ndarray
        Probability of the chance action leading to each node (1/1 when the parent is not chance).
    """

    parent: np.ndarray
    first_child: np.ndarray
    num_children: np.ndarray
    action: np.ndarray
    player: np.ndarray
    infoset: np.ndarray
    depth: np.ndarray
    level_offsets: np.ndarray
    outcome: np.ndarray
    preorder: np.ndarray
    payoff: np.ndarray
    payoff_scale: tuple[int, ...]
    prob_num: np.ndarray
    prob_den: np.ndarray

    @property
    def n_nodes(self) -> int:
        return len(self.parent)

    @property
    def n_levels(self) -> int:
        return len(self.level_offsets) - 1

    def level(self, d: int) -> slice:
        """The node ids of depth ``d`` as a slice."""
        return slice(int(self.level_offsets[d]), int(self.level_offsets[d + 1]))

    def children(self, v: int) -> range:
        """The children of node ``v`` in action order."""
        start = int(self.first_child[v])
        return range(start, start + int(self.num_children[v]))

    @property
    def terminals(self) -> np.ndarray:
        return np.flatnonzero(self.num_children == 0)

    def exact_payoff(self, v: int, i: int):
        """The exact accumulated payoff of player ``i`` at node ``v``."""
        value = self.payoff[v, i]
        if self.payoff.dtype == object:
            return value
        return Fraction(int(value), self.payoff_scale[i])

    def exact_prob(self, v: int):
        """The exact probability of the chance action leading to ``v`` (1 otherwise)."""
        if self.prob_num.dtype == object:
            return self.prob_num[v]
        return Fraction(int(self.prob_num[v]), int(self.prob_den[v]))

    @property
    def nbytes(self) -> int:
        return sum(getattr(self, name).nbytes for name in (
            "parent", "first_child", "num_children", "action", "player", "infoset", "depth",
            "level_offsets", "outcome", "preorder", "payoff", "prob_num", "prob_den"))


def is_narrow(n_nodes: int, n_levels: int) -> bool:
    """True when levels average fewer than 64 nodes.

    Level-by-level numpy pays a fixed cost per level; on deep, narrow trees (a 200,000-move
    chain) a plain loop over the nodes in breadth-first order is faster, and it is equally
    correct because a parent always comes before its children.
    """
    return n_nodes < 64 * n_levels


def _readonly(array: np.ndarray) -> np.ndarray:
    array.flags.writeable = False
    return array


def compile_tree(
    node_infoset: np.ndarray,
    node_outcome: np.ndarray,
    infoset_player: np.ndarray,
    infoset_size: np.ndarray,
    infoset_probs: Sequence,
    outcome_payoffs: Sequence[Sequence],
    n_players: int,
) -> Tree:
    """Compile a tree given in depth-first pre-order into breadth-first arrays.

    Parameters
    ----------
    node_infoset : ndarray of int
        Per node in pre-order: its global infoset index, -1 for a terminal node.
    node_outcome : ndarray of int
        Per node in pre-order: outcome index or -1.
    infoset_player, infoset_size : ndarray of int
        Per infoset: player (``CHANCE`` for chance) and number of actions.
    infoset_probs : sequence
        Per infoset: exact action probabilities (chance) or None.
    outcome_payoffs : sequence of sequences
        Per outcome: exact payoffs, one per player.
    n_players : int

    Returns
    -------
    Tree

    Raises
    ------
    ValueError
        If the pre-order sequence is not exactly one tree.
    """
    n = len(node_infoset)
    node_infoset = np.asarray(node_infoset, dtype=np.int32)
    kids_pre = np.where(node_infoset >= 0, infoset_size[np.maximum(node_infoset, 0)], 0)
    parent_pre, action_pre, depth_pre = _walk_preorder(kids_pre)

    order = np.argsort(depth_pre, kind="stable")          # breadth-first, children contiguous
    new_id = np.empty(n, dtype=np.int32)
    new_id[order] = np.arange(n, dtype=np.int32)

    parent = np.where(parent_pre[order] >= 0, new_id[np.maximum(parent_pre[order], 0)], -1)
    num_children = kids_pre[order].astype(np.int32)
    first_child = np.zeros(n, dtype=np.int32)
    has_kids = num_children > 0
    # the first child of pre-order node v is v + 1
    first_child[has_kids] = new_id[order[has_kids] + 1]
    infoset = node_infoset[order]
    depth = depth_pre[order]
    level_offsets = np.searchsorted(depth, np.arange(int(depth[-1]) + 2)).astype(np.int64)
    player = np.where(infoset >= 0, infoset_player[np.maximum(infoset, 0)], TERMINAL).astype(np.int8)
    outcome = np.asarray(node_outcome, dtype=np.int32)[order]
    action = action_pre[order]

    payoff, scale = _accumulate_payoffs(outcome, parent, level_offsets, outcome_payoffs, n_players)
    prob_num, prob_den = _chance_probabilities(parent, action, infoset, player, infoset_probs)
    return Tree(
        parent=_readonly(parent.astype(np.int32)),
        first_child=_readonly(first_child),
        num_children=_readonly(num_children),
        action=_readonly(action),
        player=_readonly(player),
        infoset=_readonly(infoset),
        depth=_readonly(depth),
        level_offsets=_readonly(level_offsets),
        outcome=_readonly(outcome),
        preorder=_readonly(new_id),
        payoff=_readonly(payoff),
        payoff_scale=scale,
        prob_num=_readonly(prob_num),
        prob_den=_readonly(prob_den),
    )


def _walk_preorder(kids: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Parent, action index and depth of each node of a pre-order listing (explicit stack)."""
    n = len(kids)
    parent = np.empty(n, dtype=np.int32)
    action = np.empty(n, dtype=np.int32)
    depth = np.empty(n, dtype=np.int32)
    kids_list = kids.tolist()
    parents, actions, depths = [-1] * n, [-1] * n, [0] * n
    stack: list[list[int]] = []          # [node, next action, number of actions]
    for v in range(n):
        if stack:
            top = stack[-1]
            parents[v], actions[v], depths[v] = top[0], top[1], depths[top[0]] + 1
            top[1] += 1
            if top[1] == top[2]:
                stack.pop()
        elif v > 0:
            raise ValueError(f"the tree ends before node {v + 1} of {n}: extra nodes after it")
        if kids_list[v]:
            stack.append([v, 0, kids_list[v]])
    if stack or n == 0:
        raise ValueError("the tree is incomplete: a node is missing children")
    parent[:], action[:], depth[:] = parents, actions, depths
    return parent, action, depth


def _scaled(values: Sequence) -> tuple[list[int], int] | None:
    """Integers and a common denominator for exact rationals, or None if any is symbolic."""
    if not set(map(type, values)) <= {Fraction}:
        return None
    numerators = list(map(_numerator, values))
    denominators = list(map(_denominator, values))
    scale = lcm(*set(denominators)) if values else 1
    if scale == 1:
        return numerators, 1
    return [a * (scale // b) for a, b in zip(numerators, denominators)], scale


def _accumulate_payoffs(outcome, parent, level_offsets, outcome_payoffs, n_players):
    """Sum outcomes from the root to each node, level by level, as int64 when it is safe."""
    n = len(parent)
    n_levels = len(level_offsets) - 1
    columns = list(zip(*outcome_payoffs)) if outcome_payoffs else [()] * n_players
    scaled = [_scaled(column) for column in columns]
    if all(s is not None for s in scaled):
        biggest = max((max(map(abs, ints), default=0) for ints, _ in scaled), default=0)
    if all(s is not None for s in scaled) and biggest * n_levels < _INT64_SAFE:
        table = np.zeros((len(outcome_payoffs) + 1, n_players), dtype=np.int64)
        for i, (ints, _) in enumerate(scaled):
            table[:-1, i] = np.fromiter(ints, dtype=np.int64, count=len(ints))
        scale = tuple(s for _, s in scaled)
    else:
        table = np.empty((len(outcome_payoffs) + 1, n_players), dtype=object)
        for k, payoffs in enumerate(outcome_payoffs):
            table[k, :] = list(payoffs)
        table[-1, :] = [Fraction(0)] * n_players
        scale = (1,) * n_players
    payoff = table[outcome]                       # outcome -1 picks the zero row
    if is_narrow(n, n_levels):
        parents = parent.tolist()
        for i in range(n_players):
            column = payoff[:, i].tolist()
            for v in range(1, n):
                column[v] += column[parents[v]]
            payoff[:, i] = column
        return payoff, scale
    for d in range(1, n_levels):
        lo, hi = int(level_offsets[d]), int(level_offsets[d + 1])
        payoff[lo:hi] += payoff[parent[lo:hi]]
    return payoff, scale


def _chance_probabilities(parent, action, infoset, player, infoset_probs):
    """Probability of the chance action leading to each node, as int64 fractions when safe.

    Chance infosets often share one distribution (the same tuple object, when they come from
    one reader or builder): each distinct tuple is scaled once and the nodes index a table of
    the distinct distributions.
    """
    n = len(parent)
    distribution = np.zeros(len(infoset_probs), dtype=np.int64)   # infoset -> row of `rows`
    rows: list[tuple] = []
    row_of: dict[int, int] = {}
    for k, probs in enumerate(infoset_probs):
        if probs is not None:
            row = row_of.get(id(probs))
            if row is None:
                row = row_of[id(probs)] = len(rows)
                rows.append(probs)
            distribution[k] = row
    scaled = [_scaled(probs) for probs in rows]
    under_chance = np.zeros(n, dtype=bool)
    under_chance[1:] = player[parent[1:]] == CHANCE
    nodes = np.flatnonzero(under_chance)
    if all(s is not None for s in scaled):
        prob_num = np.ones(n, dtype=np.int64)
        prob_den = np.ones(n, dtype=np.int64)
        if len(nodes):
            width = max(len(probs) for probs in rows)
            nums = np.zeros((len(rows), width), dtype=np.int64)
            dens = np.ones(len(rows), dtype=np.int64)
            for k, (ints, scale) in enumerate(scaled):
                nums[k, : len(ints)] = ints
                dens[k] = scale
            sets = distribution[infoset[parent[nodes]]]
            prob_num[nodes] = nums[sets, action[nodes]]
            prob_den[nodes] = dens[sets]
        return prob_num, prob_den
    prob_num = np.full(n, Fraction(1), dtype=object)
    for v in nodes.tolist():
        prob_num[v] = infoset_probs[infoset[parent[v]]][action[v]]
    return prob_num, np.ones(n, dtype=object)
