"""P4 (asymmetric dependence, after Morrow 1991): side payments go with high R and high ell_A (A
needs B); leverage goes with high ell_B and low ell_A (B needs A).

Model: G1 (``linkage``, or a game of its shape given as ``game``), lam = 0 and lam = 1
separately; each claim is a monotonicity claim proved on the solved game by the doubling
argument.
"""

from __future__ import annotations

from gametheory.proofs.certificate import Certificate
from gametheory.proofs.common import combine, model_label, monotone, shaped

__all__ = ["NAME", "STATEMENT", "prove", "false_variants", "CLAIMS"]

NAME = "P4"
STATEMENT = ("In G1 (generic, λ ∈ {0,1}) the S-region grows with R and with ℓ_A and shrinks "
             "with ℓ_B; the L-region grows with ℓ_B and shrinks with ℓ_A and with R.")

CLAIMS = (("S", "R", "grows"), ("S", "ell_A", "grows"), ("S", "ell_B", "shrinks"),
          ("L", "ell_B", "grows"), ("L", "ell_A", "shrinks"), ("L", "R", "shrinks"))


def prove(game=None) -> Certificate:
    """P4 on the built-in G1 (``game`` None) or on a game of its shape."""
    given = shaped(game, "linkage", actions=("S", "L"),
                   parameters=("lam",) + tuple(dict.fromkeys(p for _, p, _ in CLAIMS)))
    parts = [monotone(f"P4: {o} {dr} in {p}", o, p, dr, lam_value, given)
             for lam_value in (0, 1) for o, p, dr in CLAIMS]
    return combine(NAME, STATEMENT, parts, model_label(given, "linkage") + ", lam in {0, 1}")


def false_variants() -> dict:
    return {
        "S shrinks in ell_A (flipped)": lambda: monotone("P4 flipped", "S", "ell_A", "shrinks", 1),
        "L grows in R (flipped)": lambda: monotone("P4 flipped", "L", "R", "grows", 0),
    }
