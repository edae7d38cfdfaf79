"""P3 (credibility): leverage needs a credible threat, ``ell_A < kappa0 + lam*kappa``; if
``kappa0 <= ell_A`` it needs the legislature and ``kappa > ell_A - kappa0``; the L-region shrinks
as ell_A rises and grows with ell_B and kappa0, and (at lam = 1) with kappa.

Model: G1 (``linkage``, or a game of its shape given as ``game``), lam = 0 and lam = 1
separately, generic parameters.  Every part is read off a solved game: (a) the threat subgame
after a refusal is solved and A carries out exactly where ``ell_A < kappa0 + lam*kappa`` (both
directions, so a model whose back-down cost ignores kappa is refuted); the demand subgame after
``L`` is solved and B concedes exactly where the threat is credible and ``beta*d < ell_B``; and
every piece of the whole game with L on the path lies where the threat is credible.  (b) the
legislature: at lam = 0 no piece with ``kappa0 <= ell_A`` has L, at lam = 1 those that do have
``kappa > ell_A - kappa0``.  (c) comparative statics by the doubling argument on the solved game.
"""

from __future__ import annotations

import sympy

from gametheory.proofs.certificate import Certificate
from gametheory.proofs.claims import prove as prove_pieces
from gametheory.proofs.common import (K, beta, combine, d, ell_A, ell_B, game_world, kappa,
                                      kappa0, model_label, monotone, shaped, subgame_world)

__all__ = ["NAME", "STATEMENT", "prove", "false_variants"]

NAME = "P3"
STATEMENT = ("In G1 (generic): after a refusal A carries out iff ℓ_A < κ0 + λκ; B concedes to L "
             "iff ℓ_A < κ0 + λκ and β·d < ℓ_B; L ⟹ ℓ_A < κ0 + λκ. If κ0 ≤ ℓ_A, L requires "
             "λ = 1 and κ > ℓ_A − κ0. The L-region shrinks as ℓ_A rises and grows with ℓ_B and "
             "κ0, and at λ = 1 with κ (at λ = 0 it does not depend on κ).")

ACTIONS = ("L", "concede", "refuse", "carry out", "back down")
PARAMETERS = ("lam", "d", "beta", "ell_A", "ell_B", "kappa0", "kappa")


def _iff(condition, holds: bool):
    return condition if holds else sympy.Not(condition)


def threat_claim(lam_value: int, bound=None, game=None) -> Certificate:
    """The threat subgame: carry out exactly where ``bound`` (default ``ell_A < K``)."""
    bound = ell_A < K(lam_value) if bound is None else bound
    w = subgame_world(game, "linkage", ("L", "refuse"), f"G1[lam={lam_value}] after L > refuse",
                      lam=lam_value)
    return prove_pieces(f"P3a threat [lam = {lam_value}]", f"carry out ⟺ {bound}", (w,),
                        lambda v: _iff(bound, v.path[0] == "carry out"))


def demand_claim(lam_value: int, game=None) -> Certificate:
    """The demand subgame: B concedes exactly where the threat is credible and β·d < ℓ_B."""
    condition = sympy.And(ell_A < K(lam_value), beta * d < ell_B)
    w = subgame_world(game, "linkage", ("L",), f"G1[lam={lam_value}] after L", lam=lam_value)
    return prove_pieces(f"P3a demand [lam = {lam_value}]", f"concede ⟺ {condition}", (w,),
                        lambda v: _iff(condition, v.path[0] == "concede"))


def credible_claim(lam_value: int, bound=None, game=None) -> Certificate:
    """Every piece of the solved game with L on the path lies where ``bound`` holds."""
    bound = ell_A < K(lam_value) if bound is None else bound
    w = game_world(game, "linkage", f"G1[lam={lam_value}]", lam=lam_value)
    return prove_pieces(f"P3a [lam = {lam_value}]", f"L ⟹ {bound}", (w,),
                        lambda v: bound if v.path[0] == "L" else True)


def legislature_claim(game=None) -> Certificate:
    at0 = prove_pieces("P3b [lam = 0]", "κ0 ≤ ℓ_A ⟹ not L",
                       (game_world(game, "linkage", "G1[lam=0]", lam=0),),
                       lambda v: sympy.false if v.path[0] == "L" else True,
                       domain=(kappa0 <= ell_A,))
    at1 = prove_pieces("P3b [lam = 1]", "κ0 ≤ ℓ_A and L ⟹ κ > ℓ_A − κ0",
                       (game_world(game, "linkage", "G1[lam=1]", lam=1),),
                       lambda v: kappa > ell_A - kappa0 if v.path[0] == "L" else True,
                       domain=(kappa0 <= ell_A,))
    return combine("P3b", "if κ0 ≤ ℓ_A, leverage requires λ = 1 and κ > ℓ_A − κ0", [at0, at1])


def prove(game=None) -> Certificate:
    """P3 on the built-in G1 (``game`` None) or on a game of its shape."""
    given = shaped(game, "linkage", actions=ACTIONS, parameters=PARAMETERS)
    parts = []
    for lam_value in (0, 1):
        parts += [threat_claim(lam_value, game=given), demand_claim(lam_value, game=given),
                  credible_claim(lam_value, game=given)]
    parts.append(legislature_claim(given))
    for lam_value in (0, 1):
        parts += [monotone("P3c: L shrinks in ell_A", "L", "ell_A", "shrinks", lam_value, given),
                  monotone("P3c: L grows in ell_B", "L", "ell_B", "grows", lam_value, given),
                  monotone("P3c: L grows in kappa0", "L", "kappa0", "grows", lam_value, given)]
    parts.append(monotone("P3c: L grows in kappa", "L", "kappa", "grows", 1, given))
    return combine(NAME, STATEMENT, parts, model_label(given, "linkage") + ", lam in {0, 1}")


def false_variants() -> dict:
    return {
        "L grows in ell_A (flipped)": lambda: monotone("P3 flipped", "L", "ell_A", "grows", 1),
        "L ⟹ ℓ_A < κ0 at λ = 1 (wrong threshold)": lambda: credible_claim(1, ell_A < kappa0),
        "carry out ⟺ ℓ_A < κ0 at λ = 1 (kappa left out)": lambda: threat_claim(1, ell_A < kappa0),
    }
