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

__all__ = ["relation_text", "positive", "compare", "normal", "normal_form", "is_linear", "closure",
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
    if is_linear(expr - expr.as_coeff_Add()[0]):
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
