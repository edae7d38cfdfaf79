"""Declared parameters of symbolic games: a name, a meaning, a domain and a source.

A domain is a real interval (open or closed, bounded or not), a ``{0, 1}`` switch, or a range of
integers.  Domains are written in code as objects or as short text::

    "> 0"   ">= 0"   "(0, 1]"   "[0, oo)"   "{0, 1}"   "integer [1, 5]"   "real"
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from fractions import Fraction
from collections.abc import Sequence
from typing import Union

import sympy

from .numbers import exact, parse_number, to_sympy

__all__ = ["Interval", "Switch", "Integers", "Domain", "Parameter", "parse_domain",
           "as_parameter"]


@dataclass(frozen=True)
class Interval:
    """A real interval; ``None`` bounds are infinite.

    Examples
    --------
    >>> Interval(Fraction(0), None, lo_open=True).contains(Fraction(1, 2))
    True
    >>> str(Interval(Fraction(0), Fraction(1), hi_open=True))
    '[0, 1)'
    """

    lo: Fraction | None = None
    hi: Fraction | None = None
    lo_open: bool = False
    hi_open: bool = False

    def __post_init__(self):
        if self.lo is not None and self.hi is not None:
            if self.lo > self.hi or (self.lo == self.hi and (self.lo_open or self.hi_open)):
                raise ValueError(f"empty interval {self}")

    def contains(self, value: Fraction) -> bool:
        if self.lo is not None and (value < self.lo or (self.lo_open and value == self.lo)):
            return False
        if self.hi is not None and (value > self.hi or (self.hi_open and value == self.hi)):
            return False
        return True

    def constraints(self, symbol: sympy.Symbol) -> list:
        out = []
        if self.lo is not None:
            out.append(symbol > to_sympy(self.lo) if self.lo_open else symbol >= to_sympy(self.lo))
        if self.hi is not None:
            out.append(symbol < to_sympy(self.hi) if self.hi_open else symbol <= to_sympy(self.hi))
        return out

    def __str__(self) -> str:
        if self.lo is None and self.hi is None:
            return "real"
        left = "(" if self.lo is None or self.lo_open else "["
        right = ")" if self.hi is None or self.hi_open else "]"
        lo = "-oo" if self.lo is None else str(self.lo)
        hi = "oo" if self.hi is None else str(self.hi)
        return f"{left}{lo}, {hi}{right}"


@dataclass(frozen=True)
class Switch:
    """A ``{0, 1}`` switch, such as "the legislature is involved"."""

    def contains(self, value: Fraction) -> bool:
        return value in (0, 1)

    def constraints(self, symbol: sympy.Symbol) -> list:
        return [symbol >= 0, symbol <= 1]

    def values(self) -> tuple[Fraction, ...]:
        return (Fraction(0), Fraction(1))

    def __str__(self) -> str:
        return "{0, 1}"


class IntegerValues(Sequence):
    """The integers ``lo..hi`` as Fractions, computed on demand (a ``range`` of Fractions).

    Examples
    --------
    >>> values = IntegerValues(1, 3)
    >>> list(values), values == (1, 2, 3), Fraction(2) in values, len(IntegerValues(5, 4))
    ([Fraction(1, 1), Fraction(2, 1), Fraction(3, 1)], True, True, 0)
    """

    __slots__ = ("_range",)
    __hash__ = None   # type: ignore[assignment]

    def __init__(self, lo: int, hi: int):
        self._range = range(lo, hi + 1)

    def __len__(self) -> int:
        return len(self._range)

    def __getitem__(self, index):
        if isinstance(index, slice):
            part = self._range[index]
            if part.step != 1:
                return tuple(Fraction(k) for k in part)
            return IntegerValues(part.start, part.stop - 1)
        return Fraction(self._range[index])

    def __iter__(self):
        return (Fraction(k) for k in self._range)

    def __contains__(self, value) -> bool:
        value = Fraction(value)
        return value.denominator == 1 and value.numerator in self._range

    def __eq__(self, other) -> bool:
        if isinstance(other, IntegerValues):
            return self._range == other._range
        if isinstance(other, (tuple, list)):
            return len(other) == len(self) and all(a == b for a, b in zip(self, other))
        return NotImplemented

    def __repr__(self) -> str:
        return f"IntegerValues({self._range.start}, {self._range.stop - 1})"


@dataclass(frozen=True)
class Integers:
    """The integers ``lo..hi`` (inclusive; ``None`` is unbounded)."""

    lo: int | None = None
    hi: int | None = None

    def contains(self, value: Fraction) -> bool:
        return (Fraction(value).denominator == 1
                and (self.lo is None or value >= self.lo)
                and (self.hi is None or value <= self.hi))

    def constraints(self, symbol: sympy.Symbol) -> list:
        return Interval(None if self.lo is None else Fraction(self.lo),
                        None if self.hi is None else Fraction(self.hi)).constraints(symbol)

    def values(self) -> "IntegerValues":
        """The integers of the domain as a lazy sequence (never listed: ``integer [0, 10**8]``
        has a length and a first value at no cost).

        Examples
        --------
        >>> values = Integers(0, 10**8).values()
        >>> len(values), values[0], values[-1]
        (100000001, Fraction(0, 1), Fraction(100000000, 1))
        """
        if self.lo is None or self.hi is None:
            raise ValueError("an unbounded integer domain has no finite list of values")
        return IntegerValues(self.lo, self.hi)

    def __str__(self) -> str:
        lo = "-oo" if self.lo is None else str(self.lo)
        hi = "oo" if self.hi is None else str(self.hi)
        return f"integer [{lo}, {hi}]"


Domain = Union[Interval, Switch, Integers]

_BOUND = r"\s*([+-]?(?:oo|inf|[\d./eE+-]+))\s*"
_INTERVAL = re.compile(r"([\[(])" + _BOUND + "," + _BOUND + r"([\])])\Z")
_RAY = re.compile(r"(>=|<=|>|<)\s*(.+)\Z")


def _bound(text: str) -> Fraction | None:
    return None if text.lstrip("+-") in ("oo", "inf") else parse_number(text)


def parse_domain(text: str) -> Domain:
    """Read a domain written as text.

    Examples
    --------
    >>> parse_domain("> 0")
    Interval(lo=Fraction(0, 1), hi=None, lo_open=True, hi_open=False)
    >>> parse_domain("{0, 1}")
    Switch()
    >>> str(parse_domain("(0, 1]")), str(parse_domain("integer [1, 5]"))
    ('(0, 1]', 'integer [1, 5]')
    """
    text = text.strip()
    if text in ("", "real", "R", "(-oo, oo)"):
        return Interval()
    if re.fullmatch(r"\{\s*0\s*,\s*1\s*\}|switch|binary", text):
        return Switch()
    if text.startswith("integer"):
        rest = text[len("integer"):].strip()
        if not rest:
            return Integers()
        interval = parse_domain(rest)
        if not isinstance(interval, Interval) or interval.lo_open or interval.hi_open and interval.hi is not None:
            raise ValueError(f"integer domains are written 'integer [lo, hi]': {text!r}")
        if any(b is not None and Fraction(b).denominator != 1 for b in (interval.lo, interval.hi)):
            raise ValueError(f"the bounds of an integer domain must be integers: {text!r}")
        return Integers(None if interval.lo is None else int(interval.lo),
                        None if interval.hi is None else int(interval.hi))
    match = _INTERVAL.match(text)
    if match:
        left, lo, hi, right = match.groups()
        return Interval(_bound(lo), _bound(hi), left == "(", right == ")")
    match = _RAY.match(text)
    if match:
        op, value = match.groups()
        bound = parse_number(value)
        if op in (">", ">="):
            return Interval(bound, None, lo_open=op == ">")
        return Interval(None, bound, hi_open=op == "<")
    raise ValueError(f"cannot read the domain {text!r} (try '> 0', '[0, 1]', '{{0, 1}}')")


@dataclass(frozen=True)
class Parameter:
    """A named parameter of a symbolic game.

    Parameters
    ----------
    name : str
        A Python identifier; it is also the sympy symbol's name.
    domain : Domain or str
        Where the parameter lives (text is read by :func:`parse_domain`).
    meaning : str
        What it stands for, in words.
    source : str
        Where its value or range comes from.

    Examples
    --------
    >>> c = Parameter("c", ">= 0", meaning="ruling-party cost per unit of side payment")
    >>> c.symbol, c.constraints()
    (c, [c >= 0])
    """

    name: str
    domain: Domain = field(default_factory=Interval)
    meaning: str = ""
    source: str = ""

    def __post_init__(self):
        if not self.name.isidentifier():
            raise ValueError(f"parameter names must be identifiers: {self.name!r}")
        if isinstance(self.domain, str):
            object.__setattr__(self, "domain", parse_domain(self.domain))

    @property
    def symbol(self) -> sympy.Symbol:
        return sympy.Symbol(self.name, real=True)

    def constraints(self) -> list:
        """The sympy relations the domain implies."""
        return self.domain.constraints(self.symbol)

    def contains(self, value) -> bool:
        return self.domain.contains(exact(value))


def as_parameter(value: Parameter | str | sympy.Symbol) -> Parameter:
    """A Parameter from a Parameter, a name, or a sympy Symbol (real, unbounded).

    Examples
    --------
    >>> as_parameter("x").domain
    Interval(lo=None, hi=None, lo_open=False, hi_open=False)
    """
    if isinstance(value, Parameter):
        return value
    if isinstance(value, sympy.Symbol):
        return Parameter(value.name)
    if isinstance(value, str):
        return Parameter(value)
    raise ValueError(f"not a parameter: {value!r}")
