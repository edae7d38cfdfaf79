"""The linkage variants as specified (linkage-research.md sections 3.1-3.4): the veto move only
where it can matter, each model's natural solution concept, and the variants' propositions
derived from the solved games."""

from __future__ import annotations

import random
from collections import Counter
from fractions import Fraction

import pytest
import sympy

import gametheory
from gametheory.models import MODELS, PBE, SPE
from gametheory.models import linkage as G


def _random_point(model, rng, lam=None):
    point = {}
    for p in model.parameters:
        if p.name == "lam":
            point[p.name] = Fraction(rng.randint(0, 1) if lam is None else lam)
            continue
        value = Fraction(rng.randint(0, 30), rng.randint(1, 6))
        while not p.contains(value):
            value = Fraction(rng.randint(-30, 30), rng.randint(1, 6))
        point[p.name] = value
    return point


def _spe_payoffs(game):
    return sorted({eq.payoffs for eq in gametheory.solve(game, method="spe").equilibria})


# ------------------------------------------------------------------ the veto move

@pytest.fixture(scope="module")
def linkage_regions():
    return gametheory.solve(MODELS["linkage"].build(), method="spe")


def test_veto_move_absent_when_the_legislature_is_not_involved():
    game = G.g1_game(lam=0)
    assert {game.players[s.player] for s in game.infosets if not s.is_chance} == {"A", "B"}
    assert G.g1_game(lam=1).n_nodes == 12 and game.n_nodes == 10


def test_no_twin_regions_at_lam_zero(linkage_regions):
    """With lam free, V's move sits behind a chance move of probability lam: at lam = 0 no
    player chooses between actions with the same outcome, so no region repeats another."""
    lam = sympy.Symbol("lam", real=True)

    def key(piece):
        return (frozenset(map(str, piece.conditions)), piece.path, tuple(map(str, piece.payoffs)))

    at_zero = [p for p in linkage_regions.pieces if sympy.Eq(lam, 0) in p.conditions]
    assert at_zero
    counts = Counter(key(p) for p in at_zero)
    assert max(counts.values()) == 1
    # the legislature's move is reached with probability lam, and only where it can matter
    game = MODELS["linkage"].build()
    chance = [(s.actions, tuple(map(str, s.probs))) for s in game.infosets
              if s.is_chance]
    assert chance == [(("involved", "not involved"), ("lam", "1 - lam"))]


@pytest.mark.parametrize("name", ["linkage", "linkage-renewal", "linkage-menu"])
def test_region_payoffs_are_the_solved_payoffs_at_sampled_points(name):
    """At exact random points (lam = 0 and 1), the regions of the lam-free model give the same
    payoffs as solving the game built at the point (where the veto node is present or not)."""
    model = MODELS[name]
    regions = gametheory.solve(model.build(), method="spe")
    rng = random.Random(11)
    for _ in range(60):
        point = _random_point(model, rng)
        listed = sorted({eq.payoffs for eq in regions.at(point)})
        assert listed, point
        assert set(listed) <= set(_spe_payoffs(model.build(**point))), point


# ------------------------------------------------------------------ solution concepts

def test_each_model_names_its_solution_concept():
    assert MODELS["linkage-screening"].solve_options == PBE
    assert MODELS["linkage-resolve"].solve_options == PBE
    for name in ("linkage", "linkage-renewal", "linkage-veto-type", "two-level"):
        assert MODELS[name].solve_options == SPE
    with pytest.raises(TypeError):
        MODELS["linkage"].solve_options["method"] = "enumpure"       # read-only


def test_screening_by_its_concept_drops_non_credible_equilibria():
    """At the defaults (E6 with q = 1/2, ell_H = 4, ell_L = 2; threat credible, ell_A = 3 <
    K = 4), A demands ell_L/beta = 2 and both types concede (by hand: the high demand is
    worth (1/2)4 - (1/2)3 = 1/2 < 2).  Nash equilibria also keep non-credible plans (A
    backing down after a refusal off the path, B refusing a demand it should concede)."""
    model = MODELS["linkage-screening"]
    game = model.build(**model.defaults)
    nash = gametheory.solve(game, method="enumpure")
    natural = gametheory.solve(game, **model.solve_options)
    assert 1 <= len(natural.equilibria) < len(nash.equilibria)
    assert (2, -2, 2) in {eq.payoffs for eq in natural.equilibria}
    # backing down (cost K = 4) after a refusal instead of carrying out (3) is not sequentially
    # rational: some Nash equilibrium plans it, no PBE does
    k = next(k for k, s in enumerate(game.infosets) if s.label == "A|hi refused")
    j = game.player_infosets[0].index(k)

    def backs_down(solution):
        return any(eq.behavior[0][j][1] > 0 for eq in solution.equilibria)
    assert backs_down(nash) and not backs_down(natural)


# ------------------------------------------------------------------ b2: the reciprocity floor

def _v_choice(game):
    """V's action at its (single) ratification node in every SPE."""
    k = next(k for k, s in enumerate(game.infosets) if not s.is_chance
             and game.players[s.player] == "V" and "ratify" in s.actions)
    player = game.infosets[k].player
    j = game.player_infosets[player].index(k)
    out = set()
    for eq in gametheory.solve(game, method="spe").equilibria:
        probs = eq.behavior[player][j]
        out.add(game.infosets[k].actions[list(probs).index(1)])
    return out


E6 = {k: v for k, v in G.DEFAULTS.items() if k != "a"}


def test_b2_veto_player_never_ratifies_below_its_floor_at_e6():
    # E6: d = 2 and v_L = 1 != 0; a floor of 5/2 is above the demand
    assert E6["v_L"] == 1 and E6["d"] == 2
    assert _v_choice(G.reciprocity_game(**E6, d_V="5/2")) == {"veto"}
    assert _v_choice(G.reciprocity_game(**E6, d_V="3/2")) == {"ratify"}


def test_b2_floor_for_every_v_L():
    """V ratifies iff d > d_V (strict points), whatever V's loss v_L from a downgrade."""
    rng = random.Random(3)
    for _ in range(40):
        values = {**E6, "d": Fraction(rng.randint(1, 12), 2),
                  "d_V": Fraction(rng.randint(0, 12), 2) + Fraction(1, 7),
                  "v_L": Fraction(rng.randint(0, 20), 3), "ell_A": Fraction(rng.randint(1, 8))}
        expected = {"ratify"} if values["d"] > values["d_V"] else {"veto"}
        assert _v_choice(G.reciprocity_game(**values)) == expected, values


# ------------------------------------------------------------------ G1*: a continuum of offers

def test_g1_star_offers_are_derived_by_optimisation():
    assert G.derived_offers(1) == (("gamma",), ("ell_B/beta",))
    assert MODELS["linkage-offers"].build(lam=0).infosets[0].actions == (
        "N", "S(gamma)", "L(ell_B/beta)")
    # change B's payoff: the optimum moves (B values the side payment twice: s* = gamma/2)
    moved = {str(p.offer) for p in G.side_payment_offers(0, benefit="2*s - gamma").pieces}
    assert "gamma/2" in moved and "gamma" not in moved
    # concessions twice as costly to B: d* = ell_B/(2 beta)
    (_, credible), _ = G.leverage_offers(1, concession="-2*beta*d")
    assert {str(p.offer) for p in credible.pieces} - {"None"} == {"ell_B/(2*beta)"}


def test_b2_endogenous_demand_feasible_iff_floor_below_b_rent():
    """With endogenous d, leverage under the floor is feasible iff d_V <= ell_B/beta."""
    (case, credible), _ = G.leverage_offers(1, floor=True)
    rng = random.Random(5)
    for _ in range(30):
        point = {"beta": Fraction(rng.randint(1, 6), 2), "ell_B": Fraction(rng.randint(1, 9)),
                 "eta": Fraction(rng.randint(1, 4)), "d_V": Fraction(rng.randint(0, 20), 3),
                 "ell_A": Fraction(2), "kappa0": Fraction(1), "kappa": Fraction(3),
                 "v_L": Fraction(1)}
        if point["d_V"] * point["beta"] == point["ell_B"]:
            continue
        offers = {None if p.offer is None else Fraction(str(p.offer))
                  for p in credible.at(point)}
        if point["d_V"] < point["ell_B"] / point["beta"]:
            assert offers == {point["ell_B"] / point["beta"]}, point
        else:
            assert offers == {None}, point


# ------------------------------------------------------------------ c0: the veto probability

def _first_moves(solution, point):
    return {eq.path[0] if eq.path else None for eq in solution.at(point)}


def test_c0_veto_probability_is_lam_times_pi_in_the_solved_game():
    """The S region of the solved c0 game (lam free, R and pi free, the rest at E6 with c = 0
    and no credible lever) is where (1 - lam*pi)(R - (sigma + c)s) - lam*pi*f > 0: by hand,
    U_S = R - 3/2 and f = 1/10, so S iff R > 3/2 at lam = 0 and R > 3/2 + pi/(10(1 - pi)) at
    lam = 1; and pi changes nothing without the legislature."""
    point = {k: v for k, v in G.DEFAULTS.items() if k not in ("a", "lam", "R")}
    point.update(c=0, ell_A=5)
    point.pop("pi", None)
    solution = gametheory.solve(G.veto_type_game(**point), method="spe", generic=True)
    pi = sympy.Symbol("pi", real=True)
    lam = sympy.Symbol("lam", real=True)
    for piece in solution.pieces:
        if sympy.Eq(lam, 0) in piece.conditions:
            assert pi not in set().union(*(c.free_symbols for c in piece.conditions))
    for R in (Fraction(1), Fraction(3, 2) + Fraction(1, 100), Fraction(8, 5), Fraction(3)):
        for p in (Fraction(1, 10), Fraction(1, 2), Fraction(9, 10)):
            for lam_value in (0, 1):
                u = (1 - lam_value * p) * (R - Fraction(3, 2)) - lam_value * p * Fraction(1, 10)
                if u == 0:
                    continue
                at = {"R": R, "pi": p, "lam": Fraction(lam_value)}
                assert _first_moves(solution, at) == ({"S"} if u > 0 else {"N"}), at
                (eq,) = solution.at(at)
                assert eq.payoffs[0] == max(u, 0)



# ------------------------------------------------------------------ c2: A chooses the demand

def test_c2_demand_is_chosen_over_the_continuum():
    """The demands are derived (the types' thresholds); no demand is a parameter; changing B's
    concession cost changes them (a payoff edit moves the optimum)."""
    assert G.screening_demands() == {"hi": "ell_H/beta", "lo": "ell_L/beta"}
    names = {p.name for p in MODELS["linkage-screening"].parameters}
    assert not {"d", "d_hi", "d_lo"} & names
    assert G.screening_game(lam=1).infosets[1].actions == ("N", "L_hi", "L_lo")


def _pbe_demands(game):
    """A's demand in each PBE in which every type concedes at its own threshold."""
    found = set()
    for e in gametheory.solve(game, method="pbe").equilibria:
        actions = {}
        for player, sets in enumerate(game.player_infosets):
            for j, k in enumerate(sets):
                actions[game.infosets[k].label] = game.infosets[k].actions[e.support[player][j][0]]
        if actions["BH|L_hi"] == actions["BL|L_lo"] == "concede":
            found.add(actions["A"])
    return found


def test_c2_rule_from_the_solved_game_at_exact_points():
    """At exact points, the PBE of the game (types conceding at their thresholds) demand what
    the rule says; by hand: the high demand is worth q*ell_H/beta - (1 - q)*ell_A (the less
    dependent type refuses and A carries out), the low one ell_L/beta (both concede)."""
    base = {"lam": 1, "beta": 1, "kappa0": 1, "kappa": 3, "eta": 1, "v_L": 1, "ell_H": 4,
            "ell_L": 2}
    # by hand, q*4 - (1 - q)*ell_A against 2: 1/2 (lo), 7/4 (lo), 33/10 (hi), 9/4 (hi),
    # 79/30 (hi)
    for q, ell_A, expected in (("1/2", 3, "L_lo"), ("1/2", "1/2", "L_lo"), ("9/10", 3, "L_hi"),
                               ("3/4", 3, "L_hi"), ("2/3", "1/10", "L_hi")):
        v = {**base, "q": q, "ell_A": ell_A}
        assert G.screening_demand(v) == expected
        assert _pbe_demands(G.screening_game(**v)) == {expected}, v


# ------------------------------------------------------------------ b6: areas differing in c

def test_b6_defaults_are_two_areas_differing_only_in_party_cost():
    menu = MODELS["linkage-menu"].defaults
    for name in ("s", "sigma", "gamma", "h"):
        assert menu[f"{name}_1"] == menu[f"{name}_2"]
    assert menu["c_1"] > menu["c_2"]
    party = MODELS["linkage-menu-party"]
    assert {p.name for p in party.parameters} >= {"c_1", "c_2", "s", "sigma", "gamma", "h"}
    assert not {"s_1", "s_2", "c"} & {p.name for p in party.parameters}
    # at the defaults the cheaper area (value 3 - (1/2 + 0)*1 = 5/2 > d = 2) is used, in both
    # models: by hand, area 1 is worth 3 - 3/2 = 3/2
    for name in ("linkage-menu", "linkage-menu-party"):
        model = MODELS[name]
        (eq,) = gametheory.solve(model.build(**model.defaults), method="spe").equilibria
        assert eq.payoffs[0] == Fraction(5, 2)


def test_b6_region_from_the_solved_game():
    """The solved party-cost menu (lam free; c_1, c_2 and R free, the rest fixed: s = 1,
    sigma = 1/2, gamma = 1/2, h = 1/2, v_S = 1, no credible lever) plays the area with the
    lower c_k exactly where R - (1/2 + c_k) > 0 (by hand), N elsewhere."""
    fixed = {k: v for k, v in MODELS["linkage-menu-party"].defaults.items()
             if k not in ("lam", "c_1", "c_2", "R")}
    fixed.update(ell_A=9)
    solution = gametheory.solve(MODELS["linkage-menu-party"].build(**fixed), method="spe",
                                generic=True)
    for c1, c2 in ((Fraction(1), Fraction(0)), (Fraction(1, 4), Fraction(3, 2))):
        for R in (Fraction(1, 3), Fraction(1), Fraction(2), Fraction(4)):
            for lam in (0, 1):
                low, k = min((c1, "S1"), (c2, "S2"))
                value = R - (Fraction(1, 2) + low)
                if value == 0:
                    continue
                at = {"c_1": c1, "c_2": c2, "R": R, "lam": Fraction(lam)}
                assert _first_moves(solution, at) == ({k} if value > 0 else {"N"}), at


# ------------------------------------------------------------------ TL with N proposing

def test_n_proposer_model_is_registered_and_listed(capsys):
    from gametheory.cli import main
    assert "two-level-n-proposer" in MODELS
    assert main(["models"]) == 0
    assert "two-level-n-proposer" in capsys.readouterr().out
    assert main(["info", "two-level-n-proposer"]) == 0
    assert "x_F, x_N, x_V" in capsys.readouterr().out


def test_n_proposer_offer_and_veto_from_the_solved_game():
    """At exact points, the SPE in which responders accept when indifferent (tie_break
    'first') offers min(x_N, 2x_F, 2x_V) (by hand: the point of both win-sets [0, 2x_F] and
    [0, 2x_V] nearest N's ideal), and the veto never raises N's payoff."""
    from gametheory.models import two_level as TL
    rng = random.Random(21)
    for _ in range(25):
        point = {"x_F": Fraction(rng.randint(1, 12), 4), "x_N": Fraction(rng.randint(0, 12), 4),
                 "x_V": Fraction(rng.randint(0, 12), 4)}
        values = {}
        for veto in (True, False):
            game = TL.n_proposer_game(veto, **point)
            (eq,) = gametheory.solve(game, method="spe", tie_break="first").equilibria
            values[veto] = eq.payoffs[1]
        x = min(point["x_N"], 2 * point["x_F"], 2 * point["x_V"])
        assert values[True] == -abs(x - point["x_N"]) == -abs(TL.n_offer(**point) - point["x_N"])
        assert values[True] <= values[False] == -abs(TL.n_offer(point["x_F"], point["x_N"])
                                                     - point["x_N"])
