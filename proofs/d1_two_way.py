"""D1 (two-way reciprocity, as in the Anglo-Japanese commercial treaty of 1911): when is the
treaty in which both sides concede the SPE outcome?

Model: ``linkage-two-way`` (:func:`gametheory.models.deals.two_way_game`, or a game of its shape
given as ``game``): G1 plus an offer ``T`` that pairs B's concession ``d`` with A's own ``t``,
made in the shadow of the alliance (a refusal leads to A's carry-out/back-down node).  The game
is solved by the generic parametric SPE at lam = 0 and lam = 1; every piece whose path starts
with ``T`` must lie where the statement's condition holds, every other piece where it fails, and
the pieces must cover the parameter domain -- so the condition is exactly the region of the
two-way deal.

Reading.  A treaty in which A gives something is never chosen where the lever alone works
(``d`` for nothing beats ``d - c_t*t``); it is chosen where the lever fails -- the threat is not
credible (then B must gain from the exchange, ``t > beta*d``: Tollison and Willett's mutually
advantageous linkage), or B would refuse the bare demand (``beta*d > ell_B``) and the reciprocal
concession bridges the gap (``t > beta*d - ell_B``: the alliance used as leverage to force
reciprocity, as Davis's abstract reads the tariff talks) -- and where the legislature, if involved, accepts the treaty
(``h_t*t < eta*d``).

References
----------
C. L. Davis (2008/09), Linkage diplomacy, *International Security* 33(3).
R. D. Tollison and T. D. Willett (1979), An economic theory of mutually advantageous issue
linkages in international negotiations, *IO* 33(4).
"""

from __future__ import annotations

from dataclasses import replace

import sympy

from gametheory.games import ExtensiveGame
from gametheory.models.deals import two_way_game
from gametheory.proofs.certificate import Certificate
from gametheory.proofs.claims import World, prove as prove_pieces
from gametheory.proofs.common import beta, d, ell_B
from gametheory.proofs.deals_support import (beats, credible, deal_world, eta, fits,
                                             iff_claim, lever_works, not_credible, prove_iff,
                                             side_payment_cases, sym)

__all__ = ["NAME", "STATEMENT", "MODEL", "prove", "false_variants", "condition", "accepts"]

NAME = "D1"
MODEL = "linkage-two-way"
STATEMENT = ("In G1 with a two-way treaty T (B concedes d, A concedes t; a refusal meets A's "
             "threat), for generic parameters and λ ∈ {0,1}, the SPE outcome is T iff B accepts "
             "(t − β·d > −ℓ_B if ℓ_A < K, t > β·d otherwise), V approves (λ = 0 or "
             "h_t·t < η·d), d − c_t·t > max(0, U_A(S)), and leverage alone fails "
             "(ℓ_A > K or β·d > ℓ_B). Where T is the outcome without the legislature (λ = 0), "
             "with it (λ = 1) the outcome is L iff ℓ_A < κ0 + κ and β·d < ℓ_B, and stays T "
             "iff that fails and h_t·t < η·d.")

t, c_t, h_t = sym("t"), sym("c_t"), sym("h_t")
U_T = d - c_t * t


def accepts(lam: int, threat: bool = True):
    """B accepts the treaty: ``t - beta*d > -ell_B`` where the threat is credible, ``> 0``
    where it is not (``threat=False``: the false version that ignores the threat)."""
    gain = t - beta * d
    if not threat:
        return gain > 0
    return sympy.Or(sympy.And(credible(lam), gain > -ell_B), sympy.And(not_credible(lam),
                                                                      gain > 0))


def condition(lam: int, *, threat: bool = True):
    """The statement's region of T at ``lam`` (generic), the statement under test.

    Examples
    --------
    Without the legislature the E6 treaty is the outcome; with it, the lever works, so not:

    >>> from gametheory.proofs.deals_support import at
    >>> from gametheory.models.deals import TWO_WAY_DEFAULTS as e6
    >>> at(condition(0), {**e6, "lam": 0}), at(condition(1), e6)
    (True, False)
    """
    approved = sympy.true if lam == 0 else h_t * t < eta * d
    return sympy.And(accepts(lam, threat), approved, U_T > 0,
                     beats(U_T, side_payment_cases(lam)), sympy.Not(lever_works(lam)))


def _worlds(game: ExtensiveGame | None = None) -> dict[int, World]:
    return {lam: deal_world(game, MODEL, two_way_game, lam) for lam in (0, 1)}


#: With O(0) = T: the lever that the legislature makes credible replaces the treaty.
TO_LEVER = lever_works(1)
#: With O(0) = T: the treaty survives the legislature.
STAYS = sympy.And(sympy.Not(TO_LEVER), h_t * t < eta * d)


def switch_claim(game: ExtensiveGame | None = None, *, to_lever=None) -> Certificate:
    """Where O(0) = T: O(1) = L iff :data:`TO_LEVER`, O(1) = T iff :data:`STAYS`.

    Only the pieces of the lam = 0 solution with outcome T carry an obligation, so the
    others are left out of the pairing (the claim says nothing about them)."""
    to_lever = TO_LEVER if to_lever is None else to_lever
    stays = sympy.And(sympy.Not(to_lever), h_t * t < eta * d)
    worlds = _worlds(game)
    before = worlds[0].without("lam")
    before = replace(before, pieces=tuple(v for v in before.pieces if v.path[0] == "T"))

    def obligation(a, b):
        return sympy.And(to_lever if b.path[0] == "L" else sympy.Not(to_lever),
                         stays if b.path[0] == "T" else sympy.Not(stays))
    return prove_pieces(f"{NAME} switch", f"with O(0) = T: O(1) = L iff {to_lever}, "
                        f"O(1) = T iff {stays}", (before, worlds[1].without("lam")),
                        obligation)


def prove(game: ExtensiveGame | None = None) -> Certificate:
    """D1 on the built-in variant (``game`` None) or on a game of its shape.

    Examples
    --------
    >>> prove().status
    'proved'
    """
    given = fits(game, two_way_game, MODEL, actions=("T", "accept", "refuse"))
    return prove_iff(NAME, STATEMENT, MODEL, f"{MODEL}, λ ∈ {{0, 1}}, generic parameters",
                     _worlds(given), {lam: condition(lam) for lam in (0, 1)}, "T",
                     extra=[switch_claim(given)])


def false_variants() -> dict:
    """Wrong versions, each refuted by the solved game."""
    return {"T needs t > β·d even under a credible threat (threat ignored)":
            lambda: iff_claim("D1 without the threat", _worlds()[1], "T",
                              condition(1, threat=False)),
            "with O(0) = T, the legislature's lever replaces the treaty wherever it is credible "
            "(β·d < ℓ_B dropped)": lambda: switch_claim(to_lever=credible(1))}
