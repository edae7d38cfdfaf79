"""G1* (endogenous offers): s* = gamma and d* = ell_B/beta; U_A(S*) = R - (sigma + c)gamma,
feasible iff lam = 0 or h*gamma <= v_S; U_A(L*) = ell_B/beta when the threat is credible.

Model: G1 (``linkage``, or a game of its shape given as ``game``) with the side payment ``s`` and
the demand ``d`` chosen by A.  Both legs are read off the game and solved as continuous-offer
games by :func:`gametheory.symbolic.offers.solve_offer` (responders accept when indifferent):
the side-payment leg with the payoffs of the game's acceptance leaf as functions of the offer
(``s`` replaced by the offer variable) and its rejection leaf as disagreement, B (and V when
lam = 1) ratifying; the demand leg with the concession leaf as a function of the offer and, as
disagreement, the value of the threat subgame after a refusal, solved by the parametric SPE
solver piece by piece.  Every claim is decided on the pieces of those solutions.  The finite
offer game ``linkage-offers`` (A offers exactly γ or demands exactly ℓ_B/β; or a game of its
shape given as ``game``) is solved too, and its pieces where the responders accept pay A the
stated values.

References
----------
A. Rubinstein (1982), *Econometrica* 50(1) (take-it-or-leave-it offers); Davis (2008/09).
"""

from __future__ import annotations

from typing import Callable

import sympy

from gametheory.errors import GameShapeError
from gametheory.proofs.certificate import Certificate
from gametheory.proofs.claims import prove as prove_pieces
from gametheory.proofs.common import (K, R, beta, built, c, combine, decide, ell_A, ell_B,
                                      game_world, leaf_payoffs, model_label, shaped, sigma,
                                      subgame_world, sym)
from gametheory.symbolic.offers import offer_game, solve_offer

__all__ = ["NAME", "STATEMENT", "prove", "false_variants"]

NAME = "G1*"
STATEMENT = ("With endogenous offers (responders accept when indifferent; γ, ℓ_B > 0): s* = γ and "
             "d* = ℓ_B/β; U_A(S*) = R − (σ+c)γ, feasible iff λ = 0 or h·γ ≤ v_S; "
             "U_A(L*) = ℓ_B/β when ℓ_A < K. The legislature matters through K, not through d*.")

gamma, h, v_S = sym("gamma"), sym("h"), sym("v_S")
ACTIONS = ("S", "accept", "reject", "L", "concede", "refuse")
PARAMETERS = ("lam", "s", "d", "R", "c", "sigma", "gamma", "h", "v_S", "beta", "ell_A", "ell_B",
              "kappa0", "kappa")
MODEL = "linkage"
#: Offers are positive (the domain of s and d): generic points have γ > 0 and ℓ_B > 0.
GENERIC = (gamma > 0, ell_B > 0)


def _offer(game, name: str, accepted, failed, responders, assumptions=()):
    """A continuous-offer game: ``name`` (a parameter of ``game``) becomes the offer ``x``."""
    x = sym("x")
    params = [p for p in game.parameters if p.name != name]
    players = list(game.players)
    return offer_game(players, "A", responders,
                      {p: u.xreplace({sym(name): x}) for p, u in zip(players, accepted)},
                      interval=(0, None), disagreement=dict(zip(players, failed)),
                      parameters=params, assumptions=assumptions)


def side_payment_game(game, lam_value: int):
    """The side-payment leg of the game at ``lam`` as a continuous-offer game."""
    g = built(game, MODEL, lam=lam_value)
    failed = leaf_payoffs(g, ("S", "reject"))
    responders = ["B"]
    path = ("S", "accept")
    if lam_value == 1:
        vetoed = leaf_payoffs(g, ("S", "accept", "veto"))
        if any(sympy.simplify(a - b) != 0 for a, b in zip(vetoed, failed)):
            raise GameShapeError("the offers solver needs one disagreement: the veto leaf and "
                                 "the rejection leaf of S must pay the same")
        responders.append("V")
        path += ("approve",)
    elif "approve" in {a for i in g.infosets for a in i.actions}:
        path += ("approve",)          # V's node kept, its veto weighted by lam = 0
    return _offer(g, "s", leaf_payoffs(g, path), failed, responders)


def side_claim(lam_value: int, game=None, s_star=None) -> Certificate:
    """Each piece of the solved side-payment leg: the offer is s* with A's value, or none is
    made, exactly where the statement says."""
    s_star = gamma if s_star is None else s_star
    offers = side_payment_game(game, lam_value)
    feasible = sympy.true if lam_value == 0 else h * gamma <= v_S
    params = offers.parameters
    parts = []
    value = R - (sigma + c) * s_star
    for k, piece in enumerate(solve_offer(offers, generic=True).pieces, 1):
        if piece.offer is None:          # no offer: s* is vetoed or worth less than failure
            strict = sympy.true if lam_value == 0 else h * gamma < v_S    # V approves s*
            claim = sympy.Or(sympy.Not(strict), value <= offers.disagreement[0])
        else:
            claim = sympy.And(sympy.Eq(piece.offer - s_star, 0),
                              sympy.Eq(piece.payoffs[0] - (R - (sigma + c) * s_star), 0),
                              feasible)
        parts.append(decide(f"G1* S [lam = {lam_value}] #{k}", f"offer {piece.offer}",
                            piece.region.conditions + GENERIC, claim, params,
                            region=str(piece.region),
                            confirm=_confirm(offers)))
    return combine(f"G1* S* [lam = {lam_value}]",
                   "s* = γ, U_A(S*) = R − (σ+c)γ, feasible iff λ = 0 or h·γ ≤ v_S", parts)


def demand_claim(lam_value: int, game=None, d_star=None) -> Certificate:
    """For each piece of the solved threat subgame, the demand leg with that disagreement."""
    d_star = ell_B / beta if d_star is None else d_star
    g = built(game, MODEL, lam=lam_value)
    threat = subgame_world(game, MODEL, ("L", "refuse"), f"G1[lam={lam_value}] after a refusal",
                           lam=lam_value)
    accepted = leaf_payoffs(g, ("L", "concede"))
    parts = []
    for t in threat.pieces:
        conditions = tuple(x for x in t.conditions if not isinstance(x, sympy.Eq))
        offers = _offer(g, "d", accepted, t.payoffs, ["B"], assumptions=conditions)
        for k, piece in enumerate(solve_offer(offers, generic=True).pieces, 1):
            where = conditions + tuple(piece.region.conditions) + GENERIC
            credible = ell_A < K(lam_value)
            value_ok = sympy.And(sympy.Eq(piece.offer - d_star, 0),
                                 sympy.Eq(piece.payoffs[0] - d_star, 0)) \
                if piece.offer is not None else sympy.false
            claim = sympy.Or(sympy.Not(credible), value_ok)
            name = f"G1* L [lam = {lam_value}] after {' > '.join(t.path)} #{k}"
            parts.append(decide(name, f"offer {piece.offer}", where, claim, offers.parameters,
                                region=" & ".join(map(str, where)), confirm=_confirm(offers)))
            if piece.offer is not None and {sym("lam"), sym("kappa"), sym("kappa0")} \
                    & sympy.sympify(piece.offer).free_symbols:
                parts.append(Certificate(f"{name}: d* and the legislature",
                                         "d* does not depend on λ, κ, κ0", "refuted"))
    return combine(f"G1* L* [lam = {lam_value}]", "d* = ℓ_B/β and U_A(L*) = ℓ_B/β when ℓ_A < K; "
                   "d* does not depend on λ, κ, κ0", parts)


def _confirm(offers) -> Callable:
    def confirm(point) -> str:
        values = {p.name: point.get(p.name, 1) for p in offers.parameters}
        found = [str(p.offer) for p in solve_offer(offers, generic=True).at(values)]
        return "solve_offer at this point finds offer(s) " + (", ".join(found) or "none")
    return confirm


FINITE = "linkage-offers"
FINITE_ACTIONS = ("S(gamma)", "L(ell_B/beta)", "accept", "concede")


def finite_claim(lam_value: int, game=None, u_l=None) -> Certificate:
    """On the finite offer game (A offers exactly γ or demands exactly ℓ_B/β), solved by the
    parametric SPE solver: every piece where the responders accept (the G1* convention for
    their ties) pays A the stated value, with the stated feasibility."""
    u_l = ell_B / beta if u_l is None else u_l
    w = game_world(game, FINITE, f"G1*[lam={lam_value}]", lam=lam_value)

    def obligation(v):
        if v.path[:2] == ("S(gamma)", "accept") and "veto" not in v.path:
            ok = sympy.Eq(v.payoffs[0] - (R - (sigma + c) * gamma), 0)
            return sympy.And(ok, h * gamma <= v_S) if lam_value else ok
        if v.path[:2] == ("L(ell_B/beta)", "concede"):
            return sympy.And(sympy.Eq(v.payoffs[0] - u_l, 0), ell_A < K(lam_value))
        return True
    return prove_pieces(f"G1* finite offers [lam = {lam_value}]",
                        "U_A(S*) and U_A(L*) where the offers are accepted", (w,), obligation)


def prove(game=None) -> Certificate:
    """G1* on the built-in models, or on a game of the shape of G1 (``linkage``: s and d become
    offers) or of the finite offer game (``linkage-offers``).

    Raises
    ------
    GameShapeError
        If the game has neither shape.
    """
    continuous, finite = None, None
    if game is not None:
        labels = {a for infoset in game.infosets for a in infoset.actions}
        if set(FINITE_ACTIONS) <= labels:
            finite = shaped(game, FINITE, actions=FINITE_ACTIONS)
        else:
            continuous = shaped(game, MODEL, actions=ACTIONS, parameters=PARAMETERS)
    parts = [side_claim(v, continuous) for v in (0, 1)]
    parts += [demand_claim(v, continuous) for v in (0, 1)]
    parts += [finite_claim(v, finite) for v in (0, 1)]
    return combine(NAME, STATEMENT, parts,
                   model_label(continuous, MODEL) + " with s and d offered (solve_offer), and "
                   + model_label(finite, FINITE) + ", lam in {0, 1}")


def false_variants() -> dict:
    return {"U_A(L*) = d* = ℓ_B/(2β) (wrong value)":
            lambda: demand_claim(1, d_star=ell_B / (2 * beta)),
            "s* = 2γ (wrong offer)": lambda: side_claim(0, s_star=2 * gamma),
            "U_A(L*) = ℓ_B/(2β) on the finite offers (wrong value)":
                lambda: finite_claim(1, u_l=ell_B / (2 * beta))}
