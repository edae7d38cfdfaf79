"""Emptiness, implication and covering of the parametric solver's regions, decided exactly and
remembered for one solve.

A region is a conjunction of relations over the parameters.  :class:`Feasibility` answers
whether one has a point (True, False or None when undecided), whether it implies a relation,
on which side of a hyperplane it lies and whether it lies in a union of others; it keeps every
answer, the exact points it found and the double descriptions of open polyhedral regions
(:mod:`gametheory.symbolic.polyhedra`; Motzkin et al. 1953, Fukuda and Prodon 1996), so a
region grown one condition at a time costs one step per condition.  :class:`LinearView` reads
relations as exact linear atoms (:mod:`gametheory.symbolic.linear`) over the interval
parameters, and remembers each reading.  Both belong to one solve: their memory goes with it.
"""

from __future__ import annotations

import itertools

import sympy

from ..parameters import Interval
from .decide import OPERATORS, covered, negate, relation_atoms, satisfiable
from .linear import Linear, Point, feasible_point, integer_form
from .polyhedra import Polyhedron
from .relations import closure, condition_order

__all__ = ["Feasibility", "LinearView", "MAX_CONE_DIMENSION", "MAX_RAYS", "MAX_SPLIT"]

MAX_CONE_DIMENSION = 6
"""Regions are described by their generators (:meth:`Feasibility.cone`) in at most this
many parameters; Fourier-Motzkin decides the others."""

MAX_RAYS = 400
"""Most generators a region's description may have before Fourier-Motzkin takes over."""

MAX_SPLIT = 64
"""Most conjunctions a covering test is distributed into before z3 takes it whole."""


class LinearView:
    """Relations read as exact linear atoms over the interval parameters, remembered.

    ``other`` are the symbols of the parameters that are not intervals (switches, integers):
    a relation on one of them is not linear here.  Every reading is kept in the view (one
    solve's memory, not the module's).

    Examples
    --------
    >>> a, b = sympy.symbols("a b", real=True)
    >>> view = LinearView(frozenset())
    >>> view.atoms(a - b > 1)
    (Linear(coeffs=(('a', Fraction(1, 1)), ('b', Fraction(-1, 1))), const=Fraction(-1, 1), op='>'),)
    >>> view.opposed({a > 1}, {a < 0}), view.opposed({a > 1}, {a < 2})
    (True, False)
    """

    def __init__(self, other: frozenset):
        self.other = other
        self._atoms: dict = {}
        self._sides: dict = {}
        self._forms: dict = {}
        self._boundary: dict = {}
        self._closure: dict = {}
        self._order: dict = {}

    def atoms(self, relation):
        """The relation's exact linear atoms; False if it is false; None when it is not
        linear or involves a parameter that is not an interval."""
        try:
            return self._atoms[relation]
        except KeyError:
            pass
        if isinstance(relation, sympy.core.relational.Relational) and \
                relation.free_symbols & self.other:
            atoms = None
        else:
            atoms = relation_atoms(relation)
            if atoms is None:
                atoms = False
            elif not all(isinstance(a, Linear) for a in atoms):
                atoms = None
        self._atoms[relation] = atoms
        return atoms

    def system(self, conditions) -> frozenset | bool | None:
        """The conditions as exact linear atoms; False if one is false; None when one is not
        linear or involves a parameter that is not an interval (switch, integer)."""
        atoms = []
        for c in conditions:
            translated = self.atoms(c)
            if translated is None:
                return None
            if translated is False:
                return False
            atoms.extend(translated)
        return frozenset(atoms)

    def holds_all(self, relations, point: Point) -> bool:
        """Exact truth of linear relations at a point of the linear engine; False when a
        relation is not linear over interval parameters (no claim is made then)."""
        for r in relations:
            atoms = self.atoms(r)
            if atoms is None or atoms is False:
                return False
            if not all(point.satisfies(a) for a in atoms):
                return False
        return True

    def sign(self, relation, point: Point) -> int | None:
        """The sign at the point of ``L`` for a relation ``L > 0`` or ``L >= 0`` with ``L``
        linear over interval parameters (``<``, ``<=`` turned around); None otherwise."""
        atoms = self.atoms(relation)
        if not atoms or len(atoms) != 1 or atoms[0].op not in (">", ">="):
            return None
        return point.sign(atoms[0])

    def convex(self, conditions) -> bool:
        """Whether the conditions are linear over interval parameters, with no ``!=``."""
        system = self.system(conditions)
        return bool(system is not None and system is not False and
                    all(a.op != "!=" for a in system))

    def boundary(self, relation):
        """The hyperplane of a linear relation: ``Eq(lhs, rhs)``."""
        out = self._boundary.get(relation)
        if out is None:
            out = self._boundary[relation] = sympy.Eq(relation.lhs, relation.rhs,
                                                      evaluate=False)
        return out

    def closure(self, relation):
        """:func:`gametheory.symbolic.relations.closure`, remembered."""
        out = self._closure.get(relation)
        if out is None:
            out = self._closure[relation] = closure(relation)
        return out

    def order(self, relation):
        """:func:`gametheory.symbolic.relations.condition_order`, remembered."""
        out = self._order.get(relation)
        if out is None:
            out = self._order[relation] = condition_order(relation)
        return out

    def facet_sides(self, conditions) -> dict | None:
        """(hyperplane, side) -> condition, for each condition, a strict linear inequality;
        None if a condition is anything else."""
        try:
            return self._sides[conditions]
        except KeyError:
            pass
        out: dict | None = {}
        for c in conditions:
            atoms = self.atoms(c)
            if not atoms or len(atoms) != 1 or atoms[0].op != ">" or not atoms[0].coeffs:
                out = None
                break
            coeffs, const = integer_form(atoms[0])
            side = 1 if atoms[0].coeffs[0][1] > 0 else -1
            out[(tuple((v, side * k) for v, k in coeffs.items()), side * const), side] = c
        self._sides[conditions] = out
        return out

    def opposite_facets(self, conditions1, conditions2) -> list | None:
        """The pairs (c1, c2) of a condition of each region that bound the two sides of one
        hyperplane; None when a condition is not a linear inequality over interval parameters.

        Two open polyhedra whose union is convex up to boundaries, ``P = K & H+`` and
        ``Q = K & H-``, share such a pair (the separating hyperplane ``H`` carries a facet of
        each, and every description of a polyhedron lists its facets); with no pair they
        never merge.
        """
        sides1, sides2 = self.facet_sides(conditions1), self.facet_sides(conditions2)
        if sides1 is None or sides2 is None:
            return None
        return [(c, sides2[plane, -side]) for (plane, side), c in sides1.items()
                if (plane, -side) in sides2]

    def opposed(self, conditions1, conditions2) -> bool:
        """A quick exact proof that the closures of two regions are disjoint: a closed
        half-space of the one and one of the other on the same line lie apart (``L >= -k1``,
        ``L <= k2`` with ``-k1 > k2``).  False means only that this test finds no proof."""
        lower = self.half_spaces(conditions1)
        if not lower:
            return False
        for coeffs, k2 in self.half_spaces(conditions2).items():
            k1 = lower.get(tuple((v, -c) for v, c in coeffs))
            if k1 is not None and k1 + k2 < 0:
                return True
        return False

    def half_spaces(self, conditions) -> dict:
        """The closed half-spaces ``coeffs . x + k >= 0`` that linear conditions give: coeffs
        -> the smallest k (the tightest)."""
        out: dict = {}
        for c in conditions:
            for coeffs, k in self.closed_forms(c):
                if coeffs not in out or k < out[coeffs]:
                    out[coeffs] = k
        return out

    def closed_forms(self, relation) -> tuple:
        """The closed half-spaces ``(coeffs, const)`` of a linear relation (two for ``=``)."""
        forms = self._forms.get(relation)
        if forms is not None:
            return forms
        atoms = self.atoms(relation)
        out = []
        for a in atoms or ():
            if a.op in (">", ">="):
                out.append((a.coeffs, a.const))
            elif a.op == "=":
                out.append((a.coeffs, a.const))
                out.append((tuple((v, -c) for v, c in a.coeffs), -a.const))
        forms = self._forms[relation] = tuple(out)
        return forms


class Feasibility:
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
        self.view = LinearView(self.other)
        self.domain = frozenset(a for p in self.parameters if isinstance(p.domain, Interval)
                                for c in p.constraints() for a in (relation_atoms(c) or ()))
        self.names = tuple(sorted(s.name for s in self.interval))
        self.row_of: dict[Linear, tuple] = {}
        self.cones: dict[frozenset, Polyhedron | None] = {}
        self.domain_rows = ([(self.row(a), a.op == ">") for a in sorted(self.domain, key=str)]
                            if len(self.names) <= MAX_CONE_DIMENSION and
                            all(a.op in (">", ">=") for a in self.domain) else None)

    def cone(self, conditions: frozenset, parent: frozenset | None = None) -> Polyhedron | None:
        """The double description (:mod:`gametheory.symbolic.polyhedra`) of a region of
        strict linear inequalities over interval parameters, with the domain's bounds; None
        for anything else, or when it grows past :data:`MAX_RAYS` generators.  Built from
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
                if len(cone.rays) > MAX_RAYS:
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
                         if all(self.row(a) in rows for a in self.view.atoms(c)))
        self.cones.setdefault(kept | base, cone.keep(indices))
        return kept

    def rows(self, conditions) -> list | None:
        """The conditions as integer rows over :attr:`names`, if all are strict linear
        inequalities over interval parameters; else None."""
        rows = []
        for c in conditions:
            atoms = self.view.atoms(c)
            if not atoms or any(a.op != ">" for a in atoms):
                return None
            rows.extend(self.row(a) for a in atoms)
        return rows

    def row(self, atom: Linear) -> tuple:
        """The integer row of a strict linear inequality over :attr:`names`, cached."""
        row = self.row_of.get(atom)
        if row is None:
            coeffs, const = integer_form(atom)
            row = self.row_of[atom] = tuple(coeffs.get(v, 0) for v in self.names) + (const,)
        return row

    def __call__(self, conditions: frozenset) -> bool | None:
        result = self.cache.get(conditions, "missing")
        if result == "missing":
            system = self.view.system(conditions)
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
        if point is not None and self.view.holds_all(extra, point):
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
            value = self.view.sign(relation, point)
            if value is not None:
                strict = OPERATORS[type(relation)] in (">", "<")
                if value < 0 or (value == 0 and strict):
                    return False
                if value > 0 and self.view.convex(conditions):
                    if self(conditions | {self.view.boundary(relation)}) is False:
                        return True
                    if strict:
                        return False
            elif not self.view.holds_all((relation,), point):
                return False
        return self(conditions | {negate(relation)}) is False

    def side(self, conditions: frozenset, relation) -> int | None:
        """Where an open convex region lies with respect to a linear relation ``L > 0``:
        1 inside it, -1 outside it (``L < 0`` throughout), 0 cut by its hyperplane (points on
        both sides); None when this is not known cheaply (no known point, the point on the
        hyperplane, or conditions that are not strict linear inequalities).  One test in one
        dimension fewer: whether the region meets ``L = 0`` (see :meth:`implies`)."""
        cone = self.cone(conditions)
        atoms = self.view.atoms(relation)
        if cone is not None and atoms and len(atoms) == 1 and atoms[0].op in (">", ">="):
            return cone.side(self.row(atoms[0])) if cone.nonempty() else None
        point = self.points.get(conditions)
        if point is None:
            return None
        value = self.view.sign(relation, point)
        if not value or not self.is_open(conditions):
            return None
        return 0 if self(conditions | {self.view.boundary(relation)}) else value

    def is_open(self, conditions: frozenset) -> bool:
        """Whether the conditions and the domain are strict linear inequalities."""
        system = self.view.system(conditions)
        return bool(system is not None and system is not False and
                    all(a.op == ">" for a in system | self.domain))

    def covered(self, conditions, parts) -> bool:
        """Whether the conjunction lies in the union of the parts (False when undecided)."""
        conditions = frozenset(conditions)
        point = self.points.get(conditions)
        if point is not None and not any(self.view.holds_all(part, point) for part in parts):
            return False
        negated = [[negate(c) for c in part] for part in parts]
        if any(not part for part in parts):
            return True
        if self.view.system(conditions.union(*negated)) is None or \
                _size(negated) > MAX_SPLIT:
            return covered(conditions, parts, self.parameters).status == "true"
        # the rest, conditions and not part_1 and ... and not part_k, distributed
        return all(self(conditions | frozenset(choice)) is False
                   for choice in itertools.product(*negated))




def _size(alternatives) -> int:
    count = 1
    for options in alternatives:
        count *= len(options)
    return count
