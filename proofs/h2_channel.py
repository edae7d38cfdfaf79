"""H2c (the legislature channel of H2, modelled): with the legislature involved, V ratifies B's
concession iff eta*(d - d_V) + v_L*1[Cr] > 0, and leverage succeeds iff Cr, beta*d < ell_B and
eta*(d - d_V) + v_L > 0.

Model: ``linkage-legislature`` (:func:`gametheory.models.deals.legislature_game`, or a game of
its shape given as ``game``): G1 in which, when ``lam = 1``, V ratifies B's concession and a
veto sends play to A's carry-out/back-down node (``linkage-research.md`` section 3.2, b2), with
V's payoffs from G1's table (section 3.1): ``eta*(d - d_V)`` for the ratified concession,
``-v_L`` at the carry-out leaf, 0 at the back-down leaf.  This is where the specification lets
the legislature's involvement ``lam``, its gain ``eta`` and its loss ``v_L`` act on the leverage
branch: ``lam`` through the back-down cost ``K = kappa0 + lam*kappa`` and V's vote, ``eta`` and
``v_L`` through the vote.

The game is solved by the generic parametric SPE at lam = 0 and lam = 1.  Parts:

* the region of L at each lam, exactly (every L piece inside the condition, every other piece
  outside it, the pieces covering the domain);
* V's vote, read off the solved subgame after ``L > concede`` (on or off the path);
* the switch: where L is the outcome without the legislature, it stays L with the legislature
  iff ``eta*(d - d_V) + v_L > 0`` (so, unlike G1's P2, the legislature can also block the
  lever);
* strict comparative statics of V's vote: the region where V ratifies grows as ``v_L`` rises
  (a legislature that fears the downgrade accepts smaller concessions) and, for demands below
  the floor, shrinks as ``eta`` rises (a legislature keener on the concession holds out for its
  floor); above the floor V ratifies whatever ``eta > 0``, so ``eta`` has no sign of its own.

The specification's closed form for b2 ("V ratifies only if d >= d_V") holds in this tree only
where ``v_L = 0`` or the threat is not credible; :func:`false_variants` shows the solved game
refuting it.
"""

from __future__ import annotations

import sympy

from gametheory.games import ExtensiveGame
from gametheory.models.deals import legislature_game
from gametheory.proofs.certificate import Certificate
from gametheory.proofs.claims import MonotoneClaim, World, check_claim, prove as prove_pieces
from gametheory.proofs.common import actions_of, d, subgame
from gametheory.proofs.deals_support import (beats, collapsed_at, combine, covers, credible,
                                             deal_subworld, deal_world, eta, fits, iff_claim,
                                             lever_works, not_credible, side_payment_cases, sym)

__all__ = ["NAME", "STATEMENT", "MODEL", "prove", "false_variants", "condition", "vote",
           "RATIFY"]

NAME = "H2c"
MODEL = "linkage-legislature"
STATEMENT = ("With the legislature's vote on B's concession (veto → A's carry-out/back-down "
             "node; V gets η(d − d_V), −v_L, 0), for generic parameters: V ratifies iff "
             "η(d − d_V) + v_L·1[ℓ_A < K] > 0; the SPE outcome is L iff ℓ_A < K, β·d < ℓ_B, "
             "(λ = 0 or η(d − d_V) + v_L > 0) and d > max(0, U_A(S)); where O(0) = L, "
             "O(1) = L iff η(d − d_V) + v_L > 0; the region where V ratifies grows strictly "
             "with v_L and, below the floor (d < d_V), shrinks strictly with η.")

v_L, d_V = sym("v_L"), sym("d_V")
#: V's margin for ratifying when the threat is credible (its veto brings the downgrade).
RATIFY = eta * (d - d_V) + v_L


def vote(lam: int = 1, *, floor_only: bool = False):
    """V ratifies (the statement); ``floor_only``: the specification's b2 floor ``d > d_V``."""
    if floor_only:
        return d > d_V
    return sympy.Or(sympy.And(credible(lam), RATIFY > 0),
                    sympy.And(not_credible(lam), eta * (d - d_V) > 0))


def condition(lam: int, *, vote_counts: bool = True):
    """The statement's region of L at ``lam``; ``vote_counts=False`` is G1's region.

    Examples
    --------
    At E6 with the floor ``d_V = 5/2`` the lever works because V fears the downgrade:

    >>> from gametheory.proofs.deals_support import at
    >>> from gametheory.models.deals import CHANNEL_DEFAULTS as e6
    >>> at(condition(1), e6), at(condition(1), {**e6, "v_L": 0})
    (True, False)
    """
    ratified = RATIFY > 0 if (lam == 1 and vote_counts) else sympy.true
    return sympy.And(ratified, lever_works(lam), beats(d, side_payment_cases(lam)))


def _worlds(game: ExtensiveGame | None = None) -> dict[int, World]:
    return {lam: deal_world(game, MODEL, legislature_game, lam) for lam in (0, 1)}


def vote_claim(game: ExtensiveGame | None = None, *, floor_only: bool = False) -> Certificate:
    """V's vote in the solved subgame after ``L > concede`` (lam = 1)."""
    w = deal_subworld(game, MODEL, legislature_game, 1, ("L", "concede"))
    claim = vote(1, floor_only=floor_only)
    return prove_pieces(f"{NAME} vote", f"V ratifies iff {claim}", (w,),
                        lambda v: claim if "ratify" in v.path else sympy.Not(claim))


def switch_claim(game: ExtensiveGame | None = None) -> Certificate:
    """Where O(0) = L: O(1) = L iff η(d − d_V) + v_L > 0."""
    worlds = _worlds(game)

    def obligation(a, b):
        if a.path[0] != "L":
            return True
        return RATIFY > 0 if b.path[0] == "L" else sympy.Not(RATIFY > 0)
    return prove_pieces(f"{NAME} switch", "with O(0) = L: O(1) = L iff η(d − d_V) + v_L > 0",
                        (worlds[0].without("lam"), worlds[1].without("lam")), obligation)


def statics_claim(game: ExtensiveGame | None = None, parameter: str = "v_L", direction: str = "grows",
                  assumptions=()) -> Certificate:
    """The region where V ratifies (subgame after ``L > concede``, lam = 1) moves strictly
    with ``parameter`` (under ``assumptions``, such as ``d < d_V``)."""
    where = f" where {', '.join(map(str, assumptions))}" if assumptions else ""
    name = f"{NAME} ratification {direction} with {parameter}{where}"
    sub = subgame(collapsed_at(game, MODEL, legislature_game, 1), ("L", "concede"))
    if "ratify" not in actions_of(sub):
        return Certificate(name, f"the region where V ratifies {direction} with {parameter}",
                           "refuted", reason="V has no vote after L > concede at λ = 1")
    return check_claim(sub, MonotoneClaim("ratify", parameter, direction),
                       assumptions=assumptions, name=name)


def prove(game: ExtensiveGame | None = None) -> Certificate:
    """H2c on the built-in variant (``game`` None) or on a game of its shape.

    Examples
    --------
    >>> prove().status
    'proved'
    """
    given = fits(game, legislature_game, MODEL, actions=("L", "concede", "ratify", "veto"))
    worlds = _worlds(given)
    parts = [iff_claim(f"{NAME} [lam = {lam}]", w, "L", condition(lam))
             for lam, w in worlds.items()]
    parts += [covers(f"{NAME} coverage [lam = {lam}]", w, lam) for lam, w in worlds.items()]
    parts += [vote_claim(given), switch_claim(given), statics_claim(given),
              statics_claim(given, "eta", "shrinks", ("d < d_V",))]
    return combine(NAME, STATEMENT, parts,
                   f"{MODEL}, λ ∈ {{0, 1}}, generic parameters")


def false_variants() -> dict:
    """Wrong versions, each refuted by the solved game."""
    return {
        "V ratifies iff d > d_V (the b2 floor, v_L ignored)":
            lambda: vote_claim(floor_only=True),
        "L at λ = 1 as in G1 (the vote ignored)":
            lambda: iff_claim(f"{NAME} without the vote", _worlds()[1], "L",
                              condition(1, vote_counts=False)),
        "V ratifies less as v_L rises": lambda: statics_claim(None, "v_L", "shrinks"),
        "V ratifies more as η rises (below the floor)":
            lambda: statics_claim(None, "eta", "grows", ("d < d_V",)),
    }
