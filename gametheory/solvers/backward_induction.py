"""All pure subgame-perfect equilibria of perfect-information trees, by backward induction.

Backward induction (Zermelo 1913; Kuhn 1953; Selten 1965) computes the value of every node from
the bottom up: a terminal is worth its payoff, a chance node the expectation of its children, and
a player's node the child that is best for the mover.  The pure subgame-perfect equilibria (SPE)
are exactly the profiles obtained this way -- but when the mover is indifferent the choice
matters to everyone else upstream, so the set of SPE is *not* the product of the argmax sets.

This module therefore works in two stages:

1. One pass of the backward-induction kernel (:mod:`gametheory.solvers.kernel`), level by level
   over the compiled tree (:func:`~gametheory.solvers.kernel.walk_levels`), or node by node in
   reverse breadth-first order for deep narrow trees
   (:func:`~gametheory.solvers.kernel.backward_walk` over exact integers), picks the first best
   action at every node (or the last, or a user's rule) and flags the nodes where the mover is
   indifferent.  Values are exact integers: a node of depth ``d`` holds
   ``payoff * payoff_scale * L_d`` where ``L_d = lcm(chance denominators at depth d + 1) *
   L_{d + 1}``, in int64 when that is safe and Python integers otherwise.
2. If there are ties, set-valued backward induction on the ties and their ancestors only: for each
   such node, the map *value vector -> number of SPE of the subtree with that value*.  A mover may
   pick child ``c`` with value ``w`` exactly when every other child has some SPE giving the mover at
   most ``w_i``; a chance node adds its children's values (a Minkowski sum).  The root's map gives
   the exact number of pure SPE and their payoffs; profiles are then listed lazily (an explicit
   stack, no recursion), up to ``limit``.

Every listed profile is certified by an independent pass that computes, at every node, every
player's best-response value: the subgame regret is 0 exactly.

References
----------
H. W. Kuhn (1953), Extensive games and the problem of information.
R. Selten (1965), Spieltheoretische Behandlung eines Oligopolmodells mit Nachfrageträgheit,
*Zeitschrift für die gesamte Staatswissenschaft* 121.
M. Osborne and A. Rubinstein (1994), *A Course in Game Theory*, Proposition 99.2 (Kuhn's theorem)
and Lemma 98.2 (one-deviation property).
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from fractions import Fraction
from itertools import accumulate
from math import lcm
from typing import Callable, Iterator

import numpy as np

from ..games.tree import CHANCE, is_narrow
from .behavior import unit
from .kernel import backward_walk, best_actions, expectation, levels, walk_levels
from .result import Equilibrium, Solution

__all__ = ["spe", "DEFAULT_LIMIT", "MAX_SET"]

DEFAULT_LIMIT = 1000   # profiles listed when no limit is given
MAX_SET = 200_000      # payoff vectors kept per node by the set-valued pass
_SAFE = 2**62

TieBreak = Callable[..., int]


class _TooManyValues(Exception):
    pass


@dataclass
class _Scaled:
    """Exact integer arithmetic on a tree: per-level units and per-child multipliers."""

    tree: object
    n: int
    ints: np.ndarray          # terminal payoffs as integers (N, n), int64 or object
    scale: tuple              # per player: true payoff = ints / scale
    units: list               # L_d per depth (Python ints)
    mult: np.ndarray          # per node: factor taking its value to its parent's units
    dtype: object

    def leaf_values(self, lo: int, hi: int, leaves: np.ndarray) -> np.ndarray:
        depth = int(self.tree.depth[lo]) if hi > lo else 0
        return self.ints[leaves] * (self.units[depth] if self.dtype == object
                                    else np.int64(self.units[depth]))

    def exact(self, value, depth: int, i: int) -> Fraction:
        return Fraction(int(value), self.units[depth] * self.scale[i])


def _integer_payoffs(tree, n: int) -> tuple[np.ndarray, tuple]:
    if tree.payoff.dtype != object:
        return tree.payoff, tuple(tree.payoff_scale)
    from sympy import Basic
    if any(isinstance(x, Basic) for x in tree.payoff.ravel()):
        raise ValueError("the game is symbolic: use gametheory.symbolic for parametric SPE")
    out = np.empty(tree.payoff.shape, dtype=object)
    scales = []
    for i in range(n):
        column = [Fraction(x) for x in tree.payoff[:, i]]
        s = lcm(*(x.denominator for x in column)) if column else 1
        out[:, i] = [x.numerator * (s // x.denominator) for x in column]
        scales.append(s)
    return out, tuple(scales)


def _scaled(game) -> _Scaled:
    tree, n = game.tree, game.n_players
    ints, scale = _integer_payoffs(tree, n)
    if tree.prob_num.dtype == object:
        probs = [Fraction(x) for x in tree.prob_num]
        num = np.array([p.numerator for p in probs], dtype=object)
        den = np.array([p.denominator for p in probs], dtype=object)
    else:
        num, den = tree.prob_num, tree.prob_den
    under_chance = np.zeros(tree.n_nodes, dtype=bool)
    under_chance[1:] = tree.player[tree.parent[1:]] == CHANCE
    levels = tree.n_levels
    m = [1] * levels
    for d in range(levels - 1):
        sl = tree.level(d + 1)
        dens = den[sl][under_chance[sl]]
        if len(dens):
            if dens.dtype != object and 0 < dens.max() < 2**16:
                distinct = np.flatnonzero(np.bincount(dens)).tolist()
            else:
                distinct = {int(x) for x in dens}
            m[d] = lcm(*distinct)
    units = [1] * levels
    for d in range(levels - 2, -1, -1):
        units[d] = m[d] * units[d + 1]
    biggest = int(np.abs(ints).max()) if ints.size else 0
    safe = ints.dtype != object and biggest * units[0] < _SAFE and max(m) < _SAFE
    dtype = np.int64 if safe else object
    mult = np.empty(tree.n_nodes, dtype=object if not safe else np.int64)
    mult[0] = 1
    if tree.n_nodes > 1:
        dep = tree.depth[1:]
        parent_m = np.array(m, dtype=object if not safe else np.int64)[dep - 1]
        chance = under_chance[1:]
        num1, den1 = num[1:], den[1:]
        if safe:
            mult[1:] = np.where(chance, num1.astype(np.int64) * (parent_m // den1.astype(np.int64)),
                                parent_m)
        else:
            mult[1:] = [int(a) * (int(pm) // int(b)) if c else int(pm)
                        for a, b, pm, c in zip(num1, den1, parent_m, chance)]
    if not safe:
        ints = ints.astype(object)
    return _Scaled(tree, n, ints, scale, units, mult, dtype)


# ------------------------------------------------------------------ stage 1: one pass with ties

def _tie_rule(tie_break) -> str | None:
    if tie_break in (None, "first", "last"):
        return tie_break
    if callable(tie_break):
        return "callable"
    raise ValueError(f"tie_break must be 'first', 'last', a callable or None, not {tie_break!r}")


def _pick(game, v: int, tied: list[int], tie_break) -> int:
    a = tie_break(game, v, tuple(tied))
    if a not in tied:
        raise ValueError(f"tie_break returned {a!r} at node {v}; it must be one of {tied}")
    return a


def _levels_pass(game, sc: _Scaled, tie_break):
    """Values, chosen child and tie flags, level by level with numpy (:func:`kernel.walk_levels`)."""
    pick = None
    if callable(tie_break):
        def pick(v, tied):
            return _pick(game, v, tied, tie_break)
    return walk_levels(sc.tree, sc.n, sc.dtype,
                       lambda level: sc.leaf_values(level.lo, level.hi, level.leaves), sc.mult,
                       last=tie_break == "last", pick=pick)


class _ExactDomain:
    """Scaled exact integers for :func:`kernel.backward_walk`: a node's value is the list of
    its payoffs in its depth's unit; the chosen child and the tied nodes are recorded."""

    def __init__(self, game, sc: _Scaled, tie_break):
        tree = sc.tree
        self.game, self.tie_break = game, tie_break
        self.depth, self.mult, self.ints, self.units = (tree.depth.tolist(), sc.mult.tolist(),
                                                        sc.ints.tolist(), sc.units)
        self.choice = [-1] * tree.n_nodes
        self.tied: list[int] = []

    def terminal(self, v: int) -> list:
        u = self.units[self.depth[v]]
        return [x * u for x in self.ints[v]]

    def chance(self, v: int, children: range, values: list) -> list:
        return list(expectation([self.mult[c] for c in children], [values[c] for c in children]))

    def decision(self, v: int, mover: int, children: range, values: list) -> list:
        mult = self.mult
        scaled = [[x * mult[c] for x in values[c]] for c in children]
        tied = best_actions([s[mover] for s in scaled])
        a = tied[0]
        if len(tied) > 1:
            self.tied.append(v)
            rule = self.tie_break
            a = (_pick(self.game, v, tied, rule) if callable(rule)
                 else tied[-1] if rule == "last" else a)
        self.choice[v] = children[a]
        return scaled[a]


def _loop_pass(game, sc: _Scaled, tie_break):
    """The same pass as :func:`_levels_pass`, node by node (:func:`kernel.backward_walk`; deep,
    narrow trees)."""
    domain = _ExactDomain(game, sc, tie_break)
    vals = backward_walk(sc.tree, domain, keep=True)
    val = np.array(vals, dtype=sc.dtype).reshape(sc.tree.n_nodes, sc.n)
    return val, np.array(domain.choice, dtype=np.int64), sorted(domain.tied)


def _first_pass(game, sc: _Scaled, tie_break):
    tree = sc.tree
    if is_narrow(tree.n_nodes, tree.n_levels):
        return _loop_pass(game, sc, tie_break)
    return _levels_pass(game, sc, tie_break)


# ------------------------------------------------------------------ certificate

def _certify(game, sc: _Scaled, choice: np.ndarray, values: np.ndarray | None = None
             ) -> tuple[tuple, Fraction, Fraction]:
    """Root payoffs, regret at the root and the largest regret over all nodes (= subgames) of a
    pure profile.

    Independent of how the profile was found: at every node, the value under the profile and
    every player's best-response value (max at the player's own nodes, the chosen child at the
    others', the expectation at chance).  ``values``, when given, are the node values under the
    profile already computed by the first pass.
    """
    tree, n = sc.tree, sc.n
    if is_narrow(tree.n_nodes, tree.n_levels):
        return _certify_loop(game, sc, choice)
    N = tree.n_nodes
    known = values is not None
    val = values if known else np.zeros((N, n), dtype=sc.dtype)
    best = np.zeros((N, n), dtype=sc.dtype)
    worst = Fraction(0)
    for level in levels(tree):
        leaves, inner = level.leaves, level.inner
        if len(leaves):
            best[leaves] = sc.leaf_values(level.lo, level.hi, leaves)
            if not known:
                val[leaves] = best[leaves]
        if not len(inner):
            continue
        nlo, nhi, starts, owner = level.hi, level.next_hi, level.starts, level.owner
        m = sc.mult[nlo:nhi, None]
        child_best = best[nlo:nhi] * m
        is_chance = owner == CHANCE
        pick = np.where(is_chance, starts, choice[inner] - nlo)
        here_best = child_best[pick]
        top = np.maximum.reduceat(child_best, starts, axis=0)
        if not known:
            child = val[nlo:nhi] * m
            here = child[pick]
            if is_chance.any():
                here[is_chance] = np.add.reduceat(child, starts, axis=0)[is_chance]
            val[inner] = here
        here = val[inner]
        if is_chance.any():
            here_best[is_chance] = np.add.reduceat(child_best, starts, axis=0)[is_chance]
        for i in range(n):
            mine = owner == i
            here_best[mine, i] = top[mine, i]
        best[inner] = here_best
        gap = (here_best - here).max(axis=0)
        worst = max([worst] + [sc.exact(gap[i], level.depth, i) for i in range(n)])
    root_gap = max(sc.exact(best[0, i] - val[0, i], 0, i) for i in range(n))
    return tuple(sc.exact(val[0, i], 0, i) for i in range(n)), root_gap, worst


def _certify_loop(game, sc: _Scaled, choice: np.ndarray) -> tuple[tuple, Fraction, Fraction]:
    tree, n = sc.tree, sc.n
    N = tree.n_nodes
    first, kids, owner, depth = (tree.first_child.tolist(), tree.num_children.tolist(),
                                 tree.player.tolist(), tree.depth.tolist())
    mult, ints, units, chosen = sc.mult.tolist(), sc.ints.tolist(), sc.units, choice.tolist()
    val: list = [None] * N
    best: list = [None] * N
    worst = Fraction(0)
    for v in range(N - 1, -1, -1):
        k = kids[v]
        if not k:
            val[v] = best[v] = [x * units[depth[v]] for x in ints[v]]
            continue
        f = first[v]
        who = owner[v]
        if who == CHANCE:
            val[v] = [sum(val[c][i] * mult[c] for c in range(f, f + k)) for i in range(n)]
            best[v] = [sum(best[c][i] * mult[c] for c in range(f, f + k)) for i in range(n)]
        else:
            c = chosen[v]
            val[v] = [x * mult[c] for x in val[c]]
            best[v] = [x * mult[c] for x in best[c]]
            best[v][who] = max(best[b][who] * mult[b] for b in range(f, f + k))
        for i in range(n):
            if best[v][i] != val[v][i]:
                worst = max(worst, sc.exact(best[v][i] - val[v][i], depth[v], i))
    root_gap = max(sc.exact(best[0][i] - val[0][i], 0, i) for i in range(n))
    return tuple(sc.exact(val[0][i], 0, i) for i in range(n)), root_gap, worst


# ------------------------------------------------------------------ stage 2: set-valued pass

def _dirty_nodes(tree, tied: list[int]) -> list[int]:
    """The tied nodes and all their ancestors, children before parents."""
    parent = tree.parent
    mark: set[int] = set()
    for v in tied:
        while v >= 0 and v not in mark:
            mark.add(v)
            v = int(parent[v])
    return sorted(mark, reverse=True)


def _value_sets(game, sc: _Scaled, val: np.ndarray, dirty: list[int]):
    """Per dirty node: {value vector (own units): number of SPE of the subtree with it}.

    Chance nodes also keep the suffix sums of their children (needed to list profiles).
    """
    tree = sc.tree
    is_dirty = set(dirty)
    sets: dict[int, dict] = {}
    suffixes: dict[int, list] = {}

    def child_set(c: int) -> dict:
        m = int(sc.mult[c])
        if c not in is_dirty:
            return {tuple(int(x) * m for x in val[c]): 1}
        out: dict = {}
        for w, k in sets[c].items():      # m = 0 (a chance move of probability 0) merges them
            key = tuple(x * m for x in w)
            out[key] = out.get(key, 0) + k
        return out

    for v in dirty:
        children = [child_set(c) for c in tree.children(v)]
        who = int(tree.player[v])
        if who == CHANCE:
            suffix = [{(0,) * sc.n: 1}]
            for s in reversed(children):
                acc: dict = {}
                for w, k in s.items():
                    for u, j in suffix[-1].items():
                        key = tuple(a + b for a, b in zip(w, u))
                        acc[key] = acc.get(key, 0) + k * j
                if len(acc) > MAX_SET:
                    raise _TooManyValues(v)
                suffix.append(acc)
            suffix.reverse()
            suffixes[v] = suffix
            sets[v] = suffix[0]
            continue
        at_most = [_at_most(s, who) for s in children]
        out: dict = {}
        for c, s in enumerate(children):
            for w, k in s.items():
                count = k
                for b, f in enumerate(at_most):
                    if b != c:
                        count *= f(w[who])
                        if not count:
                            break
                if count:
                    out[w] = out.get(w, 0) + count
        if len(out) > MAX_SET:
            raise _TooManyValues(v)
        sets[v] = out
    return sets, suffixes


def _at_most(s: dict, i: int):
    """t -> number of SPE in ``s`` giving player i at most t."""
    keys = sorted(s, key=lambda w: w[i])
    xs = [w[i] for w in keys]
    totals = list(accumulate(s[w] for w in keys))

    def f(t):
        j = bisect_right(xs, t)
        return totals[j - 1] if j else 0
    return f


def _list_profiles(game, sc: _Scaled, val, base_choice, dirty, sets, suffixes) -> Iterator:
    """Lazily yield (root value, choice overrides) for every pure SPE; explicit stack."""
    tree = sc.tree
    is_dirty = set(dirty)

    def child_set(c) -> dict:
        """Scaled value -> the child's own values giving it (several only when the scale
        is 0: below a chance move of probability 0 every value weighs nothing)."""
        m = int(sc.mult[c])
        if c not in is_dirty:
            return {tuple(int(x) * m for x in val[c]): [tuple(int(x) for x in val[c])]}
        out: dict = {}
        for w in sets[c]:
            out.setdefault(tuple(x * m for x in w), []).append(w)
        return out

    def options(item):
        """Alternatives of one pending item: each a list of new items and an assignment."""
        kind = item[0]
        if kind == "bound":                      # any SPE of v giving player i at most t
            _, v, i, t, m = item
            return [([("fix", v, w)], None) for w in sets[v] if w[i] * m <= t]
        if kind == "suffix":                     # chance node v, children from j, sum target
            _, v, j, target = item
            kids = list(tree.children(v))
            if j == len(kids):
                return [([], None)]
            c = kids[j]
            rest = suffixes[v][j + 1]
            out = []
            for scaled, owns in child_set(c).items():
                remaining = tuple(a - b for a, b in zip(target, scaled))
                if remaining not in rest:
                    continue
                for own in owns:
                    items = [("suffix", v, j + 1, remaining)]
                    if c in is_dirty:
                        items.append(("fix", c, own))
                    out.append((items, None))
            return out
        _, v, target = item
        who = int(tree.player[v])
        if who == CHANCE:
            return [([("suffix", v, 0, target)], None)]
        kids = list(tree.children(v))
        scaled_sets = [child_set(c) for c in kids]
        bounds = [_at_most({w: 1 for w in s}, who) for s in scaled_sets]
        out = []
        for a, (c, s) in enumerate(zip(kids, scaled_sets)):
            if target not in s:
                continue
            if any(b != a and not bounds[b](target[who]) for b in range(len(kids))):
                continue
            for own in s[target]:
                items = []
                if c in is_dirty:
                    items.append(("fix", c, own))
                for b, other in enumerate(kids):
                    if b != a and other in is_dirty:
                        items.append(("bound", other, who, target[who], int(sc.mult[other])))
                out.append((items, (v, c)))
        return out

    for root_value in sorted(sets[0]):
        work = [((("fix", 0, root_value), None), None)]
        while work:
            pending, assigned = work.pop()
            while pending is not None:
                item, pending = pending
                alternatives = options(item)
                if len(alternatives) == 1:
                    items, pick = alternatives[0]
                    for it in reversed(items):
                        pending = (it, pending)
                    if pick is not None:
                        assigned = (pick, assigned)
                    continue
                for items, pick in reversed(alternatives):
                    p, a = pending, assigned
                    for it in reversed(items):
                        p = (it, p)
                    if pick is not None:
                        a = (pick, a)
                    work.append((p, a))
                break
            else:
                choice = base_choice.copy()
                while assigned is not None:
                    (v, c), assigned = assigned
                    choice[v] = c
                yield root_value, choice


# ------------------------------------------------------------------ the solver

def _behavior(game, choice: np.ndarray) -> tuple:
    tree = game.tree
    movers = np.flatnonzero(tree.player >= 0)
    action = np.zeros(len(game.infosets), dtype=np.int64)
    action[tree.infoset[movers]] = choice[movers] - tree.first_child[movers]
    sizes = np.ones(len(game.infosets), dtype=np.int64)
    sizes[tree.infoset[movers]] = tree.num_children[movers]
    sizes, action = sizes.tolist(), action.tolist()
    return tuple(tuple(unit(sizes[h], action[h]) for h in sets) for sets in game.player_infosets)


def _equilibrium(game, sc: _Scaled, choice: np.ndarray, values=None) -> Equilibrium:
    payoffs, root_regret, worst = _certify(game, sc, choice, values)
    if root_regret or worst:
        raise AssertionError(f"backward induction produced a profile with subgame regret {worst}")
    return Equilibrium(payoffs, behavior=_behavior(game, choice), regret=root_regret,
                       subgame_regret=worst)


def spe(game, *, limit: int | None = None, tie_break: str | TieBreak | None = None) -> Solution:
    """Pure subgame-perfect equilibria of a perfect-information tree (chance moves allowed).

    Parameters
    ----------
    game : ExtensiveGame
        Perfect information: every information set of a player holds one node.
    limit : int, optional
        List at most this many equilibria (default ``DEFAULT_LIMIT``).  The exact number of pure
        SPE is still reported in ``Solution.count`` when the set-valued pass fits in ``MAX_SET``
        values per node.
    tie_break : {'first', 'last'} or callable, optional
        Return exactly one SPE, picking among best actions the first (lowest action index), the
        last, or ``tie_break(game, node, tied_actions) -> action`` where ``node`` is the
        breadth-first node id and ``tied_actions`` the tuple of best action indices (the call is
        made bottom-up, so the choice may depend on nothing but the node).  By default all pure
        SPE are enumerated.

    Returns
    -------
    Solution
        Method ``"spe"``; every equilibrium has ``regret == subgame_regret == 0``.

    Examples
    --------
    >>> from gametheory.catalog import entry_game
    >>> sol = spe(entry_game())
    >>> sol.count, sol.equilibria[0].behavior
    (1, (((Fraction(0, 1), Fraction(1, 1)),), ((Fraction(0, 1), Fraction(1, 1)),)))
    >>> from gametheory import ExtensiveGame, decision, leaf
    >>> tie = ExtensiveGame(["A", "B"], decision("A", {
    ...     "x": decision("B", {"l": leaf(0, 1), "r": leaf(2, 1)}), "y": leaf(1, 0)}))
    >>> [e.payoffs for e in spe(tie)]
    [(Fraction(1, 1), Fraction(0, 1)), (Fraction(2, 1), Fraction(1, 1))]
    >>> [e.payoffs for e in spe(tie, tie_break="last")]
    [(Fraction(2, 1), Fraction(1, 1))]
    """
    if not game.is_perfect_information:
        raise ValueError("backward induction needs perfect information; use "
                         "solve(game, 'spe') for games with imperfect information")
    if limit is not None and limit < 1:
        raise ValueError("limit must be at least 1")
    rule = _tie_rule(tie_break)
    options = {"limit": limit, "tie_break": tie_break}
    sc = _scaled(game)
    val, choice, tied = _first_pass(game, sc, tie_break if rule == "callable" else rule)
    if rule is not None or not tied:
        note = "" if not tied else f"{len(tied)} node(s) with ties, broken by tie_break"
        return Solution(game, "spe", options, (_equilibrium(game, sc, choice, val),),
                        complete=not tied, note=note, count=None if tied else 1)
    limit = DEFAULT_LIMIT if limit is None else limit
    dirty = _dirty_nodes(sc.tree, tied)
    try:
        sets, suffixes = _value_sets(game, sc, val, dirty)
    except _TooManyValues as err:
        return Solution(game, "spe", options, (_equilibrium(game, sc, choice),), complete=False,
                        note=f"ties at {len(tied)} nodes; more than {MAX_SET} SPE values at node "
                             f"{err.args[0]}: one SPE (first best action) listed")
    count = sum(sets[0].values())
    found = []
    for _, profile in _list_profiles(game, sc, val, choice, dirty, sets, suffixes):
        found.append(_equilibrium(game, sc, profile))
        if len(found) == limit:
            break
    note = f"{count} pure SPE" + ("" if len(found) == count else f", {len(found)} listed")
    return Solution(game, "spe", options, tuple(found), complete=len(found) == count, note=note,
                    count=count)
