"""Every proposition is derived from its solved game: the unchanged model is proved, and models
changed so that the statement is false (a payoff sign, a dropped parameter, a swapped action, a
changed chance probability) are refuted with a counterexample.

Mutants are made by editing the game's JSON (``gametheory.io.json_format.to_json_dict``, then
``from_json_dict``), the way a user edits ``gametheory convert MODEL -o g.json``; the continuous
two-level game (an ``OfferGame``) is edited by replacing a utility.  Why each mutant is false is
argued in its comment from the model's definition (linkage-research.md section 3), not from the
proof's code.
"""

from __future__ import annotations

import copy
import dataclasses
import json

import pytest
import sympy

import gametheory as gt
from gametheory.errors import GameShapeError
from gametheory.io.json_format import from_json_dict, to_json_dict
from gametheory.models import MODELS
from gametheory.proofs import (b3_two_sided, b4_renewal, b6_menu, c0_veto_type, c1_resolve, c2_screening,
                               g1star_offers, p1_ruling_party, p2_legislature, p3_credibility,
                               p4_dependence, p5_no_breakdown, p6_free_trade, tl_two_level)


def _targets(node: dict, path) -> list[dict]:
    """The nodes at the end of ``path``; a chance move not named in the path (whether the
    legislature is involved) is followed into every branch, and a deal leaf reached before V's
    ``approve`` (V not involved) counts as the deal."""
    if not path:
        return [node]
    for move in node.get("moves", ()):
        if move["action"] == path[0]:
            return _targets(move["node"], path[1:])
    if node.get("chance"):
        return [t for move in node["moves"] for t in _targets(move["node"], path)]
    return [node] if "payoffs" in node and tuple(path) == ("approve",) else []


def _node(data: dict, path) -> dict:
    found = _targets(data["tree"], tuple(path))
    assert found, f"no node at {path}"
    return found[0]


def edited(model: str, *edits) -> gt.ExtensiveGame:
    """The model's JSON export with ``(path, player index, new payoff text)`` edits applied;
    ``(path, "prob", [p1, p2])`` replaces a chance node's probabilities and
    ``(path, "swap", None)`` swaps the subtrees of a node's first two actions."""
    data = to_json_dict(MODELS[model].build())
    data = json.loads(json.dumps(data))          # a user's file: plain JSON
    for path, what, value in edits:
        nodes = _targets(data["tree"], tuple(path))
        assert nodes, f"no node at {path}"
        for node in nodes:
            if what == "prob":
                for move, p in zip(node["moves"], value):
                    move["prob"] = p
            elif what == "swap":
                a, b = node["moves"][0], node["moves"][1]
                a["node"], b["node"] = b["node"], a["node"]
            else:
                node["payoffs"][what] = value
    return from_json_dict(data)


def export(model: str) -> gt.ExtensiveGame:
    return from_json_dict(json.loads(json.dumps(to_json_dict(MODELS[model].build()))))


def refuted(certificate) -> None:
    assert certificate.status == "refuted", certificate.to_text()
    assert certificate.counterexample and certificate.counterexample[0]


def proved(certificate) -> None:
    assert certificate.status == "proved", certificate.to_text()


BACK_DOWN = ("L", "refuse", "back down")
CARRY_OUT = ("L", "refuse", "carry out")
S_DEAL = ("S", "accept", "approve")


# ------------------------------------------------------------------------------ P1

def test_p1_side_payment_cheaper_with_party_cost():
    # A's payoff from S gains with c: R - (sigma - c)s makes S grow in c
    game = edited("linkage", (S_DEAL, 0, "R - (sigma - c)*s"))
    refuted(p1_ruling_party.prove(game))


def test_p1_leverage_worth_half():
    # a concession worth d/2 to A: S is chosen while d/2 < U_S < d, above the stated c-bar
    game = edited("linkage", (("L", "concede"), 0, "d/2"))
    refuted(p1_ruling_party.threshold_claim(1, game=game))


# ------------------------------------------------------------------------------ P2

def test_p2_unchanged_export_proved():
    proved(p2_legislature.prove(export("linkage")))


def test_p2_veto_that_helps_side_payments():
    # the veto leaf pays A the deal plus 1: at lam = 1 S becomes more attractive, not less
    game = edited("linkage", (("S", "accept", "veto"), 0,
                              "lam*(R - s*(c + sigma) + 1) + (1 - lam)*(R - s*(c + sigma))"))
    refuted(p2_legislature.inclusion_claim(game=game))


def test_p2_back_down_cost_without_legislature():
    # kappa dropped from the back-down payoff: lam changes nothing on the leverage leg
    game = edited("linkage", (BACK_DOWN, 0, "-kappa0"))
    refuted(p2_legislature.switch_claim("N", "L", game=game))


# ------------------------------------------------------------------------------ P3

def test_p3_unchanged_export_proved():
    proved(p3_credibility.prove(export("linkage")))


def test_p3_kappa_removed():
    # the legislature's extra back-down cost removed: no credibility from lam = 1
    refuted(p3_credibility.prove(edited("linkage", (BACK_DOWN, 0, "-kappa0"))))


def test_p3_carry_out_sign():
    # carrying out pays A +ell_A: always credible, whatever kappa0 + lam*kappa
    refuted(p3_credibility.threat_claim(0, game=edited("linkage", (CARRY_OUT, 0, "ell_A"))))


# ------------------------------------------------------------------------------ P4

def test_p4_downgrade_hurts_b_less_as_it_depends_more():
    # B's downgrade payoff ell_B - 10 rises with ell_B: B concedes iff ell_B < 10 - beta*d, so
    # the L-region shrinks as ell_B rises
    game = edited("linkage", (CARRY_OUT, 1, "ell_B - 10"))
    refuted(p4_dependence.prove(game))


def test_p4_side_payment_value_sign():
    # S pays A 10 - R - (sigma + c)s: the S-region shrinks as R rises
    game = edited("linkage", (S_DEAL, 0, "10 - R - s*(c + sigma)"))
    refuted(p4_dependence.prove(game))


# ------------------------------------------------------------------------------ P5

def test_p5_unchanged_export_proved():
    proved(p5_no_breakdown.path_claim("linkage", 1, game=export("linkage")))


def test_p5_carry_out_profitable():
    # carrying out pays A +ell_A and B refuses when beta*d > ell_B: A demands to punish
    game = edited("linkage", (CARRY_OUT, 0, "ell_A"))
    refuted(p5_no_breakdown.path_claim("linkage", 1, game=game))


def test_p5_separation_costly():
    # separation costs A more than a downgrade: when B refuses (beta*d > ell_B) A prefers
    # demanding and carrying out to separating
    game = edited("linkage", (("N",), 0, "-ell_A - 1"))
    refuted(p5_no_breakdown.path_claim("linkage", 0, game=game))


def test_p5_actions_swapped():
    # the carry-out and back-down subtrees swapped: "carry out" pays -K and is chosen where
    # K < ell_A, with value -K, not negative at K = 0
    game = edited("linkage", (("L", "refuse"), "swap", None))
    assert p5_no_breakdown.refusal_claim(0, game=game).status != "proved"


# ------------------------------------------------------------------------------ P6

def test_p6_unchanged_export_proved():
    proved(p6_free_trade.prove(export("linkage-retaliation")))


def test_p6_tariff_cheap_to_impose():
    # imposing the tariff costs A nothing: T is credible even when c_T > K
    game = edited("linkage-retaliation", (("T", "refuse", "carry out"), 0, "0"))
    refuted(p6_free_trade.lever_claim(1, game=game))


def test_p6_backing_down_from_the_tariff_pays():
    # backing down after T pays A +kappa0: A threatens T, B refuses, A backs down with a gain
    game = edited("linkage-retaliation", (("T", "refuse", "back down"), 0, "kappa0"))
    refuted(p6_free_trade.lever_claim(0, game=game))


# ------------------------------------------------------------------------------ b3

def test_b3_unchanged_export_proved():
    proved(b3_two_sided.prove(export("linkage-two-sided")))


def test_b3_diet_indifferent_to_its_cost():
    # W's approval costs it nothing: the bound beta_W*d < ell_W disappears from leverage
    game = edited("linkage-two-sided", (("L", "concede", "approve"), 3, "0"))
    refuted(b3_two_sided.game_claim(1, game=game))


def test_b3_diet_cost_doubled():
    # W's cost per unit doubled: the largest accepted demand is min(ell_B/beta, ell_W/(2beta_W))
    game = edited("linkage-two-sided", (("L", "concede", "approve"), 3, "-2*beta_W*d"))
    refuted(b3_two_sided.demand_claim(1, game=game))


# ------------------------------------------------------------------------------ b4

def test_b4_unchanged_export_proved():
    proved(b4_renewal.prove(export("linkage-renewal")))


def test_b4_termination_pays():
    # terminating pays A 1: A may terminate although a + W* > 0
    game = edited("linkage-renewal", (("Terminate",), 0, "1"))
    refuted(b4_renewal.renewal_claim(1, game=game))


def test_b4_separation_costly():
    # separation inside the renewed game costs A 1: W* can be negative
    game = edited("linkage-renewal", (("Renew", "N"), 0, "-1"))
    refuted(b4_renewal.value_claim(0, game=game))


# ------------------------------------------------------------------------------ b6

def test_b6_unchanged_export_proved():
    proved(b6_menu.prove(export("linkage-menu-party")))


def test_b6_party_cost_of_area_two_ignored():
    # area 2's deal charges A without its party cost: A may use area 2 although c_2 > c_1
    game = edited("linkage-menu-party", (("S2", "accept", "approve"), 0, "R - sigma*s"))
    refuted(b6_menu.prove(game))


def test_b6_areas_swapped():
    # the party costs exchanged between the two branches: S1 now carries c_2
    game = edited("linkage-menu-party", (("S1", "accept", "approve"), 0, "R - (sigma + c_2)*s"))
    refuted(b6_menu.prove(game))


# ------------------------------------------------------------------------------ c0

def test_c0_unchanged_export_proved():
    proved(c0_veto_type.prove(export("linkage-veto-type")))


def test_c0_chance_probabilities_swapped():
    # V hawkish with probability 1 - pi: U_A(S) = pi*U_S - (1 - pi)f, not the stated value
    game = edited("linkage-veto-type", (("S", "accept", "involved"), "prob", ["1 - pi", "pi"]))
    refuted(c0_veto_type.prove(game))


def test_c0_hawk_approves():
    # the hawk gains from the deal: it approves, and no veto happens on the path
    game = edited("linkage-veto-type", (("S", "accept", "involved", "hawkish", "approve"), 2,
                                        "h*s"))
    refuted(c0_veto_type.prove(game))


def test_c0_vote_without_the_legislature():
    # the draw of V's type is reached whether or not the legislature is involved: at lam = 0
    # the side payment is vetoed with probability pi, not 0
    game = edited("linkage-veto-type", (("S", "accept"), "prob", ["1", "0"]))
    refuted(c0_veto_type.prove(game))


def test_c0_failed_deal_costs_more_at_lam_zero():
    # without the legislature the accepted deal pays A its surplus less f: U_A(S) differs
    game = edited("linkage-veto-type", (("S", "accept", "not involved"), 0,
                                        "R - (sigma + c)*s - f"))
    refuted(c0_veto_type.choice_claim(0, game=game))


# ------------------------------------------------------------------------------ c1

def test_c1_unchanged_export_pooling_proved():
    game = export("linkage-resolve")
    proved(c1_resolve.pooling_claim(game=game))
    proved(c1_resolve.no_leverage_pure(game=game))


def test_c1_weak_type_carries_out():
    # the weak type's back-down cost raised above ell_A: both types are resolved, and the
    # demand succeeds whenever ell_B > beta*d, so L is on the path although p*ell_B < beta*d
    game = edited("linkage-resolve", (("weak",) + BACK_DOWN, 0, "-K_H"))
    refuted(c1_resolve.no_leverage_pure(game=game))


def test_c1_prior_swapped():
    # the resolved type drawn with probability 1 - p: pooling needs (1 - p)*ell_B > beta*d
    game = edited("linkage-resolve", ((), "prob", ["1 - p", "p"]))
    refuted(c1_resolve.pooling_claim(game=game))


def test_c1_veto_player_always_approves():
    # V gains from every side payment: it approves where h*s > v_S, so at lam = 1 A's outside
    # option there is max(0, R - (sigma + c)s), not max(0, -f), and pooling needs more
    game = edited("linkage-resolve", (("resolved", "S", "accept", "approve"), 2, "1"),
                  (("weak", "S", "accept", "approve"), 2, "1"))
    proved(c1_resolve.pooling_claim(game=game, lam=0))
    refuted(c1_resolve.pooling_claim(game=game, lam=1))


# ------------------------------------------------------------------------------ c2

def test_c2_unchanged_export_proved():
    proved(c2_screening.prove(export("linkage-screening")))


def test_c2_breakdown_free():
    # carrying out costs A nothing after the less dependent type refuses the high demand: the
    # rule loses its -(1 - q)*ell_A term
    game = edited("linkage-screening", (("less dependent", "L_hi", "refuse", "carry out"), 0,
                                        "0"))
    refuted(c2_screening.prove(game))


def test_c2_type_probabilities_swapped():
    # the dependent type drawn with probability 1 - q
    game = edited("linkage-screening", ((), "prob", ["1 - q", "q"]))
    refuted(c2_screening.prove(game))


def test_c2_high_demand_worth_half():
    # the conceded high demand is worth half to A: the rule compares q*ell_H/(2 beta)
    game = edited("linkage-screening", (("dependent", "L_hi", "concede"), 0, "ell_H/(2*beta)"),
                  (("less dependent", "L_hi", "concede"), 0, "ell_H/(2*beta)"))
    refuted(c2_screening.prove(game))


# ------------------------------------------------------------------------------ G1*

def test_g1star_unchanged_export_proved():
    proved(g1star_offers.prove(export("linkage")))


def test_g1star_concession_worth_half():
    # the concession is worth x/2 to A: U_A(L*) = ell_B/(2 beta)
    game = edited("linkage", (("L", "concede"), 0, "d/2"))
    refuted(g1star_offers.demand_claim(1, game=game))


def test_g1star_side_payment_costless_to_b():
    # B's reservation price gone (s - gamma becomes s): B accepts any s >= 0 and s* = 0
    game = edited("linkage", (S_DEAL, 1, "s"))
    refuted(g1star_offers.side_claim(0, game=game))


def test_g1star_finite_offer_export():
    proved(g1star_offers.finite_claim(1, game=export("linkage-offers")))
    # the finite side payment gamma pays A a bonus of 1: U_A(S*) is not R - (sigma + c)gamma
    game = edited("linkage-offers", (("S(gamma)", "accept", "approve"), 0,
                                     "R - gamma*(c + sigma) + 1"))
    refuted(g1star_offers.prove(game))


# ------------------------------------------------------------------------------ TL

def _tl(player: int, utility: str):
    game = tl_two_level.spatial_game()
    x = game.offer
    symbols = {p.name: p.symbol for p in game.parameters} | {"x": x}
    utilities = list(game.utilities)
    utilities[player] = sympy.sympify(utility, locals=symbols)
    return dataclasses.replace(game, utilities=tuple(utilities))


def test_tl_unchanged_proved():
    proved(tl_two_level.offer_claim(tl_two_level.spatial_game()))


def test_tl_negotiator_ideal_doubled():
    # N's ideal point at 2x_N: its win-set reaches 4x_N, so x* = min(x_F, 4x_N, 2x_V)
    refuted(tl_two_level.offer_claim(_tl(1, "-Abs(x - 2*x_N)")))


def test_tl_veto_player_ideal_tripled():
    # V's ideal point at 3x_V: its win-set reaches 6x_V, so x* = min(x_F, 2x_N, 6x_V)
    refuted(tl_two_level.prove(_tl(2, "-Abs(x - 3*x_V)")))


def _tl_export(edit_leaf) -> gt.ExtensiveGame:
    """The ``two-level`` export with ``edit_leaf(action, payoffs)`` applied to every leaf."""
    data = json.loads(json.dumps(to_json_dict(MODELS["two-level"].build())))

    def walk(node, action):
        if "payoffs" in node:
            edit_leaf(action, node["payoffs"])
        for move in node.get("moves", ()):
            walk(move["node"], move["action"])
    walk(data["tree"], "")
    return from_json_dict(data)


def test_tl_unchanged_export_proved():
    proved(tl_two_level.prove(export("two-level")))


def test_tl_export_veto_player_keener_on_a_deal():
    # V's status-quo payoff lowered by 1 (every rejection and veto leaf): its win-set grows to
    # [0, 2x_V + 1], so x* = min(x_F, 2x_N, 2x_V + 1)
    def edit(action, payoffs):
        if action in ("reject", "veto"):
            payoffs[2] = f"({payoffs[2]}) - 1"
    refuted(tl_two_level.prove(_tl_export(edit)))


def test_tl_export_edited_at_one_offer_is_a_shape_error():
    # N's payoff changed after one offer only: no single utility of the offer fits
    def edit(action, payoffs):
        if action == "approve" and payoffs[1] == "-Abs(x_N)":
            payoffs[1] = "0"
    with pytest.raises(GameShapeError, match="not one function of the offer"):
        tl_two_level.prove(_tl_export(edit))


# ------------------------------------------------------------------------------ shapes

@pytest.mark.parametrize("module,model,param", [
    (p3_credibility, "linkage", "kappa"), (c2_screening, "linkage-screening", None),
    (g1star_offers, "linkage", "d"), (c1_resolve, "linkage-resolve", "K_W")])
def test_wrong_shape_is_a_one_line_error(module, model, param):
    if param is None:      # rename an action the proposition needs
        data = copy.deepcopy(to_json_dict(MODELS[model].build()))
        for branch in ("dependent", "less dependent"):
            _node(data, (branch,))["moves"][1]["action"] = "L_high"
        game = from_json_dict(data)
    else:                  # a parameter fixed, so the game no longer has it
        game = MODELS[model].build(**{param: 1})
    with pytest.raises(GameShapeError) as error:
        module.prove(game)
    message = str(error.value)
    assert "\n" not in message and "does not fit" in message
    assert (param or "L_hi") in message
