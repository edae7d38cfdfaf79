"""Exact linear arithmetic over the rationals: feasibility of strict and non-strict systems.

A constraint is a :class:`Linear` form ``a . x + b  op  0`` with ``op`` one of ``">"``, ``">="``,
``"="`` (and ``"!="`` for :func:`feasible_point`).  Feasibility is decided by Fourier-Motzkin
elimination with strictness tracking [1]_ (after Gaussian elimination of the equalities), which
also yields an exact witness by back-substitution; each coordinate of the witness is the simplest
rational in its interval, so points read well.  Disequalities are handled greedily, which is exact
for convex sets (a convex set is never covered by finitely many hyperplanes that do not contain
it).  If elimination grows beyond :data:`ELIMINATION_LIMIT` rows, z3's exact simplex takes over
when z3 is installed (elimination goes on otherwise); this is the place to plug in the package's
own exact LP solver once it exists.

References
----------
.. [1] A. Schrijver, *Theory of Linear and Integer Programming*, Wiley, 1986, section 12.2
   (Fourier-Motzkin elimination).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction
from functools import lru_cache
from typing import Iterable, Mapping

__all__ = ["Linear", "feasible_point", "simplest_between", "ELIMINATION_LIMIT"]

ELIMINATION_LIMIT = 400
"""Fourier-Motzkin hands over to the fallback beyond this many inequalities."""

_OPS = (">", ">=", "=", "!=")


@dataclass(frozen=True)
class Linear:
    """The constraint ``sum(c * x for x, c in coeffs) + const  op  0``.

    ``coeffs`` is sorted by variable name and has no zero coefficient.  Use :meth:`make`, which
    also scales the form to a canonical representative (first coefficient +-1, and +1 for
    ``"="``/``"!="``), so equal constraints compare and hash equal.

    Examples
    --------
    >>> Linear.make({"x": 2, "y": -4}, 6, ">")
    Linear(coeffs=(('x', Fraction(1, 1)), ('y', Fraction(-2, 1))), const=Fraction(3, 1), op='>')
    >>> Linear.make({}, -1, ">=").holds({})
    False
    """

    coeffs: tuple[tuple[str, Fraction], ...]
    const: Fraction
    op: str

    @staticmethod
    def make(coeffs: Mapping[str, Fraction | int], const: Fraction | int, op: str) -> "Linear":
        if op not in _OPS:
            raise ValueError(f"unknown operator {op!r}")
        items = sorted((v, Fraction(c)) for v, c in coeffs.items() if c != 0)
        const = Fraction(const)
        if items:
            scale = abs(items[0][1]) if op in (">", ">=") else items[0][1]
            items = [(v, c / scale) for v, c in items]
            const /= scale
        return Linear(tuple(items), const, op)

    def value(self, point: Mapping[str, Fraction]) -> Fraction:
        return sum((c * point[v] for v, c in self.coeffs), self.const)

    def holds(self, point: Mapping[str, Fraction]) -> bool:
        value = self.value(point)
        return {">": value > 0, ">=": value >= 0, "=": value == 0, "!=": value != 0}[self.op]

    def strict(self) -> "Linear":
        """The same form with ``>=`` made ``>`` (an interior version)."""
        return Linear(self.coeffs, self.const, ">") if self.op == ">=" else self


def feasible_point(constraints: Iterable[Linear]) -> dict[str, Fraction] | None:
    """An exact point satisfying every constraint, or ``None`` when there is none.

    Parameters
    ----------
    constraints : iterable of Linear
        Any mix of ``>``, ``>=``, ``=`` and ``!=`` forms.

    Returns
    -------
    dict or None
        A value for every variable that occurs, chosen as simple as possible.

    Examples
    --------
    >>> x = {"x": 1}
    >>> feasible_point([Linear.make(x, 0, ">"), Linear.make({"x": -1}, 0, ">")]) is None
    True
    >>> feasible_point([Linear.make(x, 0, ">="), Linear.make({"x": -1}, 0, ">=")])
    {'x': Fraction(0, 1)}
    >>> feasible_point([Linear.make(x, -1, ">"), Linear.make({"x": -1}, 2, ">")])
    {'x': Fraction(3, 2)}
    """
    return _feasible(frozenset(constraints))


@lru_cache(maxsize=65536)
def _feasible(constraints: frozenset[Linear]) -> dict[str, Fraction] | None:
    system = [c for c in constraints if c.op != "!="]
    # Greedy choice of a side for each disequality; exact by the convexity argument above.
    for c in sorted((c for c in constraints if c.op == "!="), key=_order):
        above = Linear.make(dict(c.coeffs), c.const, ">")
        below = Linear.make({v: -a for v, a in c.coeffs}, -c.const, ">")
        for side in (above, below):
            if _solve(frozenset(system + [side])) is not None:
                system.append(side)
                break
        else:
            return None
    point = _solve(frozenset(system))
    return None if point is None else dict(point)


def _order(c: Linear):
    return (c.coeffs, c.const, c.op)


@lru_cache(maxsize=65536)
def _solve(constraints: frozenset[Linear]) -> tuple[tuple[str, Fraction], ...] | None:
    try:
        point = _fourier_motzkin(sorted(constraints, key=_order))
    except _TooLarge:
        point = _fallback_point(constraints)
    return None if point is None else tuple(sorted(point.items()))


class _TooLarge(Exception):
    pass


# A bound is (coeffs dict, const, strict): the variable is > / >= (lower) or < / <= (upper)
# the affine function coeffs . x + const of the variables not yet eliminated.

def _fourier_motzkin(constraints: list[Linear],
                     limit: int | None = ELIMINATION_LIMIT) -> dict[str, Fraction] | None:
    """Gaussian elimination of equalities, then Fourier-Motzkin, then back-substitution."""
    equalities = [(dict(c.coeffs), c.const) for c in constraints if c.op == "="]
    rows = [(dict(c.coeffs), c.const, c.op == ">") for c in constraints if c.op != "="]
    names = sorted({v for c in constraints for v, _ in c.coeffs})
    solved: list[tuple[str, dict[str, Fraction], Fraction]] = []
    while equalities:
        coeffs, const = equalities.pop()
        if not coeffs:
            if const != 0:
                return None
            continue
        var = max(coeffs)
        a = coeffs.pop(var)
        expr = {v: -c / a for v, c in coeffs.items()}
        value = -const / a
        solved.append((var, expr, value))
        equalities = [_substitute(c, k, var, expr, value) for c, k in equalities]
        rows = [_substitute(c, k, var, expr, value) + (s,) for c, k, s in rows]
    eliminated: list[tuple[str, list, list]] = []
    rows = _tighten(rows)
    while rows is not None:
        live = {v for c, _, _ in rows for v in c}
        if not live:
            break
        var = min(sorted(live), key=lambda v: _cost(rows, v))
        lowers, uppers, rest = [], [], []
        for coeffs, const, strict in rows:
            a = coeffs.get(var, 0)
            if a == 0:
                rest.append((coeffs, const, strict))
                continue
            bound = ({v: -c / a for v, c in coeffs.items() if v != var}, -const / a, strict)
            (lowers if a > 0 else uppers).append(bound)
        eliminated.append((var, lowers, uppers))
        for lo, lo_const, lo_strict in lowers:
            for hi, hi_const, hi_strict in uppers:
                diff = dict(hi)
                for v, c in lo.items():
                    diff[v] = diff.get(v, 0) - c
                rest.append(({v: c for v, c in diff.items() if c != 0}, hi_const - lo_const,
                             lo_strict or hi_strict))
        if limit is not None and len(rest) > limit:
            raise _TooLarge
        rows = _tighten(rest)
    if rows is None:
        return None
    point: dict[str, Fraction] = {}
    for var, lowers, uppers in reversed(eliminated):
        lo, lo_strict = _tightest(lowers, point, True)
        hi, hi_strict = _tightest(uppers, point, False)
        point[var] = simplest_between(lo, lo_strict, hi, hi_strict)
    for var, expr, value in reversed(solved):
        point[var] = value + sum(c * point.setdefault(v, Fraction(0)) for v, c in expr.items())
    for var in names:
        point.setdefault(var, Fraction(0))
    return point


def _substitute(coeffs, const, var, expr, value):
    a = coeffs.get(var, 0)
    if a == 0:
        return coeffs, const
    out = {v: c for v, c in coeffs.items() if v != var}
    for v, c in expr.items():
        out[v] = out.get(v, 0) + a * c
    return {v: c for v, c in out.items() if c != 0}, const + a * value


def _tighten(rows):
    """Drop true constant rows, keep the tightest of parallel rows; None if a row is false."""
    best: dict[tuple, tuple[Fraction, bool]] = {}
    for coeffs, const, strict in rows:
        if not coeffs:
            if const < 0 or (const == 0 and strict):
                return None
            continue
        first = abs(coeffs[min(coeffs)])
        key = tuple(sorted((v, c / first) for v, c in coeffs.items()))
        const /= first
        old = best.get(key)
        if old is None or const < old[0] or (const == old[0] and strict):
            best[key] = (const, strict)
    return [(dict(key), const, strict) for key, (const, strict) in best.items()]


def _cost(rows, var) -> int:
    pos = sum(1 for c, _, _ in rows if c.get(var, 0) > 0)
    neg = sum(1 for c, _, _ in rows if c.get(var, 0) < 0)
    return pos * neg - pos - neg


def _tightest(bounds, point, lower: bool):
    """The tightest of the bounds at the point: its value and whether it is strict."""
    best, best_strict = None, False
    for coeffs, const, strict in bounds:
        value = const + sum(c * point.setdefault(v, Fraction(0)) for v, c in coeffs.items())
        if best is None or (value > best if lower else value < best):
            best, best_strict = value, strict
        elif value == best:
            best_strict = best_strict or strict
    return best, best_strict


def simplest_between(lo: Fraction | None, lo_strict: bool,
                     hi: Fraction | None, hi_strict: bool) -> Fraction:
    """The simplest rational in an interval: an integer nearest 0 if one fits, else the one with
    the smallest denominator (Stern-Brocot search).  ``None`` is an infinite end.

    Examples
    --------
    >>> simplest_between(Fraction(0), True, None, False)
    Fraction(1, 1)
    >>> simplest_between(Fraction(1, 3), True, Fraction(1, 2), True)
    Fraction(2, 5)
    >>> simplest_between(Fraction(-7, 2), False, Fraction(5), True)
    Fraction(0, 1)
    """
    if lo is not None and hi is not None and lo == hi:
        if lo_strict or hi_strict:
            raise ValueError("empty interval")
        return lo
    first = None if lo is None else (
        math.floor(lo) + 1 if lo_strict or lo.denominator != 1 else int(lo))
    last = None if hi is None else (
        math.ceil(hi) - 1 if hi_strict or hi.denominator != 1 else int(hi))
    if first is None or last is None or first <= last:
        best = 0
        if first is not None:
            best = max(best, first)
        if last is not None:
            best = min(best, last)
        return Fraction(best)
    return _simplest_open(lo, hi)


def _simplest_open(lo: Fraction, hi: Fraction | None) -> Fraction:
    """Simplest rational strictly between lo and hi (hi None is infinity), lo < hi."""
    n = math.floor(lo) + 1
    if hi is None or n < hi:
        return Fraction(n)
    n -= 1  # n <= lo < hi <= n + 1
    inner_lo = 1 / (hi - n)
    inner_hi = None if lo == n else 1 / (lo - n)
    return n + 1 / _simplest_open(inner_lo, inner_hi)


# ---------------------------------------------------------------------------------------------
# The fallback for large eliminations.

def _fallback_point(constraints: frozenset[Linear]) -> dict[str, Fraction] | None:
    """Exact linear real arithmetic by z3's simplex; without z3, unlimited elimination.

    (sympy 1.14's ``lpmax``/``linprog`` return infeasible points on some systems with negative
    right-hand sides, so they are not used.)
    """
    try:
        import z3
    except ImportError:
        return _fourier_motzkin(sorted(constraints, key=_order), limit=None)
    variables = {v: z3.Real(v) for c in constraints for v, _ in c.coeffs}
    solver = z3.Solver()
    for c in constraints:
        lhs = z3.Sum(*[z3.RealVal(f"{a.numerator}/{a.denominator}") * variables[v]
                       for v, a in c.coeffs],
                     z3.RealVal(f"{c.const.numerator}/{c.const.denominator}"))
        solver.add({">": lhs > 0, ">=": lhs >= 0, "=": lhs == 0}[c.op])
    if solver.check() != z3.sat:
        return None
    model = solver.model()
    point = {}
    for v, var in variables.items():
        value = model.eval(var, model_completion=True)
        point[v] = Fraction(value.numerator_as_long(), value.denominator_as_long())
    return point
