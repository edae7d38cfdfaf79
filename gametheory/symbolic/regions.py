"""Parameter regions: conjunctions of relations over declared parameters, decided exactly.

A :class:`Region` is the set of parameter values where every condition holds, inside the
parameters' domains and under the global assumptions.  Emptiness, implication and sample points
are decided by :func:`gametheory.symbolic.decide.satisfiable`: exactly for linear conditions
(rational arithmetic), switches and bounded integers (enumerated), soundly for polynomial ones
(z3's nlsat, or ``undecided``).  An implication ``region => claim`` is proved by showing that
``region and not claim`` is empty; when it is not, the witness is an exact counterexample.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Iterable, Mapping

import sympy
from sympy.core.relational import Relational

from ..parameters import Interval, Parameter, as_parameter
from .decide import (BUILDERS, FLIPPED, OPERATORS, Decision, UndecidedError, negate,
                     relation_holds, satisfiable)

__all__ = ["Region", "prove_implication", "find_counterexample", "normalize_relation"]


def _conjuncts(relations) -> tuple[sympy.Basic, ...]:
    """Flatten ``And`` and drop ``true``; anything but relations is refused."""
    if isinstance(relations, (sympy.Basic, bool)):
        relations = (relations,)
    out: list[sympy.Basic] = []
    for r in relations:
        r = sympy.true if r is True else sympy.false if r is False else r
        if isinstance(r, sympy.And):
            out.extend(_conjuncts(r.args))
        elif r is sympy.true:
            continue
        elif r is sympy.false or (isinstance(r, Relational) and type(r) in OPERATORS):
            if r not in out:
                out.append(r)
        else:
            raise ValueError(f"a region is a conjunction of <, <=, >, >=, Eq, Ne; got {r!r}")
    return tuple(out)


@dataclass(frozen=True)
class Region:
    """An immutable conjunction of relations over parameters.

    Parameters
    ----------
    conditions : iterable of sympy relations
        ``<``, ``<=``, ``>``, ``>=``, ``Eq``, ``Ne`` (``And`` is flattened).
    parameters : iterable of Parameter (or names / symbols, read as unbounded reals)
        The domain: each parameter's constraints hold in the region.  Switch and integer
        parameters take only their discrete values.
    assumptions : iterable of sympy relations
        Global assumptions (such as ``K_H > ell_A > K_W``), kept apart from the conditions.

    Examples
    --------
    >>> from gametheory.parameters import Parameter
    >>> h, s, v = Parameter("h", ">= 0"), Parameter("s", "> 0"), Parameter("v_S", ">= 0")
    >>> region = Region([h.symbol * s.symbol < v.symbol], (h, s, v))
    >>> region.is_empty(), region.contains({"h": 1, "s": 1, "v_S": 2})
    (False, True)
    >>> bool(region.implies(v.symbol > 0))
    True
    """

    conditions: tuple[sympy.Basic, ...] = ()
    parameters: tuple[Parameter, ...] = ()
    assumptions: tuple[sympy.Basic, ...] = ()

    def __post_init__(self):
        object.__setattr__(self, "conditions", _conjuncts(self.conditions))
        object.__setattr__(self, "assumptions", _conjuncts(self.assumptions))
        params: dict[str, Parameter] = {}
        for p in self.parameters:
            p = as_parameter(p)
            if params.setdefault(p.name, p) != p:
                raise ValueError(f"parameter {p.name!r} is declared twice with different domains")
        object.__setattr__(self, "parameters", tuple(params.values()))

    # --- building ------------------------------------------------------------------------

    def intersect(self, other: "Region | sympy.Basic | Iterable[sympy.Basic]") -> "Region":
        """The region where both hold (parameters and assumptions are merged).

        Examples
        --------
        >>> x = sympy.Symbol("x", real=True)
        >>> Region([x > 0]).intersect(x < 1).conditions
        (x > 0, x < 1)
        """
        if not isinstance(other, Region):
            other = Region(other)
        return Region(self.conditions + other.conditions, self.parameters + other.parameters,
                      self.assumptions + other.assumptions)

    def split(self, relation: sympy.Basic) -> tuple["Region | None", "Region | None"]:
        """The parts where ``relation`` holds and where it fails; a part proved empty is None.

        Examples
        --------
        >>> x = sympy.Symbol("x", real=True)
        >>> holds, fails = Region([x >= 0]).split(x < 0)
        >>> holds is None, fails.conditions
        (True, (x >= 0,))
        """
        parts = []
        for piece in (relation, negate(relation)):
            region = self.intersect(piece)
            decision = region.feasibility(witness=False)
            parts.append(None if decision.status == "false" else region)
        return parts[0], parts[1]

    # --- deciding ------------------------------------------------------------------------

    def feasibility(self, interior: bool = False, witness: bool = True) -> Decision:
        """Three-valued: ``'true'`` (with a witness unless ``witness=False``) if the region
        has a point (see :func:`gametheory.symbolic.decide.satisfiable`)."""
        return satisfiable(self.conditions + self.assumptions, self.parameters, interior,
                           witness)

    def is_empty(self) -> bool:
        """Whether the region has no point, decided exactly.

        Raises
        ------
        UndecidedError
            If the conditions are outside what can be decided (see :mod:`.decide`).

        Examples
        --------
        >>> x = sympy.Symbol("x", real=True)
        >>> Region([x > 0, x < 0]).is_empty(), Region([x >= 0, x <= 0]).is_empty()
        (True, False)
        """
        decision = self.feasibility(witness=False)
        if decision.status == "undecided":
            raise UndecidedError("; ".join(decision.steps))
        return decision.status == "false"

    def implies(self, relation: sympy.Basic) -> Decision:
        """Whether every point of the region satisfies ``relation`` (see
        :func:`prove_implication`)."""
        return prove_implication(self, relation)

    def sample_point(self) -> dict[sympy.Symbol, Fraction]:
        """An exact rational point of the region, where every inequality is strict if possible.

        Examples
        --------
        >>> x, y = sympy.symbols("x y", real=True)
        >>> Region([x > 0, y >= x, y <= 1]).sample_point()
        {x: Fraction(1, 3), y: Fraction(1, 2)}
        """
        decision = self.feasibility(interior=True)
        if decision.status == "false":
            raise ValueError("the region is empty")
        if decision.witness is None:
            raise UndecidedError("; ".join(decision.steps))
        return dict(decision.witness)

    def contains(self, point: Mapping) -> bool:
        """Whether the point (keys: symbols or names) is in the region, by exact substitution.

        Examples
        --------
        >>> x = sympy.Symbol("x", real=True)
        >>> Region([x > 0]).contains({"x": 0}), Region([x >= 0]).contains({x: Fraction(0)})
        (False, True)
        """
        values = {(k if isinstance(k, str) else k.name): Fraction(v) for k, v in point.items()}
        for p in self.parameters:
            if p.name in values and not p.domain.contains(values[p.name]):
                return False
        symbols = self.symbols()
        missing = set(symbols) - set(values)
        if missing:
            raise ValueError(f"no value for {sorted(missing)}")
        at = {symbols[name]: values[name] for name in symbols}
        relations = self.conditions + self.assumptions + tuple(
            c for p in self.parameters for c in p.constraints())
        return all(relation_holds(r, at) for r in relations)

    # --- presenting ----------------------------------------------------------------------

    def symbols(self) -> dict[str, sympy.Symbol]:
        """The symbols of the region by name (parameters first): a ``local_dict`` for parsing."""
        out = {p.name: p.symbol for p in self.parameters}
        for r in self.conditions + self.assumptions:
            for s in sorted(r.free_symbols, key=lambda s: s.name):
                out.setdefault(s.name, s)
        return out

    def simplify(self) -> "Region":
        """An equivalent region in normal form, without redundant conditions.

        Each condition is written with everything on one side, factors of known sign cancelled,
        integer coefficients and a positive leading coefficient, the constant on the right
        (:func:`normalize_relation`); linear equalities are substituted into the other
        conditions; then a condition is dropped when the others (with the domain and the
        assumptions) imply it.  An empty region becomes ``Region([false])``.

        Examples
        --------
        >>> from gametheory.parameters import Parameter
        >>> x, y = sympy.symbols("x y", real=True)
        >>> Region([2*x > 4, x > 1, 3 - y < 0, y > 0]).simplify().conditions
        (x > 2, y > 3)
        >>> s, h, v = sympy.symbols("s h v_S", real=True)
        >>> Region([h*s < v*s], [Parameter("s", "> 0"), "h", "v_S"]).simplify().conditions
        (h - v_S < 0,)
        """
        if self.feasibility(witness=False).status == "false":
            return Region((sympy.false,), self.parameters, self.assumptions)
        conditions = list(self.conditions)
        # Normal forms, cancelling factors whose sign the rest of the region fixes.
        for i, c in enumerate(conditions):
            rest = Region(conditions[:i] + conditions[i + 1:], self.parameters, self.assumptions)
            conditions[i] = normalize_relation(c, rest)
        conditions = self._substitute_equalities(conditions)
        kept: list[sympy.Basic] = []
        for i, c in enumerate(conditions):
            if c in kept:
                continue
            others = Region(kept + conditions[i + 1:], self.parameters, self.assumptions)
            if prove_implication(others, c).status != "true":
                kept.append(c)
        return Region(kept, self.parameters, self.assumptions)

    def _substitute_equalities(self, conditions: list) -> list:
        discrete = {p.name for p in self.parameters if not isinstance(p.domain, Interval)}
        for i in range(len(conditions)):
            eq = conditions[i]
            if not isinstance(eq, sympy.Eq):
                continue
            expr = eq.lhs - eq.rhs
            candidates = [s for s in sorted(expr.free_symbols, key=lambda s: s.name, reverse=True)
                          if s.name not in discrete and sympy.degree(expr, s) == 1
                          and not sympy.diff(expr, s).free_symbols]
            if not candidates:
                continue
            var = candidates[0]
            value = sympy.solve(expr, var)[0]
            for j, c in enumerate(conditions):
                if j != i and var in c.free_symbols:
                    conditions[j] = normalize_relation(c.xreplace({var: value}))
        return conditions

    def conditions_text(self) -> list[str]:
        """The conditions as text that ``sympy.parse_expr`` reads back (with
        ``local_dict=region.symbols()``).

        Examples
        --------
        >>> x, y = sympy.symbols("x y", real=True)
        >>> Region([x > 1, sympy.Eq(x, y), sympy.Ne(y, 2)]).conditions_text()
        ['x > 1', 'Eq(x, y)', 'Ne(y, 2)']
        """
        return [str(c) for c in self.conditions]

    def to_latex(self) -> str:
        r"""The conditions as LaTeX math joined by ``\wedge`` (``\top`` when there are none),
        each written as a paper writes it (:func:`gametheory.report.latex.relation`).

        Examples
        --------
        >>> x, lam = sympy.symbols("x lam", real=True)
        >>> Region([x > 1, x <= 2, sympy.Eq(lam, 0)]).to_latex()
        'x > 1 \\wedge x \\leq 2 \\wedge \\lambda = 0'
        """
        from ..report.latex import relation
        if not self.conditions:
            return r"\top"
        return r" \wedge ".join(relation(c) for c in self.conditions)

    def __str__(self) -> str:
        return " & ".join(f"({t})" for t in self.conditions_text()) or "True"


def prove_implication(region: Region, relation: sympy.Basic) -> Decision:
    """Decide whether every point of ``region`` satisfies ``relation``.

    ``relation`` may be a conjunction (``And``).  The answer is ``'true'`` when
    ``region and not relation`` is empty, ``'false'`` with an exact counterexample (a point of the
    region where the relation fails, checked by substitution), or ``'undecided'``.

    Examples
    --------
    >>> x, y = sympy.symbols("x y", real=True)
    >>> prove_implication(Region([x > 1, y > x]), y > 1).status
    'true'
    >>> d = prove_implication(Region([x > 0]), x > 1); d.status, d.witness
    ('false', {x: Fraction(1, 1)})
    """
    claims = _conjuncts(relation)
    steps: list[str] = []
    methods: list[str] = []
    undecided = False
    for claim in claims:
        decision = region.intersect(negate(claim)).feasibility()
        methods.append(decision.method)
        steps.append(f"claim {claim}: is region and {negate(claim)} empty?")
        steps.extend("  " + s for s in decision.steps)
        if decision.status == "true":
            witness = decision.witness
            if witness is not None:
                _check_counterexample(region, claim, witness)
            steps.append(f"  no: counterexample {_show(witness)}")
            return Decision("false", witness, "+".join(dict.fromkeys(methods)), tuple(steps))
        if decision.status == "undecided":
            undecided = True
            steps.append("  undecided")
        else:
            steps.append("  yes: the claim holds on the region")
    method = "+".join(dict.fromkeys(methods)) or "trivial"
    return Decision("undecided" if undecided else "true", None, method, tuple(steps))


def find_counterexample(region: Region, relation: sympy.Basic) -> dict | None:
    """A point of ``region`` where ``relation`` fails, or None if the implication holds.

    Raises
    ------
    UndecidedError
        If it cannot be decided.

    Examples
    --------
    >>> x = sympy.Symbol("x", real=True)
    >>> find_counterexample(Region([x >= 0]), x > 0)
    {x: Fraction(0, 1)}
    >>> find_counterexample(Region([x > 0]), x >= 0) is None
    True
    """
    decision = prove_implication(region, relation)
    if decision.status == "undecided" or (decision.status == "false"
                                          and decision.witness is None):
        raise UndecidedError("; ".join(decision.steps))
    return None if decision.status == "true" else dict(decision.witness)


def _check_counterexample(region: Region, claim, witness) -> None:
    at = {s: witness.get(s, Fraction(0)) for s in region.symbols().values()}
    at.update(witness)
    if not (region.contains({s.name: v for s, v in at.items()})
            and not relation_holds(claim, at)):
        raise AssertionError(f"internal error: {witness} is not a counterexample to {claim}")


def _show(point) -> str:
    if point is None:
        return "(irrational)"
    return "{" + ", ".join(f"{s} = {v}" for s, v in sorted(point.items(),
                                                          key=lambda kv: str(kv[0]))) + "}"


# ---------------------------------------------------------------------------------------------
# Normal forms.

def normalize_relation(relation: sympy.Basic, context: Region | None = None) -> sympy.Basic:
    """A relation in normal form: one side, factors of known sign (in ``context``) cancelled,
    integer coefficients with gcd 1, positive leading coefficient, constant on the right.

    Examples
    --------
    >>> x, y = sympy.symbols("x y", real=True)
    >>> normalize_relation(3 - y < x / 2)
    x + 2*y > 6
    >>> normalize_relation(sympy.Eq(2 - 2*x, 4*y))
    Eq(x + 2*y, 1)
    >>> normalize_relation(x**2 + 1 > 0)
    True
    """
    if not isinstance(relation, Relational) or type(relation) not in OPERATORS:
        return relation
    op = OPERATORS[type(relation)]
    expr = sympy.together(relation.lhs - relation.rhs)
    numerator, denominator = sympy.fraction(expr)
    if not denominator.is_number:
        sign = _sign(denominator, context)
        if sign is None:
            return relation
        expr = numerator if sign > 0 else -numerator
    else:
        expr = sympy.expand(expr)
    constant, factors = sympy.factor_list(expr)
    if expr.is_number:
        return BUILDERS[op](expr, 0)
    kept = sympy.S.One
    sign_total = 1 if constant > 0 else -1
    for factor, power in factors:
        sign = _sign(factor, context) if len(factors) > 1 or power > 1 else None
        if sign is None:
            kept *= factor ** power
        elif power % 2:
            sign_total *= sign
    if sign_total < 0:
        op = FLIPPED[op]
    poly = sympy.expand(kept)
    if poly.is_number:
        return BUILDERS[op](poly, 0)
    _, poly = poly.as_content_primitive()
    lead = poly.as_ordered_terms()[0].as_coeff_Mul()[0]
    if lead < 0:
        poly, op = -poly, FLIPPED[op]
    const = poly.as_coeff_Add()[0]
    return BUILDERS[op](poly - const, -const)


def _sign(factor: sympy.Expr, context: Region | None) -> int | None:
    """+1 or -1 if the context proves the factor positive or negative, else None."""
    if factor.is_number:
        return 1 if factor > 0 else -1 if factor < 0 else None
    if context is None:
        return 1 if factor.is_positive else -1 if factor.is_negative else None
    if prove_implication(context, factor > 0).status == "true":
        return 1
    if prove_implication(context, factor < 0).status == "true":
        return -1
    return None
