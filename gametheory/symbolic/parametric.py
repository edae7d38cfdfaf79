"""Parametric subgame-perfect equilibrium: backward induction over regions of parameters.

Backward induction (Kuhn 1953; Selten 1965) with symbolic payoffs.  The value of a node is not
one payoff vector but a list of *branches*: a region of parameters (a conjunction of
relations), the choices made in the subtree, and the payoff vector as expressions.  At a decision
node every combination of the children's branches is intersected (infeasible intersections are
pruned at once, by the exact procedures of :mod:`gametheory.symbolic.decide`), and each
combination is split by which action is optimal for the mover: action ``a`` is chosen where
``u_a >= u_b`` for every other action ``b``.  The closed regions of two tied actions share
their boundary, so at a tie every subgame-perfect equilibrium is listed; ``generic=True`` uses
strict inequalities and so drops the boundaries.

Two more kinds of node are handled:

* chance nodes: the value is the probability-weighted sum (no split);
* simultaneous moves: a decision node whose children form one information set of a second
  player (a ``m x n`` game with ``m, n <= 3``; the grandchildren are subgames).  Equilibria are
  found by support enumeration (Nisan et al., *Algorithmic Game Theory*, 2007, section 3.2):
  for supports of equal size the indifference conditions are solved exactly, and each support
  gives a branch whose region says that the probabilities are positive and no action outside
  the support is better.  At degenerate parameter points (where a player is indifferent
  identically over a support) only these equilibria are listed.

``{0, 1}`` switch parameters that appear in payoffs are split into cases first, so that products
such as ``lam*kappa`` become linear.  Pieces with the same profile whose regions differ only in
one complementary condition are merged, and every final region is simplified (redundant
conditions removed) by :meth:`Region.simplify`.  Non-linear conditions are decided by z3 when it
is installed; a region whose emptiness is undecided is kept and flagged, never dropped.
"""

from __future__ import annotations

import collections
import functools
import itertools
from dataclasses import dataclass
from typing import Iterable, Sequence

import sympy
from sympy.core.relational import Relational

from ..gc_pause import cycle_collection_paused
from ..numbers import parse_relation, to_sympy
from ..parameters import Interval, Switch
from .decide import _BUILD, _FLIP, _OP, _atoms, covered, negate, satisfiable
from . import linear
from .linear import Linear, Point, _integer_form, feasible_point
from .polyhedra import Polyhedron
from .regions import Region
from .solution import Piece, PiecewiseSolution

__all__ = ["parametric_spe", "MAX_SIMULTANEOUS"]

MAX_SIMULTANEOUS = 3
"""Largest number of actions per player in a simultaneous-move subgame."""

_CHANCE, _TERMINAL = -1, -2


@dataclass(frozen=True)
class _Branch:
    """A partial solution: region conditions, choices (infoset, probabilities), payoffs."""

    conditions: frozenset
    choices: tuple
    payoffs: tuple
    decided: bool = True


def parametric_spe(game, *, generic: bool = False, assumptions: Iterable = (),
                   simplify: bool = True, merge: bool = True) -> PiecewiseSolution:
    """The subgame-perfect equilibria of a symbolic game, as a piecewise solution.

    Parameters
    ----------
    game : ExtensiveGame
        Perfect information, possibly with chance moves and with simultaneous-move subgames of
        up to 3 x 3 actions.  Payoffs and probabilities may be expressions in the parameters.
    generic : bool
        Drop the boundaries between regions (strict inequalities): only equilibria that hold
        on open sets of parameters are listed.
    assumptions : iterable of relations or str
        Global assumptions between parameters (e.g. ``"K_H > ell_A"``), parsed safely.
    simplify : bool
        Remove redundant conditions from each final region.
    merge : bool
        Merge pieces with the same profile and payoffs whose regions are complementary.

    Returns
    -------
    PiecewiseSolution

    Examples
    --------
    Entry deterrence: the incumbent fights iff a fight costs it less than sharing the market.

    >>> from gametheory.games import ExtensiveGame, decision, leaf
    >>> from gametheory.parameters import Parameter
    >>> game = ExtensiveGame(["E", "I"], decision("E", {
    ...     "Out": leaf(0, "m"),
    ...     "In": decision("I", {"Fight": leaf(-1, "m - f"), "Share": leaf(1, "m/2")})}),
    ...     parameters=[Parameter("m", "> 0"), Parameter("f", ">= 0")])
    >>> for piece in parametric_spe(game, generic=True):
    ...     print(piece.region, piece.path)
    (2*f - m < 0) ('Out',)
    (2*f - m > 0) ('In', 'Share')
    """
    parameters = tuple(game.parameters)
    symbols = {p.name: p.symbol for p in parameters}
    assumed = tuple(_relation(a, symbols) for a in assumptions)
    with cycle_collection_paused():   # many live acyclic objects: see gc_pause
        branches, rules, tidy = _solve_cases(game, parameters, assumed, generic,
                                             use_rules=generic)
    if merge:
        branches = _merge([b for b in branches], parameters)
    check = _Feasibility(parameters)
    off_path = _LazyRules(game, rules or {})
    pieces = [_piece(game, b, check, assumed, simplify and b.conditions not in tidy, off_path)
              for b in branches]
    pieces = [p for p in pieces if p is not None]
    _forget_regions()
    note = "" if all(p.decided for p in pieces) else (
        "some regions could not be proved non-empty (non-linear conditions left undecided)")
    return PiecewiseSolution(game, tuple(pieces), generic, "parametric-spe", note)


def _forget_regions() -> None:
    """Empty the caches keyed by whole regions (sets of conditions): they serve one solve, and
    kept they slowed the next large one by a sixth (measured on the 200-node benchmark)."""
    _facet_sides.cache_clear()
    linear.forget()


def _solve_cases(game, parameters, assumed, generic, use_rules):
    """Backward induction for each case of the switches: the branches, with ``use_rules``
    each information set's rule ``[(conditions, probabilities), ...]``, and the regions known
    to be irredundant already."""
    used = _used_symbols(game)
    switches = [p for p in parameters if isinstance(p.domain, Switch) and p.symbol in used]
    branches: list[_Branch] = []
    rules: dict[int, list] | None = {} if use_rules else None
    tidy: set[frozenset] = set()
    for values in itertools.product(*(p.domain.values() for p in switches)):
        case = {p.symbol: to_sympy(v) for p, v in zip(switches, values)}
        label = frozenset(sympy.Eq(p.symbol, to_sympy(v)) for p, v in zip(switches, values))
        case_assumed = tuple(a.xreplace(case) for a in assumed)
        if any(a is sympy.false for a in case_assumed):
            continue
        solver = _Solver(game, case, parameters, tuple(a for a in case_assumed
                                                       if a is not sympy.true), generic)
        if not use_rules:
            solver.rules = None
        if solver.feasible(frozenset()) is False:
            continue
        for branch in solver.solve():
            branches.append(_Branch(branch.conditions | label, branch.choices,
                                    branch.payoffs, branch.decided))
            if not label and branch.conditions in solver.irredundant:
                tidy.add(branch.conditions)
        if use_rules:
            for k, entries in solver.rules.items():
                rules.setdefault(k, []).extend(
                    ((c | label, probs) for c, probs in entries) if label else entries)
    return branches, rules, tidy


class _LazyRules(dict):
    """Information set -> its off-path probabilities (:func:`_rule_profile`), each built on
    first use."""

    def __init__(self, game, rules):
        super().__init__()
        self.game, self.rules = game, rules

    def __missing__(self, k):
        value = self[k] = _rule_profile(self.game, k, self.rules[k])
        return value


def _rule_profile(game, k, entries) -> tuple:
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


# --------------------------------------------------------------------------------- helpers

def _relation(value, symbols) -> sympy.Basic:
    if isinstance(value, str):
        return parse_relation(value, symbols)
    if isinstance(value, Relational) or value in (sympy.true, sympy.false):
        return value
    raise ValueError(f"an assumption must be a relation: {value!r}")


def _used_symbols(game) -> set:
    used = set()
    for outcome in game.outcomes:
        for x in outcome.payoffs:
            if isinstance(x, sympy.Basic):
                used |= x.free_symbols
    for s in game.infosets:
        for p in s.probs or ():
            if isinstance(p, sympy.Basic):
                used |= p.free_symbols
    return used


def _positive(value: sympy.Expr) -> sympy.Basic:
    """The relation ``value > 0``; False when ``value`` is identically zero."""
    value = sympy.expand(value)
    if value.is_number:
        return sympy.true if value > 0 else sympy.false
    return _normal(value > 0)


@functools.lru_cache(maxsize=65536)
def _compare_values(high: sympy.Expr, low: sympy.Expr, strict: bool) -> sympy.Basic:
    """:func:`_compare` of ``high - low``, cached (the same pairs of payoffs meet at a node
    in many combinations of the children's branches)."""
    return _compare(high - low, strict)


def _compare(diff: sympy.Expr, strict: bool) -> sympy.Basic:
    """The relation ``diff > 0`` (or ``>= 0``) in normal form; True/False when constant.

    An identically zero difference is a tie everywhere, not a boundary: it gives True even
    when ``strict``, so that both tied actions are listed on the whole region.
    """
    diff = sympy.expand(diff)
    if diff.is_number:
        return sympy.true if diff >= 0 else sympy.false
    if not diff.free_symbols:
        raise ValueError(f"cannot compare {diff}")
    return _normal_form(diff, ">" if strict else ">=")


@functools.lru_cache(maxsize=65536)
def _identical(u: sympy.Expr, w: sympy.Expr) -> bool:
    return sympy.expand(u - w) == 0


def _normal(relation):
    """``expr op 0`` as ``primitive polynomial op constant`` with a positive leading term (no
    factoring, which is slow and cannot cancel anything without a context)."""
    if not isinstance(relation, Relational) or type(relation) not in _OP:
        return relation
    return _normal_form(sympy.expand(relation.lhs - relation.rhs), _OP[type(relation)])


def _normal_form(expr: sympy.Expr, op: str):
    """:func:`_normal` of ``expr op 0``, ``expr`` expanded."""
    if expr.is_number:
        return sympy.sympify(_BUILD[op](expr, 0))
    if _is_linear(expr - expr.as_coeff_Add()[0]):
        numerator, denominator = expr, sympy.Integer(1)
    else:
        numerator, denominator = sympy.fraction(sympy.together(expr))
    if not denominator.is_number:
        return _BUILD[op](expr, 0)
    if denominator.is_negative:
        op = _FLIP[op]
    _, poly = sympy.expand(numerator).as_content_primitive()
    leading = next(t for t in poly.as_ordered_terms() if not t.is_number)
    if leading.as_coeff_Mul()[0] < 0:
        poly, op = -poly, _FLIP[op]
    const = poly.as_coeff_Add()[0]
    # a linear form in real symbols is never decided by sympy: skip its attempt (slow)
    return _BUILD[op](poly - const, -const, evaluate=not _is_linear(poly - const))


def _is_linear(expr: sympy.Expr) -> bool:
    """Whether ``expr`` is a sum of (rational multiples of) symbols."""
    return all(t.is_Symbol or (t.is_Mul and len(t.args) == 2 and t.args[0].is_Rational and
                               t.args[1].is_Symbol) for t in sympy.Add.make_args(expr))


class _Feasibility:
    """Emptiness of regions during the solve, cached: True, False or None (undecided).

    A region of strict linear inequalities over interval parameters (the usual case of a
    generic solve; the domain's bounds may be closed) carries its double description
    (:mod:`gametheory.symbolic.polyhedra`), grown one condition at a time from its parent's:
    emptiness, the side of a hyperplane, implications and the irredundant conditions are then
    sign tests on its generators.  Any other conjunction of linear relations is decided by
    Fourier-Motzkin elimination (:func:`gametheory.symbolic.linear.feasible_point`), which also
    gives an exact point of the region; the point is kept, so that adding relations it
    satisfies, or refuting an implication it violates, needs no new query.  Anything else is
    one :func:`gametheory.symbolic.decide.satisfiable` with ``witness=False`` (one z3 query
    when z3 is installed, exact elimination otherwise).
    """

    def __init__(self, parameters):
        self.parameters = tuple(parameters)
        self.cache: dict[frozenset, bool | None] = {}
        self.points: dict[frozenset, dict] = {}
        self.queries = 0
        self.interval = {p.symbol for p in self.parameters if isinstance(p.domain, Interval)}
        self.other = frozenset(p.symbol for p in self.parameters) - self.interval
        self.domain = frozenset(a for p in self.parameters if isinstance(p.domain, Interval)
                                for c in p.constraints() for a in (_atoms(c) or ()))
        self.names = tuple(sorted(s.name for s in self.interval))
        self.row_of: dict[Linear, tuple] = {}
        self.cones: dict[frozenset, Polyhedron | None] = {}
        self.domain_rows = ([(self.row(a), a.op == ">") for a in sorted(self.domain, key=str)]
                            if len(self.names) <= _MAX_CONE_DIMENSION and
                            all(a.op in (">", ">=") for a in self.domain) else None)

    def cone(self, conditions: frozenset, parent: frozenset | None = None) -> Polyhedron | None:
        """The double description (:mod:`gametheory.symbolic.polyhedra`) of a region of
        strict linear inequalities over interval parameters, with the domain's bounds; None
        for anything else, or when it grows past :data:`_MAX_RAYS` generators.  Built from
        the cone of ``parent`` (a subset) when that is known, so that a region costs one
        step per added condition."""
        if conditions in self.cones:
            return self.cones[conditions]
        start = self.cones.get(parent) if parent is not None else None
        rows = self.rows(conditions - parent if start is not None else conditions)
        cone = None
        if rows is not None and self.domain_rows is not None:
            cone = start
            rows = [(row, True) for row in rows]
            if cone is None:
                cone = Polyhedron.universe(len(self.names))
                rows = self.domain_rows + rows
            for row, strict in rows:
                cone = cone.cut(row, strict)
                if len(cone.rays) > _MAX_RAYS:
                    cone = None
                    break
        self.cones[conditions] = cone
        return cone

    def facets(self, conditions: frozenset, base: frozenset,
               parent: frozenset | None = None) -> frozenset | None:
        """The conditions that are facets of the region ``conditions | base`` (the others are
        implied), read off its generators; None if it has no cone (or is empty)."""
        cone = self.cone(conditions | base, parent)
        if cone is None or not cone.nonempty():
            return None
        indices = cone.facets()
        rows = {cone.rows[i] for i in indices}
        kept = frozenset(c for c in conditions
                         if all(self.row(a) in rows for a in _linear_atoms_of(c, self.other)))
        self.cones.setdefault(kept | base, cone.keep(indices))
        return kept

    def rows(self, conditions) -> list | None:
        """The conditions as integer rows over :attr:`names`, if all are strict linear
        inequalities over interval parameters; else None."""
        rows = []
        for c in conditions:
            atoms = _linear_atoms_of(c, self.other)
            if not atoms or any(a.op != ">" for a in atoms):
                return None
            rows.extend(self.row(a) for a in atoms)
        return rows

    def row(self, atom: Linear) -> tuple:
        """The integer row of a strict linear inequality over :attr:`names`, cached."""
        row = self.row_of.get(atom)
        if row is None:
            coeffs, const = _integer_form(atom)
            row = self.row_of[atom] = tuple(coeffs.get(v, 0) for v in self.names) + (const,)
        return row

    def __call__(self, conditions: frozenset) -> bool | None:
        result = self.cache.get(conditions, "missing")
        if result == "missing":
            system = _linear_system(conditions, self.other)
            cone = self.cone(conditions) if system is not None else None
            if cone is not None:
                point = cone.point()
                result = point is not None
                if result:
                    self.points[conditions] = Point(zip(self.names, point))
            elif system is not None:
                point = None if system is False else feasible_point(system | self.domain)
                result = point is not None
                if result:
                    self.points[conditions] = point
            else:
                status = satisfiable(conditions, self.parameters, witness=False).status
                result = {"true": True, "false": False}.get(status)
                self.queries += 1
            self.cache[conditions] = result
        return result

    def extended(self, conditions: frozenset, extra: frozenset) -> bool | None:
        """Whether ``conditions | extra`` has a point, given that ``conditions`` was decided:
        a known point of ``conditions`` that satisfies ``extra`` settles it at once."""
        joint = conditions | extra
        if joint in self.cache:
            return self.cache[joint]
        if self.cone(conditions) is not None:
            self.cone(joint, conditions)
            return self(joint)
        point = self.points.get(conditions)
        if point is not None and _holds_all(extra, point, self.other):
            self.cache[joint], self.points[joint] = True, point
            return True
        return self(joint)

    def implies(self, conditions: frozenset, relation, point=None) -> bool:
        """Whether ``conditions`` imply ``relation`` (False when undecided); ``point``, if
        given, is a known point of the region.

        With a point ``p`` of a convex region ``R`` where ``L(p) > 0`` for the linear
        relation ``L > 0`` (or ``L >= 0``), ``R`` lies in ``L > 0`` exactly when it misses the
        hyperplane ``L = 0`` (a segment from ``p`` to a point with ``L <= 0`` crosses it):
        a test in one dimension fewer than that of ``R and not relation``.
        """
        if relation in conditions:
            return True
        side = self.side(conditions, relation)
        if side is not None:
            return side == 1
        point = point or self.points.get(conditions)
        if point is not None:
            value = _linear_sign(relation, point, self.other)
            if value is not None:
                strict = _OP[type(relation)] in (">", "<")
                if value < 0 or (value == 0 and strict):
                    return False
                if value > 0 and _convex(conditions, self.other):
                    if self(conditions | {_boundary(relation)}) is False:
                        return True
                    if strict:
                        return False
            elif not _holds_all((relation,), point, self.other):
                return False
        return self(conditions | {negate(relation)}) is False

    def side(self, conditions: frozenset, relation) -> int | None:
        """Where an open convex region lies with respect to a linear relation ``L > 0``:
        1 inside it, -1 outside it (``L < 0`` throughout), 0 cut by its hyperplane (points on
        both sides); None when this is not known cheaply (no known point, the point on the
        hyperplane, or conditions that are not strict linear inequalities).  One test in one
        dimension fewer: whether the region meets ``L = 0`` (see :meth:`implies`)."""
        cone = self.cone(conditions)
        atoms = _linear_atoms_of(relation, self.other)
        if cone is not None and atoms and len(atoms) == 1 and atoms[0].op in (">", ">="):
            return cone.side(self.row(atoms[0])) if cone.nonempty() else None
        point = self.points.get(conditions)
        if point is None:
            return None
        value = _linear_sign(relation, point, self.other)
        if not value or not self.is_open(conditions):
            return None
        return 0 if self(conditions | {_boundary(relation)}) else value

    def is_open(self, conditions: frozenset) -> bool:
        """Whether the conditions and the domain are strict linear inequalities."""
        system = _linear_system(conditions, self.other)
        return bool(system is not None and system is not False and
                    all(a.op == ">" for a in system | self.domain))

    def covered(self, conditions, parts) -> bool:
        """Whether the conjunction lies in the union of the parts (False when undecided)."""
        conditions = frozenset(conditions)
        point = self.points.get(conditions)
        if point is not None and not any(_holds_all(part, point, self.other) for part in parts):
            return False
        negated = [[negate(c) for c in part] for part in parts]
        if any(not part for part in parts):
            return True
        if _linear_system(conditions.union(*negated), self.other) is None or \
                _size(negated) > _MAX_SPLIT:
            return covered(conditions, parts, self.parameters).status == "true"
        # the rest, conditions and not part_1 and ... and not part_k, distributed
        return all(self(conditions | frozenset(choice)) is False
                   for choice in itertools.product(*negated))


_MAX_CONE_DIMENSION = 6
"""Regions are described by their generators (:meth:`_Feasibility.cone`) in at most this
many parameters; Fourier-Motzkin decides the others."""

_MAX_RAYS = 400
"""Most generators a region's description may have before Fourier-Motzkin takes over."""

_MAX_SPLIT = 64
"""Most conjunctions a covering test is distributed into before z3 takes it whole."""


def _size(alternatives) -> int:
    count = 1
    for options in alternatives:
        count *= len(options)
    return count


def _linear_system(conditions, other) -> frozenset | bool | None:
    """The conditions as exact linear atoms; False if one is false; None when one is not
    linear or involves a parameter that is not an interval (switch, integer)."""
    atoms = []
    for c in conditions:
        translated = _linear_atoms_of(c, other)
        if translated is None:
            return None
        if translated is False:
            return False
        atoms.extend(translated)
    return frozenset(atoms)


@functools.lru_cache(maxsize=65536)
def _linear_atoms_of(relation, other):
    if isinstance(relation, Relational) and relation.free_symbols & other:
        return None
    atoms = _atoms(relation)
    if atoms is None:
        return False
    if not all(isinstance(a, Linear) for a in atoms):
        return None
    return atoms


def _holds_all(relations, point: Point, other) -> bool:
    """Exact truth of linear relations at a point of the linear engine; False when a relation
    is not linear over interval parameters (no claim is made then)."""
    for r in relations:
        atoms = _linear_atoms_of(r, other)
        if atoms is None or atoms is False:
            return False
        if not all(point.satisfies(a) for a in atoms):
            return False
    return True


def _linear_sign(relation, point: Point, other) -> int | None:
    """The sign at the point of ``L`` for a relation ``L > 0`` or ``L >= 0`` with ``L``
    linear over interval parameters (``<``, ``<=`` turned around); None for anything else."""
    atoms = _linear_atoms_of(relation, other)
    if not atoms or len(atoms) != 1 or atoms[0].op not in (">", ">="):
        return None
    return point.sign(atoms[0])


def _convex(conditions, other) -> bool:
    """Whether the conditions are linear over interval parameters, with no ``!=``."""
    system = _linear_system(conditions, other)
    return bool(system is not None and system is not False and
                all(a.op != "!=" for a in system))


@functools.lru_cache(maxsize=65536)
def _boundary(relation):
    """The hyperplane of a linear relation: ``Eq(lhs, rhs)``."""
    return sympy.Eq(relation.lhs, relation.rhs, evaluate=False)


class _Solver:
    """Backward induction over the compiled tree for one case of the switch parameters."""

    def __init__(self, game, case, parameters, assumptions, generic):
        self.game = game
        self.tree = game.tree
        self.case = case
        self.parameters = tuple(p for p in parameters if p.symbol not in case)
        self.assumptions = assumptions
        self.generic = generic
        self.check = _Feasibility(self.parameters)
        self.sizes = game.infoset_sizes()
        self.rules: dict[int, list] | None = {} if generic else None
        self.sticky: set[int] = set()
        self.tidied: dict[frozenset, frozenset] = {}
        self.irredundant: set[frozenset] = {frozenset()}   # tidied regions
        self.apart: set[tuple[frozenset, frozenset]] = set()   # pairs that unite() refused
        self.keys: dict[frozenset, list | None] = {}            # region -> its facet keys
        self.settled: dict[frozenset, int] = {}   # region -> the last merge that returned it
        self.merges = itertools.count()

    def feasible(self, conditions: frozenset) -> bool | None:
        """Whether the region has a point: True, False, or None (undecided)."""
        return self.check(conditions | frozenset(self.assumptions))

    def feasible_with(self, conditions: frozenset, extra: frozenset) -> bool | None:
        """Whether ``conditions | extra`` has a point, ``conditions`` being decided."""
        return self.check.extended(conditions | frozenset(self.assumptions), extra)

    def payoff(self, v: int) -> tuple:
        return tuple(sympy.sympify(to_sympy(self.tree.exact_payoff(v, i))).xreplace(self.case)
                     for i in range(self.game.n_players))

    def prob(self, v: int) -> sympy.Expr:
        return sympy.sympify(to_sympy(self.tree.exact_prob(v))).xreplace(self.case)

    def children(self, v: int) -> list[int]:
        return list(self.tree.children(v))

    def solve(self) -> list[_Branch]:
        tree = self.tree
        values: dict[int, list[_Branch]] = {}
        player = tree.player.tolist()
        infoset = tree.infoset.tolist()
        for v in range(tree.n_nodes - 1, -1, -1):
            if player[v] == _TERMINAL:
                values[v] = [_Branch(frozenset(), (), self.payoff(v))]
            elif player[v] == _CHANCE:
                values[v] = self.chance(v, values)
            elif self.sizes[infoset[v]] > 1:
                continue  # the second mover of a simultaneous move: solved at the parent
            elif self.is_simultaneous(v):
                values[v] = self.simultaneous(v, values)
            else:
                values[v] = self.decision(v, values)
            for child in self.children(v):
                values.pop(child, None)
        return values[0]

    # ---- combining children
    def combine(self, lists: Sequence[list[_Branch]]) -> list[tuple]:
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
        return partial

    def chance(self, v: int, values) -> list[_Branch]:
        kids = self.children(v)
        probs = [self.prob(c) for c in kids]
        out = []
        for conditions, choices, payoffs, decided in self.combine([values[c] for c in kids]):
            total = tuple(sympy.expand(sum(p * u[i] for p, u in zip(probs, payoffs)))
                          for i in range(self.game.n_players))
            out.append(_Branch(self.tidy(conditions), sum(choices, ()), total, decided))
        return self.merge(out)

    def decision(self, v: int, values) -> list[_Branch]:
        kids = self.children(v)
        mover = int(self.tree.player[v])
        k = int(self.tree.infoset[v])
        out = []
        for conditions, choices, payoffs, decided in self.combine([values[c] for c in kids]):
            for a in range(len(kids)):
                extra = [_compare_values(payoffs[a][mover], payoffs[b][mover], self.generic)
                         for b in range(len(kids)) if b != a]
                if self.rules is not None and any(
                        _identical(payoffs[a][mover], payoffs[b][mover])
                        for b in range(len(kids)) if b != a):
                    self.sticky.add(k)   # tied everywhere: list both, even off the path
                branch = self.extend(conditions, extra, decided)
                if branch is None:
                    continue
                joint, ok = branch
                probs = tuple(sympy.Integer(int(b == a)) for b in range(len(kids)))
                kept = (choices[a] + self.off_path_sticky(choices, (a,))
                        if self.rules is not None else sum(choices, ()))
                out.append(_Branch(joint, kept + ((k, probs),), payoffs[a], ok))
        return self.record(self.merge(out), 1)

    # ---- per-node rules (generic mode)
    def off_path_sticky(self, choices, on_path) -> tuple:
        """The choices off the path that stay listed: at nodes tied everywhere (both
        equilibria are listed, which one rule per node cannot say)."""
        return tuple(c for t, own in enumerate(choices) if t not in on_path
                     for c in own if c[0] in self.sticky)

    def record(self, branches: list[_Branch], movers: int) -> list[_Branch]:
        """Keep each branch's own choices (the last ``movers`` ones) as the node's rule."""
        if self.rules is not None:
            for b in branches:
                for k, probs in b.choices[-movers:]:
                    self.rules.setdefault(k, []).append((b.conditions, probs))
        return branches

    def merge(self, branches: list[_Branch]) -> list[_Branch]:
        """In generic mode, unite branches with the same path and payoffs when the union of
        their regions is (up to boundaries) one conjunction (:meth:`unite`)."""
        if self.rules is None or len(branches) < 2:
            return branches
        groups: dict[tuple, list[_Branch]] = {}
        for b in branches:
            groups.setdefault((b.choices, b.payoffs), []).append(b)
        out = []
        for group in groups.values():
            # regions that one earlier merge returned together stay as they were
            settled = len({self.settled.get(b.conditions) for b in group} - {None}) == 1 and \
                all(b.conditions in self.settled for b in group)
            out.extend(self.merge_group(group) if len(group) > 1 and not settled else group)
        return out

    def merge_group(self, group: list[_Branch]) -> list[_Branch]:
        """Unite pairs of one group until none unites.  Candidate pairs wait in a queue; only
        regions with a hyperplane that bounds the one on one side and the other on the other,
        with the same face on it, can unite (:meth:`unite`), so an index from (hyperplane,
        side, face) to regions finds the partners of each new region; a region with a
        non-linear condition is tried with every other."""
        alive: dict[int, _Branch] = {}
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

    def facet_keys(self, branch: _Branch) -> list | None:
        """(hyperplane, side, face) of each condition of a linear region, the face being the
        generators on the hyperplane when the region has a cone without lines (else None);
        None if a condition is not a linear inequality.  Cached by region."""
        conditions = branch.conditions
        if conditions in self.keys:
            return self.keys[conditions]
        sides = _facet_sides(conditions, self.check.other)
        cone = None if sides is None else self.check.cone(conditions | frozenset(self.assumptions))
        if sides is None:
            keys = None
        elif cone is None or cone.lines:
            keys = [(plane, side, None) for plane, side in sides]
        else:
            rows = {c: self.check.row(_linear_atoms_of(c, self.check.other)[0])
                    for c in sides.values()}
            keys = [(plane, side, cone.face(rows[c])) for (plane, side), c in sides.items()]
        self.keys[conditions] = keys
        return keys

    def unite(self, b1: _Branch, b2: _Branch) -> _Branch | None:
        """The branch on the union of two regions, if that union is (up to boundaries) one
        conjunction; else None."""
        facets = _opposite_facets(b1.conditions, b2.conditions, self.check.other)
        if facets is None:
            return self.unite_by_hull(b1, b2)
        base = frozenset(self.assumptions)
        check = self.check
        cones = check.cone(b1.conditions | base), check.cone(b2.conditions | base)
        for c1, c2 in facets:
            if None not in cones and not cones[0].lines and not cones[1].lines:
                # P = K & H+ and Q = K & H- have the same face K & H on H
                (atom,) = _linear_atoms_of(c1, check.other)
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
            return _Branch(union, b1.choices, b1.payoffs, b1.decided and b2.decided)
        return None

    def unite_by_hull(self, b1: _Branch, b2: _Branch) -> _Branch | None:
        """:meth:`unite` for any conditions: the *hull* keeps the conditions of each region
        that the other implies; it replaces them when it lies in the union of their closures
        (:func:`gametheory.symbolic.decide.covered`)."""
        base = frozenset(self.assumptions)
        c1, c2 = b1.conditions | base, b2.conditions | base
        # The hull is convex and meets both regions: it cannot lie in the union of their
        # closures when the closures are disjoint (two disjoint closed sets do not cover a
        # connected set that meets both).
        if _opposed(b1.conditions, b2.conditions, self.check.other):
            return None
        touching = frozenset(_closure(c) for c in c1 | c2)
        if self.check(touching) is False:
            return None
        hull = frozenset(c for c in b1.conditions if self.check.implies(c2, c)) | frozenset(
            c for c in b2.conditions if self.check.implies(c1, c))
        parts = [[_closure(c) for c in b.conditions - hull] for b in (b1, b2)]
        if not self.check.covered(tuple(hull | base), parts):
            return None
        return _Branch(hull, b1.choices, b1.payoffs, b1.decided and b2.decided)

    def extend(self, conditions: frozenset, extra, decided):
        """Add relations to a region: (tidied region, decided), or None if it becomes empty.

        A relation whose hyperplane misses the region either holds throughout (it is
        dropped) or nowhere (the result is empty); one that cuts it leaves points on both
        sides (:meth:`_Feasibility.side`), so a single cutting relation needs no further test.
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
        elif _linear_system(conditions | base, self.check.other) is not None:
            point = check.points.get(conditions | base)
            facet = None
            if core in self.irredundant:
                kept = core | frozenset(c for c in conditions - core
                                        if cut or not check.implies(core | base, c, point))
                if cut and len(kept - core) == 1:
                    (facet,) = kept - core
            if kept != core:
                for c in sorted(kept - {facet}, key=_condition_order):
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

    def simultaneous(self, v: int, values) -> list[_Branch]:
        tree = self.tree
        rows = self.children(v)
        cols = len(self.children(rows[0]))
        cells = [c for r in rows for c in self.children(r)]
        missing = [c for c in cells if c not in values]
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
            for x, y, extra in _support_equilibria(table, i, j, m, cols, self.generic):
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
                out.append(_Branch(joint, kept + ((k_row, x), (k_col, y)), total, ok))
        return self.record(self.merge(out), 2)


_CLOSED = {">": ">=", "<": "<="}


def _opposite_facets(conditions1, conditions2, other) -> list | None:
    """The pairs (c1, c2) of a condition of each region that bound the two sides of one
    hyperplane; None when a condition is not a linear inequality over interval parameters.

    Two open polyhedra whose union is convex up to boundaries, ``P = K & H+`` and
    ``Q = K & H-``, share such a pair (the separating hyperplane ``H`` carries a facet of each,
    and every description of a polyhedron lists its facets); with no pair they never merge.
    """
    sides1, sides2 = _facet_sides(conditions1, other), _facet_sides(conditions2, other)
    if sides1 is None or sides2 is None:
        return None
    return [(c, sides2[plane, -side]) for (plane, side), c in sides1.items()
            if (plane, -side) in sides2]


@functools.lru_cache(maxsize=65536)
def _facet_sides(conditions, other) -> dict | None:
    """(hyperplane, side) -> condition, for each condition, a strict linear inequality; None
    if a condition is anything else."""
    out = {}
    for c in conditions:
        atoms = _linear_atoms_of(c, other)
        if not atoms or len(atoms) != 1 or atoms[0].op != ">" or not atoms[0].coeffs:
            return None
        coeffs, const = _integer_form(atoms[0])
        side = 1 if atoms[0].coeffs[0][1] > 0 else -1
        out[(tuple((v, side * k) for v, k in coeffs.items()), side * const), side] = c
    return out


def _opposed(conditions1, conditions2, other) -> bool:
    """A quick exact proof that the closures of two regions are disjoint: a closed half-space
    of the one and one of the other on the same line lie apart (``L >= -k1``, ``L <= k2`` with
    ``-k1 > k2``).  False means only that this test finds no proof."""
    lower = _half_spaces(conditions1, other)
    if not lower:
        return False
    for coeffs, k2 in _half_spaces(conditions2, other).items():
        k1 = lower.get(tuple((v, -c) for v, c in coeffs))
        if k1 is not None and k1 + k2 < 0:
            return True
    return False


def _half_spaces(conditions, other) -> dict:
    """The closed half-spaces ``coeffs . x + k >= 0`` that linear conditions give: coeffs ->
    the smallest k (the tightest)."""
    out: dict = {}
    for c in conditions:
        for coeffs, k in _closed_forms(c, other):
            if coeffs not in out or k < out[coeffs]:
                out[coeffs] = k
    return out


@functools.lru_cache(maxsize=65536)
def _closed_forms(relation, other) -> tuple:
    atoms = _linear_atoms_of(relation, other)
    if not atoms:
        return ()
    forms = []
    for a in atoms:
        if a.op in (">", ">="):
            forms.append((a.coeffs, a.const))
        elif a.op == "=":
            forms.append((a.coeffs, a.const))
            forms.append((tuple((v, -c) for v, c in a.coeffs), -a.const))
    return tuple(forms)


@functools.lru_cache(maxsize=65536)
def _closure(relation):
    """The closed relation (``>`` becomes ``>=``); others are unchanged."""
    if isinstance(relation, Relational) and _OP.get(type(relation)) in _CLOSED:
        return _BUILD[_CLOSED[_OP[type(relation)]]](relation.lhs, relation.rhs)
    return relation


def _support_equilibria(table, i, j, m, n, generic):
    """Support enumeration for a bimatrix ``table[r][s][player]``: (x, y, conditions)."""
    A = [[table[r][s][i] for s in range(n)] for r in range(m)]
    B = [[table[r][s][j] for s in range(n)] for r in range(m)]
    for size in range(1, min(m, n) + 1):
        for I in itertools.combinations(range(m), size):
            for J in itertools.combinations(range(n), size):
                solved = _indifference(A, B, I, J, m, n)
                if solved is None:
                    continue
                x, y, extra = solved
                u = [sum(A[r][s] * y[s] for s in range(n)) for r in range(m)]
                w = [sum(B[r][s] * x[r] for r in range(m)) for s in range(n)]
                conditions = list(extra)
                if size > 1:
                    conditions += [_positive(x[r]) for r in I]
                    conditions += [_positive(y[s]) for s in J]
                conditions += [_compare(u[I[0]] - u[r], generic) for r in range(m) if r not in I]
                conditions += [_compare(w[J[0]] - w[s], generic) for s in range(n) if s not in J]
                yield tuple(x), tuple(y), conditions


def _indifference(A, B, I, J, m, n):
    """Solve the indifference equations of a support pair exactly; None if singular."""
    size = len(I)
    if size == 1:
        x = [sympy.Integer(int(r == I[0])) for r in range(m)]
        y = [sympy.Integer(int(s == J[0])) for s in range(n)]
        return x, y, []
    extra = []

    def solve(M, support, other):
        # unknowns: probabilities on `support` and the value; rows: indifference on `other`
        matrix = sympy.Matrix([[M[r][s] for s in support] + [-1] for r in other]
                              + [[1] * len(support) + [0]])
        rhs = sympy.Matrix([0] * len(other) + [1])
        det = sympy.expand(matrix.det())
        if det == 0:
            return None
        if not det.is_number:
            extra.append(_normal(sympy.Ne(det, 0)))
        adj = matrix.adjugate() * rhs
        return [sympy.cancel(adj[t] / det) for t in range(len(support))]

    ys = solve(A, J, I)                   # the row player is indifferent over I
    xs = solve([list(col) for col in zip(*B)], I, J)   # the column player over J
    if ys is None or xs is None:
        return None
    x = [sympy.Integer(0)] * m
    y = [sympy.Integer(0)] * n
    for t, r in enumerate(I):
        x[r] = xs[t]
    for t, s in enumerate(J):
        y[s] = ys[t]
    return x, y, extra


# ----------------------------------------------------------------------------- merging

@functools.lru_cache(maxsize=65536)
def _key(relation):
    """(expression, operator) of a normalised relation ``expr op 0``."""
    if not isinstance(relation, Relational) or type(relation) not in _OP:
        return None
    return sympy.expand(relation.lhs - relation.rhs), _OP[type(relation)]


_COVERS = {frozenset({">=", "<"}), frozenset({">", "<="}), frozenset({">=", "<="})}


def _complementary(r1, r2, switches) -> bool:
    k1, k2 = _key(r1), _key(r2)
    if k1 is None or k2 is None:
        return False
    (e1, o1), (e2, o2) = k1, k2
    if o1 == o2 == "=" and isinstance(r1.lhs, sympy.Symbol) and r1.lhs == r2.lhs \
            and r1.lhs in switches and {r1.rhs, r2.rhs} == {0, 1}:
        return True
    if e1 == -e2:
        e2, o2 = -e2, {">": "<", ">=": "<=", "<": ">", "<=": ">="}.get(o2, o2)
    return e1 == e2 and frozenset({o1, o2}) in _COVERS


def _merge(branches: list[_Branch], parameters) -> list[_Branch]:
    """Merge pairs with equal choices and payoffs whose regions differ in one complementary
    condition, until none is left.  The union of ``P & c`` and ``P & not c`` is ``P``."""
    switches = {p.symbol for p in parameters if isinstance(p.domain, Switch)}
    groups: dict[tuple, list[_Branch]] = {}
    for b in dict.fromkeys(branches):
        groups.setdefault((b.choices, b.payoffs), []).append(b)
    out = []
    for group in groups.values():
        out.extend(_merge_complementary(group, switches) if len(group) > 1 else group)
    return out


def _merge_complementary(group: list[_Branch], switches) -> list[_Branch]:
    """:func:`_merge` within one group (same choices and payoffs): a work list, and an index
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
        partner = next(((j, rest) for c in sorted(b.conditions, key=_condition_order)
                        for rest in (b.conditions - {c},)
                        for j, c2 in seen.get(rest, ())
                        if j in alive and j != i and _complementary(c, c2, switches)), None)
        if partner is None:
            for c in b.conditions:
                seen.setdefault(b.conditions - {c}, []).append((i, c))
            continue
        j, rest = partner
        k = next(fresh)
        alive[k] = _Branch(rest, b.choices, b.payoffs, b.decided and alive[j].decided)
        del alive[i], alive[j]
        queue.append(k)
    return list(alive.values())


# ----------------------------------------------------------------------------- pieces

def _piece(game, branch: _Branch, check: "_Feasibility", assumptions,
           simplify, off_path=None) -> Piece | None:
    conditions = sorted(branch.conditions, key=_condition_order)
    if simplify:
        conditions = _irredundant(conditions, check, assumptions)
        if conditions is None:
            return None
    region = Region(conditions, check.parameters, assumptions)
    choices = dict(branch.choices)
    off_path = {} if off_path is None else off_path

    def profile():    # built on first use: off the path it holds the piecewise rules
        return tuple(tuple(choices[k] if k in choices else off_path[k] for k in sets)
                     for sets in game.player_infosets)

    return Piece(region, profile, _path(game, choices), branch.payoffs, branch.decided)


def _irredundant(conditions: list, check: "_Feasibility", assumptions) -> list | None:
    """Drop each condition that the others (with the domain and assumptions) imply: ``c`` is
    redundant when ``others and not c`` is empty.  None if the region itself is empty."""
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


@functools.lru_cache(maxsize=65536)
def _condition_order(relation):
    switch_last = isinstance(relation, sympy.Eq) and relation.rhs.is_number and \
        isinstance(relation.lhs, sympy.Symbol)
    return (switch_last, sympy.default_sort_key(relation))


def _path(game, choices) -> tuple[str, ...]:
    """Action labels on the equilibrium path, in pre-order."""
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
        if tree.player[v] == _CHANCE:
            taken = [a for a, c in enumerate(kids) if tree.exact_prob(c) != 0]
        else:
            taken = [a for a, p in enumerate(choices[k]) if p != 0]
        stack.extend((actions[a], kids[a]) for a in reversed(taken))
    return tuple(labels)
