"""The value domain of the parametric solver: branches, regions of parameters with their
choices and payoffs, for the one backward-induction walk.

Backward induction (Kuhn 1953; Selten 1965) with symbolic payoffs.  The value of a node is not
one payoff vector but a list of *branches*: a region of parameters (a conjunction of
relations), the choices made in the subtree, and the payoff vector as expressions.  The walk
itself is :func:`gametheory.solvers.kernel.backward_walk`; :class:`BranchSolver` is its value
domain.  At a decision node every combination of the children's branches is intersected
(infeasible intersections are pruned at once, by :class:`~.feasibility.Feasibility`), and each
combination is split by which action is optimal for the mover: action ``a`` is chosen where
``u_a >= u_b`` for every other action ``b``.  The closed regions of two tied actions share their
boundary, so at a tie every subgame-perfect equilibrium is listed; ``generic`` uses strict
inequalities and so drops the boundaries.  A chance node's value is the expectation of its
children (no split); a simultaneous move is solved by support enumeration
(:mod:`gametheory.symbolic.simultaneous`).

In generic mode branches with the same choices and payoffs are united as the walk goes when
their union is one conjunction (:meth:`BranchSolver.merge`), and each region is kept in its
irredundant form (:meth:`BranchSolver.tidy`): the irredundant description of a
full-dimensional polyhedron is unique, so equal regions get equal condition sets.
"""

from __future__ import annotations

import collections
import itertools
from dataclasses import dataclass
from typing import Sequence

import sympy
from sympy.core.relational import Relational

from ..numbers import to_sympy
from ..parameters import Interval
from ..solvers.kernel import backward_walk, expectation
from .feasibility import Feasibility
from .piecewise import PIECEWISE, LinearCase, linear_cases
from .relations import compare_factored, normal
from .simultaneous import support_equilibria

__all__ = ["Branch", "BranchSolver", "MAX_SIMULTANEOUS", "TooManyRegions"]

MAX_SIMULTANEOUS = 3
"""Largest number of actions per player in a simultaneous-move subgame."""


class TooManyRegions(ValueError):
    """A solution would have more regions than the limit: ``at_least`` is a proved lower
    bound on their number (distinct equilibria, each of which has a non-empty region)."""

    def __init__(self, at_least: int, limit: int):
        self.at_least, self.limit = at_least, limit
        super().__init__(
            f"at least {at_least} regions, more than the limit of {limit}: narrow the "
            f"question by fixing parameters (--param NAME=VALUE) or assuming relations "
            f"between them (--assume), or raise the limit (--max-regions)")


@dataclass(frozen=True)
class Branch:
    """A partial solution: region conditions, choices (infoset, probabilities), payoffs.

    ``decided`` is False when the region's emptiness could not be decided (it is kept).
    """

    conditions: frozenset
    choices: tuple
    payoffs: tuple
    decided: bool = True



class BranchSolver:
    """Backward induction over the compiled tree for one case of the switch parameters.

    ``case`` maps the switch parameters of this case to their values; ``parameters`` are the
    game's parameters (those in ``case`` are left out); ``assumptions`` hold throughout.
    ``pieces`` maps piecewise sub-expressions of the payoffs (``Abs``, ``Max``, ...) to the
    values that the domains fix (:func:`gametheory.symbolic.piecewise.fixed_atoms`), applied
    after ``case``; the others are split into linear cells where payoffs are compared
    (:meth:`choice_conditions`).  With
    ``same_outcome``, an action whose subtree gives every player the same payoffs as an
    earlier action of the node (in the same combination of the children's branches) is left
    out: the two are outcome-equivalent, so every equilibrium with the one is an equilibrium
    with the other (and with any mixture of them), with the same payoffs everywhere above the
    node.  :attr:`collapsed` records the information sets where this happened.

    With ``limit``, a solve that lists every equilibrium (not generic) stops with
    :class:`TooManyRegions` as soon as a node has more distinct strategy profiles of its
    subtree than that: every one of them is part of at least one equilibrium of the whole
    game (the siblings' regions cover the parameters, and so does the choice among the
    mover's best actions), each with a region of its own.

    Examples
    --------
    >>> from gametheory.games import ExtensiveGame, decision, leaf
    >>> from gametheory.parameters import Parameter
    >>> game = ExtensiveGame(["A"], decision("A", {"x": leaf("c"), "y": leaf(1)}),
    ...                      parameters=[Parameter("c", "real")])
    >>> for b in BranchSolver(game, {}, game.parameters, (), True).solve():
    ...     print(sorted(b.conditions, key=str), b.payoffs)
    [c > 1] (c,)
    [c < 1] (1,)
    """

    def __init__(self, game, case, parameters, assumptions, generic, pieces=None,
                 same_outcome=False, limit=None):
        self.game = game
        self.tree = game.tree
        self.case = case
        self.pieces = dict(pieces or {})
        self.same_outcome = same_outcome
        self.collapsed: set[int] = set()   # information sets where an action was left out
        self.limit = limit
        self.parameters = tuple(p for p in parameters if p.symbol not in case)
        self.assumptions = assumptions
        self.generic = generic
        self.check = Feasibility(self.parameters)
        self.sizes = game.infoset_sizes()
        self.rules: dict[int, list] | None = {} if generic else None
        self.sticky: set[int] = set()
        self.tidied: dict[frozenset, frozenset] = {}
        self.irredundant: set[frozenset] = {frozenset()}   # tidied regions
        self.apart: set[tuple[frozenset, frozenset]] = set()   # pairs that unite() refused
        self.keys: dict[frozenset, list | None] = {}            # region -> its facet keys
        self.settled: dict[frozenset, int] = {}   # region -> the last merge that returned it
        self.merges = itertools.count()
        self.infoset = self.tree.infoset.tolist()
        self.compared: dict[tuple, list] = {}
        self.pieces_of: dict = {}   # piecewise atom -> its linear pieces
        self.factors: dict = {}     # difference of payoffs -> compare_factored
        self.bounds = {p.symbol: (None if p.domain.lo is None else to_sympy(p.domain.lo),
                                  None if p.domain.hi is None else to_sympy(p.domain.hi))
                       for p in self.parameters if isinstance(p.domain, Interval)}
        self.same: dict[tuple, bool] = {}

    def choice_conditions(self, own: sympy.Expr, others: tuple) -> list[tuple]:
        """Where the payoff ``own`` is at least each of ``others`` (greater when generic), as
        alternative conjunctions of relations, remembered (the same payoffs meet at a node
        in many combinations of the children's branches).

        Piecewise atoms in the differences (``Abs``, ``Max``, ...) are split into linear
        cells first (:func:`~gametheory.symbolic.piecewise.linear_cases`), whose conditions
        join each alternative; factors whose sign the domains fix are split off
        (:func:`~gametheory.symbolic.relations.compare_factored`), so that every relation
        is linear where the payoffs are piecewise linear.
        """
        key = (own, others)
        out = self.compared.get(key)
        if out is not None:
            return out
        diffs = [sympy.expand(own - other) for other in others]
        cells = linear_cases(diffs, (), self.assumptions, strict=self.generic,
                             check=self.check, memo=self.pieces_of) \
            if any(d.has(*PIECEWISE) for d in diffs) else [LinearCase(frozenset(), ())]
        out = []
        for cell in cells:
            values = cell.substitution
            per = [self.factored(sympy.expand(d.xreplace(values)) if values else d)
                   for d in diffs]
            for combo in itertools.product(*per):
                out.append(tuple(cell.conditions) + tuple(r for rs in combo for r in rs))
        self.compared[key] = out
        return out

    def linearized(self, relations) -> list[tuple]:
        """Relations ``expr op 0`` (a simultaneous move's conditions) as alternative
        conjunctions free of piecewise atoms: each atom split into its linear cells, as
        :meth:`choice_conditions` does for one mover's comparisons."""
        relations = tuple(relations)
        if not any(isinstance(r, sympy.Basic) and r.has(*PIECEWISE) for r in relations):
            return [relations]
        exprs = [r.lhs - r.rhs for r in relations if isinstance(r, Relational)]
        out = []
        for cell in linear_cases(exprs, (), self.assumptions, strict=self.generic,
                                 check=self.check, memo=self.pieces_of):
            values = cell.substitution
            out.append(tuple(cell.conditions) + tuple(
                normal(r.xreplace(values)) if isinstance(r, Relational) else r
                for r in relations))
        return out

    def factored(self, diff: sympy.Expr) -> list[tuple]:
        """:func:`~gametheory.symbolic.relations.compare_factored` of ``diff``, remembered."""
        out = self.factors.get(diff)
        if out is None:
            out = self.factors[diff] = compare_factored(diff, self.generic, self.bounds)
        return out

    def identical(self, u: sympy.Expr, w: sympy.Expr) -> bool:
        """Whether two payoffs are equal as expressions (a tie everywhere), remembered."""
        key = (u, w)
        out = self.same.get(key)
        if out is None:
            out = self.same[key] = sympy.expand(u - w) == 0
        return out

    def feasible(self, conditions: frozenset) -> bool | None:
        """Whether the region has a point: True, False, or None (undecided)."""
        return self.check(conditions | frozenset(self.assumptions))

    def feasible_with(self, conditions: frozenset, extra: frozenset) -> bool | None:
        """Whether ``conditions | extra`` has a point, ``conditions`` being decided."""
        return self.check.extended(conditions | frozenset(self.assumptions), extra)

    def payoff(self, v: int) -> tuple:
        return tuple(self.value(self.tree.exact_payoff(v, i)) for i in range(self.game.n_players))

    def prob(self, v: int) -> sympy.Expr:
        return self.value(self.tree.exact_prob(v))

    def value(self, x) -> sympy.Expr:
        """A payoff or probability on this case: switches, then piecewise atoms, replaced."""
        out = sympy.sympify(to_sympy(x)).xreplace(self.case)
        return sympy.expand(out.xreplace(self.pieces)) if self.pieces else out

    def children(self, v: int) -> list[int]:
        return list(self.tree.children(v))

    def solve(self) -> list[Branch]:
        """The root's branches, by :func:`gametheory.solvers.kernel.backward_walk` over this
        domain."""
        return backward_walk(self.tree, self)[0]

    # ---- the value domain of the walk
    def terminal(self, v: int) -> list[Branch]:
        return [Branch(frozenset(), (), self.payoff(v))]

    def decision(self, v: int, mover: int, children: range, values: list) -> list[Branch] | None:
        if self.sizes[self.infoset[v]] > 1:
            return None   # the second mover of a simultaneous move: solved at the parent
        out = self.simultaneous(v, values) if self.is_simultaneous(v) else \
            self.best(v, mover, children, values)
        if self.limit is not None and self.rules is None:
            count = len({b.choices for b in out if b.decided})
            if count > self.limit:
                raise TooManyRegions(count, self.limit)
        return out

    # ---- combining children
    def combine(self, lists: Sequence[list[Branch]]) -> list[tuple]:
        """Every feasible combination: (conditions, [choices...], [payoffs...], decided)."""
        partial = [(frozenset(), [], [], True)]
        for branches in lists:
            grown = []
            for conditions, choices, payoffs, decided in partial:
                for b in branches:
                    ok = True
                    if not b.conditions or b.conditions <= conditions:
                        joint = conditions
                    elif conditions <= b.conditions:
                        joint = b.conditions
                    else:
                        joint = conditions | b.conditions
                        ok = self.feasible_with(conditions, b.conditions - conditions)
                    if ok is False:
                        continue
                    grown.append((joint, choices + [b.choices], payoffs + [b.payoffs],
                                  decided and b.decided and ok is not None))
            partial = grown
            if self.limit is not None and self.rules is None:
                # each feasible combination is part of a distinct equilibrium (see above)
                count = sum(1 for p in partial if p[3])
                if count > self.limit:
                    raise TooManyRegions(count, self.limit)
        return partial

    def solved_children(self, v: int, kids: list[int], values: list) -> list[list[Branch]]:
        """The children's branches; a child left unsolved is an information set that reaches
        across this node (private information), which subgame perfection cannot split."""
        if any(values[c] is None for c in kids):
            raise ValueError(
                "the parametric SPE solver needs every information set inside one subgame "
                "(simultaneous moves at most); this game has private information (an "
                "information set spans a chance move or an earlier decision): fix its "
                "parameters and use method='pbe'")
        return [values[c] for c in kids]

    def chance(self, v: int, children: range, values: list) -> list[Branch]:
        kids = list(children)
        probs = [self.prob(c) for c in kids]
        out = []
        for conditions, choices, payoffs, decided in self.combine(
                self.solved_children(v, kids, values)):
            total = tuple(sympy.expand(u) for u in expectation(probs, payoffs))
            out.append(Branch(self.tidy(conditions), sum(choices, ()), total, decided))
        return self.merge(out)

    def best(self, v: int, mover: int, children: range, values: list) -> list[Branch]:
        """A mover's node: every combination of the children's branches, split by the best
        action, each region keeping its ties (closed comparisons unless generic)."""
        kids = list(children)
        k = self.infoset[v]
        out = []
        for conditions, choices, payoffs, decided in self.combine(
                self.solved_children(v, kids, values)):
            for a in range(len(kids)):
                if self.same_outcome and any(payoffs[b] == payoffs[a] for b in range(a)):
                    self.collapsed.add(k)   # an earlier action gives every player the same
                    continue
                options = self.choice_conditions(
                    payoffs[a][mover], tuple(payoffs[b][mover] for b in range(len(kids)) if b != a))
                if self.rules is not None and any(
                        self.identical(payoffs[a][mover], payoffs[b][mover])
                        for b in range(len(kids)) if b != a):
                    self.sticky.add(k)   # tied everywhere: list both, even off the path
                probs = tuple(sympy.Integer(int(b == a)) for b in range(len(kids)))
                kept = (choices[a] + self.off_path_sticky(choices, (a,))
                        if self.rules is not None else sum(choices, ()))
                for extra in options:
                    branch = self.extend(conditions, extra, decided)
                    if branch is None:
                        continue
                    joint, ok = branch
                    out.append(Branch(joint, kept + ((k, probs),), payoffs[a], ok))
        return self.record(self.merge(out), 1)

    # ---- per-node rules (generic mode)
    def off_path_sticky(self, choices, on_path) -> tuple:
        """The choices off the path that stay listed: at nodes tied everywhere (both
        equilibria are listed, which one rule per node cannot say)."""
        return tuple(c for t, own in enumerate(choices) if t not in on_path
                     for c in own if c[0] in self.sticky)

    def record(self, branches: list[Branch], movers: int) -> list[Branch]:
        """Keep each branch's own choices (the last ``movers`` ones) as the node's rule."""
        if self.rules is not None:
            for b in branches:
                for k, probs in b.choices[-movers:]:
                    self.rules.setdefault(k, []).append((b.conditions, probs))
        return branches

    def merge(self, branches: list[Branch]) -> list[Branch]:
        """In generic mode, unite branches with the same path and payoffs when the union of
        their regions is (up to boundaries) one conjunction (:meth:`unite`)."""
        if self.rules is None or len(branches) < 2:
            return branches
        groups: dict[tuple, list[Branch]] = {}
        for b in branches:
            groups.setdefault((b.choices, b.payoffs), []).append(b)
        out = []
        for group in groups.values():
            # regions that one earlier merge returned together stay as they were
            settled = len({self.settled.get(b.conditions) for b in group} - {None}) == 1 and \
                all(b.conditions in self.settled for b in group)
            out.extend(self.merge_group(group) if len(group) > 1 and not settled else group)
        return out

    def merge_group(self, group: list[Branch]) -> list[Branch]:
        """Unite pairs of one group until none unites.  Candidate pairs wait in a queue; only
        regions with a hyperplane that bounds the one on one side and the other on the other,
        with the same face on it, can unite (:meth:`unite`), so an index from (hyperplane,
        side, face) to regions finds the partners of each new region; a region with a
        non-linear condition is tried with every other."""
        alive: dict[int, Branch] = {}
        keys: dict[int, list | None] = {}
        index = collections.defaultdict(set)   # (plane, side, face or None) -> regions
        planes = collections.defaultdict(set)  # (plane, side) -> regions
        loose: set[int] = set()              # regions with a condition that is not linear
        queue: collections.deque = collections.deque()
        numbers = itertools.count()

        def add(branch):
            k = next(numbers)
            keys[k] = own = self.facet_keys(branch)
            if own is None:
                partners = set(alive)
                loose.add(k)
            else:
                partners = set(loose)
                for plane, side, face in own:
                    if face is None:
                        partners.update(planes.get((plane, -side), ()))
                    else:
                        partners.update(index.get((plane, -side, face), ()))
                        partners.update(index.get((plane, -side, None), ()))
                    index[plane, side, face].add(k)
                    planes[plane, side].add(k)
            queue.extend((j, k) for j in sorted(partners))
            alive[k] = branch

        def remove(k):
            del alive[k]
            loose.discard(k)
            for plane, side, face in keys.pop(k) or ():
                index[plane, side, face].discard(k)
                planes[plane, side].discard(k)

        for branch in group:
            add(branch)
        while queue:
            i, j = queue.popleft()
            if i not in alive or j not in alive:
                continue
            pair = (alive[i].conditions, alive[j].conditions)
            if pair in self.apart:
                continue    # tried before, and the branches are unchanged
            united = self.unite(alive[i], alive[j])
            if united is None:
                self.apart.add(pair)
                continue
            remove(i)
            remove(j)
            add(united)
        call = next(self.merges)
        for branch in alive.values():
            self.settled[branch.conditions] = call
        return list(alive.values())

    def facet_keys(self, branch: Branch) -> list | None:
        """(hyperplane, side, face) of each condition of a linear region, the face being the
        generators on the hyperplane when the region has a cone without lines (else None);
        None if a condition is not a linear inequality.  Cached by region."""
        conditions = branch.conditions
        if conditions in self.keys:
            return self.keys[conditions]
        sides = self.check.view.facet_sides(conditions)
        cone = None if sides is None else self.check.cone(conditions | frozenset(self.assumptions))
        if sides is None:
            keys = None
        elif cone is None or cone.lines:
            keys = [(plane, side, None) for plane, side in sides]
        else:
            rows = {c: self.check.row(self.check.view.atoms(c)[0])
                    for c in sides.values()}
            keys = [(plane, side, cone.face(rows[c])) for (plane, side), c in sides.items()]
        self.keys[conditions] = keys
        return keys

    def unite(self, b1: Branch, b2: Branch) -> Branch | None:
        """The branch on the union of two regions, if that union is (up to boundaries) one
        conjunction; else None."""
        facets = self.check.view.opposite_facets(b1.conditions, b2.conditions)
        if facets is None:
            return self.unite_by_hull(b1, b2)
        base = frozenset(self.assumptions)
        check = self.check
        cones = check.cone(b1.conditions | base), check.cone(b2.conditions | base)
        for c1, c2 in facets:
            if None not in cones and not cones[0].lines and not cones[1].lines:
                # P = K & H+ and Q = K & H- have the same face K & H on H
                (atom,) = check.view.atoms(c1)
                if cones[0].face(check.row(atom)) != cones[1].face(check.row(atom)):
                    continue
            # and each must satisfy the other's remaining conditions
            rest1, rest2 = b1.conditions - {c1}, b2.conditions - {c2}
            tests = [(b1.conditions | base, c) for c in rest2 - rest1] + [
                (b2.conditions | base, c) for c in rest1 - rest2]
            if not all(self.check.implies(*test) for test in tests):
                continue
            union = rest1 | rest2
            if b1.conditions in self.irredundant and b2.conditions in self.irredundant:
                self.irredundant.add(union)   # each facet of the union is one of theirs
            point = self.check.points.get(b1.conditions | base)
            if point is not None:
                self.check.points.setdefault(union | base, point)
            return Branch(union, b1.choices, b1.payoffs, b1.decided and b2.decided)
        return None

    def unite_by_hull(self, b1: Branch, b2: Branch) -> Branch | None:
        """:meth:`unite` for any conditions: the *hull* keeps the conditions of each region
        that the other implies; it replaces them when it lies in the union of their closures
        (:func:`gametheory.symbolic.decide.covered`)."""
        base = frozenset(self.assumptions)
        c1, c2 = b1.conditions | base, b2.conditions | base
        # The hull is convex and meets both regions: it cannot lie in the union of their
        # closures when the closures are disjoint (two disjoint closed sets do not cover a
        # connected set that meets both).
        if self.check.view.opposed(b1.conditions, b2.conditions):
            return None
        touching = frozenset(self.check.view.closure(c) for c in c1 | c2)
        if self.check(touching) is False:
            return None
        hull = frozenset(c for c in b1.conditions if self.check.implies(c2, c)) | frozenset(
            c for c in b2.conditions if self.check.implies(c1, c))
        parts = [[self.check.view.closure(c) for c in b.conditions - hull] for b in (b1, b2)]
        if not self.check.covered(tuple(hull | base), parts):
            return None
        return Branch(hull, b1.choices, b1.payoffs, b1.decided and b2.decided)

    def extend(self, conditions: frozenset, extra, decided):
        """Add relations to a region: (tidied region, decided), or None if it becomes empty.

        A relation whose hyperplane misses the region either holds throughout (it is
        dropped) or nowhere (the result is empty); one that cuts it leaves points on both
        sides (:meth:`Feasibility.side`), so a single cutting relation needs no further test.
        """
        base = frozenset(self.assumptions)
        added, cuts = set(), 0
        for r in extra:
            if r is sympy.false:
                return None
            if r is sympy.true or r in conditions:
                continue
            side = self.check.side(conditions | base, r)
            if side == -1:
                return None
            if side != 1:
                added.add(r)
                cuts += side == 0
        if not added:
            return self.tidy(conditions), decided
        joint = conditions | added
        ok = True if len(added) == cuts == 1 else self.feasible_with(conditions, frozenset(added))
        if ok is False:
            return None
        return self.tidy(joint, conditions, cut=len(added) == cuts), decided and ok is not None

    def tidy(self, conditions: frozenset, core: frozenset = frozenset(),
             cut: bool = False) -> frozenset:
        """The region without the conditions that the others (with the domain and the
        assumptions) imply, decided exactly; only for linear systems over interval
        parameters (anything else is kept whole).  The set of points is unchanged, and equal
        regions get equal (smaller) condition sets: the irredundant description of a
        full-dimensional polyhedron is unique.

        ``core`` is a subset of the conditions; when it is itself a tidied region, the other
        conditions that it implies are dropped first, and if that drops them all the core is
        the answer (a relation that does not cut a region leaves it as it was).  ``cut`` says
        that each of the others is known to cut the core (so none is implied by it; a single
        one is a facet of the result).
        """
        if len(conditions) < 2 or conditions in self.irredundant:
            return conditions
        known = self.tidied.get(conditions)
        if known is not None:
            return known
        base = frozenset(self.assumptions)
        kept = conditions
        check = self.check
        facets = check.facets(conditions, base, core | base if core in self.irredundant else None)
        if facets is not None:
            kept = facets
            self.irredundant.add(kept)
        elif self.check.view.system(conditions | base) is not None:
            point = check.points.get(conditions | base)
            facet = None
            if core in self.irredundant:
                kept = core | frozenset(c for c in conditions - core
                                        if cut or not check.implies(core | base, c, point))
                if cut and len(kept - core) == 1:
                    (facet,) = kept - core
            if kept != core:
                for c in sorted(kept - {facet}, key=check.view.order):
                    rest = kept - {c}
                    if check.implies(rest | base, c, point):
                        kept = rest
            if point is not None:      # the same set of points: its witness serves
                check.points.setdefault(kept | base, point)
            self.irredundant.add(kept)
        self.tidied[conditions] = kept
        return kept

    # ---- simultaneous moves
    def is_simultaneous(self, v: int) -> bool:
        kids = self.children(v)
        tree = self.tree
        sets = {int(tree.infoset[c]) for c in kids}
        if len(sets) != 1 or int(tree.player[kids[0]]) < 0:
            return False
        (k,) = sets
        if int(self.sizes[k]) != len(kids) or int(tree.player[kids[0]]) == int(tree.player[v]):
            return False
        if len(kids) > MAX_SIMULTANEOUS or int(tree.num_children[kids[0]]) > MAX_SIMULTANEOUS:
            raise ValueError(f"simultaneous moves are solved up to {MAX_SIMULTANEOUS} x "
                             f"{MAX_SIMULTANEOUS} actions")
        return True

    def simultaneous(self, v: int, values) -> list[Branch]:
        tree = self.tree
        rows = self.children(v)
        cols = len(self.children(rows[0]))
        cells = [c for r in rows for c in self.children(r)]
        missing = [c for c in cells if values[c] is None]
        if missing:
            raise ValueError(f"node {missing[0]} lies in an information set that crosses "
                             f"subgames; only perfect information and simultaneous-move "
                             f"subgames are supported")
        i, j = int(tree.player[v]), int(tree.player[rows[0]])
        k_row, k_col = int(tree.infoset[v]), int(tree.infoset[rows[0]])
        m = len(rows)
        out = []
        for conditions, choices, payoffs, decided in self.combine([values[c] for c in cells]):
            table = [[payoffs[r * cols + s] for s in range(cols)] for r in range(m)]
            for x, y, relations, extra in (
                    (x, y, relations, extra)
                    for x, y, relations in support_equilibria(table, i, j, m, cols, self.generic)
                    for extra in self.linearized(relations)):
                branch = self.extend(conditions, extra, decided)
                if branch is None:
                    continue
                joint, ok = branch
                total = tuple(sympy.cancel(sum(x[r] * y[s] * table[r][s][p]
                                               for r in range(m) for s in range(cols)))
                              for p in range(self.game.n_players))
                if self.rules is None:
                    kept = sum(choices, ())
                else:
                    support = tuple(r * cols + c for r in range(m) for c in range(cols)
                                    if x[r] != 0 and y[c] != 0)
                    kept = sum((choices[t] for t in support), ()) + self.off_path_sticky(
                        choices, support)
                out.append(Branch(joint, kept + ((k_row, x), (k_col, y)), total, ok))
        return self.record(self.merge(out), 2)
