"""Deciding conjunctions of sympy relations over declared parameters, exactly or not at all.

:func:`satisfiable` answers "is there a point satisfying all these relations?" with a
three-valued :class:`Decision`:

* switches (``{0, 1}``) are enumerated (each value is a case);
* linear relations with rational coefficients over real parameters are decided exactly by
  :func:`gametheory.symbolic.linear.feasible_point` (Fourier-Motzkin with strictness);
* integer parameters are never enumerated: a system with one goes to z3's integer arithmetic
  (linear integer-real arithmetic is decidable, by simplex with branch and cut [2]_), however
  large the domain (``integer [0, 100000000]`` is one variable with two bounds);
* polynomial relations (products such as ``h*s < v_S``) go to z3's complete procedure for
  nonlinear real arithmetic (nlsat) [1]_, after a sound linear pre-check (the linear part alone
  being infeasible already settles it).  Nothing is ever dropped or guessed: what z3 cannot
  settle (it answers ``unknown``, or runs out of :data:`Z3_TIMEOUT_MS`) is ``undecided``.

A relation ``p/q op 0`` with a non-constant denominator is read as ``p*q op 0`` and ``q != 0``.

The caches of this module and of :mod:`gametheory.symbolic.linear` are bounded (their sizes are
:func:`cache_info`) and emptied by :func:`clear_caches`.

References
----------
.. [1] D. Jovanovic and L. de Moura, "Solving non-linear arithmetic", IJCAR 2012.
.. [2] B. Dutertre and L. de Moura, "A fast linear-arithmetic solver for DPLL(T)", CAV 2006.
"""

from __future__ import annotations

import itertools
import warnings
from dataclasses import dataclass, field
from fractions import Fraction
from functools import lru_cache
from typing import Iterable, Mapping

import sympy
import z3
from sympy.core.relational import (Equality, GreaterThan, LessThan, Relational,
                                   StrictGreaterThan, StrictLessThan, Unequality)

from ..parameters import Integers, Parameter, Switch
from . import linear as _linear_engine
from .linear import Linear, feasible_point

__all__ = ["Decision", "UndecidedError", "satisfiable", "covered", "negate", "relation_holds",
           "relation_atoms", "MAX_CASES", "Z3_TIMEOUT_MS", "OPERATORS", "FLIPPED",
           "BUILDERS", "clear_caches", "cache_info", "CACHE_SIZES"]

MAX_CASES = 4096
"""Most combinations of switch values enumerated before giving up (integer parameters are
never enumerated)."""

Z3_TIMEOUT_MS = 10_000
"""Time limit of one z3 query; a query that runs out is ``undecided``."""

CACHE_SIZES = {"relation_atoms": 65536, "_status": 16384, "_satisfiable": 4096,
               "_relation_z3": 16384, "_domain_z3": 1024}
"""The bound of each cache of this module (most entries kept; the least recently used go).

Each entry is a small tuple (atoms, z3 formulas or a :class:`Decision`), so the bounds keep
the caches to a few tens of megabytes; the largest, :func:`relation_atoms`, is read by the
parametric solver for every condition it meets.  :func:`cache_info` reports their use."""


OPERATORS = {StrictGreaterThan: ">", GreaterThan: ">=", StrictLessThan: "<", LessThan: "<=",
             Equality: "=", Unequality: "!="}
"""The operator of each sympy relation class, as a string."""

FLIPPED = {">": "<", ">=": "<=", "<": ">", "<=": ">=", "=": "=", "!=": "!="}
"""The operator with its two sides swapped (``a < b`` is ``b > a``)."""

_NEGATE = {">": "<=", ">=": "<", "<": ">=", "<=": ">", "=": "!=", "!=": "="}

BUILDERS = {">": sympy.StrictGreaterThan, ">=": sympy.GreaterThan, "<": sympy.StrictLessThan,
            "<=": sympy.LessThan, "=": sympy.Eq, "!=": sympy.Ne}
"""The sympy relation class of each operator string."""


class UndecidedError(RuntimeError):
    """Raised where a yes/no answer is needed but the question could not be decided."""


@dataclass(frozen=True)
class Decision:
    """The answer to a yes/no question about a region, with how it was reached.

    Attributes
    ----------
    status : {'true', 'false', 'undecided'}
    witness : dict or None
        An exact point (sympy Symbol -> Fraction) that shows the answer: a point of a satisfiable
        system, or a counterexample to a false implication.
    method : str
        What decided it: ``'linear'`` (exact elimination), ``'z3'``, ``'univariate'``,
        ``'trivial'``, or a combination over cases.
    steps : tuple of str
        One line per step, for printing in proofs.

    Examples
    --------
    >>> Decision("true", None, "trivial").status
    'true'
    >>> bool(Decision("false", None, "linear"))
    False
    """

    status: str
    witness: Mapping[sympy.Symbol, Fraction] | None = None
    method: str = ""
    steps: tuple[str, ...] = field(default=())

    def __post_init__(self):
        if self.status not in ("true", "false", "undecided"):
            raise ValueError(f"status must be 'true', 'false' or 'undecided': {self.status!r}")

    def __bool__(self) -> bool:
        if self.status == "undecided":
            raise UndecidedError("; ".join(self.steps) or "undecided")
        return self.status == "true"


def negate(relation: sympy.Basic) -> sympy.Basic:
    """The negation of a relation, as a relation (``<`` becomes ``>=``, ``Eq`` becomes ``Ne``).

    Examples
    --------
    >>> x = sympy.Symbol("x", real=True)
    >>> negate(x < 1), negate(sympy.Eq(x, 1))
    (x >= 1, Ne(x, 1))
    """
    if relation is sympy.true:
        return sympy.false
    if relation is sympy.false:
        return sympy.true
    if isinstance(relation, Relational) and type(relation) in OPERATORS:
        return BUILDERS[_NEGATE[OPERATORS[type(relation)]]](relation.lhs, relation.rhs,
                                                            evaluate=False)
    raise ValueError(f"not a relation: {relation!r}")


def relation_holds(relation: sympy.Basic, point: Mapping[sympy.Symbol, Fraction]) -> bool:
    """Exact truth of a relation at a point (every free symbol must have a value).

    Examples
    --------
    >>> x, y = sympy.symbols("x y", real=True)
    >>> relation_holds(x * y > 1, {x: Fraction(3, 2), y: Fraction(1)})
    True
    """
    missing = relation.free_symbols - set(point)
    if missing:
        raise ValueError(f"no value for {sorted(map(str, missing))}")
    try:
        value = relation.xreplace({s: _rational(point[s]) for s in relation.free_symbols})
    except (TypeError, ZeroDivisionError):
        return False
    if value in (sympy.true, sympy.false):
        return bool(value)
    raise ValueError(f"cannot evaluate {relation} at the point (got {value})")


def z3_available() -> bool:
    """Deprecated: z3 (``z3-solver``) is a required dependency, so this is always True.

    Examples
    --------
    >>> import warnings
    >>> with warnings.catch_warnings():
    ...     warnings.simplefilter("ignore")
    ...     z3_available()
    True
    """
    warnings.warn("z3 is a required dependency; z3_available() is always True and will be "
                  "removed", DeprecationWarning, stacklevel=2)
    return True


def clear_caches() -> None:
    """Empty every cache of the decision procedures (this module's and those of
    :mod:`gametheory.symbolic.linear`): for a fresh measurement, or to give the memory back.

    Examples
    --------
    >>> x = sympy.Symbol("x", real=True)
    >>> satisfiable([x > 1]).status
    'true'
    >>> clear_caches(); cache_info()["_satisfiable"].currsize
    0
    """
    for cached in _CACHED:
        cached.cache_clear()
    _linear_engine.clear_caches()


def cache_info() -> dict:
    """The use of each bounded cache of the decision procedures (this module's and those of
    :mod:`gametheory.symbolic.linear`): name -> ``functools`` cache info (hits, misses,
    maxsize, currsize).

    Examples
    --------
    >>> info = cache_info()
    >>> info["relation_atoms"].maxsize == CACHE_SIZES["relation_atoms"]
    True
    >>> all(i.maxsize is not None for i in info.values())
    True
    """
    out = {f.__name__: f.cache_info() for f in _CACHED}
    out.update(_linear_engine.cache_info())
    return out


def _rational(value) -> sympy.Rational:
    value = Fraction(value)
    return sympy.Rational(value.numerator, value.denominator)


# ---------------------------------------------------------------------------------------------
# Relations to atoms.

@dataclass(frozen=True)
class _Poly:
    """A non-linear atom ``expr op 0`` (op one of > >= = !=), expr a polynomial."""

    expr: sympy.Expr
    op: str


@lru_cache(maxsize=CACHE_SIZES["relation_atoms"])
def relation_atoms(relation: sympy.Basic) -> tuple | None:
    """The atoms of a relation: exact :class:`~gametheory.symbolic.linear.Linear` constraints
    and polynomial atoms; ``()`` if it is true, None if it is false.

    Examples
    --------
    >>> x = sympy.Symbol("x", real=True)
    >>> relation_atoms(2*x - 1 > 0)
    (Linear(coeffs=(('x', Fraction(1, 1)),), const=Fraction(-1, 2), op='>'),)
    >>> relation_atoms(sympy.true), relation_atoms(sympy.false)
    ((), None)
    """
    if relation is sympy.true:
        return ()
    if relation is sympy.false:
        return None
    if not isinstance(relation, Relational) or type(relation) not in OPERATORS:
        raise ValueError(f"regions are conjunctions of relations; got {relation!r}")
    op = OPERATORS[type(relation)]
    expr = relation.lhs - relation.rhs
    if op in ("<", "<="):
        expr, op = -expr, FLIPPED[op]
    form = _linear(expr)
    if form is not None:
        return _linear_atoms(*form, op)
    numerator, denominator = sympy.fraction(sympy.together(expr))
    atoms = []
    if not denominator.is_number:
        atoms.append(("!=", denominator))
        if op in (">", ">="):
            numerator = numerator * denominator
    elif denominator.is_negative:
        numerator = -numerator
    atoms.append((op, numerator))
    out = []
    for atom_op, poly in atoms:
        poly = sympy.expand(poly)
        form = _linear(poly)
        if form is not None:
            linear = _linear_atoms(*form, atom_op)
            if linear is None:
                return None
            out.extend(linear)
        else:
            _check_exact(poly)
            out.append(_Poly(poly, atom_op))
    return tuple(out)


def _linear_atoms(coeffs, const, op):
    atom = Linear.make(coeffs, const, op)
    if atom.coeffs:
        return (atom,)
    return () if atom.holds({}) else None


def _linear(expr: sympy.Expr) -> tuple[dict[str, Fraction], Fraction] | None:
    """``expr`` as (coefficients by symbol name, constant) if it is linear with rational
    coefficients, else None."""
    coeffs: dict[str, Fraction] = {}
    const = Fraction(0)
    for term in sympy.Add.make_args(sympy.expand(expr)):
        coeff, rest = term.as_coeff_Mul()
        if not coeff.is_Rational:
            _check_exact(coeff)
            return None
        coeff = Fraction(int(coeff.p), int(coeff.q))
        if rest is sympy.S.One:
            const += coeff
        elif rest.is_Symbol:
            coeffs[rest.name] = coeffs.get(rest.name, 0) + coeff
        else:
            return None
    return coeffs, const


def _check_exact(expr: sympy.Basic) -> None:
    if expr.has(sympy.Float):
        raise ValueError(f"floats are not exact; write {expr} with rationals")


# ---------------------------------------------------------------------------------------------
# Deciding.

def satisfiable(relations: Iterable[sympy.Basic], parameters: Iterable[Parameter] = (),
                interior: bool = False, witness: bool = True) -> Decision:
    """Is there a point where every relation holds (and every parameter is in its domain)?

    Parameters
    ----------
    relations : iterable of sympy relations
        ``<``, ``<=``, ``>``, ``>=``, ``Eq``, ``Ne`` (and ``true``/``false``).
    parameters : iterable of Parameter
        Their domains are added; switch parameters are enumerated, integer parameters are
        z3 integers (never enumerated).  Symbols that are not parameters are unbounded reals.
    interior : bool
        Prefer a witness where every inequality holds strictly, if there is one.
    witness : bool
        With ``False`` only the status is wanted: when every relation and domain is
        polynomial, the whole system is one z3 query (exact simplex for linear real
        arithmetic, simplex with branch and cut when integers take part, nlsat for
        polynomial real arithmetic; each relation is translated once and cached), and no
        witness is extracted.  This is the cheap emptiness test used while solving.
        Otherwise the answer is the one of ``witness=True``.

    Returns
    -------
    Decision
        ``'true'`` with an exact witness (``None`` when ``witness=False``), ``'false'``, or
        ``'undecided'``.

    Examples
    --------
    >>> x, y = sympy.symbols("x y", real=True)
    >>> satisfiable([x > 0, x < 0]).status
    'false'
    >>> d = satisfiable([x >= 0, x <= 0]); d.status, d.witness
    ('true', {x: Fraction(0, 1)})
    >>> satisfiable([x + y > 1, x - y > 0, y >= 0], interior=True).witness
    {x: Fraction(2, 1), y: Fraction(1, 1)}
    >>> satisfiable([x * y > 1, x + y < 0, x > 0], witness=False).status
    'false'

    An integer parameter over a hundred million values is one z3 integer: ``2 n = 7`` has no
    integer solution, ``2 n > 7`` has the point ``n = 4`` (or another integer above 7/2).

    >>> n = Parameter("n", "integer [0, 100000000]")
    >>> satisfiable([sympy.Eq(2 * n.symbol, 7)], [n]).status
    'false'
    >>> d = satisfiable([2 * n.symbol > 7], [n]); d.status, d.witness[n.symbol] >= 4
    ('true', True)
    """
    relations = tuple(relations)
    parameters = tuple(parameters)
    if not witness:
        return _status(frozenset(relations), parameters)
    return _satisfiable(relations, parameters, interior)


@lru_cache(maxsize=CACHE_SIZES["_status"])
def _status(relations: frozenset, parameters: tuple) -> Decision:
    """Satisfiability without a witness: one z3 query when possible (see :func:`satisfiable`)."""
    if sympy.false in relations:
        return Decision("false", None, "trivial", ("false is among the relations",))
    system = _z3_formulas(relations, parameters)
    if system is None:
        decision = _satisfiable(tuple(sorted(relations, key=sympy.default_sort_key)),
                                parameters, False)
        return Decision(decision.status, None, decision.method, decision.steps)
    formulas, integer = system
    linear = all(not isinstance(a, _Poly) for r in relations for a in (relation_atoms(r) or ()))
    solver = _solver(linear, integer)
    solver.add(*formulas)
    answer = solver.check()
    if answer == z3.sat:
        return Decision("true", None, "z3", ("satisfiable (z3)",))
    if answer == z3.unsat:
        return Decision("false", None, "z3", ("unsatisfiable (z3)",))
    return Decision("undecided", None, "z3", (f"z3 answered {answer}",))


def covered(relations: Iterable[sympy.Basic], parts: Iterable[Iterable[sympy.Basic]],
            parameters: Iterable[Parameter] = ()) -> Decision:
    """Is every point of the conjunction ``relations`` in the union of the ``parts`` (each a
    conjunction)?  ``'true'`` when ``relations and not part_1 and ... and not part_k`` is empty.

    The negated parts are disjunctions in one z3 query; what z3 cannot read (expressions
    outside polynomial arithmetic) is distributed into at most :data:`MAX_CASES`
    conjunctions, each decided by :func:`satisfiable`.  No witness is given.

    Examples
    --------
    >>> x = sympy.Symbol("x", real=True)
    >>> covered([x > 0, x < 3], [[x <= 1], [x >= 1]]).status
    'true'
    >>> covered([x > 0], [[x < 1], [x > 1]]).status
    'false'

    Over the integers there is no point strictly between 1 and 2:

    >>> n = Parameter("n", "integer [0, 100000000]")
    >>> covered([n.symbol >= 0], [[n.symbol <= 1], [n.symbol >= 2]], [n]).status
    'true'
    """
    relations, parameters = tuple(relations), tuple(parameters)
    parts = tuple(tuple(part) for part in parts)
    if any(not part for part in parts):
        return Decision("true", None, "trivial", ("a part is the whole space",))
    negated = [tuple(negate(c) for c in part) for part in parts]
    variables = frozenset().union(*(c.free_symbols for alt in negated for c in alt))
    system = _z3_formulas(relations, parameters, variables)
    options = []
    if system is not None:
        for alternatives in negated:
            translated = [_relation_z3(c) for c in alternatives]
            if any(t is None for t in translated):
                system = None
                break
            options.append(z3.Or(*[z3.And(*t) for t in translated]))
    if system is not None:
        formulas, integer = system
        solver = _solver(False, integer)
        solver.add(*formulas, *options)
        answer = solver.check()
        if answer == z3.unsat:
            return Decision("true", None, "z3", ("the rest is empty (z3)",))
        if answer == z3.sat:
            return Decision("false", None, "z3", ("a point is left over (z3)",))
        return Decision("undecided", None, "z3", (f"z3 answered {answer}",))
    count = 1
    for alternatives in negated:
        count *= len(alternatives)
    if count > MAX_CASES:
        return Decision("undecided", None, "cases", (f"{count} cases exceed MAX_CASES",))
    undecided = False
    for choice in itertools.product(*negated):
        status = satisfiable(relations + choice, parameters, witness=False).status
        if status == "true":
            return Decision("false", None, "cases", ("a point is left over",))
        undecided |= status == "undecided"
    return Decision("undecided" if undecided else "true", None, "cases", ())


def _solver(linear: bool, integer: bool):
    """A z3 solver for the kind of system: exact simplex for linear real arithmetic (QF_LRA),
    nlsat for polynomial real arithmetic, z3's combined solver when integers take part."""
    if integer:
        solver = z3.Solver()
    elif linear:
        solver = z3.SolverFor("QF_LRA")
    else:
        solver = _tactic().solver()
    solver.set("timeout", Z3_TIMEOUT_MS)
    return solver


@lru_cache(maxsize=1)
def _tactic():
    return z3.Tactic("qfnra-nlsat")


def _z3_formulas(relations, parameters, symbols=frozenset()) -> tuple[list, bool] | None:
    """The system and the domains of the parameters it uses as z3 formulas, and whether an
    integer parameter is among them; None when something is outside polynomial arithmetic
    (rational powers, functions)."""
    formulas, used = [], set(symbols)
    for relation in relations:
        translated = _relation_z3(relation)
        if translated is None:
            return None
        formulas.extend(translated)
        used |= relation.free_symbols
    by_name = {p.name: p for p in parameters}
    integer = False
    for symbol in used:
        parameter = by_name.get(symbol.name)
        if parameter is not None:
            domain = _domain_z3(parameter)
            if domain is None:
                return None
            formulas.extend(domain)
            integer |= isinstance(parameter.domain, Integers)
    return formulas, integer


class _Reals(dict):
    """Symbol name -> z3 real variable, made on first use."""

    def __missing__(self, name):
        value = self[name] = z3.Real(name)
        return value


_REALS = _Reals()


@lru_cache(maxsize=CACHE_SIZES["_relation_z3"])
def _relation_z3(relation) -> tuple | None:
    """A relation as z3 formulas (its atoms, cached), or None if it cannot be translated."""
    atoms = relation_atoms(relation)
    if atoms is None:
        return (z3.BoolVal(False),)
    try:
        return tuple(_atom_to_z3(a, _REALS, False) for a in atoms)
    except _Unsupported:
        return None


@lru_cache(maxsize=CACHE_SIZES["_domain_z3"])
def _domain_z3(parameter: Parameter) -> tuple | None:
    """A parameter's domain as z3 formulas over its real variable: ``x = 0 or x = 1`` for a
    switch, ``x`` an integer and its bounds for an integer domain, the bounds otherwise."""
    x = _REALS[parameter.name]
    if isinstance(parameter.domain, Switch):
        return (z3.Or(x == 0, x == 1),)
    out = [z3.IsInt(x)] if isinstance(parameter.domain, Integers) else []
    for c in parameter.constraints():
        translated = _relation_z3(c)
        if translated is None:
            return None
        out.extend(translated)
    return tuple(out)


@lru_cache(maxsize=CACHE_SIZES["_satisfiable"])
def _satisfiable(relations, parameters, interior) -> Decision:
    """:func:`satisfiable` with a witness: each case of the switches that occur, decided by
    exact elimination (real parameters only) or by z3 (integers, polynomials)."""
    symbols = _symbols(relations, parameters)
    used = set().union(*(r.free_symbols for r in relations)) if relations else set()
    used_names = {s.name for s in used}
    switches = [p for p in parameters if isinstance(p.domain, Switch)]
    enumerated = [p for p in switches if p.name in used_names]
    fixed = {p.symbol: Fraction(0) for p in switches if p.name not in used_names}
    integers = {p.name: p for p in parameters if isinstance(p.domain, Integers)}
    for p in integers.values():
        if p.name not in used_names:
            fixed[p.symbol] = _first_value(p)
    domain = tuple(c for p in parameters if p.name not in fixed and p not in enumerated
                   for c in p.constraints())
    integer = any(name in used_names for name in integers)
    count = 2 ** len(enumerated)
    if count > MAX_CASES:
        return Decision("undecided", None, "cases",
                        (f"{count} cases of switch values exceed MAX_CASES={MAX_CASES}",))
    steps, methods, undecided = [], set(), False
    for values in itertools.product(*(p.domain.values() for p in enumerated)):
        case = {p.symbol: _rational(v) for p, v in zip(enumerated, values)}
        label = ", ".join(f"{p.name} = {v}" for p, v in zip(enumerated, values))
        rels = tuple(r.xreplace(case) for r in relations) + domain
        if integer:
            decision = _z3_decide(rels, symbols, integers, interior)
        else:
            decision = _decide_continuous(rels, symbols, interior)
        methods.add(decision.method)
        prefix = f"case {label}: " if label else ""
        steps.extend(prefix + s for s in decision.steps)
        if decision.status == "true" and decision.witness is None:
            return Decision("true", None, decision.method, tuple(steps))
        if decision.status == "true":
            witness = dict(decision.witness)
            witness.update({s: Fraction(v) for s, v in zip(case, values)})
            witness.update(fixed)
            for p in parameters:
                witness.setdefault(p.symbol, Fraction(0))
            return Decision("true", witness, "+".join(sorted(methods)), tuple(steps))
        undecided |= decision.status == "undecided"
    status = "undecided" if undecided else "false"
    return Decision(status, None, "+".join(sorted(methods)) or "trivial", tuple(steps))


def _first_value(p: Parameter) -> Fraction:
    """A value of an integer domain: 0 if it holds 0, else the bound nearest 0."""
    lo, hi = p.domain.lo, p.domain.hi
    if lo is not None and lo > 0:
        return Fraction(lo)
    if hi is not None and hi < 0:
        return Fraction(hi)
    return Fraction(0)


def _symbols(relations, parameters) -> dict[str, sympy.Symbol]:
    symbols: dict[str, sympy.Symbol] = {p.name: p.symbol for p in parameters}
    for r in relations:
        for s in r.free_symbols:
            if symbols.setdefault(s.name, s) != s:
                raise ValueError(f"two different symbols are named {s.name!r} (check that "
                                 f"both are sympy.Symbol({s.name!r}, real=True))")
    return symbols


def _decide_continuous(relations, symbols, interior) -> Decision:
    """Decide a system over real variables: exact elimination for its linear part, then z3's
    nlsat when polynomial atoms are left."""
    linear, polys = [], []
    for r in relations:
        atoms = relation_atoms(r)
        if atoms is None:
            return Decision("false", None, "linear", (f"{r} is false",))
        for atom in atoms:
            (polys if isinstance(atom, _Poly) else linear).append(atom)
    point = feasible_point(linear)
    n_vars = len({v for c in linear for v, _ in c.coeffs})
    what = f"{len(linear)} linear constraints in {n_vars} variables"
    if point is None:
        extra = f" (the {len(polys)} non-linear ones not needed)" if polys else ""
        return Decision("false", None, "linear", (f"infeasible by elimination: {what}{extra}",))
    if not polys:
        if interior:
            inner = feasible_point(c.strict() for c in linear)
            point = point if inner is None else inner
        return Decision("true", _by_symbol(point, symbols), "linear",
                        (f"feasible by elimination: {what}",))
    return _z3_decide(relations, symbols, {}, interior)


def _by_symbol(point: Mapping[str, Fraction], symbols) -> dict[sympy.Symbol, Fraction]:
    return {symbols[name]: value for name, value in point.items()}


# ---------------------------------------------------------------------------------------------
# z3.

class _Unsupported(Exception):
    pass


def _z3_decide(relations, symbols, integers, interior) -> Decision:
    """Decide with z3: nlsat for real systems; the parameters named in ``integers`` (name ->
    Parameter, their domains among ``relations``) become z3 integers."""
    variables = {name: z3.ToReal(z3.Int(name)) if name in integers else z3.Real(name)
                 for name in symbols}
    integer = any(name in integers for name in symbols)
    atoms = []
    for r in relations:
        more = relation_atoms(r)
        if more is None:
            return Decision("false", None, "linear", (f"{r} is false",))
        atoms.extend(more)
    try:
        formulas = [_atom_to_z3(a, variables, False) for a in atoms]
        strict = [_atom_to_z3(a, variables, True) for a in atoms] if interior else None
    except _Unsupported as error:
        return Decision("undecided", None, "z3", (f"outside polynomial arithmetic: {error}",))
    what = "integer arithmetic" if integer else "nlsat"
    result, model = _z3_check(formulas)
    if result == "sat" and interior:
        strict_result, strict_model = _z3_check(strict)
        if strict_result == "sat":
            model = strict_model
    if result == "unsat":
        return Decision("false", None, "z3", (f"unsatisfiable (z3 {what})",))
    if result != "sat":
        return Decision("undecided", None, "z3", (f"z3 answered {result}",))
    witness = _z3_witness(model, variables, symbols, relations)
    if witness is None:
        return Decision("true", None, "z3", (f"satisfiable (z3 {what}); the model is "
                                             "irrational, no exact rational witness",))
    return Decision("true", witness, "z3", (f"satisfiable (z3 {what}), witness checked by "
                                            "exact substitution",))


def _atom_to_z3(atom, variables, strict: bool):
    if isinstance(atom, Linear):
        lhs = z3.Sum(*[z3.RealVal(f"{c.numerator}/{c.denominator}") * variables[v]
                       for v, c in atom.coeffs],
                     z3.RealVal(f"{atom.const.numerator}/{atom.const.denominator}"))
        op = atom.op
    else:
        lhs, op = _to_z3(atom.expr, variables), atom.op
    if strict and op == ">=":
        op = ">"
    return {">": lambda: lhs > 0, ">=": lambda: lhs >= 0, "=": lambda: lhs == 0,
            "!=": lambda: lhs != 0}[op]()


def _z3_check(formulas):
    """Check with z3's combined solver (nlsat for polynomial real systems): the answer as a
    string and the model when satisfiable."""
    solver = z3.Solver()
    solver.set("timeout", Z3_TIMEOUT_MS)
    solver.add(*formulas)
    result = solver.check()
    return str(result), (solver.model() if result == z3.sat else None)


def _z3_witness(model, variables, symbols, relations) -> dict | None:
    exact = {}
    approximate = {}
    for name, var in variables.items():
        value = model.eval(var, model_completion=True)
        if z3.is_rational_value(value):
            exact[name] = Fraction(value.numerator_as_long(), value.denominator_as_long())
        elif z3.is_algebraic_value(value):
            approximate[name] = value
        else:
            return None
    for digits in (10, 20, 40):
        point = dict(exact)
        for name, value in approximate.items():
            q = value.approx(digits)
            point[name] = Fraction(q.numerator_as_long(), q.denominator_as_long())
        witness = _by_symbol(point, symbols)
        if all(relation_holds(r, witness) for r in relations):
            return witness
        if not approximate:
            return None
    return None


def _to_z3(expr, variables):
    if expr.is_Symbol:
        return variables[expr.name]
    if expr.is_Rational:
        return z3.RealVal(f"{expr.p}/{expr.q}")
    if expr.is_Add:
        terms = [_to_z3(a, variables) for a in expr.args]
        return z3.Sum(*terms)
    if expr.is_Mul:
        factors = [_to_z3(a, variables) for a in expr.args]
        out = factors[0]
        for f in factors[1:]:
            out = out * f
        return out
    if expr.is_Pow and expr.exp.is_Integer:
        base = _to_z3(expr.base, variables)
        n = int(expr.exp)
        if n >= 0:
            out = z3.RealVal(1)
            for _ in range(n):
                out = out * base
            return out
        raise _Unsupported(f"negative power in {expr}")
    raise _Unsupported(str(expr))


_CACHED = (relation_atoms, _status, _satisfiable, _relation_z3, _domain_z3)
