"""The deal variants (``gametheory.models.deals``): a two-way treaty (D1), a mixed package (D2)
and the legislature's vote on the leverage branch (H2c).

For each variant: the region of its proposition is read off the solved symbolic game and
compared, at random exact points, with backward induction on the numeric game built at the
point and with the closed form; the proof is proved, its false versions and mutated games
(an edited payoff, swapped subtrees) are refuted with a counterexample.  Why each mutant makes
the statement false is argued from the model (linkage-research.md sections 3.1-3.2), not from
the proof's code.
"""

from __future__ import annotations

import json
import random
from fractions import Fraction

import pytest
import sympy

import gametheory
from gametheory.errors import GameShapeError
from gametheory.games import ExtensiveGame, decision, leaf
from gametheory.io.json_format import from_json_dict, to_json_dict
from gametheory.models import deals as D
from gametheory.models import linkage as G
from gametheory.proofs import d1_two_way, d2_mixed, h2_channel
from gametheory.proofs.claims import numeric_outcomes

VARIANTS = {  # builder, closed form, defaults, the variant's own first action
    "D1": (D.two_way_game, D.two_way_outcome, D.TWO_WAY_DEFAULTS, "T"),
    "D2": (D.package_game, D.package_outcome, D.PACKAGE_DEFAULTS, "M"),
    "H2c": (D.legislature_game, D.legislature_outcome, D.CHANNEL_DEFAULTS, "L"),
}
PROOFS = {"D1": d1_two_way, "D2": d2_mixed, "H2c": h2_channel}


def _point(builder, rng, lam, defaults=None):
    """An exact random point in the parameters' domains: sevenths in ``[1/7, 6]``, or with
    ``defaults`` each default value times a random factor in ``[2/7, 2]`` (to reach every
    outcome often).  Ties are rare, and :func:`_generic` drops the points that hit one."""
    point = {"lam": Fraction(lam)}
    for p in builder().parameters:
        if p.name == "lam":
            continue
        if defaults is None:
            point[p.name] = Fraction(rng.randint(1, 42), 7)
        else:
            point[p.name] = (defaults[p.name] or Fraction(1, 2)) * Fraction(rng.randint(2, 14), 7)
    return point


def _generic(values) -> bool:
    """No comparison that backward induction makes in any of the three variants is a tie."""
    v = {k: Fraction(x) for k, x in values.items()}
    u_s = v["R"] - (v["sigma"] + v["c"]) * v["s"]
    k = v["kappa0"] + v["lam"] * v["kappa"]
    terms = [v["s"] - v["gamma"], v["h"] * v["s"] - v["v_S"], u_s, u_s - v["d"],
             v["ell_A"] - k, v["beta"] * v["d"] - v["ell_B"], u_s + v["f"], v["d"] + v["f"]]
    if "t" in v:
        gain = v["t"] - v["beta"] * v["d"]
        u_t = v["d"] - v["c_t"] * v["t"]
        terms += [gain, gain + v["ell_B"], v["h_t"] * v["t"] - v["eta"] * v["d"], u_t,
                  u_t - u_s, u_t + v["f"], u_t - v["d"]]
    if "d_V" in v:
        terms += [v["eta"] * (v["d"] - v["d_V"]) + v["v_L"], v["eta"] * (v["d"] - v["d_V"])]
    gain = v["s"] - v["gamma"] - v["beta"] * v["d"]
    terms += [gain, gain + v["ell_B"], v["h"] * v["s"] - v["v_S"] - v["eta"] * v["d"],
              u_s + v["d"]]
    return all(t != 0 for t in terms)


def _first_actions(game) -> set[str]:
    """A's first move in every SPE of the numeric game (backward induction)."""
    return {path[0] for path, _ in numeric_outcomes(game, {})}


@pytest.fixture(scope="module")
def solved():
    """Each variant's symbolic game solved once per lam (generic parametric SPE)."""
    return {(name, lam): gametheory.solve(builder(lam=lam), method="spe")
            for name, (builder, *_) in VARIANTS.items() for lam in (0, 1)}


# ------------------------------------------------------------------ the trees

def test_trees_parameters_and_defaults():
    assert D.two_way_game(lam=1).infosets[0].actions == ("N", "S", "L", "T")
    assert D.package_game(lam=1).infosets[0].actions == ("N", "S", "L", "M")
    assert D.legislature_game(lam=1).infosets[0].actions == ("N", "S", "L")
    for name, (builder, _, defaults, _own) in VARIANTS.items():
        for lam in (0, 1):
            game = builder(lam=lam)
            movers = {game.players[s.player] for s in game.infosets if not s.is_chance}
            assert ("V" in movers) == (lam == 1), (name, lam)      # V moves only if involved
        symbolic = builder()
        for p in symbolic.parameters:
            assert p.meaning and p.source and p.contains(defaults[p.name]), (name, p.name)
        assert not builder(**defaults).is_symbolic
    new = {p.name: p for p in D.TWO_WAY_PARAMETERS}
    assert set(new) == {"t", "c_t", "h_t"}
    assert all("coding" in p.source for p in new.values())       # sizes are our coding
    assert "Hansard 19 Apr 1911" in new["h_t"].source


def test_lam_free_tree_agrees_with_the_fixed_trees():
    """With lam free, V's vote sits behind a chance move of probability lam: at lam in {0, 1}
    it gives the payoffs of the tree built with lam fixed."""
    rng = random.Random(2)
    for builder, *_ in VARIANTS.values():
        free = builder()
        for _ in range(6):
            lam = rng.randint(0, 1)
            point = _point(builder, rng, lam)
            a = gametheory.solve(free.substitute(point), method="spe")
            b = gametheory.solve(builder(**point), method="spe")
            assert sorted({e.payoffs for e in a.equilibria}) == \
                sorted({e.payoffs for e in b.equilibria}), point


# ------------------------------------------------------------------ regions vs backward induction

def _exact(point):
    return {sympy.Symbol(k, real=True): sympy.Rational(v.numerator, v.denominator)
            for k, v in point.items()}


def _pieces_at(solution, subs) -> list:
    """The pieces of a solved symbolic game whose region contains the point."""
    return [piece for piece in solution.pieces
            if all(bool(c.xreplace(subs)) for c in piece.conditions)]


@pytest.mark.parametrize("name", list(VARIANTS))
def test_solved_region_equals_backward_induction_and_the_statement(name, solved):
    """At random exact generic points: the outcome read off the solved symbolic game (the
    pieces containing the point), backward induction on the numeric game, the proposition's
    closed form and its formula (the one the proof checks) agree; the variant's own deal is
    the outcome at some points and not at others, at both lam."""
    builder, closed, defaults, own = VARIANTS[name]
    module = PROOFS[name]
    rng = random.Random(41)
    seen, checked = set(), 0
    while checked < 80:
        lam = checked % 2
        point = _point(builder, rng, lam, None if checked % 4 < 2 else defaults)
        if not _generic(point):
            continue
        checked += 1
        subs = _exact(point)
        pieces = _pieces_at(solved[name, lam], subs)
        regions = {piece.path[0] for piece in pieces}
        numeric = _first_actions(builder(**point))
        assert regions == numeric == {closed(point)}, (name, point, regions, numeric)
        assert bool(module.condition(lam).xreplace(subs)) == (closed(point) == own), point
        seen.add((lam, closed(point) == own))
    assert seen == {(0, True), (0, False), (1, True), (1, False)}


# ------------------------------------------------------------------ values at calibrated points

def test_d1_two_way_at_e6_and_without_the_legislature():
    e6 = D.TWO_WAY_DEFAULTS
    # lam = 1: the lever is credible (3 < 1 + 3) and accepted (2 < 4): d = 2 beats 2 - 3/10
    assert _first_actions(D.two_way_game(**e6)) == {"L"}
    # lam = 0: no credible lever; Japan gains t - beta*d = 1 from the exchange
    game = D.two_way_game(**{**e6, "lam": 0})
    assert {e.payoffs for e in gametheory.solve(game).equilibria} == \
        {(Fraction(17, 10), Fraction(1), Fraction(1, 2))}
    # a credible lever lowers the reciprocal concession Japan needs: beta*d = 6 > ell_B = 4,
    # so the bare demand is refused, but t = 5/2 > 6 - 4 gets the treaty accepted
    point = {**e6, "beta": 3, "t": "5/2", "h_t": "1/5"}
    assert _first_actions(D.two_way_game(**point)) == {"T"}
    assert _first_actions(D.two_way_game(**{**point, "kappa": 1})) == {"N"}   # not credible


def test_d2_package_buys_the_legislature_consent():
    # lam = 1, the side payment alone is vetoed (h*s = 3 > v_S = 1) but the package passes
    # when the concession is worth enough to V: h*s < v_S + eta*d
    point = {**D.PACKAGE_DEFAULTS, "lam": 1, "h": 1, "s": 3, "v_S": 1, "eta": 1, "d": 3,
             "c": 0, "sigma": 0, "gamma": 0, "R": 1, "beta": 1, "ell_B": 6, "ell_A": 3}
    assert _first_actions(G.g1_game(**{k: v for k, v in point.items()})) == {"L"}
    assert _first_actions(D.package_game(**point)) == {"M"}
    assert _first_actions(D.package_game(**{**point, "eta": "1/2"})) == {"L"}   # vetoed


def test_h2_channel_eta_and_v_L_decide_the_lever():
    point = dict(D.CHANNEL_DEFAULTS)                 # E6 with a floor d_V = 5/2 > d = 2
    assert _first_actions(D.legislature_game(**point)) == {"L"}
    assert _first_actions(D.legislature_game(**{**point, "v_L": 0})) == {"N"}
    assert _first_actions(D.legislature_game(**{**point, "v_L": "2/5"})) == {"N"}
    # at v_L = 1/2 V is indifferent (eta*(d - d_V) + v_L = 0): both SPE outcomes exist
    assert _first_actions(D.legislature_game(**{**point, "v_L": "1/2"})) == {"L", "N"}
    assert _first_actions(D.legislature_game(**{**point, "v_L": "3/5"})) == {"L"}
    # eta: with d below the floor a keener V (larger eta) ratifies less ...
    assert _first_actions(D.legislature_game(**{**point, "eta": 3})) == {"N"}
    # ... and with d above the floor it ratifies whatever eta > 0
    assert _first_actions(D.legislature_game(**{**point, "d_V": 1, "eta": 3})) == {"L"}
    # b2 pays V nothing at that carry-out leaf: there the lever fails at the same point
    assert _first_actions(G.reciprocity_game(**point)) == {"N"}
    # in G1 (no vote) neither parameter changes the outcome
    g1 = {k: v for k, v in point.items() if k != "d_V"}
    assert _first_actions(G.g1_game(**{**g1, "v_L": 0, "eta": 3})) == {"L"}


# ------------------------------------------------------------------ the proofs

@pytest.mark.parametrize("name", list(PROOFS))
def test_proof_is_proved_on_the_built_in_variant(name):
    certificate = PROOFS[name].prove()
    assert certificate.status == "proved", certificate.to_text()
    assert all(part.status == "proved" for part in certificate.parts)
    assert any("coverage" in part.name for part in certificate.parts)


@pytest.mark.parametrize("name,label", [(n, k) for n in PROOFS
                                        for k in PROOFS[n].false_variants()])
def test_false_versions_are_refuted_with_a_confirmed_counterexample(name, label):
    certificate = PROOFS[name].false_variants()[label]()
    assert certificate.status == "refuted", certificate.to_text()
    assert certificate.counterexample and "the claim fails there" in certificate.confirmation


def test_h2_vote_counterexample_is_below_the_floor_with_a_downgrade_to_fear():
    certificate = h2_channel.false_variants()["V ratifies iff d > d_V (the b2 floor, v_L "
                                              "ignored)"]()
    point = certificate.counterexample[0]
    assert point["d"] < point["d_V"] and point["v_L"] > 0
    assert D.ratifies(point)


# ------------------------------------------------------------------ mutants

def _export(builder) -> dict:
    return json.loads(json.dumps(to_json_dict(builder())))


def _nodes(node: dict, path) -> list[dict]:
    """Nodes at the end of ``path``; chance moves not named in the path are followed into
    every branch."""
    if not path:
        return [node]
    for move in node.get("moves", ()):
        if move["action"] == path[0]:
            return _nodes(move["node"], path[1:])
    if node.get("chance"):
        return [n for move in node["moves"] for n in _nodes(move["node"], path)]
    return []


def mutant(builder, path, what, value=None) -> ExtensiveGame:
    """The variant's JSON export with one edit at ``path``: a payoff (``what`` = player
    index, ``value`` its new text) or ``"swap"`` (the subtrees of the actions named in
    ``value``, default the node's first two, exchanged)."""
    data = _export(builder)
    nodes = _nodes(data["tree"], tuple(path))
    assert nodes, path
    for node in nodes:
        if what == "swap":
            named = {m["action"]: m for m in node["moves"]}
            a, b = ((named[x] for x in value) if value else node["moves"][:2])
            a["node"], b["node"] = b["node"], a["node"]
        else:
            node["payoffs"][what] = value
    return from_json_dict(data)


def refuted(certificate):
    assert certificate.status == "refuted", certificate.to_text()
    assert certificate.counterexample and certificate.counterexample[0]


def test_unchanged_exports_are_proved():
    for name, (builder, *_) in VARIANTS.items():
        assert PROOFS[name].prove(game=from_json_dict(_export(builder))).status == "proved"


def test_d1_mutants_are_refuted():
    # Japan values Britain's concession at half: it accepts the treaty only if
    # t/2 - beta*d > -ell_B*1[Cr], so T is missing where t > beta*d > t/2 (no threat)
    refuted(d1_two_way.prove(game=mutant(D.two_way_game, ("T", "accept", "approve"), 1,
                                         "t/2 - beta*d")))
    # the subtrees of L and T swapped: the action called T is now the bare demand, which is
    # chosen where the lever works -- where the statement says T is never chosen
    refuted(d1_two_way.prove(game=mutant(D.two_way_game, (), "swap", ("L", "T"))))


def test_d2_mutants_are_refuted():
    # V gains nothing from the concession: the package no longer buys its consent
    refuted(d2_mixed.prove(game=mutant(D.package_game, ("M", "accept", "approve"), 2,
                                       "v_S - h*s")))
    # A pays the side payment twice over: the package is worth U_S + d - (sigma + c)*s
    refuted(d2_mixed.prove(game=mutant(D.package_game, ("M", "accept", "approve"), 0,
                                       "R - 2*(sigma + c)*s + d")))


def test_h2_mutants_are_refuted():
    # b2's payoff: V loses nothing when its veto brings the downgrade, so v_L stops acting
    refuted(h2_channel.prove(game=mutant(D.legislature_game,
                                         ("L", "concede", "veto", "carry out"), 2, "0")))
    # ratify and veto swapped: V's "ratify" leads to the threat node
    refuted(h2_channel.prove(game=mutant(D.legislature_game, ("L", "concede", "involved"),
                                         "swap")))


def test_a_game_of_another_shape_is_refused_in_one_line():
    toy = ExtensiveGame(["A", "B", "V"], decision("A", {"N": leaf(0, 0, 0)}))
    for module in PROOFS.values():
        with pytest.raises(GameShapeError, match="does not fit model"):
            module.prove(game=toy)
