"""c0 (chance move over V's type): U_A(S) = (1 - pi)(R - (sigma + c)s) - pi*f, S is chosen iff
it beats max(0, U_A(L)), and then ratification fails on the path with probability pi.

Model: ``linkage-veto-type`` (or a game of its shape given as ``game``), solved with lam = 1,
hypotheses h > 0, v_S > 0, 0 < pi < 1 (so the hawk vetoes and the dove approves), generic
parameters.  Polynomial conditions (pi times R): z3.
"""

from __future__ import annotations

import sympy

from gametheory.proofs.certificate import Certificate
from gametheory.proofs.claims import prove as prove_pieces
from gametheory.proofs.common import (LSUCC, U_S, combine, d, game_world, model_label, s, shaped,
                                      sym)

__all__ = ["NAME", "STATEMENT", "prove", "false_variants"]

NAME = "c0"
STATEMENT = ("With V hawkish with probability π (h > 0, v_S > 0, 0 < π < 1, λ = 1): "
             "U_A(S) = (1−π)[R − (σ+c)s] − π·f; S is chosen iff s > γ, U_A(S) > 0 and "
             "(Lsucc ⟹ U_A(S) > d); on that path the veto happens with probability π.")

pi, f, h, v_S, gamma = (sym(n) for n in ("pi", "f", "h", "v_S", "gamma"))
U0 = (1 - pi) * U_S - pi * f


def choice_claim(value=None, game=None) -> Certificate:
    value = U0 if value is None else value
    condition = sympy.And(s > gamma, value > 0, sympy.Or(sympy.Not(LSUCC(1)), value > d))
    w = game_world(game, "linkage-veto-type", "c0[lam=1]", lam=1)

    def obligation(v):
        if v.path[0] == "S":
            return sympy.And(condition, sympy.Eq(v.payoffs[0], value),
                             sympy.true if ("hawkish" in v.path and "veto" in v.path)
                             else sympy.false)
        return sympy.Not(condition)
    return prove_pieces("c0", "S iff U_A(S) beats max(0, U_A(L)); veto w.p. π", (w,),
                        obligation, domain=(h > 0, v_S > 0, pi > 0, pi < 1))


def prove(game=None) -> Certificate:
    """c0 on the built-in model (``game`` None) or on a game of its shape."""
    given = shaped(game, "linkage-veto-type", actions=("S", "hawkish", "veto"))
    return combine(NAME, STATEMENT, [choice_claim(game=given)],
                   model_label(given, "linkage-veto-type") + ", lam = 1")


def false_variants() -> dict:
    return {"U_A(S) without −π·f (wrong value)": lambda: choice_claim((1 - pi) * U_S)}
