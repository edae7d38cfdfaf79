"""P5 (no breakdown with complete information; Drezner's hidden hand): the carry-out terminal is
never reached in a subgame-perfect equilibrium.

Model: G1 (``linkage``, or a game of its shape given as ``game``) at lam = 0 and 1, and the
built-in variants b3 (two-sided), b5 (retaliation) and c0 (uncertain veto player), generic
parameters.  On every piece of every solved game the path avoids ``carry out``; and the reason,
read off the solved threat subgame after a refusal: A's value there is never positive, and it is
negative wherever A would carry out, so A (who can always separate, value 0) never walks into a
refusal it would punish.
"""

from __future__ import annotations

import sympy

from gametheory.proofs.certificate import Certificate
from gametheory.proofs.claims import prove as prove_pieces
from gametheory.proofs.common import combine, game_world, model_label, shaped, subgame_world

__all__ = ["NAME", "STATEMENT", "prove", "false_variants"]

NAME = "P5"
STATEMENT = ("With complete information the threat is never carried out on the equilibrium "
             "path (G1 at λ = 0, 1 and its variants b3, b5, c0; generic parameters).")

VARIANTS = (("linkage-two-sided", 1), ("linkage-retaliation", 1), ("linkage-veto-type", 1))


def path_claim(model: str, lam_value: int, action: str = "carry out", game=None
               ) -> Certificate:
    w = game_world(game, model, f"{model}[lam={lam_value}]", lam=lam_value)
    return prove_pieces(f"P5 {model} [lam = {lam_value}]", f"'{action}' is not on the path",
                        (w,), lambda v: sympy.false if action in v.path else True)


def refusal_claim(lam_value: int, game=None) -> Certificate:
    """A's SPE value of the threat subgame (after L > refuse) is at most 0 on every piece, and
    negative where A carries out."""
    w = subgame_world(game, "linkage", ("L", "refuse"), f"G1[lam={lam_value}] after a refusal",
                      lam=lam_value)
    return prove_pieces(f"P5 reason [lam = {lam_value}]",
                        "after a refusal A's best continuation is ≤ 0, and < 0 if it carries out",
                        (w,), lambda v: v.payoffs[0] < 0 if "carry out" in v.path
                        else v.payoffs[0] <= 0)


def prove(game=None) -> Certificate:
    """P5 on the built-in G1 (``game`` None) or on a game of its shape, and the variants."""
    given = shaped(game, "linkage", actions=("L", "refuse", "carry out"))
    parts = [refusal_claim(0, given), refusal_claim(1, given),
             path_claim("linkage", 0, game=given), path_claim("linkage", 1, game=given)]
    parts += [path_claim(m, lam_value) for m, lam_value in VARIANTS]
    return combine(NAME, STATEMENT, parts,
                   model_label(given, "linkage") + " and the variants b3, b5, c0")


def false_variants() -> dict:
    return {"the concession is never on the path (flipped)":
            lambda: path_claim("linkage", 1, action="concede")}
