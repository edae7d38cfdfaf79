"""Exact double description of polyhedra in a few dimensions.

A polyhedron ``P = {x : a_i . x + b_i >= 0}`` is kept both as its constraints and as the
generators of its homogenized cone ``C = {(x, t) : a_i . x + b_i t >= 0, t >= 0}``: extreme rays
(``t > 0``: points of ``P``; ``t = 0``: directions in which ``P`` is unbounded) and a basis of
lines (directions along which it is unbounded both ways).  Adding a constraint is one step of
the double description method of Motzkin, Raiffa, Thompson and Thrall (1953), with the
combinatorial adjacency test, as in K. Fukuda and A. Prodon, "Double description method
revisited", *Combinatorics and Computer Science*, LNCS 1120, 1996.  Everything is in integers.

With the generators at hand the questions the parametric solver asks become sign tests: a
linear form is non-negative on ``P`` iff it is so on every generator (and zero on the lines); a
constraint is a facet iff the generators on which it is tight are not strictly contained in
those of another constraint (the generators are minimal, so faces are determined by their
tight sets).

A system of *strict* inequalities ``a_i . x + b_i > 0`` is described by the polyhedron of its
closure: it has a point iff some generator has ``t > 0`` and every strict constraint is positive
on some generator (then the sum of all generators is a point of it).

Examples
--------
The open triangle ``x > 0, y > 0, x + y < 1``:

>>> p = Polyhedron.universe(2)
>>> for row in [(1, 0, 0), (0, 1, 0), (-1, -1, 1)]:
...     p = p.cut(row, strict=True)
>>> p.nonempty(), p.point()
(True, (Fraction(1, 3), Fraction(1, 3)))
>>> p.signs((1, 1, -2))          # x + y - 2 < 0 on the whole triangle
-1
>>> p.facets()
(0, 1, 2)
>>> p.cut((1, 0, -1), strict=True).nonempty()      # and x > 1: empty
False
"""

from __future__ import annotations

import math
import operator
from dataclasses import dataclass
from fractions import Fraction

__all__ = ["Polyhedron"]

_T = -1
"""The index of the constraint ``t >= 0`` in the tight sets."""


def _dot(u, v) -> int:
    return sum(map(operator.mul, u, v))


def _primitive(v: tuple) -> tuple:
    g = math.gcd(*v)
    return v if g <= 1 else tuple(x // g for x in v)


@dataclass(frozen=True)
class Polyhedron:
    """Constraints (integer rows ``(a_1, ..., a_n, b)`` for ``a . x + b >= 0``, with
    strictness) and generators (integer vectors ``(x_1, ..., x_n, t)``) of one polyhedron."""

    rows: tuple[tuple[int, ...], ...]
    strict: tuple[bool, ...]
    rays: tuple[tuple[int, ...], ...]
    tight: tuple[frozenset, ...]          # per ray: the rows (and _T) that are zero on it
    lines: tuple[tuple[int, ...], ...]

    @staticmethod
    def universe(n: int) -> "Polyhedron":
        """All of ``R^n``: the ray ``(0, ..., 0, 1)`` (the origin) and the ``n`` unit lines."""
        unit = [tuple(int(i == j) for i in range(n + 1)) for j in range(n + 1)]
        return Polyhedron((), (), (unit[n],), (frozenset(),), tuple(unit[:n]))

    def cut(self, row: tuple[int, ...], strict: bool) -> "Polyhedron":
        """The polyhedron with the constraint ``row . (x, 1) >= 0`` (``> 0`` if strict) added."""
        i = len(self.rows)
        rows, stricts = self.rows + (row,), self.strict + (strict,)
        along = [_dot(row, line) for line in self.lines]
        k = next((k for k, s in enumerate(along) if s), None)
        if k is not None:
            # a line leaves: its direction with row > 0 becomes a ray, the rest is projected
            # into row = 0 along it (every old row is zero on lines, so tight sets stay)
            line, s = self.lines[k], along[k]
            if s < 0:
                line, s = tuple(-x for x in line), -s
            lines = tuple(_primitive(tuple(s * a - along[j] * b for a, b in zip(other, line)))
                          for j, other in enumerate(self.lines) if j != k)
            rays = tuple(_primitive(tuple(s * a - _dot(row, r) * b for a, b in zip(r, line)))
                         for r in self.rays) + (line,)
            tight = tuple(z | {i} for z in self.tight) + (frozenset(range(i)) | {_T},)
            return Polyhedron(rows, stricts, rays, tight, lines)
        old_rays, old_tight = self.rays, self.tight
        values = [_dot(row, r) for r in old_rays]
        minus = [j for j, v in enumerate(values) if v < 0]
        if not minus:     # the generators stay; those on the new hyperplane gain it
            tight = tuple(z | {i} if v == 0 else z for z, v in zip(old_tight, values))
            return Polyhedron(rows, stricts, old_rays, tight, self.lines)
        plus = [j for j, v in enumerate(values) if v > 0]
        rays = [r for r, v in zip(old_rays, values) if v >= 0]
        tight = [z | {i} if v == 0 else z for z, v in zip(old_tight, values) if v >= 0]
        for p in plus:
            for m in minus:
                common = old_tight[p] & old_tight[m]
                for j, z in enumerate(old_tight):
                    if j != p and j != m and common <= z:
                        break     # not adjacent: the segment is not an edge
                else:
                    vp, vm = values[p], values[m]
                    rays.append(_primitive(tuple(vp * a - vm * b
                                                 for a, b in zip(old_rays[m], old_rays[p]))))
                    tight.append(common | {i})
        return Polyhedron(rows, stricts, tuple(rays), tuple(tight), self.lines)

    def nonempty(self) -> bool:
        """Whether the system (strict rows strict) has a point."""
        try:
            return self._nonempty
        except AttributeError:
            value = any(r[-1] > 0 for r in self.rays) and all(
                any(i not in z for z in self.tight) for i, s in enumerate(self.strict) if s)
            object.__setattr__(self, "_nonempty", value)
            return value

    def face(self, row: tuple[int, ...]) -> frozenset:
        """The rays on which the form ``row . (x, 1)`` is zero (primitive vectors: with no
        lines, equal faces have equal sets)."""
        try:
            faces = self._faces
        except AttributeError:
            on: dict[int, list] = {}
            for r, z in zip(self.rays, self.tight):
                for i in z:
                    on.setdefault(i, []).append(r)
            faces = {row: frozenset(on.get(i, ())) for i, row in enumerate(self.rows)}
            object.__setattr__(self, "_faces", faces)
        face = faces.get(row)
        return face if face is not None else frozenset(r for r in self.rays if _dot(row, r) == 0)

    def point(self) -> tuple[Fraction, ...] | None:
        """A point of the system: the sum of the generators, dehomogenized; None if empty."""
        if not self.nonempty():
            return None
        total = [sum(c) for c in zip(*self.rays)]
        return tuple(Fraction(x, total[-1]) for x in total[:-1])

    def signs(self, row: tuple[int, ...]) -> int:
        """Where the form ``row . (x, 1)`` is on the closed polyhedron: 1 if ``>= 0``
        throughout, -1 if ``<= 0`` throughout (and not 1), 0 if it takes both signs.
        Remembered, with the answer for ``-row``."""
        try:
            known = self._signs
        except AttributeError:
            known = {}
            object.__setattr__(self, "_signs", known)
        sign = known.get(row)
        if sign is None:
            if any(_dot(row, line) for line in self.lines):
                sign = 0
            else:
                values = [_dot(row, r) for r in self.rays]
                low, high = min(values), max(values)
                sign = 0 if low < 0 < high else 1 if low >= 0 else -1
            known[row] = sign
            if sign != 1 or any(values):     # (a form zero throughout has sign 1 both ways)
                known[tuple(-x for x in row)] = -sign
        return sign

    def meets(self, row: tuple[int, ...], strict_rows=None) -> bool:
        """Whether the system has a point where ``row . (x, 1) = 0``: the face of the closure
        there has a generator with ``t > 0`` and each strict row (of ``strict_rows``, the
        indices, if given) is positive on one of its generators (their sum is such a point)."""
        face = [j for j, r in enumerate(self.rays) if _dot(row, r) == 0]
        if not any(self.rays[j][-1] > 0 for j in face):
            return False
        if strict_rows is None:
            strict_rows = [i for i, s in enumerate(self.strict) if s]
        return all(any(i not in self.tight[j] for j in face) for i in strict_rows)

    def side(self, row: tuple[int, ...]) -> int | None:
        """Where the points of the system lie with respect to ``row . (x, 1) > 0``: 1 all on
        it, -1 all below it, 0 on both sides; None when they reach the hyperplane without
        crossing it (only on a non-strict row, e.g. a closed domain's bound)."""
        sign = self.signs(row)
        if sign and not all(self.strict) and self.meets(row):
            return None
        return sign

    def facets(self) -> tuple[int, ...]:
        """The rows that are not implied by the others, in order; for a non-empty system
        whose closure is full-dimensional (as a region of strict conditions in a box is).

        Those are the facets of the closure, and, when some rows are not strict, each strict
        row that the others (tested one at a time, in the order of the rows' values) would
        let reach its hyperplane on a non-strict row."""
        on = {}
        for j, z in enumerate(self.tight):
            for i in z:
                on.setdefault(i, set()).add(j)
        everything = set(range(len(self.rays)))
        faces = {i: frozenset(on.get(i, ())) for i in list(range(len(self.rows))) + [_T]}
        out = []
        for i in range(len(self.rows)):
            face = faces[i]
            if face == everything:
                continue
            if any(face < other or (face == other and k < i)
                   for k, other in faces.items() if k != i and other != everything):
                continue
            out.append(i)
        if not all(self.strict):
            kept = set(out) | {i for i, s in enumerate(self.strict) if s}
            for i in sorted(set(kept) - set(out), key=lambda i: self.rows[i]):
                if not self.meets(self.rows[i], [k for k in kept if self.strict[k] and k != i]):
                    kept.discard(i)
            out = sorted(kept)
        return tuple(out)

    def keep(self, indices) -> "Polyhedron":
        """The same polyhedron described by the rows at ``indices`` only (which must include
        its facets); tight sets renumbered."""
        indices = list(indices)
        new = {old: t for t, old in enumerate(indices)}
        new[_T] = _T
        return Polyhedron(tuple(self.rows[i] for i in indices),
                          tuple(self.strict[i] for i in indices), self.rays,
                          tuple(frozenset(new[i] for i in z if i in new) for z in self.tight),
                          self.lines)
