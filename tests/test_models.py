"""The built-in models: the closed forms of linkage-research.md section 3 reproduced by solving.

Every closed form is checked against (i) the package's SPE solver, (ii) an independent, tiny
exact backward induction written here, and (iii) for G1 and b4, the symbolic solver's regions.
Random points use exact rationals with small denominators, drawn by a seeded generator.
"""

from __future__ import annotations

import random
from fractions import Fraction

import pytest

from gametheory.games import CHANCE
from gametheory.models import MODELS
from gametheory.models import linkage as G
from gametheory.models import two_level as TL
from gametheory.models.analysis import first_move, play_path, spe_profiles

from conftest import ACCEPTING, backward_induction

def outcome(game, solver="both"):
    """The first move of the equilibrium path, checked by both solvers where they agree."""
    profile, _ = backward_induction(game)
    mine = first_move(play_path(game, profile), game.players[0])
    if solver == "both":
        theirs = {first_move(play_path(game, p), game.players[0]) for p in spe_profiles(game)}
        assert theirs == {mine}
    return mine


def rnd(rng, lo=0, hi=5, den=4):
    """A random rational in [lo, hi] with denominator ``den``."""
    return Fraction(rng.randint(lo * den, hi * den), den)


def random_point(rng, generic=True, lam=None):
    while True:
        v = {"lam": rng.randint(0, 1) if lam is None else lam, "c": rnd(rng, 0, 2), "sigma": rnd(rng, 0, 1),
             "R": rnd(rng, 0, 6) + Fraction(1, 7), "s": rnd(rng, 0, 4) + Fraction(1, 9),
             "gamma": rnd(rng, 0, 3), "h": rnd(rng, 0, 2), "v_S": rnd(rng, 0, 3),
             "d": rnd(rng, 0, 3) + Fraction(1, 11), "beta": rnd(rng, 0, 2) + Fraction(1, 3),
             "ell_A": rnd(rng, 0, 6) + Fraction(1, 13), "ell_B": rnd(rng, 0, 5),
             "kappa0": rnd(rng, 0, 3), "kappa": rnd(rng, 0, 4), "f": rnd(rng, 0, 1) + Fraction(1, 17),
             "eta": rnd(rng, 0, 2), "v_L": rnd(rng, 0, 2), "a": rnd(rng, -4, 4) + Fraction(1, 19)}
        if not generic or _generic(v):
            return {k: Fraction(x) for k, x in v.items()}


def g1(v):
    """The point without the renewal value ``a`` (for the games without a renewal stage)."""
    return {k: x for k, x in v.items() if k != "a"}


def _generic(v):
    q = G.g1_values(v)
    surplus = v["R"] - (v["sigma"] + v["c"]) * v["s"]
    ties = [v["ell_A"] - q["K"], v["beta"] * v["d"] - v["ell_B"], v["s"] - v["gamma"],
            v["h"] * v["s"] - v["v_S"], surplus, surplus - v["d"],
            v["a"] + max(0, q["U_S"], q["U_L"]), q["K"]]
    return all(t != 0 for t in ties)


# ------------------------------------------------------------------ registry

def test_registry_models_are_complete():
    assert {"linkage", "linkage-renewal"} <= set(MODELS)
    assert MODELS["linkage"].players == ("A", "B", "V")
    names = [p.name for p in MODELS["linkage"].parameters]
    assert names == ["lam", "c", "sigma", "R", "s", "gamma", "h", "v_S", "d", "beta", "ell_A",
                     "ell_B", "kappa0", "kappa", "f", "eta", "v_L"]
    assert [p.name for p in MODELS["linkage-renewal"].parameters][-1] == "a"
    for model in MODELS.values():
        assert model.description
        for p in model.parameters:
            assert p.meaning and p.source and str(p.domain)
            assert p.contains(model.defaults[p.name]), (model.name, p.name)
        game = model.build(**model.defaults)
        assert not game.is_symbolic and game.parameters == ()
        assert game.players == model.players
        symbolic = model.build()
        assert {p.name for p in symbolic.parameters} == {p.name for p in model.parameters}


def test_build_checks_names_and_domains():
    with pytest.raises(ValueError, match="no parameter"):
        MODELS["linkage"].build(nope=1)
    with pytest.raises(ValueError, match="outside its domain"):
        MODELS["linkage"].build(lam="1/2")
    with pytest.raises(ValueError, match="outside its domain"):
        MODELS["linkage"].build(R=0)


def test_substitute_equals_fixed_build():
    model = MODELS["linkage"]
    point = model.point(lam=1)
    a = model.build(**point).terminal_payoffs().tolist()
    b = model.build(lam=1).substitute({k: v for k, v in point.items() if k != "lam"})
    assert a == b.terminal_payoffs().tolist()


def test_free_lam_tree_agrees_with_structural_trees():
    rng = random.Random(5)
    free = MODELS["linkage"].build()
    for _ in range(40):
        v = random_point(rng)
        numeric = free.substitute(g1(v))
        profile, values = backward_induction(numeric)
        assert values[0][0] == max(0, G.g1_values(v)["U_S"], G.g1_values(v)["U_L"])


# ------------------------------------------------------------------ Theorem G1, P5, b4

def test_theorem_g1_at_random_points():
    rng = random.Random(1)
    for _ in range(150):
        v = random_point(rng)
        game = G.g1_game(**g1(v))
        assert outcome(game) == G.g1_outcome(v), v
        profile, _ = backward_induction(game)
        assert ("A", "carry out") not in play_path(game, profile)      # P5


def test_renewal_b4_at_random_points():
    rng = random.Random(2)
    for _ in range(100):
        v = random_point(rng)
        game = G.renewal_game(**v)
        profile, _ = backward_induction(game)
        assert first_move(play_path(game, profile)) == G.renewal_outcome(v), v
    assert {first_move(play_path(g, p)) for g in [G.renewal_game(**{**G.DEFAULTS, "a": -9})]
            for p in spe_profiles(g)} == {"Terminate"}


def test_theorem_g1_symbolically():
    from gametheory.symbolic.parametric import parametric_spe

    rng = random.Random(3)
    for lam in (0, 1):
        solution = parametric_spe(G.g1_game(lam=lam), generic=True)
        labels = {piece.path[0] for piece in solution.pieces}
        assert labels == {"S", "L", "N"}
        for _ in range(60):
            v = random_point(rng, lam=lam)
            found = {e.path[0] for e in solution.at({k: x for k, x in v.items()
                                                     if k not in ("lam", "a")})}
            assert found == {G.g1_outcome(v)}, v


def test_p2_legislature_shrinks_side_payments():
    rng = random.Random(4)
    for _ in range(100):
        v = random_point(rng, generic=False)
        games = G.paired_games(**{k: x for k, x in v.items() if k != "a"})
        o0, o1 = (outcome(games[lam], solver="mine") for lam in (0, 1))
        if o0 == "L":
            assert o1 == "L"
        if o1 == "S":
            assert o0 == "S"


# ------------------------------------------------------------------ G1*, b2, b3, b5, b6

def test_g1_star_offers():
    rng = random.Random(6)
    for _ in range(60):
        v = random_point(rng)
        star = G.endogenous_offers(v)
        if star["U_S"] in (0, star["U_L"]) or star["U_L"] == 0:
            continue
        others = [rnd(rng, 0, 4) + Fraction(1, 5) for _ in range(3)]
        game = G.offer_game(["gamma", *others], ["ell_B/beta", *others],
                            **{k: x for k, x in g1(v).items() if k not in ("s", "d")})
        profile, values = backward_induction(game)
        assert values[0][0] == max(0, star["U_S"], star["U_L"])
        expected = {"N": "N", "S": "S(gamma)", "L": "L(ell_B/beta)"}[star["outcome"]]
        assert first_move(play_path(game, profile)) == expected
        # the package solver lists the accepting SPE among its equilibria
        payoffs = {tuple(x) for x in (_value(game, p) for p in spe_profiles(game))}
        assert tuple(values[0]) in payoffs


def _value(game, profile):
    from gametheory.models.analysis import node_values
    return node_values(game, profile)[0]


def _no_side_payment(v):
    return {**v, "s": Fraction(1, 2), "gamma": Fraction(1)}


def test_b3_two_sided_demand_cap():
    rng = random.Random(7)
    for _ in range(80):
        v = _no_side_payment(random_point(rng))
        v.update(beta_W=rnd(rng, 0, 2) + Fraction(1, 3), ell_W=rnd(rng, 0, 4))
        cap = G.two_sided_demand(v)
        cr = G.g1_values(v)["Cr"]
        if v["d"] == cap or v["beta"] * v["d"] == v["ell_B"]:
            continue
        assert (outcome(G.two_sided_game(**g1(v))) == "L") == (cr and v["d"] < cap), v


def test_b2_reciprocity_floor():
    rng = random.Random(8)
    for _ in range(80):
        v = _no_side_payment(random_point(rng))
        v.update(d_V=rnd(rng, 0, 3) + Fraction(1, 23), v_L=Fraction(0),
                 eta=rnd(rng, 0, 2) + Fraction(1, 3))
        success = (G.g1_values(v)["Lsucc"] and (v["lam"] == 0 or v["d"] > v["d_V"]))
        assert (outcome(G.reciprocity_game(**g1(v))) == "L") == success, v


def test_b5_free_trade_leaves_only_the_cross_issue_lever():
    rng = random.Random(9)
    for _ in range(80):
        v = _no_side_payment(random_point(rng))
        v.update(c_T=rnd(rng, 0, 8) + Fraction(1, 29), ell_T=rnd(rng, 0, 4) + Fraction(1, 31))
        K = G.g1_values(v)["K"]
        tariff_works = v["c_T"] < K and v["beta"] * v["d"] < v["ell_T"]
        if tariff_works and G.g1_values(v)["Lsucc"]:
            continue                        # L and T both get d: a tie at the root
        result = outcome(G.retaliation_game(**g1(v)))
        if v["c_T"] > K:                                   # P6: the tariff is not credible
            assert result != "T"
            assert result == G.g1_outcome(v)
        elif v["beta"] * v["d"] < v["ell_T"] and not G.g1_values(v)["Lsucc"]:
            assert result == "T"


def test_b6_menu_picks_the_area_sparing_the_party():
    rng = random.Random(10)
    for _ in range(80):
        v = random_point(rng)
        v["ell_A"] = v["kappa0"] + v["kappa"] + 1       # no credible lever
        for k in (1, 2):
            v.update({f"s_{k}": rnd(rng, 0, 3) + Fraction(1, 9), f"sigma_{k}": rnd(rng, 0, 1),
                      f"c_{k}": rnd(rng, 0, 2), f"gamma_{k}": rnd(rng, 0, 2),
                      f"h_{k}": rnd(rng, 0, 2)})
        expected = G.menu_choice(v)
        result = outcome(G.menu_game(2, **{k: x for k, x in v.items()
                                           if k not in ("s", "sigma", "c", "gamma", "h", "a")}))
        best = None if expected is None else (
            v["R"] - (v[f"sigma_{expected[1]}"] + v[f"c_{expected[1]}"]) * v[f"s_{expected[1]}"])
        if best is None or best < 0:
            assert result == "N"
        elif best > 0:
            assert result == expected
    # H1 read literally: equal areas except the party cost; the cheaper one is chosen
    same = {**G.DEFAULTS, "lam": 0, "ell_A": 9, "R": 5, "s_1": 1, "s_2": 1, "sigma_1": 0,
            "sigma_2": 0, "gamma_1": 0, "gamma_2": 0, "h_1": 0, "h_2": 0, "c_1": 2, "c_2": 1}
    same = {k: x for k, x in same.items() if k not in ("s", "sigma", "c", "gamma", "h", "a")}
    assert outcome(G.menu_game(2, **same)) == "S2"


# ------------------------------------------------------------------ c0, c1, c2

def test_c0_uncertain_veto_player():
    rng = random.Random(11)
    for _ in range(80):
        v = random_point(rng)
        v.update(pi=Fraction(rng.randint(0, 8), 8), s=v["gamma"] + Fraction(1, 3),
                 h=rnd(rng, 0, 2) + Fraction(1, 5), v_S=rnd(rng, 0, 2) + Fraction(1, 7))
        game = G.veto_type_game(**g1(v))
        u_s = G.veto_type_value(v)
        u_l = G.g1_values(v)["U_L"]
        if u_s in (0, u_l) or u_l == 0:
            continue
        expected = "S" if u_s > max(0, u_l) else "L" if u_l > 0 else "N"
        assert outcome(game, solver="mine") == expected, v
        profile, values = backward_induction(game)
        assert values[0][0] == max(0, u_s, u_l)


def _infoset(game, player, label):
    p = game.players.index(player)
    for k in game.player_infosets[p]:
        if game.infosets[k].label == label:
            return k
    raise KeyError(label)


def test_c1_structure_and_pooling_condition():
    game = G.resolve_game(lam=1)
    sizes = game.infoset_sizes()
    for player, label in (("B", "B|L"), ("B", "B|S"), ("V", "V|S")):
        assert sizes[_infoset(game, player, label)] == 2
    assert game.tree.player[0] == CHANCE
    rng = random.Random(12)
    for _ in range(50):
        v = random_point(rng)
        v.update(p=Fraction(rng.randint(1, 7), 8), K_W=v["ell_A"] * Fraction(rng.randint(0, 9), 10))
        v["K_H"] = v["ell_A"] + Fraction(rng.randint(1, 9), 4)
        g = G.resolve_game(**{k: x for k, x in v.items() if k not in ("kappa0", "kappa", "a")})
        k = _infoset(g, "B", "B|L")
        # B's expected payoffs at its information set after L, with each type's best reply
        concede, refuse = Fraction(0), Fraction(0)
        for prob, node in zip((v["p"], 1 - v["p"]), g.infoset_members(k).tolist()):
            c_node, r_node = g.tree.children(node)
            concede += prob * g.tree.exact_payoff(c_node, 1)
            carry, back = g.tree.children(r_node)
            a_best = carry if g.tree.exact_payoff(carry, 0) > g.tree.exact_payoff(back, 0) else back
            refuse += prob * g.tree.exact_payoff(a_best, 1)
        if v["p"] * v["ell_B"] != v["beta"] * v["d"]:
            assert (concede > refuse) == (v["p"] * v["ell_B"] > v["beta"] * v["d"])


def test_c2_screening_threshold():
    game = G.screening_game()
    assert game.infoset_sizes()[_infoset(game, "A", "A")] == 2
    rng = random.Random(13)
    for _ in range(60):
        beta = rnd(rng, 0, 2) + Fraction(1, 3)
        ell_L = rnd(rng, 0, 3) + Fraction(1, 5)
        ell_H = ell_L + rnd(rng, 0, 3) + Fraction(1, 7)
        v = {"lam": 1, "beta": beta, "ell_A": rnd(rng, 0, 3) + Fraction(1, 11), "kappa0": 5,
             "kappa": 1, "eta": 1, "v_L": 1, "q": Fraction(rng.randint(1, 7), 8),
             "ell_H": ell_H, "ell_L": ell_L}
        g = G.screening_game(**v)
        k = _infoset(g, "A", "A")
        expected = {}
        for j, action in enumerate(g.infosets[k].actions):
            total = Fraction(0)
            for prob, node in zip((v["q"], 1 - v["q"]), g.infoset_members(k).tolist()):
                child = g.tree.children(node)[j]
                total += prob * _subgame_value(g, child)[0]
            expected[action] = total
        best = max(("L_hi", "L_lo"), key=expected.get)
        if expected["L_hi"] != expected["L_lo"]:
            assert best == G.screening_demand(v), v
            # the demands are the types' thresholds: A's values by hand
            assert expected["L_lo"] == ell_L / beta
            assert expected["L_hi"] == v["q"] * ell_H / beta - (1 - v["q"]) * v["ell_A"]


def _subgame_value(game, v):
    """Backward induction inside a subgame of singleton nodes (B's reply, A's carry-out); a
    mover indifferent between actions takes the first (B concedes when indifferent, as the
    specification's endogenous demands assume)."""
    tree = game.tree
    kids = list(tree.children(v))
    if not kids:
        return tuple(tree.exact_payoff(v, i) for i in range(game.n_players))
    i = int(tree.player[v])
    values = [_subgame_value(game, w) for w in kids]
    best = max(u[i] for u in values)
    return next(u for u in values if u[i] == best)


# ------------------------------------------------------------------ two-level block

def _tl_point(rng):
    return {"x_F": rnd(rng, 0, 6, 8) + Fraction(1, 9), "x_N": rnd(rng, 0, 4, 8),
            "x_V": rnd(rng, 0, 4, 8)}


def test_two_level_offer_and_schelling():
    rng = random.Random(14)
    for _ in range(60):
        v = _tl_point(rng)
        extra = [rnd(rng, 0, 6, 8) for _ in range(3)]
        menu = ["x_F", "2*x_N", "2*x_V", *extra]
        with_veto = TL.two_level_game(menu, fixed=v)
        without = TL.two_level_game(menu, veto=False, fixed=v)
        _, val1 = backward_induction(with_veto)
        _, val0 = backward_induction(without)
        assert val1[0][0] == -abs(TL.tl_offer(v["x_F"], v["x_N"], v["x_V"]) - v["x_F"])
        assert val0[0][0] == -abs(TL.tl_offer(v["x_F"], v["x_N"]) - v["x_F"])
        helps = val1[0][1] > val0[0][1]
        assert helps == TL.schelling_helps(v["x_F"], v["x_N"], v["x_V"]), v
        # Mo's stage 0: N grants the veto iff it helps
        mo = TL.two_level_game(menu, veto="choose", fixed=v)
        profile, _ = backward_induction(mo, prefer=("no veto",) + ACCEPTING)
        assert play_path(mo, profile)[0][1] == ("grant veto" if helps else "no veto")
    # the veto never helps if x_F <= x_N
    assert not any(TL.schelling_helps(1, 2, Fraction(k, 4)) for k in range(0, 20))


def test_two_level_proposer_identity():
    """If N proposes, a veto can only hurt N."""
    rng = random.Random(15)
    for _ in range(40):
        v = _tl_point(rng)
        menu = ["x_N", "2*x_F", "2*x_V", 0, *[rnd(rng, 0, 6, 8) for _ in range(2)]]
        _, val1 = backward_induction(TL.two_level_game(menu, proposer="N", fixed=v))
        _, val0 = backward_induction(TL.two_level_game(menu, proposer="N", veto=False, fixed=v))
        assert val1[0][1] <= val0[0][1]


def test_two_level_uncertain_veto():
    rng = random.Random(16)
    checked = 0
    for _ in range(80):
        x_h = rnd(rng, 0, 2, 8)
        v = {"x_F": rnd(rng, 0, 6, 8) + Fraction(1, 9), "x_N": rnd(rng, 0, 4, 8),
             "x_h": x_h, "x_d": x_h + rnd(rng, 0, 3, 8) + Fraction(1, 8),
             "pi": Fraction(rng.randint(0, 8), 8)}
        offer, risky = TL.risky_offer(v["x_F"], v["x_N"], v["x_h"], v["x_d"], v["pi"])
        x_s = TL.tl_offer(v["x_F"], v["x_N"], v["x_h"])
        x_r = TL.tl_offer(v["x_F"], v["x_N"], v["x_d"])
        if (1 - v["pi"]) * x_r == x_s:
            continue
        game = TL.two_level_game(["x_F", "2*x_N", "2*x_h", "2*x_d"], uncertain=True, fixed=v)
        _, values = backward_induction(game)
        expected = (1 - v["pi"]) * x_r - v["x_F"] if risky else x_s - v["x_F"]
        assert values[0][0] == expected, v
        checked += 1
    assert checked > 50


def test_ratify_block_inside_g1():
    """G1's side-payment leg is the two-level block with one offer."""
    leg = G.g1_game(lam=1)
    k = [s.label for s in leg.infosets]
    assert leg.infosets[1].actions == ("accept", "reject")
    assert leg.infosets[2].actions == ("approve", "veto")
    assert len(k) == 5


# ------------------------------------------------------------------ symbolic: b4, c0, b3, G1*

def _label(path):
    return next((a for a in path if a != "Renew"), path[0])


@pytest.mark.parametrize("lam", [0, 1])
def test_variants_symbolically(lam):
    from gametheory.symbolic.parametric import parametric_spe

    rng = random.Random(30 + lam)
    renewal = parametric_spe(G.renewal_game(lam=lam), generic=True)
    veto_type = parametric_spe(G.veto_type_game(lam=lam), generic=True)
    two_sided = parametric_spe(G.two_sided_game(lam=lam))
    offers = parametric_spe(G.offer_game(["gamma"], ["ell_B/beta"], lam=lam))
    for _ in range(15):
        v = random_point(rng, lam=lam)
        free = {k: x for k, x in v.items() if k != "lam"}
        assert {_label(e.path) for e in renewal.at(free)} == {G.renewal_outcome(v)}
        # c0
        w = {**g1(free), "pi": Fraction(rng.randint(1, 7), 8), "s": v["gamma"] + Fraction(1, 3),
             "h": v["h"] + Fraction(1, 5), "v_S": v["v_S"] + Fraction(1, 7)}
        u_s, u_l = G.veto_type_value({**w, "lam": lam}), G.g1_values({**w, "lam": lam})["U_L"]
        if u_s not in (0, u_l) and u_l != 0:
            assert {e.payoffs[0] for e in veto_type.at(w)} == {max(0, u_s, u_l)}
        # b3: the demand cap
        x = {**g1(free), "s": Fraction(1, 2), "gamma": Fraction(1), "beta_W": v["beta"],
             "ell_W": v["ell_B"] + rnd(rng, -2, 2)}
        cap, cr = G.two_sided_demand(x), G.g1_values({**x, "lam": lam})["Cr"]
        if x["ell_W"] >= 0 and v["d"] != cap and v["beta"] * v["d"] != v["ell_B"]:
            assert {_label(e.path) for e in two_sided.at(x)} == {"L" if cr and v["d"] < cap
                                                                 else "N"}
        # G1*: the accepting equilibrium gives A the closed-form value
        star = G.endogenous_offers(v)
        y = {k: z for k, z in g1(free).items() if k not in ("s", "d")}
        best = max(e.payoffs[0] for e in offers.at(y))
        if 0 not in (star["U_S"], star["U_L"]) and star["U_S"] != star["U_L"]:
            assert best == max(0, star["U_S"], star["U_L"])
