"""Exact linear arithmetic over the rationals: feasibility of strict and non-strict systems.

A constraint is a :class:`Linear` form ``a . x + b  op  0`` with ``op`` one of ``">"``, ``">="``,
``"="`` (and ``"!="`` for :func:`feasible_point`).  Feasibility is decided by Fourier-Motzkin
elimination with strictness tracking [1]_ (after Gaussian elimination of the equalities), which
also yields an exact witness by back-substitution; each coordinate of the witness is the simplest
rational in its interval, so points read well.  Disequalities are handled greedily, which is exact
for convex sets (a convex set is never covered by finitely many hyperplanes that do not contain
it).  If elimination grows beyond :data:`ELIMINATION_LIMIT` rows, z3's exact simplex takes
over.  Whole systems are remembered in bounded caches (:data:`CACHE_SIZES`, :func:`cache_info`,
:func:`clear_caches`).

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

import z3

__all__ = ["Linear", "Point", "feasible_point", "simplest_between", "integer_form",
           "ELIMINATION_LIMIT", "CACHE_SIZES", "cache_info", "clear_caches", "forget"]

ELIMINATION_LIMIT = 400
"""Fourier-Motzkin hands over to the fallback beyond this many inequalities."""

CACHE_SIZES = {"_feasible": 16384, "_solve": 16384, "integer_form": 65536}
"""The bound of each cache of this module.  A system's entry holds its constraints (shared
with the caller) and one point; :func:`cache_info` reports the use."""

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

    def __hash__(self) -> int:   # cached: constraints are hashed often, in sets and caches
        try:
            return self._hash
        except AttributeError:
            value = hash((self.coeffs, self.const, self.op))
            object.__setattr__(self, "_hash", value)
            return value

    def __reduce__(self):   # not the cached hash: string hashes differ between processes
        return Linear, (self.coeffs, self.const, self.op)

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


class Point(dict):
    """An exact point, names -> Fraction, where names without a value are 0, with fast exact
    sign tests of constraints (integer arithmetic over a common denominator).

    Examples
    --------
    >>> p = Point({"x": Fraction(1, 3)})
    >>> p.sign(Linear.make({"x": 3, "y": 5}, -1, ">")), p.satisfies(Linear.make({"x": 1}, 0, ">"))
    (0, True)
    """

    def __missing__(self, key):
        return Fraction(0)

    def sign(self, c: Linear) -> int:
        """The sign of ``c``'s linear form at the point: -1, 0 or 1."""
        try:
            numerators, denominator = self._scaled
        except AttributeError:
            denominator = math.lcm(*(x.denominator for x in self.values()))
            numerators = {v: int(x * denominator) for v, x in self.items()}
            self._scaled = numerators, denominator
        coeffs, const = integer_form(c)
        total = const * denominator + sum(a * numerators.get(v, 0) for v, a in coeffs.items())
        return (total > 0) - (total < 0)

    def satisfies(self, c: Linear) -> bool:
        s = self.sign(c)
        return {">": s > 0, ">=": s >= 0, "=": s == 0, "!=": s != 0}[c.op]


def feasible_point(constraints: Iterable[Linear]) -> Point | None:
    """An exact point satisfying every constraint, or ``None`` when there is none.

    Parameters
    ----------
    constraints : iterable of Linear
        Any mix of ``>``, ``>=``, ``=`` and ``!=`` forms.

    Returns
    -------
    Point or None
        A value for every variable that occurs, chosen as simple as possible (a shared
        object: read it, do not change it).

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


@lru_cache(maxsize=CACHE_SIZES["_feasible"])
def _feasible(constraints: frozenset[Linear]) -> Point | None:
    """:func:`feasible_point`, cached: the point is shared, so it is only read."""
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
    return None if point is None else Point(point)


def forget() -> None:
    """Empty the caches of whole systems (one solve's regions; kept, they slow the next)."""
    _feasible.cache_clear()
    _solve.cache_clear()


def clear_caches() -> None:
    """Empty every cache of this module (whole systems and integer forms).

    Examples
    --------
    >>> _ = feasible_point([Linear.make({"x": 1}, 0, ">")])
    >>> clear_caches(); cache_info()["_feasible"].currsize
    0
    """
    forget()
    integer_form.cache_clear()


def cache_info() -> dict:
    """The use of each bounded cache of this module: name -> ``functools`` cache info.

    Examples
    --------
    >>> sorted(cache_info())
    ['_feasible', '_solve', 'integer_form']
    """
    return {f.__name__: f.cache_info() for f in (_feasible, _solve, integer_form)}


def _order(c: Linear):
    return (c.coeffs, c.const, c.op)


@lru_cache(maxsize=CACHE_SIZES["_solve"])
def _solve(constraints: frozenset[Linear]) -> tuple[tuple[str, Fraction], ...] | None:
    try:
        point = _fourier_motzkin(list(constraints))
    except _TooLarge:
        point = _fallback_point(constraints)
    return None if point is None else tuple(sorted(point.items()))


class _TooLarge(Exception):
    pass


def _fourier_motzkin(constraints: list[Linear],
                     limit: int | None = ELIMINATION_LIMIT) -> dict[str, Fraction] | None:
    """Gaussian elimination of equalities, then Fourier-Motzkin, then back-substitution.

    Every constraint is a row of integers ``(a, b, op)``, meaning ``a . x + b  op  0``.
    An equality ``e`` with ``e_j > 0`` eliminates ``x_j`` from a row ``r`` as
    ``e_j * r - r_j * e``; an inequality does so by ``-u_j * l + l_j * u`` for each lower row
    ``l`` (``l_j > 0``) and upper row ``u`` (``u_j < 0``).  Integers keep the rows exact
    without the cost of fractions.
    """
    names = sorted({v for c in constraints for v, _ in c.coeffs})
    rows = [_dense(c, names) for c in constraints]
    equalities = sorted((a, b) for a, b, op in rows if op == "=")   # a fixed order: one point
    table = [(a, b, op == ">") for a, b, op in rows if op != "="]
    solved: list[tuple[int, tuple, int]] = []
    while equalities:
        e, e_const = equalities.pop()
        if not any(e):
            if e_const != 0:
                return None
            continue
        j = max(t for t, x in enumerate(e) if x)
        if e[j] < 0:
            e, e_const = tuple(-x for x in e), -e_const
        solved.append((j, e, e_const))

        def eliminate(a, b, strict=None):
            if not a[j]:
                return a, b, strict
            n = a[j]
            return _reduced(tuple(e[j] * x - n * y for x, y in zip(a, e)),
                            e[j] * b - n * e_const, strict)

        equalities = [eliminate(a, b)[:2] for a, b in equalities]
        table = [eliminate(*row) for row in table]
    table = _tighten(table)
    eliminated: list[tuple[int, list, list]] = []
    while table:
        live = [j for j in range(len(names)) if any(a[j] for a, _, _ in table)]
        if not live:
            break
        j = min(live, key=lambda j: _cost(table, j))
        lowers = [r for r in table if r[0][j] > 0]
        uppers = [r for r in table if r[0][j] < 0]
        rest = [r for r in table if r[0][j] == 0]
        eliminated.append((j, lowers, uppers))
        for lo, lo_const, lo_strict in lowers:
            for hi, hi_const, hi_strict in uppers:
                m, n = -hi[j], lo[j]
                rest.append(_reduced(tuple(m * x + n * y for x, y in zip(lo, hi)),
                                     m * lo_const + n * hi_const, lo_strict or hi_strict))
        if limit is not None and len(rest) > limit:
            raise _TooLarge
        table = _tighten(rest)
    if table is None:
        return None
    values: list = [0] * len(names)
    for j, lowers, uppers in reversed(eliminated):
        lo, lo_strict = _tightest(lowers, values, j)
        hi, hi_strict = _tightest(uppers, values, j)
        values[j] = _compact(simplest_between(lo, lo_strict, hi, hi_strict))
    for j, e, e_const in reversed(solved):
        values[j] = _compact(_bound(e, e_const, values, j))
    return {v: Fraction(x) for v, x in zip(names, values)}


def _compact(x: Fraction) -> int | Fraction:
    """An integer as ``int`` (fast arithmetic), else the fraction."""
    return x.numerator if x.denominator == 1 else x


def _bound(a, b, values, j) -> Fraction:
    """The value of ``x_j`` at which ``a . x + b = 0``, the other coordinates at ``values``."""
    total = b + sum(x * v for t, (x, v) in enumerate(zip(a, values)) if t != j and x)
    return Fraction(-total, a[j]) if isinstance(total, int) else -total / a[j]


def _dense(c: Linear, names) -> tuple:
    coeffs, const = integer_form(c)
    return tuple(coeffs.get(v, 0) for v in names), const, c.op


@lru_cache(maxsize=CACHE_SIZES["integer_form"])
def integer_form(c: Linear) -> tuple[dict, int]:
    """The constraint's coprime integer coefficients (by variable) and constant.

    Examples
    --------
    >>> from fractions import Fraction
    >>> integer_form(Linear.make({"x": Fraction(1, 2), "y": Fraction(1, 3)}, Fraction(-1), ">"))
    ({'x': 3, 'y': 2}, -6)
    """
    scale = math.lcm(c.const.denominator, *(x.denominator for _, x in c.coeffs))
    a = [int(x * scale) for _, x in c.coeffs]
    b = int(c.const * scale)
    g = math.gcd(*a, b) or 1
    return {v: x // g for (v, _), x in zip(c.coeffs, a)}, b // g


def _reduced(a: tuple, b: int, strict: bool) -> tuple:
    g = math.gcd(*a, b)
    if g > 1:
        a, b = tuple(x // g for x in a), b // g
    return a, b, strict


def _tighten(rows):
    """Drop true constant rows, keep the tightest of parallel rows; None if a row is false."""
    best: dict[tuple, tuple] = {}
    for a, b, strict in rows:
        g = math.gcd(*a)
        if g == 0:
            if b < 0 or (b == 0 and strict):
                return None
            continue
        key = a if g == 1 else tuple(x // g for x in a)
        old = best.get(key)
        # a . x + b >= 0 is a' . x >= -b/g: the smaller b/g is the tighter row
        if old is None:
            best[key] = (a, b, strict, g)
            continue
        here, there = b * old[3], old[1] * g
        if here < there or (here == there and strict):
            best[key] = (a, b, strict, g)
    return [(a, b, strict) for a, b, strict, _ in best.values()]


def _cost(rows, j) -> int:
    pos = sum(1 for a, _, _ in rows if a[j] > 0)
    neg = sum(1 for a, _, _ in rows if a[j] < 0)
    return pos * neg - pos - neg


def _tightest(bounds, values, j):
    """The tightest of the bounds on ``x_j`` at the point: its value and whether it is
    strict."""
    best, best_strict = None, False
    for a, b, strict in bounds:
        value = _bound(a, b, values, j)
        lower = a[j] > 0
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
# Large eliminations.

def _fallback_point(constraints: frozenset[Linear]) -> dict[str, Fraction] | None:
    """Exact linear real arithmetic by z3's simplex (Dutertre and de Moura, CAV 2006).

    (sympy 1.14's ``lpmax``/``linprog`` return infeasible points on some systems with negative
    right-hand sides, so they are not used.)
    """
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
