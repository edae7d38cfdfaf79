"""Deciding conjunctions of sympy relations over declared parameters, exactly or not at all.

:func:`satisfiable` answers "is there a point satisfying all these relations?" with a
three-valued :class:`Decision`:

* switches and bounded integer parameters are enumerated (each value is a case);
* linear relations with rational coefficients are decided exactly by
  :func:`gametheory.symbolic.linear.feasible_point` (Fourier-Motzkin with strictness);
* polynomial relations (products such as ``h*s < v_S``) go to z3's complete procedure for
  nonlinear real arithmetic (nlsat) [1]_ when ``z3-solver`` is installed, after a sound linear
  pre-check (the linear part alone being infeasible already settles it);  without z3, a system in
  a single variable is solved by sympy's exact univariate inequality solver, anything else is
  ``undecided``.  Nothing is ever dropped or guessed.

A relation ``p/q op 0`` with a non-constant denominator is read as ``p*q op 0`` and ``q != 0``.

References
----------
.. [1] D. Jovanovic and L. de Moura, "Solving non-linear arithmetic", IJCAR 2012.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from fractions import Fraction
from functools import lru_cache
from typing import Iterable, Mapping

import sympy
from sympy.core.relational import (Equality, GreaterThan, LessThan, Relational,
                                   StrictGreaterThan, StrictLessThan, Unequality)

from ..parameters import Integers, Parameter, Switch
from .linear import Linear, feasible_point

__all__ = ["Decision", "UndecidedError", "satisfiable", "covered", "negate", "relation_holds",
           "relation_atoms", "MAX_CASES", "Z3_TIMEOUT_MS", "z3_available", "OPERATORS",
           "FLIPPED", "BUILDERS"]

MAX_CASES = 4096
"""Most combinations of discrete parameter values enumerated before giving up."""

Z3_TIMEOUT_MS = 10_000
"""Time limit of one z3 query; a query that runs out is ``undecided``."""

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
    """Whether the optional ``z3-solver`` package can be imported."""
    return _z3() is not None


@lru_cache(maxsize=1)
def _z3():
    try:
        import z3
    except ImportError:
        return None
    return z3


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


@lru_cache(maxsize=65536)
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
        Their domains are added; switch and bounded integer parameters are enumerated.
        Symbols that are not parameters are unbounded reals.
    interior : bool
        Prefer a witness where every inequality holds strictly, if there is one.
    witness : bool
        With ``False`` only the status is wanted: when z3 is installed and every relation and
        domain is polynomial over real or switch parameters, the whole system is one z3 query
        (exact simplex for linear arithmetic, nlsat for polynomial; each relation is translated
        once and cached), and no witness is extracted.  This is the cheap emptiness test used
        while solving.  Otherwise the answer is the one of ``witness=True``.

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
    """
    relations = tuple(relations)
    parameters = tuple(parameters)
    if not witness:
        return _status(frozenset(relations), parameters)
    return _satisfiable(relations, parameters, interior)


@lru_cache(maxsize=65536)
def _status(relations: frozenset, parameters: tuple) -> Decision:
    """Satisfiability without a witness: one z3 query when possible (see :func:`satisfiable`)."""
    if sympy.false in relations:
        return Decision("false", None, "trivial", ("false is among the relations",))
    formulas = _z3_formulas(relations, parameters)
    if formulas is None:
        decision = _satisfiable(tuple(sorted(relations, key=sympy.default_sort_key)),
                                parameters, False)
        return Decision(decision.status, None, decision.method, decision.steps)
    z3 = _z3()
    linear = all(not isinstance(a, _Poly) for r in relations for a in (relation_atoms(r) or ()))
    solver = z3.SolverFor("QF_LRA") if linear else _tactic().solver()
    solver.set("timeout", Z3_TIMEOUT_MS)
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

    With z3 the negated parts are disjunctions in one query; without it the disjunctions are
    distributed into at most :data:`MAX_CASES` conjunctions, each decided by
    :func:`satisfiable`.  No witness is given.

    Examples
    --------
    >>> x = sympy.Symbol("x", real=True)
    >>> covered([x > 0, x < 3], [[x <= 1], [x >= 1]]).status
    'true'
    >>> covered([x > 0], [[x < 1], [x > 1]]).status
    'false'
    """
    relations, parameters = tuple(relations), tuple(parameters)
    parts = tuple(tuple(part) for part in parts)
    if any(not part for part in parts):
        return Decision("true", None, "trivial", ("a part is the whole space",))
    negated = [tuple(negate(c) for c in part) for part in parts]
    variables = frozenset().union(*(c.free_symbols for alt in negated for c in alt))
    formulas = _z3_formulas(relations, parameters, variables)
    options = []
    if formulas is not None:
        for alternatives in negated:
            translated = [_relation_z3(c) for c in alternatives]
            if any(t is None for t in translated):
                formulas = None
                break
            options.append(_z3().Or(*[_z3().And(*t) for t in translated]))
    if formulas is not None:
        solver = _tactic().solver()
        solver.set("timeout", Z3_TIMEOUT_MS)
        solver.add(*formulas, *options)
        answer = solver.check()
        z3 = _z3()
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


@lru_cache(maxsize=1)
def _tactic():
    return _z3().Tactic("qfnra-nlsat")


def _z3_formulas(relations, parameters, symbols=frozenset()) -> list | None:
    """The system and the domains of the parameters it uses as z3 formulas; None when z3 is
    missing or something is outside polynomial real arithmetic (integers, rational powers)."""
    if _z3() is None:
        return None
    formulas, used = [], set(symbols)
    for relation in relations:
        translated = _relation_z3(relation)
        if translated is None:
            return None
        formulas.extend(translated)
        used |= relation.free_symbols
    by_name = {p.name: p for p in parameters}
    for symbol in used:
        parameter = by_name.get(symbol.name)
        if parameter is not None:
            domain = _domain_z3(parameter)
            if domain is None:
                return None
            formulas.extend(domain)
    return formulas


class _Reals(dict):
    """Symbol name -> z3 real variable, made on first use."""

    def __missing__(self, name):
        value = self[name] = _z3().Real(name)
        return value


_REALS = _Reals()


@lru_cache(maxsize=65536)
def _relation_z3(relation) -> tuple | None:
    """A relation as z3 formulas (its atoms, cached), or None if it cannot be translated."""
    atoms = relation_atoms(relation)
    if atoms is None:
        return (_z3().BoolVal(False),)
    try:
        return tuple(_atom_to_z3(a, _REALS, _z3(), False) for a in atoms)
    except _Unsupported:
        return None


@lru_cache(maxsize=4096)
def _domain_z3(parameter: Parameter) -> tuple | None:
    z3 = _z3()
    if isinstance(parameter.domain, Switch):
        x = _REALS[parameter.name]
        return (z3.Or(x == 0, x == 1),)
    if isinstance(parameter.domain, Integers):
        return None
    out = []
    for c in parameter.constraints():
        translated = _relation_z3(c)
        if translated is None:
            return None
        out.extend(translated)
    return tuple(out)


@lru_cache(maxsize=16384)
def _satisfiable(relations, parameters, interior) -> Decision:
    symbols = _symbols(relations, parameters)
    declared = {p.name: p for p in parameters}
    discrete = [p for p in parameters if isinstance(p.domain, (Switch, Integers))]
    used = set().union(*(r.free_symbols for r in relations)) if relations else set()
    used_names = {s.name for s in used}
    continuous_domain = tuple(c for p in parameters if p not in discrete
                              for c in p.constraints())
    enumerated = [p for p in discrete if p.name in used_names]
    fixed = {p.symbol: _first_value(p) for p in discrete if p.name not in used_names}
    if any(isinstance(p.domain, Integers) and (p.domain.lo is None or p.domain.hi is None)
           for p in enumerated):
        domain = tuple(c for p in parameters for c in p.constraints())
        return _z3_decide(relations + domain, symbols, declared, interior,
                          note="unbounded integer parameter")
    value_lists = [p.domain.values() for p in enumerated]
    count = 1
    for values in value_lists:
        count *= len(values)
    if count > MAX_CASES:
        return Decision("undecided", None, "cases",
                        (f"{count} cases of discrete parameters exceed MAX_CASES={MAX_CASES}",))
    steps, methods, undecided = [], set(), False
    for values in itertools.product(*value_lists):
        case = {p.symbol: _rational(v) for p, v in zip(enumerated, values)}
        label = ", ".join(f"{p.name} = {v}" for p, v in zip(enumerated, values))
        rels = tuple(r.xreplace(case) for r in relations) + continuous_domain
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
    if isinstance(p.domain, Integers) and (p.domain.lo is None or p.domain.hi is None):
        lo, hi = p.domain.lo, p.domain.hi
        return Fraction(0 if lo is None and (hi is None or hi >= 0) else
                        (lo if lo is not None and lo > 0 else hi if hi is not None else 0))
    return p.domain.values()[0]


def _symbols(relations, parameters) -> dict[str, sympy.Symbol]:
    symbols: dict[str, sympy.Symbol] = {p.name: p.symbol for p in parameters}
    for r in relations:
        for s in r.free_symbols:
            if symbols.setdefault(s.name, s) != s:
                raise ValueError(f"two different symbols are named {s.name!r} (check that "
                                 f"both are sympy.Symbol({s.name!r}, real=True))")
    return symbols


def _decide_continuous(relations, symbols, interior) -> Decision:
    """Decide a system with no discrete parameter left."""
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
    return _decide_polynomial(relations, linear, polys, symbols, interior)


def _by_symbol(point: Mapping[str, Fraction], symbols) -> dict[sympy.Symbol, Fraction]:
    return {symbols[name]: value for name, value in point.items()}


def _decide_polynomial(relations, linear, polys, symbols, interior) -> Decision:
    variables = {v for c in linear for v, _ in c.coeffs} | {
        s.name for p in polys for s in p.expr.free_symbols}
    if _z3() is not None:
        return _z3_decide(relations, symbols, {}, interior)
    if len(variables) == 1:
        return _univariate(relations, symbols[variables.pop()], interior)
    return Decision("undecided", None, "none",
                    (f"non-linear system in {len(variables)} variables and z3-solver is not "
                     f"installed",))


def _univariate(relations, symbol, interior) -> Decision:
    """Exact solution set of a one-variable system with sympy, and its simplest point."""
    from .linear import simplest_between

    solution = sympy.S.Reals
    for r in relations:
        solution = solution.intersect(sympy.solve_univariate_inequality(r, symbol,
                                                                        relational=False)
                                      if not isinstance(r, (Equality, Unequality)) else
                                      sympy.solveset(r, symbol, sympy.S.Reals))
    if solution.is_empty:
        return Decision("false", None, "univariate", (f"{symbol}: empty solution set",))
    for piece in (solution.args if isinstance(solution, sympy.Union) else (solution,)):
        point = _rational_in(piece, simplest_between)
        if point is not None:
            return Decision("true", {symbol: point}, "univariate",
                            (f"{symbol} in {solution}",))
    return Decision("undecided", None, "univariate",
                    (f"{symbol} in {solution}: no rational point found",))


def _rational_in(piece, simplest_between) -> Fraction | None:
    if isinstance(piece, sympy.Interval):
        lo, hi = piece.start, piece.end
        if lo == hi:
            return Fraction(int(lo.p), int(lo.q)) if lo.is_Rational else None
        lo_q = None if lo.is_infinite else _rational_inside(lo, up=True)
        hi_q = None if hi.is_infinite else _rational_inside(hi, up=False)
        lo_strict = piece.left_open or not lo.is_Rational
        hi_strict = piece.right_open or not hi.is_Rational
        if lo_q is not None and hi_q is not None and (lo_q > hi_q or (
                lo_q == hi_q and (lo_strict or hi_strict))):
            return None
        return simplest_between(lo_q, lo_strict, hi_q, hi_strict)
    if isinstance(piece, sympy.FiniteSet):
        for value in piece:
            if value.is_Rational:
                return Fraction(int(value.p), int(value.q))
    return None


def _rational_in_bound(x) -> Fraction:
    return Fraction(int(x.p), int(x.q))


def _rational_inside(x, up: bool) -> Fraction:
    """x itself if rational, else a rational just beyond x on the inner side."""
    if x.is_Rational:
        return _rational_in_bound(x)
    approx = Fraction(str(sympy.N(x, 30)))
    step = Fraction(1, 10 ** 25)
    return approx + step if up else approx - step


# ---------------------------------------------------------------------------------------------
# z3.

class _Unsupported(Exception):
    pass


def _z3_decide(relations, symbols, declared, interior, note: str = "") -> Decision:
    """Decide with z3 (nlsat); integer parameters that are left become z3 integers."""
    z3 = _z3()
    prefix = f"{note}: " if note else ""
    if z3 is None:
        return Decision("undecided", None, "none",
                        (prefix + "needs z3-solver, which is not installed",))
    variables = {}
    for name, symbol in symbols.items():
        parameter = declared.get(name)
        if parameter is not None and isinstance(parameter.domain, (Switch, Integers)):
            variables[name] = z3.ToReal(z3.Int(name))
        else:
            variables[name] = z3.Real(name)
    atoms = []
    for r in relations:
        more = relation_atoms(r)
        if more is None:
            return Decision("false", None, "linear", (prefix + f"{r} is false",))
        atoms.extend(more)
    try:
        formulas = [_atom_to_z3(a, variables, z3, False) for a in atoms]
        strict = [_atom_to_z3(a, variables, z3, True) for a in atoms] if interior else None
    except _Unsupported as error:
        return Decision("undecided", None, "z3", (prefix + f"outside polynomial arithmetic: "
                                                           f"{error}",))
    result, model = _z3_check(formulas, z3)
    if result == "sat" and interior:
        strict_result, strict_model = _z3_check(strict, z3)
        if strict_result == "sat":
            model = strict_model
    if result == "unsat":
        return Decision("false", None, "z3", (prefix + "unsatisfiable (z3 nlsat)",))
    if result != "sat":
        return Decision("undecided", None, "z3", (prefix + f"z3 answered {result}",))
    witness = _z3_witness(model, variables, symbols, relations, z3)
    if witness is None:
        return Decision("true", None, "z3", (prefix + "satisfiable (z3 nlsat); the model is "
                                                      "irrational, no exact rational witness",))
    return Decision("true", witness, "z3", (prefix + "satisfiable (z3 nlsat), witness checked "
                                                     "by exact substitution",))


def _atom_to_z3(atom, variables, z3, strict: bool):
    if isinstance(atom, Linear):
        lhs = z3.Sum(*[z3.RealVal(f"{c.numerator}/{c.denominator}") * variables[v]
                       for v, c in atom.coeffs],
                     z3.RealVal(f"{atom.const.numerator}/{atom.const.denominator}"))
        op = atom.op
    else:
        lhs, op = _to_z3(atom.expr, variables, z3), atom.op
    if strict and op == ">=":
        op = ">"
    return {">": lambda: lhs > 0, ">=": lambda: lhs >= 0, "=": lambda: lhs == 0,
            "!=": lambda: lhs != 0}[op]()


def _z3_check(formulas, z3):
    solver = z3.Solver()
    solver.set("timeout", Z3_TIMEOUT_MS)
    solver.add(*formulas)
    result = solver.check()
    return str(result), (solver.model() if result == z3.sat else None)


def _z3_witness(model, variables, symbols, relations, z3) -> dict | None:
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


def _to_z3(expr, variables, z3):
    if expr.is_Symbol:
        return variables[expr.name]
    if expr.is_Rational:
        return z3.RealVal(f"{expr.p}/{expr.q}")
    if expr.is_Add:
        terms = [_to_z3(a, variables, z3) for a in expr.args]
        return z3.Sum(*terms)
    if expr.is_Mul:
        factors = [_to_z3(a, variables, z3) for a in expr.args]
        out = factors[0]
        for f in factors[1:]:
            out = out * f
        return out
    if expr.is_Pow and expr.exp.is_Integer:
        base = _to_z3(expr.base, variables, z3)
        n = int(expr.exp)
        if n >= 0:
            out = z3.RealVal(1)
            for _ in range(n):
                out = out * base
            return out
        raise _Unsupported(f"negative power in {expr}")
    raise _Unsupported(str(expr))
