"""c2 (screening on B's dependence): with Cr, A demands d_hi = ell_H/beta iff
q*ell_H/beta - (1 - q)*ell_A > ell_L/beta, and the downgrade is then executed on the path with
probability 1 - q.

Derivation (B observes its type, A does not; responders accept when indifferent): the credible
threat is carried out after a refusal (-ell_A > -K); type t concedes d iff beta*d <= ell_t; so
d_hi is conceded by H only and d_lo by both (ell_L < ell_H); A's expected values are
q*d_hi - (1 - q)*ell_A and d_lo.
"""

from __future__ import annotations

import sympy

from gametheory.proofs.certificate import Certificate
from gametheory.proofs.common import beta, combine, ell_A, lemma, sym

__all__ = ["NAME", "STATEMENT", "prove", "false_variants"]

NAME = "c2"
STATEMENT = ("Screening (ℓ_B = ℓ_H w.p. q, else ℓ_L < ℓ_H; Cr): A demands ℓ_H/β iff "
             "q·ℓ_H/β − (1−q)·ℓ_A > ℓ_L/β, and then the downgrade happens w.p. 1 − q.")

q, ell_H, ell_L, K = sym("q"), sym("ell_H"), sym("ell_L"), sym("K")
DOM = (beta > 0, ell_L >= 0, ell_H > ell_L, q > 0, q < 1, ell_A > 0, ell_A < K)


def rule_claim(rule=None) -> Certificate:
    d_hi, d_lo = ell_H / beta, ell_L / beta
    eu_hi = q * d_hi + (1 - q) * (-ell_A)      # H concedes, L refuses and A carries out
    eu_lo = d_lo                               # both concede
    rule = q * ell_H / beta - (1 - q) * ell_A > ell_L / beta if rule is None else rule
    return combine("c2 rule", "the demand rule", [
        lemma("c2 carry out", "the threat is carried out after a refusal", DOM, -ell_A > -K),
        lemma("c2 L refuses d_hi", "", DOM, beta * d_hi > ell_L),
        lemma("c2 both concede d_lo", "", DOM, sympy.And(beta * d_lo <= ell_L,
                                                         beta * d_lo <= ell_H)),
        lemma("c2 hi ⟸ rule", "", DOM + (rule,), eu_hi > eu_lo),
        lemma("c2 hi ⟹ rule", "", DOM + (eu_hi > eu_lo,), rule)])


def prove() -> Certificate:
    return combine(NAME, STATEMENT, [rule_claim()], "screening on B's dependence (c2)")


def false_variants() -> dict:
    return {"rule without the breakdown cost (wrong threshold)":
            lambda: rule_claim(q * ell_H / beta > ell_L / beta)}
