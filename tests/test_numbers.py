"""Exact numbers and the whitelist expression parser."""

from fractions import Fraction

import pytest
import sympy
from hypothesis import given, strategies as st

from gametheory.numbers import exact, parse_expression, parse_number, parse_relation, to_text
from gametheory.parameters import Integers, Interval, Parameter, Switch, parse_domain


@pytest.mark.parametrize("text, value", [
    ("0.1", Fraction(1, 10)), (".5", Fraction(1, 2)), ("-3/4", Fraction(-3, 4)),
    ("+2", Fraction(2)), ("1.5e-3", Fraction(3, 2000)), ("1E2", Fraction(100)),
    ("0.3333333333333333", Fraction(3333333333333333, 10**16)),
])
def test_parse_number_is_exact(text, value):
    assert parse_number(text) == value


@pytest.mark.parametrize("text", ["", "abc", "1/0", "1/2/3", "--1", "1.2.3", "0x10", "nan", "inf"])
def test_parse_number_rejects(text):
    with pytest.raises(ValueError):
        parse_number(text)


def test_exact_conversions():
    assert exact(0.1) == Fraction(1, 10)
    assert exact(1 / 3) == Fraction(repr(1 / 3))
    assert exact("1/3") == Fraction(1, 3)
    assert exact(sympy.Rational(2, 7)) == Fraction(2, 7)
    with pytest.raises(ValueError):
        exact(True)
    with pytest.raises(ValueError):
        exact(float("nan"))


@given(st.fractions())
def test_to_text_round_trips(value):
    assert exact(to_text(value)) == value


def test_parse_expression_is_exact_and_safe():
    x, y = sympy.symbols("x y", real=True)
    names = {"x": x, "y": y}
    assert parse_expression("0.1*x + y/3", names) == sympy.Rational(1, 10) * x + y / 3
    assert parse_expression("Max(x, 2*y) - Abs(x)", names) == sympy.Max(x, 2 * y) - sympy.Abs(x)
    for bad in ["__import__('os').system('true')", "x.__class__", "[x]", "lambda: 1", "z + 1",
                "x if y else 1", "2**10**10", "open('f')", "x; y", "'a'"]:
        with pytest.raises(ValueError):
            parse_expression(bad, names)
    with pytest.raises(ValueError):
        parse_expression("(" * 500 + "x" + ")" * 500, names)


def test_parse_relation():
    c, R = sympy.symbols("c R", real=True)
    assert parse_relation("c < R/2", {"c": c, "R": R}) == (c < R / 2)
    assert parse_relation("Ne(c, 0)", {"c": c}) == sympy.Ne(c, 0)
    with pytest.raises(ValueError):
        parse_relation("c + 1", {"c": c})


def test_domains_and_parameters():
    assert parse_domain(">= 0") == Interval(Fraction(0), None)
    assert parse_domain("[0, 1)") == Interval(Fraction(0), Fraction(1), hi_open=True)
    assert parse_domain("{0, 1}") == Switch()
    assert parse_domain("integer [1, 3]").values() == (1, 2, 3)
    assert isinstance(parse_domain("integer"), Integers)
    lam = Parameter("lam", "{0, 1}", meaning="legislature involved")
    assert lam.contains(1) and not lam.contains("1/2")
    with pytest.raises(ValueError):
        Parameter("not a name")
    with pytest.raises(ValueError):
        parse_domain("(1, 0)")
