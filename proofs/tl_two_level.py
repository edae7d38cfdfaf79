"""Two-level results (Putnam; Mo; Milner-Rosendorff): x* = min(x_F, 2x_N, 2x_V), the Schelling
condition, the proposer's identity, and the risky-offer rule.

Derivation with tent utilities ``-|x - x_i|`` and status quo 0; ``Abs`` and ``Min`` are removed
by exact case splits and every case is decided by linear elimination (z3 when pi multiplies).
"""

from __future__ import annotations

import sympy

from gametheory.proofs.certificate import Certificate
from gametheory.proofs.common import combine, lemma, sym

__all__ = ["NAME", "STATEMENT", "prove", "false_variants"]

NAME = "TL"
STATEMENT = ("F proposing (x_F, x_N, x_V > 0): the SPE offer is x* = min(x_F, 2x_N, 2x_V); "
             "the veto helps N iff 2x_N − x₀ < 2x_V < x₀ (x₀ = min(x_F, 2x_N)), never if "
             "x_F ≤ x_N; if N proposes, a veto never helps N; with V hawkish (x_h) w.p. π, F "
             "makes the risky offer x_r iff (1−π)x_r > x_s, which the hawk then vetoes.")

x_F, x_N, x_V, x, x_h, x_d, pi = (sym(n) for n in ("x_F", "x_N", "x_V", "x", "x_h", "x_d", "pi"))
DOM = (x_F > 0, x_N > 0, x_V > 0)
Min, Abs = sympy.Min, sympy.Abs


def u(point, ideal):
    return -Abs(point - ideal)


def offer_claim(x_star=None) -> Certificate:
    x_star = Min(x_F, 2 * x_N, 2 * x_V) if x_star is None else x_star
    return combine("TL x*", "x* is ratified and no ratified offer is better for F", [
        lemma("TL x* ratified", "N and V accept x*", DOM,
              sympy.And(u(x_star, x_N) >= u(0, x_N), u(x_star, x_V) >= u(0, x_V))),
        lemma("TL x* optimal", "every offer N and V accept is no better for F", DOM + (
            u(x, x_N) >= u(0, x_N), u(x, x_V) >= u(0, x_V)), u(x, x_F) <= u(x_star, x_F))])


def schelling_claim(lower=None) -> Certificate:
    x0 = Min(x_F, 2 * x_N)
    xs = Min(x_F, 2 * x_N, 2 * x_V)
    lower = 2 * x_N - x0 if lower is None else lower
    helps = u(xs, x_N) > u(x0, x_N)
    condition = sympy.And(lower < 2 * x_V, 2 * x_V < x0)
    return combine("TL Schelling", "the veto helps N iff 2x_N − x₀ < 2x_V < x₀", [
        lemma("TL helps ⟹ condition", "", DOM + (helps,), condition),
        lemma("TL condition ⟹ helps", "", DOM + (condition,), helps),
        lemma("TL x_F ≤ x_N", "never helps if x_F ≤ x_N", DOM + (x_F <= x_N,),
              sympy.Not(helps)),
        lemma("TL N proposes", "a veto can only hurt a proposing N", DOM,
              u(Min(x_N, 2 * x_F, 2 * x_V), x_N) <= u(Min(x_N, 2 * x_F), x_N))])


def risky_claim(rule=None) -> Certificate:
    dom = (x_F > 0, x_N > 0, x_h > 0, x_d > x_h, pi > 0, pi < 1)
    xs, xr = Min(x_F, 2 * x_N, 2 * x_h), Min(x_F, 2 * x_N, 2 * x_d)
    eu_s = u(xs, x_F)
    eu_r = (1 - pi) * u(xr, x_F) + pi * u(0, x_F)
    rule = (1 - pi) * xr > xs if rule is None else rule
    return combine("TL risky offer", "F offers x_r iff (1−π)x_r > x_s; the hawk vetoes it", [
        lemma("TL risky ⟸", "", dom + (rule,), eu_r > eu_s),
        lemma("TL risky ⟹", "", dom + (eu_r > eu_s,), rule),
        lemma("TL risky vetoed", "the risky offer is outside the hawk's win-set",
              dom + (eu_r > eu_s,), u(xr, x_h) < u(0, x_h))])


def prove() -> Certificate:
    return combine(NAME, STATEMENT, [offer_claim(), schelling_claim(), risky_claim()],
                   "two-level ratification block (section 3.4), tent utilities, q = 0")


def false_variants() -> dict:
    return {"x* = min(x_F, 2x_N) (wrong offer)": lambda: offer_claim(Min(x_F, 2 * x_N)),
            "Schelling lower bound x_N − x₀ (wrong threshold)":
                lambda: schelling_claim(x_N - Min(x_F, 2 * x_N)),
            "risky iff x_r > x_s (wrong rule)": lambda: risky_claim(
                Min(x_F, 2 * x_N, 2 * x_d) > Min(x_F, 2 * x_N, 2 * x_h))}
