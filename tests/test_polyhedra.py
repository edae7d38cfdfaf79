"""The double description (polyhedra.py) against exact Fourier-Motzkin elimination (linear.py),
two independent procedures, on random systems of strict inequalities in 1 to 4 variables."""

import math

from hypothesis import given, settings
from hypothesis import strategies as st

from gametheory.symbolic.linear import Linear, feasible_point
from gametheory.symbolic.polyhedra import Polyhedron

NAMES = ("w", "x", "y", "z")


def primitive(row):
    g = math.gcd(*row)
    return tuple(v // g for v in row)


@st.composite
def systems(draw):
    """(n, distinct primitive integer rows ``a . x + b > 0``)."""
    n = draw(st.integers(1, 4))
    rows = draw(st.lists(st.tuples(*[st.integers(-3, 3)] * n, st.integers(-6, 6))
                         .filter(lambda r: any(r[:-1])), max_size=9))
    return n, list(dict.fromkeys(primitive(r) for r in rows))


def linear(row, op=">"):
    return Linear.make(dict(zip(NAMES, row[:-1])), row[-1], op)


def negated(row, op):
    return linear(tuple(-v for v in row), op)


def polyhedron(n, rows):
    p = Polyhedron.universe(n)
    for row in rows:
        p = p.cut(row, strict=True)
    return p


@settings(max_examples=300, deadline=None)
@given(systems())
def test_nonempty_and_point_agree_with_elimination(system):
    n, rows = system
    p = polyhedron(n, rows)
    assert p.nonempty() == (feasible_point([linear(r) for r in rows]) is not None)
    if p.nonempty():
        point = p.point()
        assert all(sum(a * x for a, x in zip(r, point)) + r[-1] > 0 for r in rows)


@settings(max_examples=300, deadline=None)
@given(systems())
def test_facets_are_the_irredundant_rows(system):
    n, rows = system
    p = polyhedron(n, rows)
    if not p.nonempty():
        return
    facets = set(p.facets())
    for i, row in enumerate(rows):
        others = [linear(r) for j, r in enumerate(rows) if j != i]
        redundant = feasible_point(others + [negated(row, ">=")]) is None
        assert redundant == (i not in facets), (rows, i)


@settings(max_examples=300, deadline=None)
@given(systems(), st.data())
def test_signs_agree_with_elimination(system, data):
    n, rows = system
    p = polyhedron(n, rows)
    if not p.nonempty():
        return
    form = data.draw(st.tuples(*[st.integers(-3, 3)] * n, st.integers(-6, 6))
                     .filter(lambda r: any(r[:-1])))
    above = feasible_point([linear(r) for r in rows] + [linear(form)]) is not None
    below = feasible_point([linear(r) for r in rows] + [negated(form, ">")]) is not None
    assert p.signs(form) == (0 if above and below else 1 if above else -1)
    assert p.signs(tuple(-v for v in form)) == (0 if above and below else -1 if above else 1)


def test_unbounded_slab_keeps_a_line():
    p = polyhedron(2, [(1, 0, 0), (-1, 0, 1)])        # 0 < x < 1, y free
    assert p.nonempty() and len(p.lines) == 1
    assert p.signs((0, 1, 0)) == 0                    # y takes both signs
    assert p.facets() == (0, 1)


def test_keep_drops_redundant_rows_and_describes_the_same_set():
    p = polyhedron(1, [(1, 0), (1, 1), (-1, 2)])      # x > 0, x > -1 (redundant), x < 2
    assert p.facets() == (0, 2)
    q = p.keep(p.facets())
    assert q.rows == ((1, 0), (-1, 2)) and q.nonempty()
    assert q.cut((-1, 0), strict=True).nonempty() is False     # and x < 0


@st.composite
def mixed_systems(draw):
    """(n, rows with strictness): some rows non-strict, as a closed domain's bounds are; only
    systems whose closure is full-dimensional (the solver's regions are)."""
    n, rows = draw(systems())
    flags = draw(st.lists(st.booleans(), min_size=len(rows), max_size=len(rows)))
    return n, list(zip(rows, flags))


def system(rows):
    return [linear(r, ">" if strict else ">=") for r, strict in rows]


@settings(max_examples=300, deadline=None)
@given(mixed_systems(), st.data())
def test_mixed_strictness_facets_and_sides_agree_with_elimination(mixed, data):
    n, rows = mixed
    p = Polyhedron.universe(n)
    for row, strict in rows:
        p = p.cut(row, strict)
    assert p.nonempty() == (feasible_point(system(rows)) is not None)
    if feasible_point([linear(r) for r, _ in rows]) is None:
        return                                    # empty or not full-dimensional
    kept = list(range(len(rows)))                 # one at a time, in the order of the rows
    for i in sorted(kept, key=lambda i: rows[i][0]):
        row, strict = rows[i]
        others = system([rows[j] for j in kept if j != i])
        if feasible_point(others + [negated(row, ">=" if strict else ">")]) is None:
            kept.remove(i)
    assert set(p.facets()) == set(kept)
    form = data.draw(st.tuples(*[st.integers(-3, 3)] * n, st.integers(-6, 6))
                     .filter(lambda r: any(r[:-1])))
    above = feasible_point(system(rows) + [linear(form)]) is not None
    below = feasible_point(system(rows) + [negated(form, ">")]) is not None
    on = feasible_point(system(rows) + [linear(form, "=")]) is not None
    side = p.side(form)
    if side is None:                              # touching the hyperplane, not crossing it
        assert on and not (above and below)
    else:
        assert side == (0 if above and below else 1 if not below and not on else -1)
        assert side != -1 or not above and not on
