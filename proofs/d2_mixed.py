"""D2 (mixed package): when does A offer a side payment and a demand in one package?

Model: ``linkage-package`` (:func:`gametheory.models.deals.package_game`, or a game of its shape
given as ``game``): G1 plus an offer ``M`` that joins the side payment ``s`` (for B's extra
security cooperation, worth ``R`` to A) and the demand ``d``, backed by the threat; with the
legislature involved V approves or vetoes the whole package.  The game is solved by the generic
parametric SPE at lam = 0 and lam = 1; the pieces whose path starts with ``M`` must be exactly
the statement's region (every other piece outside it, the pieces covering the domain).

Reading.  Where it is accepted and ratified the package is worth ``U_S + d`` to A, so it beats
the side payment alone always and the lever alone unless the side payment loses money
(``U_S < 0``) while the lever works.  It widens what is feasible in two ways: the concession can
buy the legislature's consent to a side payment it would veto alone
(``v_S < h*s < v_S + eta*d``; Putnam's synergistic linkage), and the side payment can carry a
demand B would refuse alone (``beta*d > ell_B`` but ``s - gamma - beta*d > -ell_B``).

References
----------
R. D. Putnam (1988), Diplomacy and domestic politics: the logic of two-level games, *IO* 42(3).
J. K. Sebenius (1983), Negotiation arithmetic: adding and subtracting issues and parties,
*IO* 37(2).
"""

from __future__ import annotations

import sympy

from gametheory.games import ExtensiveGame
from gametheory.models.deals import package_game
from gametheory.proofs.certificate import Certificate
from gametheory.proofs.claims import World
from gametheory.proofs.common import U_S, beta, d, ell_B
from gametheory.proofs.deals_support import (credible, deal_world, eta, fits, gamma, h,
                                             iff_claim, lever_works, not_credible, prove_iff, s,
                                             v_S)

__all__ = ["NAME", "STATEMENT", "MODEL", "prove", "false_variants", "condition"]

NAME = "D2"
MODEL = "linkage-package"
STATEMENT = ("In G1 with a mixed package M (side payment s and demand d in one offer, backed "
             "by the threat), for generic parameters and λ ∈ {0,1}, the SPE outcome is M iff B "
             "accepts (s − γ − β·d > −ℓ_B if ℓ_A < K, > 0 otherwise), V approves (λ = 0 or "
             "h·s < v_S + η·d), R − (σ+c)s + d > 0, and R − (σ+c)s > 0 wherever leverage alone "
             "succeeds (ℓ_A < K and β·d < ℓ_B).")


def condition(lam: int, *, bought: bool = True):
    """The statement's region of M at ``lam`` (generic), the statement under test;
    ``bought=False`` is the false version in which the concession does not buy V's consent
    (``h*s < v_S``).

    Examples
    --------
    At the E5 defaults (lam = 0) the package is the outcome.  With the legislature involved
    (and ``ell_A = 5``, so that the threat stays incredible), V approves it where
    ``h*s < v_S + eta*d``: at ``h = 3/5`` the side payment alone would be vetoed
    (``h*s = 3/5 > v_S = 1/2``) but the package passes (``3/5 < 3/4``):

    >>> from gametheory.proofs.deals_support import at
    >>> from gametheory.models.deals import PACKAGE_DEFAULTS as e5
    >>> point = {**e5, "lam": 1, "ell_A": 5, "h": "3/5"}
    >>> at(condition(0), e5), at(condition(1), point), at(condition(1, bought=False), point)
    (True, True, False)
    """
    gain = s - gamma - beta * d
    accepted = sympy.Or(sympy.And(credible(lam), gain > -ell_B),
                        sympy.And(not_credible(lam), gain > 0))
    approved = sympy.true if lam == 0 else (h * s < v_S + eta * d if bought else h * s < v_S)
    return sympy.And(accepted, approved, U_S + d > 0,
                     sympy.Or(sympy.Not(lever_works(lam)), U_S > 0))


def _worlds(game: ExtensiveGame | None = None) -> dict[int, World]:
    return {lam: deal_world(game, MODEL, package_game, lam) for lam in (0, 1)}


def prove(game: ExtensiveGame | None = None) -> Certificate:
    """D2 on the built-in variant (``game`` None) or on a game of its shape.

    Examples
    --------
    >>> prove().status
    'proved'
    """
    given = fits(game, package_game, MODEL, actions=("M", "accept", "refuse"))
    return prove_iff(NAME, STATEMENT, MODEL, f"{MODEL}, λ ∈ {{0, 1}}, generic parameters",
                     _worlds(given), {lam: condition(lam) for lam in (0, 1)}, "M")


def false_variants() -> dict:
    """Wrong versions, each refuted by the solved game."""
    return {"V approves M only if h·s < v_S (the concession buys no consent)":
            lambda: iff_claim("D2 without synergy", _worlds()[1], "M",
                              condition(1, bought=False))}
