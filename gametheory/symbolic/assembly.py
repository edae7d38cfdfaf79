"""Assembling the parametric solution: merging branches and turning them into pieces.

After the walk, branches with the same choices and payoffs whose regions differ in one
complementary condition are united (:func:`merge_branches`: the union of ``P & c`` and
``P & not c`` is ``P``), each region is reduced to its irredundant conditions
(:func:`irredundant`), and each branch becomes a :class:`~gametheory.symbolic.solution.Piece`
(:func:`make_piece`): region, strategy profile, equilibrium path and payoffs.  Off the path, a
generic solution gives each information set its rule as piecewise probabilities
(:func:`rule_profile`).
"""

from __future__ import annotations

import collections
import itertools

import sympy

from ..parameters import Switch
from ..solvers.kernel import equilibrium_path
from .branches import Branch
from .decide import negate
from .feasibility import Feasibility
from .piecewise import PIECEWISE, resolve
from .regions import Region
from .relations import complementary, condition_order, relation_key
from .solution import Piece

__all__ = ["LazyRules", "rule_profile", "merge_branches", "irredundant", "make_piece",
           "unite_cells", "local_rule"]


class LazyRules(dict):
    """Information set -> its off-path probabilities (:func:`rule_profile`), each built on
    first use from ``rules[k]``, a list of (region conditions, probabilities)."""

    def __init__(self, game, rules):
        super().__init__()
        self.game, self.rules = game, rules

    def __missing__(self, k):
        value = self[k] = rule_profile(self.game, k, self.rules[k])
        return value


def rule_profile(game, k, entries) -> tuple:
    """An information set's probabilities as piecewise expressions of the parameters, from
    its rule: ``Piecewise((p, region), ...)``, undefined (``nan``) on the boundaries between
    regions (which generic solutions drop)."""
    probs = []
    for a in range(len(game.infosets[k].actions)):
        values = {e[1][a] for e in entries}
        if len(values) == 1:
            probs.append(values.pop())
            continue
        pairs = [(e[1][a], sympy.And(*e[0], evaluate=False)) for e in entries]
        probs.append(sympy.Piecewise(*pairs, (sympy.nan, True), evaluate=False))
    return tuple(probs)



def merge_branches(branches: list[Branch], parameters) -> list[Branch]:
    """Merge pairs with equal choices and payoffs whose regions differ in one complementary
    condition, until none is left.  The union of ``P & c`` and ``P & not c`` is ``P``.

    Examples
    --------
    >>> a = sympy.Symbol("a", real=True)
    >>> merged = merge_branches([Branch(frozenset({a > 1}), (), (1,)),
    ...                          Branch(frozenset({a <= 1}), (), (1,)),
    ...                          Branch(frozenset({a < 0}), (), (2,))], ())
    >>> [(sorted(b.conditions, key=str), b.payoffs) for b in merged]
    [([], (1,)), ([a < 0], (2,))]
    """
    switches = {p.symbol for p in parameters if isinstance(p.domain, Switch)}
    keys: dict = {}

    def key(relation):
        out = keys.get(relation)
        if out is None:
            out = keys[relation] = relation_key(relation)
        return out

    groups: dict[tuple, list[Branch]] = {}
    for b in dict.fromkeys(branches):
        groups.setdefault((b.choices, b.payoffs), []).append(b)
    out = []
    for group in groups.values():
        out.extend(_merge_complementary(group, switches, key) if len(group) > 1 else group)
    return out


def _merge_complementary(group: list[Branch], switches, key) -> list[Branch]:
    """:func:`merge_branches` within one group (same choices and payoffs): a work list, and an index
    from ``conditions - {c}`` to the branches and their ``c``."""
    alive = dict(enumerate(group))
    seen: dict[frozenset, list] = {}
    queue = collections.deque(alive)
    fresh = itertools.count(len(group))
    while queue:
        i = queue.popleft()
        if i not in alive:
            continue
        b = alive[i]
        partner = next(((j, rest) for c in sorted(b.conditions, key=condition_order)
                        for rest in (b.conditions - {c},)
                        for j, c2 in seen.get(rest, ())
                        if j in alive and j != i and complementary(c, c2, switches, key)), None)
        if partner is None:
            for c in b.conditions:
                seen.setdefault(b.conditions - {c}, []).append((i, c))
            continue
        j, rest = partner
        k = next(fresh)
        alive[k] = Branch(rest, b.choices, b.payoffs, b.decided and alive[j].decided)
        del alive[i], alive[j]
        queue.append(k)
    return list(alive.values())



def make_piece(game, branch: Branch, check: Feasibility, assumptions,
               simplify, off_path=None) -> Piece | None:
    """The piece of a solution that a branch gives: its region (irredundant when
    ``simplify``), the profile (off the path from ``off_path``, information set -> rule),
    the path and the payoffs; None if the region is empty.

    A :class:`LazyRules` ``off_path`` is read on the piece's region only
    (:func:`local_rule`): the parts of a rule that miss the region are left out and the
    conditions that the region implies are dropped."""
    conditions = sorted(branch.conditions, key=check.view.order)
    if simplify:
        conditions = irredundant(conditions, check, assumptions)
        if conditions is None:
            return None
    region = Region(conditions, check.parameters, assumptions)
    choices = dict(branch.choices)
    off_path = {} if off_path is None else off_path
    rules = getattr(off_path, "rules", None)
    where = frozenset(conditions) | frozenset(assumptions)

    def rule(k):
        if rules is None or k not in rules:
            return off_path[k]
        return local_rule(game, k, rules[k], where, check)

    def profile():    # built on first use: off the path it holds the piecewise rules
        return tuple(tuple(choices[k] if k in choices else rule(k) for k in sets)
                     for sets in game.player_infosets)

    return Piece(region, profile, equilibrium_path(game, choices), branch.payoffs, branch.decided)


def local_rule(game, k, entries, where: frozenset, check: Feasibility) -> tuple:
    """An information set's rule (:func:`rule_profile`) on one region ``where``: the entries
    whose regions meet it, each without the conditions that ``where`` implies; a single
    choice when only one remains.

    Examples
    --------
    >>> from gametheory.games import ExtensiveGame, decision, leaf
    >>> from gametheory.parameters import Parameter
    >>> game = ExtensiveGame(["A"], decision("A", {"x": leaf("c"), "y": leaf(0)}),
    ...                      parameters=[Parameter("c", "real")])
    >>> c = game.symbols["c"]
    >>> one, zero = sympy.Integer(1), sympy.Integer(0)
    >>> entries = [(frozenset({c > 0}), (one, zero)), (frozenset({c < 0}), (zero, one))]
    >>> local_rule(game, 0, entries, frozenset({c > 2}), Feasibility(game.parameters))
    (1, 0)
    >>> local_rule(game, 0, entries, frozenset({c > -2}), Feasibility(game.parameters))
    (Piecewise((1, c > 0), (0, c < 0), (nan, True)), Piecewise((0, c > 0), (1, c < 0), (nan, True)))
    """
    kept = []
    for conditions, probs in entries:
        if check(where | conditions) is False:
            continue
        own = frozenset(c for c in conditions if not check.implies(where, c))
        kept.append((own, probs))
    if not kept:
        return rule_profile(game, k, entries)
    return rule_profile(game, k, [(c, p) for c, p in dict.fromkeys(kept)])


def irredundant(conditions: list, check: Feasibility, assumptions) -> list | None:
    """Drop each condition that the others (with the domain and assumptions) imply: ``c`` is
    redundant when ``others and not c`` is empty.  None if the region itself is empty.

    Examples
    --------
    >>> from gametheory.parameters import Parameter
    >>> a = Parameter("a", "> 0")
    >>> irredundant([a.symbol > 1, a.symbol > -1], Feasibility([a]), ())
    [a > 1]
    >>> irredundant([a.symbol < -1], Feasibility([a]), ()) is None
    True
    """
    base = frozenset(assumptions)
    if check(frozenset(conditions) | base) is False:
        return None
    facets = check.facets(frozenset(conditions), base)
    if facets is not None:
        return [c for c in conditions if c in facets]
    kept = list(conditions)
    for c in conditions:
        others = [x for x in kept if x is not c]
        if check(frozenset(others) | base | {negate(c)}) is False:
            kept = others
    return kept



def unite_cells(solver, branches: list[Branch]) -> list[Branch]:
    """Unite the branches that the linear cells of piecewise payoffs split apart: those with
    the same choices and payoffs are merged where their regions' union is one polyhedron
    (:meth:`~gametheory.symbolic.branches.BranchSolver.merge_group`), and each branch's
    payoffs are written on its region (:func:`gametheory.symbolic.piecewise.resolve`: the
    atoms that the region decides are replaced by their linear values).

    Examples
    --------
    >>> from gametheory.games import ExtensiveGame, decision, leaf
    >>> from gametheory.parameters import Parameter
    >>> from gametheory.symbolic.branches import BranchSolver
    >>> game = ExtensiveGame(["A"], decision("A", {"x": leaf("Abs(c)"), "y": leaf(1)}),
    ...                      parameters=[Parameter("c", "real")])
    >>> solver = BranchSolver(game, {}, game.parameters, (), False)
    >>> for b in sorted(unite_cells(solver, solver.solve()), key=lambda b: str(b.payoffs)):
    ...     print(sorted(b.conditions, key=str), b.payoffs)
    [c <= -1] (-c,)
    [c <= 1, c >= -1] (1,)
    [c >= 1] (c,)
    """
    groups: dict[tuple, list[Branch]] = {}
    for b in branches:   # each region in its irredundant form, so that facets pair up
        groups.setdefault((b.choices, b.payoffs), []).append(
            Branch(solver.tidy(b.conditions), b.choices, b.payoffs, b.decided))
    out = []
    for group in groups.values():
        group = list(dict.fromkeys(group))
        out.extend(solver.merge_group(group) if len(group) > 1 else group)
    return [Branch(b.conditions, b.choices, _resolved(b, solver), b.decided) for b in out]


def _resolved(branch: Branch, solver) -> tuple:
    return tuple(resolve(u, branch.conditions, solver.check, solver.assumptions,
                         solver.pieces_of)
                 if isinstance(u, sympy.Basic) and u.has(*PIECEWISE) else u
                 for u in branch.payoffs)
