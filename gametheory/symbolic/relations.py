"""Relations over parameters in one normal form, for the parametric solver's regions.

A region is a conjunction of relations ``expr op 0``; two regions are compared, merged and
looked up by their relations, so every relation is written one way: a primitive polynomial with
a positive leading term on the left, the constant on the right (:func:`normal`).  Comparing two
payoffs gives such a relation (:func:`compare`); an identically zero difference is a tie
everywhere, not a boundary.  Complementary relations (``L > 0`` and ``L <= 0``) are recognised
by :func:`complementary`, which lets two regions that differ in one of them be united
(the union of ``P & c`` and ``P & not c`` is ``P``).
"""

from __future__ import annotations

import sympy
from sympy.core.relational import Relational

from .decide import BUILDERS, FLIPPED, OPERATORS

__all__ = ["relation_text", "positive", "compare", "compare_factored", "factor_sign", "normal", "normal_form", "is_linear", "closure",
           "relation_key", "complementary", "condition_order"]


def positive(value: sympy.Expr) -> sympy.Basic:
    """The relation ``value > 0`` in normal form; False when ``value`` is identically zero.

    Examples
    --------
    >>> a = sympy.Symbol("a", real=True)
    >>> positive(2*a - 4), positive(a - a)
    (a > 2, False)
    """
    value = sympy.expand(value)
    if value.is_number:
        return sympy.true if value > 0 else sympy.false
    return normal(value > 0)


def compare(diff: sympy.Expr, strict: bool) -> sympy.Basic:
    """The relation ``diff > 0`` (or ``>= 0``) in normal form; True/False when constant.

    An identically zero difference is a tie everywhere, not a boundary: it gives True even
    when ``strict``, so that both tied actions are listed on the whole region.

    Examples
    --------
    >>> a, b = sympy.symbols("a b", real=True)
    >>> compare(2*a - 2*b, True), compare(a - a, True)
    (a - b > 0, True)
    """
    diff = sympy.expand(diff)
    if diff.is_number:
        return sympy.true if diff >= 0 else sympy.false
    if not diff.free_symbols:
        raise ValueError(f"cannot compare {diff}")
    return normal_form(diff, ">" if strict else ">=")


def factor_sign(factor: sympy.Expr, bounds) -> int:
    """The sign of a factor ``a*s + b`` in one parameter ``s`` over the closure of its
    domain: 1 if it is never negative there, -1 if never positive, 0 if unknown (or the
    factor is anything else).  ``bounds`` maps a symbol to its ``(lo, hi)`` (None: infinite).

    Examples
    --------
    >>> p, x = sympy.symbols("p x", real=True)
    >>> bounds = {p: (0, 1), x: (None, None)}
    >>> factor_sign(p, bounds), factor_sign(p - 1, bounds), factor_sign(x, bounds)
    (1, -1, 0)
    """
    symbols = factor.free_symbols
    if len(symbols) != 1:
        return 0
    (s,) = symbols
    if s not in bounds:
        return 0
    poly = sympy.Poly(factor, s)
    if poly.degree() != 1:
        return 0
    a, b = (sympy.Rational(c) for c in poly.all_coeffs())
    lo, hi = bounds[s]
    ends = [a * lo + b if lo is not None else (-a if a else b) * sympy.oo,
            a * hi + b if hi is not None else (a if a else b) * sympy.oo]
    if all(e >= 0 for e in ends):
        return 1
    if all(e <= 0 for e in ends):
        return -1
    return 0


def compare_factored(diff: sympy.Expr, strict: bool, bounds) -> list[tuple]:
    """``diff > 0`` (``>= 0`` unless ``strict``) as alternatives, each a conjunction of
    relations, with the factors whose sign the parameters' domains fix taken out.

    A non-linear difference such as ``(1 - p)*(a - b)``, with ``p`` in ``[0, 1]``, is
    decided by the linear engine once the factor ``1 - p`` (never negative) is split off:
    ``f*L > 0`` with ``f >= 0`` holds exactly when ``f > 0`` and ``L > 0``, and ``f*L >= 0``
    exactly when ``L >= 0`` or ``f = 0``.  Anything else is ``[(compare(diff, strict),)]``.
    ``bounds`` maps a parameter's symbol to the ``(lo, hi)`` of its interval.

    Examples
    --------
    >>> p, a, b = sympy.symbols("p a b", real=True)
    >>> bounds = {p: (0, 1)}
    >>> compare_factored((1 - p)*(a - b), True, bounds)
    [(p < 1, a - b > 0)]
    >>> compare_factored((1 - p)*(a - b), False, bounds)
    [(a - b >= 0,), (Eq(p, 1),)]
    >>> compare_factored(a*b - 1, True, bounds)
    [(a*b > 1,)]
    """
    relation = compare(diff, strict)
    if relation in (sympy.true, sympy.false) or not isinstance(relation, Relational):
        return [(relation,)]
    expr = sympy.expand(relation.lhs - relation.rhs)
    if is_linear(expr - expr.as_coeff_Add()[0]):
        return [(relation,)]
    known, rest, sign = [], sympy.expand(diff), 1
    while True:   # split off one linear factor in one parameter of known sign at a time
        found = _bounded_factor(rest, bounds)
        if found is None:
            break
        f, s, rest = found
        known.append((f, s))
        sign *= s
    if not known:
        return [(relation,)]
    core = compare(sign * rest, strict)
    if strict:
        return [tuple(normal_form(sympy.expand(f), ">" if s > 0 else "<") for f, s in known)
                + (core,)]
    return [(core,)] + [(normal(sympy.Eq(f, 0)),) for f, _ in known]


def _bounded_factor(expr: sympy.Expr, bounds):
    """``(f, sign, expr / f)`` for a factor ``f = s - c`` (or ``s``) of the expanded
    polynomial ``expr``, ``s`` a parameter in ``bounds`` whose sign on the domain is known
    (:func:`factor_sign`), ``expr / f`` not constant; None if there is none."""
    for s in sorted(expr.free_symbols & set(bounds), key=str):
        if len(expr.free_symbols) < 2:
            return None
        terms = sympy.Add.make_args(expr)
        a = sympy.Add(*[t for t in terms if t.has(s)])
        b = expr - a
        a = sympy.expand(a / s)
        if a.has(s) or not a.free_symbols:
            continue          # not of degree 1 in s, or the cofactor is constant
        if b == 0:
            f = s
        else:
            lead_a = sympy.Add.make_args(a)[0].as_coeff_Mul()
            match = [t.as_coeff_Mul()[0] for t in sympy.Add.make_args(b)
                     if t.as_coeff_Mul()[1] == lead_a[1]]
            if len(match) != 1:
                continue
            c = match[0] / lead_a[0]              # b = c * a, if anything
            if sympy.expand(b - c * a) != 0:
                continue
            f = s + c
        sign = factor_sign(f, bounds)
        if sign:
            return f, sign, a
    return None


def normal(relation):
    """``expr op 0`` as ``primitive polynomial op constant`` with a positive leading term (no
    factoring, which is slow and cannot cancel anything without a context).

    Examples
    --------
    >>> a, b = sympy.symbols("a b", real=True)
    >>> normal(4 - 2*a < 2*b)
    a + b > 2
    """
    if not isinstance(relation, Relational) or type(relation) not in OPERATORS:
        return relation
    return normal_form(sympy.expand(relation.lhs - relation.rhs), OPERATORS[type(relation)])


def normal_form(expr: sympy.Expr, op: str):
    """:func:`normal` of ``expr op 0``, ``expr`` expanded.

    Examples
    --------
    >>> a = sympy.Symbol("a", real=True)
    >>> normal_form(-3*a + 6, ">=")
    a <= 2
    """
    if expr.is_number:
        return sympy.sympify(BUILDERS[op](expr, 0))
    if is_linear(expr - expr.as_coeff_Add()[0]) or _is_polynomial(expr):
        numerator, denominator = expr, sympy.Integer(1)
    else:
        numerator, denominator = sympy.fraction(sympy.together(expr))
    if not denominator.is_number:
        return BUILDERS[op](expr, 0)
    if denominator.is_negative:
        op = FLIPPED[op]
    _, poly = sympy.expand(numerator).as_content_primitive()
    leading = next(t for t in poly.as_ordered_terms() if not t.is_number)
    if leading.as_coeff_Mul()[0] < 0:
        poly, op = -poly, FLIPPED[op]
    const = poly.as_coeff_Add()[0]
    # a linear form in real symbols is never decided by sympy: skip its attempt (slow)
    return BUILDERS[op](poly - const, -const, evaluate=not is_linear(poly - const))


def _is_polynomial(expr: sympy.Expr) -> bool:
    """Whether an expanded expression is visibly a polynomial (terms of rationals times
    positive integer powers of symbols): no common denominator to find."""
    for term in sympy.Add.make_args(expr):
        for f in sympy.Mul.make_args(term):
            if not (f.is_Rational or f.is_Symbol or (f.is_Pow and f.base.is_Symbol and
                                                      f.exp.is_Integer and f.exp > 0)):
                return False
    return True


def is_linear(expr: sympy.Expr) -> bool:
    """Whether ``expr`` is a sum of (rational multiples of) symbols.

    Examples
    --------
    >>> a, b = sympy.symbols("a b", real=True)
    >>> is_linear(a - 2*b), is_linear(a*b)
    (True, False)
    """
    return all(t.is_Symbol or (t.is_Mul and len(t.args) == 2 and t.args[0].is_Rational and
                               t.args[1].is_Symbol) for t in sympy.Add.make_args(expr))


_CLOSED = {">": ">=", "<": "<="}


def closure(relation):
    """The closed relation (``>`` becomes ``>=``); others are unchanged.

    Examples
    --------
    >>> a = sympy.Symbol("a", real=True)
    >>> closure(a > 1), closure(a <= 1)
    (a >= 1, a <= 1)
    """
    if isinstance(relation, Relational) and OPERATORS.get(type(relation)) in _CLOSED:
        return BUILDERS[_CLOSED[OPERATORS[type(relation)]]](relation.lhs, relation.rhs)
    return relation


def relation_key(relation):
    """(expression, operator) of a normalised relation ``expr op 0``; None for anything else.

    Examples
    --------
    >>> a = sympy.Symbol("a", real=True)
    >>> relation_key(a > 1)
    (a - 1, '>')
    """
    if not isinstance(relation, Relational) or type(relation) not in OPERATORS:
        return None
    return sympy.expand(relation.lhs - relation.rhs), OPERATORS[type(relation)]


_COVERS = {frozenset({">=", "<"}), frozenset({">", "<="}), frozenset({">=", "<="})}


def complementary(r1, r2, switches, key=relation_key) -> bool:
    """Whether two relations together cover every point (up to their common boundary), so that
    ``P & r1`` and ``P & r2`` unite into ``P``: ``L >= 0`` with ``L < 0`` (or ``L <= 0``), or the
    two values of one switch.  ``key`` computes :func:`relation_key` (a caller may cache it).

    Examples
    --------
    >>> a = sympy.Symbol("a", real=True)
    >>> complementary(a > 1, a <= 1, set()), complementary(a > 1, a < 1, set())
    (True, False)
    """
    k1, k2 = key(r1), key(r2)
    if k1 is None or k2 is None:
        return False
    (e1, o1), (e2, o2) = k1, k2
    if o1 == o2 == "=" and isinstance(r1.lhs, sympy.Symbol) and r1.lhs == r2.lhs \
            and r1.lhs in switches and {r1.rhs, r2.rhs} == {0, 1}:
        return True
    if e1 == -e2:
        e2, o2 = -e2, {">": "<", ">=": "<=", "<": ">", "<=": ">="}.get(o2, o2)
    return e1 == e2 and frozenset({o1, o2}) in _COVERS


def condition_order(relation):
    """A sort key for the conditions of a region: switch values (``lam = 1``) last.

    Examples
    --------
    >>> a, lam = sympy.symbols("a lam", real=True)
    >>> sorted([sympy.Eq(lam, 1), a > 1], key=condition_order)
    [a > 1, Eq(lam, 1)]
    """
    switch_last = isinstance(relation, sympy.Eq) and relation.rhs.is_number and \
        isinstance(relation.lhs, sympy.Symbol)
    return (switch_last, sympy.default_sort_key(relation))


def relation_text(relation: sympy.Basic) -> str:
    """A condition as a reader writes it: ``lam = 0``, not ``Eq(lam, 0)``.

    Equations print with ``=``, their negations with ``!=``; conjunctions and disjunctions of
    them with ``&`` and ``|``; any other expression as :func:`sympy.sstr` prints it.

    Examples
    --------
    >>> lam, c = sympy.symbols("lam c")
    >>> relation_text(sympy.Eq(lam, 0)), relation_text(sympy.Ne(c, 1)), relation_text(c < 1)
    ('lam = 0', 'c != 1', 'c < 1')
    >>> sorted(relation_text(sympy.And(sympy.Eq(lam, 1), c > 2)).split(" & "))
    ['(c > 2)', '(lam = 1)']
    """
    if isinstance(relation, sympy.Eq):
        return f"{sympy.sstr(relation.lhs)} = {sympy.sstr(relation.rhs)}"
    if isinstance(relation, sympy.Ne):
        return f"{sympy.sstr(relation.lhs)} != {sympy.sstr(relation.rhs)}"
    if isinstance(relation, (sympy.And, sympy.Or)):
        joint = " & " if isinstance(relation, sympy.And) else " | "
        return joint.join(f"({relation_text(a)})" for a in relation.args)
    return sympy.sstr(relation)
