"""P5 (no breakdown with complete information; Drezner's hidden hand): the carry-out terminal is
never reached in a subgame-perfect equilibrium.

Model: G1 (``linkage``) at lam = 0 and 1, and the variants b3 (two-sided), b5 (retaliation) and
c0 (uncertain veto player), generic parameters.  On every piece of every generic parametric SPE,
the path of play avoids ``carry out``; and the reason, as a derivation: a refused demand would
leave A with ``max(-ell_A, -K) < 0``, worse than separation.
"""

from __future__ import annotations

import sympy

from gametheory.proofs.certificate import Certificate
from gametheory.proofs.claims import prove as prove_pieces, model_world
from gametheory.proofs.common import K, combine, ell_A, kappa, kappa0, lemma

__all__ = ["NAME", "STATEMENT", "prove", "false_variants"]

NAME = "P5"
STATEMENT = ("With complete information the threat is never carried out on the equilibrium "
             "path (G1 at λ = 0, 1 and its variants b3, b5, c0; generic parameters).")

WORLDS = (("linkage", 0), ("linkage", 1), ("linkage-two-sided", 1),
          ("linkage-retaliation", 1), ("linkage-veto-type", 1))


def path_claim(model: str, lam_value: int, action: str = "carry out") -> Certificate:
    w = model_world(model, f"{model}[lam={lam_value}]", lam=lam_value)
    return prove_pieces(f"P5 {model} [lam = {lam_value}]", f"'{action}' is not on the path",
                        (w,), lambda v: sympy.false if action in v.path else True)


def prove() -> Certificate:
    reason = lemma("P5 lemma", "after a refusal A's best continuation is negative",
                   (ell_A > 0, kappa0 >= 0, kappa >= 0),
                   sympy.And(-ell_A < 0, sympy.Or(-ell_A < -K(1), -K(1) <= 0)))
    parts = [reason] + [path_claim(m, lam_value) for m, lam_value in WORLDS]
    return combine(NAME, STATEMENT, parts, "G1 and variants b3, b5, c0")


def false_variants() -> dict:
    return {"the concession is never on the path (flipped)":
            lambda: path_claim("linkage", 1, action="concede")}
