"""Exact double description of polyhedra in a few dimensions.

A polyhedron ``P = {x : a_i . x + b_i >= 0}`` is kept both as its constraints and as the
generators of its homogenized cone ``C = {(x, t) : a_i . x + b_i t >= 0, t >= 0}``: extreme rays
(``t > 0``: points of ``P``; ``t = 0``: directions in which ``P`` is unbounded) and a basis of
lines (directions along which it is unbounded both ways).  Adding a constraint is one step of
the double description method of Motzkin, Raiffa, Thompson and Thrall (1953), with the
combinatorial adjacency test, as in K. Fukuda and A. Prodon, "Double description method
revisited", *Combinatorics and Computer Science*, LNCS 1120, 1996.  Everything is in integers,
and the set of constraints tight on a generator is a bit mask (an ``int``), so that the
adjacency test is a few machine operations and a polyhedron allocates no set.

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
from functools import lru_cache

__all__ = ["Polyhedron"]

_T = 1
"""The bit of the constraint ``t >= 0`` in the tight masks; row ``i`` has bit ``i + 1``."""


def _dot(u, v) -> int:
    return sum(map(operator.mul, u, v))


def _primitive(v: tuple) -> tuple:
    g = math.gcd(*v)
    return v if g <= 1 else tuple(x // g for x in v)


def _bits(indices) -> int:
    """The mask of the rows at ``indices``."""
    mask = 0
    for i in indices:
        mask |= 2 << i
    return mask


@lru_cache(maxsize=16)
def _universe(n: int) -> "Polyhedron":
    unit = [tuple(int(i == j) for i in range(n + 1)) for j in range(n + 1)]
    return Polyhedron((), (), (unit[n],), (0,), tuple(unit[:n]))


@dataclass(frozen=True)
class Polyhedron:
    """Constraints (integer rows ``(a_1, ..., a_n, b)`` for ``a . x + b >= 0``, with
    strictness) and generators (integer vectors ``(x_1, ..., x_n, t)``) of one polyhedron.

    ``tight`` holds, per ray, the mask of the constraints that are zero on it: bit ``i + 1``
    for row ``i``, bit 0 for ``t >= 0``.
    """

    rows: tuple[tuple[int, ...], ...]
    strict: tuple[bool, ...]
    rays: tuple[tuple[int, ...], ...]
    tight: tuple[int, ...]
    lines: tuple[tuple[int, ...], ...]

    @staticmethod
    def universe(n: int) -> "Polyhedron":
        """All of ``R^n``: the ray ``(0, ..., 0, 1)`` (the origin) and the ``n`` unit lines
        (one shared object per ``n``: polyhedra are immutable)."""
        return _universe(n)

    def cut(self, row: tuple[int, ...], strict: bool) -> "Polyhedron":
        """The polyhedron with the constraint ``row . (x, 1) >= 0`` (``> 0`` if strict) added."""
        i = len(self.rows)
        bit = 2 << i
        rows, stricts = self.rows + (row,), self.strict + (strict,)
        mul = operator.mul
        lines = self.lines
        along = [sum(map(mul, row, line)) for line in lines]
        k = next((k for k, s in enumerate(along) if s), None)
        if k is not None:
            # a line leaves: its direction with row > 0 becomes a ray, the rest is projected
            # into row = 0 along it (every old row is zero on lines, so tight sets stay)
            line, s = lines[k], along[k]
            if s < 0:
                line, s = tuple(-x for x in line), -s
            lines = tuple(_primitive(tuple(s * a - along[j] * b for a, b in zip(other, line)))
                          for j, other in enumerate(lines) if j != k)
            rays = tuple(_primitive(tuple(s * a - sum(map(mul, row, r)) * b
                                          for a, b in zip(r, line)))
                         for r in self.rays) + (line,)
            tight = tuple(z | bit for z in self.tight) + ((bit - 2) | _T,)
            return Polyhedron(rows, stricts, rays, tight, lines)
        old_rays, old_tight = self.rays, self.tight
        values = [sum(map(mul, row, r)) for r in old_rays]
        if min(values, default=0) >= 0:     # the generators stay; those on the new hyperplane gain it
            tight = tuple(z | bit if not v else z for z, v in zip(old_tight, values))
            return Polyhedron(rows, stricts, old_rays, tight, lines)
        rays, tight, plus, minus = [], [], [], []
        for j, (r, z, v) in enumerate(zip(old_rays, old_tight, values)):
            if v > 0:
                plus.append((j, r, z, v))
            elif v < 0:
                minus.append((j, r, z, v))
                continue
            rays.append(r)
            tight.append(z | bit if not v else z)
        # adjacent rays share the constraints of a 2-face: at least dim - 2 of them
        least = len(row) - len(lines) - 2
        for p, rp, zp, vp in plus:
            for m, rm, zm, vm in minus:
                common = zp & zm
                if common.bit_count() < least:
                    continue
                for j, z in enumerate(old_tight):
                    if z & common == common and j != p and j != m:
                        break     # not adjacent: the segment is not an edge
                else:
                    rays.append(_primitive(tuple(vp * a - vm * b for a, b in zip(rm, rp))))
                    tight.append(common | bit)
        return Polyhedron(rows, stricts, tuple(rays), tuple(tight), lines)

    def _strict_mask(self) -> int:
        """The mask of the strict rows, remembered."""
        try:
            return self._strict
        except AttributeError:
            mask = _bits(i for i, s in enumerate(self.strict) if s)
            object.__setattr__(self, "_strict", mask)
            return mask

    def nonempty(self) -> bool:
        """Whether the system (strict rows strict) has a point."""
        try:
            return self._nonempty
        except AttributeError:
            everywhere = -1
            for z in self.tight:
                everywhere &= z
            value = any(r[-1] > 0 for r in self.rays) and not everywhere & self._strict_mask()
            object.__setattr__(self, "_nonempty", value)
            return value

    def face(self, row: tuple[int, ...]) -> frozenset:
        """The rays on which the form ``row . (x, 1)`` is zero (primitive vectors: with no
        lines, equal faces have equal sets)."""
        try:
            faces = self._faces
        except AttributeError:
            faces = {}
            for i, own in enumerate(self.rows):
                b = 2 << i
                faces[own] = frozenset(r for r, z in zip(self.rays, self.tight) if z & b)
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
            mul = operator.mul
            if any(sum(map(mul, row, line)) for line in self.lines):
                sign = 0
                known[tuple(-x for x in row)] = 0
            else:
                low = high = 0
                for r in self.rays:
                    v = sum(map(mul, row, r))
                    if v < low:
                        low = v
                    elif v > high:
                        high = v
                sign = 0 if low < 0 < high else 1 if low >= 0 else -1
                if sign != 1 or high:     # (a form zero throughout has sign 1 both ways)
                    known[tuple(-x for x in row)] = -sign
            known[row] = sign
        return sign

    def meets(self, row: tuple[int, ...], strict_rows=None) -> bool:
        """Whether the system has a point where ``row . (x, 1) = 0``: the face of the closure
        there has a generator with ``t > 0`` and each strict row (of ``strict_rows``, the
        indices, if given) is positive on one of its generators (their sum is such a point)."""
        mul = operator.mul
        on_face = -1
        point = False
        for r, z in zip(self.rays, self.tight):
            if not sum(map(mul, row, r)):
                on_face &= z
                point = point or r[-1] > 0
        if not point:
            return False
        mask = self._strict_mask() if strict_rows is None else _bits(strict_rows)
        return not on_face & mask

    def side(self, row: tuple[int, ...]) -> int | None:
        """Where the points of the system lie with respect to ``row . (x, 1) > 0``: 1 all on
        it, -1 all below it, 0 on both sides; None when they reach the hyperplane without
        crossing it (only on a non-strict row, e.g. a closed domain's bound)."""
        sign = self.signs(row)
        if sign and self._strict_mask() != (2 << len(self.strict)) - 2 and self.meets(row):
            return None
        return sign

    def facets(self) -> tuple[int, ...]:
        """The rows that are not implied by the others, in order; for a non-empty system
        whose closure is full-dimensional (as a region of strict conditions in a box is).

        Those are the facets of the closure, and, when some rows are not strict, each strict
        row that the others (tested one at a time, in the order of the rows' values) would
        let reach its hyperplane on a non-strict row."""
        n_rows = len(self.rows)
        faces = [0] * (n_rows + 1)        # per row, and t >= 0 last: its rays, as a mask
        for j, z in enumerate(self.tight):
            ray = 1 << j
            if z & _T:
                faces[n_rows] |= ray
            z >>= 1
            i = 0
            while z:
                if z & 1:
                    faces[i] |= ray
                z >>= 1
                i += 1
        everything = (1 << len(self.rays)) - 1
        # (t >= 0 is numbered -1: it comes before every row)
        proper = [(k if k < n_rows else -1, f) for k, f in enumerate(faces) if f != everything]
        out = []
        for i in range(n_rows):
            face = faces[i]
            if face == everything:
                continue
            # not a facet when its face lies strictly in another's (or equals an earlier one's)
            if any(f & face == face and (f != face or k < i) for k, f in proper if k != i):
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
        its facets); tight masks renumbered."""
        indices = list(indices)
        moves = [(2 << old, 2 << new) for new, old in enumerate(indices)]
        tight = []
        for z in self.tight:
            mask = z & _T
            for old, new in moves:
                if z & old:
                    mask |= new
            tight.append(mask)
        return Polyhedron(tuple(self.rows[i] for i in indices),
                          tuple(self.strict[i] for i in indices), self.rays, tuple(tight),
                          self.lines)
