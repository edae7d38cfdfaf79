"""Exact numbers and safe parsing of numbers and expressions.

Every payoff and probability in the package is a :class:`fractions.Fraction` when it is a number,
or a sympy expression when it depends on parameters.  A float is converted through its shortest
decimal representation, so ``0.1`` is one tenth, never 3602879701896397/36028797018963968.

Text is never given to ``eval`` or ``sympify``: :func:`parse_expression` walks Python's own
syntax tree (:mod:`ast`) and accepts only numbers, declared names, arithmetic, comparisons and a
short list of functions.
"""

from __future__ import annotations

import ast
import math
import re
from decimal import Decimal
from fractions import Fraction
from numbers import Rational
from typing import Any, Mapping, Union

import sympy

__all__ = [
    "Number",
    "exact",
    "is_symbolic",
    "parse_number",
    "parse_expression",
    "parse_relation",
    "to_text",
    "to_sympy",
]

Number = Union[Fraction, sympy.Expr]

_NUMBER = re.compile(r"[+-]?(?:[0-9]+/[0-9]+|(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE]([+-]?[0-9]+))?)\Z")
_MAX_DECIMAL_EXPONENT = 1000
_MAX_TEXT = 10_000
_MAX_EXPONENT = 1_000
# The largest numerator or denominator an expression may produce, in bits (about 4,200 decimal
# digits, under Python's 4,300-digit limit on converting integers to text).  Checked on every
# intermediate result, and on a power *before* it is computed, so that ``((9**999)**999)**999``
# is refused at once instead of being worked out.
_MAX_BITS = 14_000


def parse_number(text: str) -> Fraction:
    """Parse a number written as an integer, a decimal, an exponent or a rational ``a/b``.

    The lexical rules are Gambit's: an optional sign, then ``12``, ``0.5``, ``.5``, ``1.5e-3``
    or ``-3/4``.  The result is exact.

    Parameters
    ----------
    text : str
        The number as written.

    Returns
    -------
    Fraction

    Raises
    ------
    ValueError
        If the text is not a number or divides by zero.

    Examples
    --------
    >>> parse_number("0.1")
    Fraction(1, 10)
    >>> parse_number("-3/4"), parse_number("1.5e-3")
    (Fraction(-3, 4), Fraction(3, 2000))
    """
    text = text.strip()
    match = _NUMBER.match(text)
    if not match:
        raise ValueError(f"not a number: {text!r}")
    if match.group(1) and abs(int(match.group(1))) > _MAX_DECIMAL_EXPONENT:
        raise ValueError(f"exponent out of range (at most {_MAX_DECIMAL_EXPONENT}): {text!r}")
    if "/" in text:
        numerator, denominator = text.split("/")
        if int(denominator) == 0:
            raise ValueError(f"division by zero: {text!r}")
        return Fraction(Fraction(numerator), int(denominator))
    return Fraction(text)


def exact(value: Any, symbols: Mapping[str, sympy.Symbol] | None = None) -> Number:
    """Convert a value to an exact number: a ``Fraction``, or a sympy expression if symbolic.

    Parameters
    ----------
    value : int, Fraction, Decimal, float, str or sympy expression
        Floats go through their shortest ``repr`` (``0.1`` -> 1/10).  Strings are numbers, or
        expressions in ``symbols`` parsed by :func:`parse_expression`.
    symbols : mapping of str to sympy.Symbol, optional
        The names a string may use.

    Returns
    -------
    Fraction or sympy.Expr

    Raises
    ------
    ValueError
        For non-finite floats, booleans, unknown names or anything that is not a number.

    Examples
    --------
    >>> exact(0.1), exact("1/3"), exact(2)
    (Fraction(1, 10), Fraction(1, 3), Fraction(2, 1))
    >>> R = sympy.Symbol("R", real=True)
    >>> exact("R - 1/2", {"R": R})
    R - 1/2
    """
    if isinstance(value, Fraction):
        return value
    if isinstance(value, bool):
        raise ValueError(f"not a number: {value!r}")
    if isinstance(value, int):
        return Fraction(value)
    if isinstance(value, Rational):  # numpy integers, other exact rationals
        return Fraction(int(value.numerator), int(value.denominator))
    if isinstance(value, float) or type(value).__name__.startswith("float"):
        value = float(value)
        if not math.isfinite(value):
            raise ValueError(f"not a finite number: {value!r}")
        return Fraction(repr(value))
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise ValueError(f"not a finite number: {value!r}")
        return Fraction(value)
    if isinstance(value, str):
        try:
            return parse_number(value)
        except ValueError:
            if symbols is None:
                raise
            return _simplest(parse_expression(value, symbols))
    if hasattr(value, "__index__"):
        return Fraction(value.__index__())
    if isinstance(value, sympy.Basic):
        return _simplest(_rationalize(value))
    raise ValueError(f"not a number: {value!r}")


def _rationalize(expr: sympy.Basic) -> sympy.Basic:
    """Replace every float inside a sympy expression by the rational it was written as."""
    floats = expr.atoms(sympy.Float)
    if not floats:
        return expr
    return expr.xreplace({f: sympy.Rational(str(f)) for f in floats})


def _simplest(expr: sympy.Basic) -> Number:
    """A sympy number becomes a Fraction; anything with symbols stays an expression."""
    if isinstance(expr, sympy.Rational):
        return Fraction(int(expr.p), int(expr.q))
    if not isinstance(expr, sympy.Expr):
        raise ValueError(f"not a number or expression: {expr!r}")
    if expr.free_symbols:
        return expr
    if expr.is_Rational:
        return Fraction(int(expr.p), int(expr.q))
    raise ValueError(f"not a rational number: {expr}")


def is_symbolic(value: Any) -> bool:
    """True when ``value`` is a sympy expression with free symbols.

    Examples
    --------
    >>> is_symbolic(Fraction(1, 2)), is_symbolic(sympy.Symbol("x"))
    (False, True)
    """
    return isinstance(value, sympy.Basic) and bool(value.free_symbols)


def to_sympy(value: Number) -> sympy.Expr:
    """An exact number as a sympy expression (Fractions become Rationals).

    Examples
    --------
    >>> to_sympy(Fraction(1, 3))
    1/3
    """
    if isinstance(value, Fraction):
        return sympy.Rational(value.numerator, value.denominator)
    if isinstance(value, int):
        return sympy.Integer(value)
    return value


def to_text(value: Number) -> str:
    """Write an exact number as text that :func:`exact` reads back: ``"1/3"``, ``"-2"``.

    Examples
    --------
    >>> to_text(Fraction(1, 3)), to_text(Fraction(4, 2))
    ('1/3', '2')
    """
    if isinstance(value, (Fraction, int)):
        return str(value)
    if isinstance(value, sympy.Rational):
        return str(value)
    return sympy.sstr(value)


# --------------------------------------------------------------------------- expressions

_FUNCTIONS = {
    "Abs": sympy.Abs,
    "abs": sympy.Abs,
    "Min": sympy.Min,
    "min": sympy.Min,
    "Max": sympy.Max,
    "max": sympy.Max,
    "sqrt": sympy.sqrt,
    "exp": sympy.exp,
    "log": sympy.log,
}
# How many arguments each function takes (lowest, highest; None for any number).
_ARITY = {"Abs": (1, 1), "abs": (1, 1), "Min": (1, None), "min": (1, None), "Max": (1, None),
          "max": (1, None), "sqrt": (1, 1), "exp": (1, 1), "log": (1, 2)}
_BINARY = {
    ast.Add: lambda a, b: a + b,
    ast.Sub: lambda a, b: a - b,
    ast.Mult: lambda a, b: a * b,
    ast.Div: lambda a, b: a / b,
}
_COMPARE = {
    ast.Lt: sympy.Lt,
    ast.LtE: sympy.Le,
    ast.Gt: sympy.Gt,
    ast.GtE: sympy.Ge,
    ast.Eq: sympy.Eq,
    ast.NotEq: sympy.Ne,
}
_RELATIONS = {"Eq": sympy.Eq, "Ne": sympy.Ne, "Lt": sympy.Lt, "Le": sympy.Le, "Gt": sympy.Gt,
              "Ge": sympy.Ge}


def parse_expression(text: str, symbols: Mapping[str, sympy.Symbol]) -> sympy.Expr:
    """Parse arithmetic in declared names, without ``eval``.

    Accepted: numbers (exact, as written), the names in ``symbols``, ``+ - * / **`` (and ``^``
    for power), parentheses, and the functions ``Abs``, ``Min``, ``Max``, ``sqrt``, ``exp``,
    ``log``.

    Parameters
    ----------
    text : str
        The expression.
    symbols : mapping of str to sympy.Symbol
        The names the text may use.

    Returns
    -------
    sympy.Expr

    Raises
    ------
    ValueError
        Naming the offending part of the text.

    Examples
    --------
    >>> R, s = sympy.symbols("R s", real=True)
    >>> parse_expression("R - (0.2 + c)*s", {"R": R, "s": s, "c": sympy.Symbol("c", real=True)})
    R - s*(c + 1/5)
    >>> parse_expression("__import__('os')", {})
    Traceback (most recent call last):
    ...
    ValueError: unknown function in "__import__('os')": __import__
    """
    result = _parse(text, symbols)
    if isinstance(result, sympy.core.relational.Relational) or isinstance(result, bool):
        raise ValueError(f"expected an expression, got a relation: {text!r}")
    if isinstance(result, sympy.Basic) and result.has(sympy.zoo, sympy.nan, sympy.oo,
                                                      -sympy.oo):
        raise ValueError(f"undefined or infinite value (such as log(0) or Min()) in {text!r}")
    return result


def parse_relation(text: str, symbols: Mapping[str, sympy.Symbol]) -> sympy.Basic:
    """Parse a relation such as ``c < R/s - sigma`` or ``Eq(lam, 1)``, without ``eval``.

    Examples
    --------
    >>> x = sympy.Symbol("x", real=True)
    >>> parse_relation("2*x <= 1", {"x": x})
    2*x <= 1
    >>> parse_relation("Eq(x, 1)", {"x": x})
    Eq(x, 1)
    """
    result = _parse(text, symbols)
    if not isinstance(result, (sympy.core.relational.Relational, sympy.logic.boolalg.BooleanAtom)):
        raise ValueError(f"expected a relation (<, <=, >, >=, Eq, Ne): {text!r}")
    return result


def _parse(text: str, symbols: Mapping[str, sympy.Symbol]) -> Any:
    if not isinstance(text, str):
        raise ValueError(f"expected text, got {type(text).__name__}")
    if len(text) > _MAX_TEXT:
        raise ValueError(f"expression longer than {_MAX_TEXT} characters")
    try:
        tree = ast.parse(text.strip(), mode="eval")
    except (SyntaxError, ValueError, RecursionError, MemoryError) as error:
        raise ValueError(f"cannot parse {text!r}: {getattr(error, 'msg', error)}") from None
    try:
        return _Walker(text.strip(), symbols).visit(tree.body)
    except RecursionError:
        raise ValueError(f"expression nested too deeply: {text[:40]!r}") from None


def _short(text: str) -> str:
    """The expression as quoted in a message: escaped, and cut to 60 characters."""
    return repr(text if len(text) <= 60 else text[:57] + "...")


class _Walker:
    """Evaluate a whitelisted Python syntax tree into sympy objects."""

    def __init__(self, text: str, symbols: Mapping[str, sympy.Symbol]):
        self.text = text
        self.symbols = symbols

    def fail(self, problem: str) -> ValueError:
        return ValueError(f"{problem} in {_short(self.text)}")

    def check_power(self, base: Any, exponent: Any) -> None:
        """Refuse ``base**exponent`` if the result would be too large, before computing it.

        The numbers in the result have about ``|exponent|`` times the bits of those in the base,
        and its powers of symbols ``|exponent|`` times their exponents in the base.
        """
        if not (isinstance(exponent, sympy.Basic) and exponent.is_number):
            return
        if not exponent.is_real or abs(exponent) > _MAX_EXPONENT:
            raise self.fail("exponent too large")
        factor = abs(exponent)
        if not isinstance(base, sympy.Basic):
            return
        if base.is_Rational:
            bits = max(abs(base.p).bit_length(), base.q.bit_length())
        else:
            bits = max((max(abs(r.p).bit_length(), r.q.bit_length())
                        for r in base.atoms(sympy.Rational)), default=1)
            degree = max((abs(p.exp) for p in base.atoms(sympy.Pow) if p.exp.is_number),
                         default=1)
            if degree * factor > _MAX_EXPONENT:
                raise self.fail("exponent too large")
        if bits * factor > _MAX_BITS:
            raise self.fail(f"number too large (more than {_MAX_BITS} bits)")

    def checked(self, value: Any) -> Any:
        """The value, if a rational result is within :data:`_MAX_BITS`."""
        if isinstance(value, sympy.Rational) and max(abs(value.p).bit_length(),
                                                     value.q.bit_length()) > _MAX_BITS:
            raise self.fail(f"number too large (more than {_MAX_BITS} bits)")
        return value

    def visit(self, node: ast.AST) -> Any:
        if isinstance(node, ast.Constant):
            if isinstance(node.value, bool) or not isinstance(node.value, (int, float)):
                raise self.fail(f"unexpected constant {node.value!r}")
            written = ast.get_source_segment(self.text, node) or repr(node.value)
            return sympy.Rational(parse_number(written.replace("_", "")))
        if isinstance(node, ast.Name):
            if node.id not in self.symbols:
                raise ValueError(f"unknown name in {self.text!r}: {node.id}")
            return self.symbols[node.id]
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
            operand = self.visit(node.operand)
            return -operand if isinstance(node.op, ast.USub) else operand
        if isinstance(node, ast.BinOp):
            left, right = self.visit(node.left), self.visit(node.right)
            if isinstance(node.op, (ast.Pow, ast.BitXor)):
                self.check_power(left, right)
                return self.checked(left**right)
            if type(node.op) not in _BINARY:
                raise self.fail(f"operator {type(node.op).__name__} not allowed")
            if isinstance(node.op, ast.Div) and right == 0:
                raise self.fail("division by zero")
            return self.checked(_BINARY[type(node.op)](left, right))
        if isinstance(node, ast.Compare) and len(node.ops) == 1:
            left, right = self.visit(node.left), self.visit(node.comparators[0])
            return _COMPARE[type(node.ops[0])](left, right)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and not node.keywords:
            name = node.func.id
            if name not in _FUNCTIONS and name not in _RELATIONS:
                raise ValueError(f"unknown function in {self.text!r}: {name}")
            arguments = [self.visit(argument) for argument in node.args]
            if name in _RELATIONS:
                if len(arguments) != 2:
                    raise self.fail(f"{name} takes two arguments")
                return _RELATIONS[name](*arguments)
            low, high = _ARITY[name]
            if len(arguments) < low or (high is not None and len(arguments) > high):
                takes = f"{low}" if low == high else f"{low} to {high}" if high else f"{low} or more"
                raise self.fail(f"{name} takes {takes} argument{'s' if high != 1 else ''}, "
                                f"got {len(arguments)}")
            return self.checked(_FUNCTIONS[name](*arguments))
        if isinstance(node, ast.Call) and not isinstance(node.func, ast.Name):
            raise self.fail("only plain function names may be called")
        raise self.fail(f"{type(node).__name__} not allowed")
