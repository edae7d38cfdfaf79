"""Tests of the parametric subgame-perfect equilibrium solver (hand-derived answers)."""

from __future__ import annotations

import itertools
import os
import random
import subprocess
import sys
from fractions import Fraction

import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from gametheory.catalog import random_linear_tree
from gametheory.games import ExtensiveGame, chance, decision, leaf
from gametheory.parameters import Parameter
from gametheory.symbolic import decide
from gametheory.symbolic.parametric import parametric_spe
from gametheory.symbolic.regions import Region, prove_implication

from conftest import centipede, entry, linkage_g1, theorem_g1

needs_z3 = pytest.mark.skipif(not decide.z3_available(), reason="z3-solver not installed")


# ------------------------------------------------------------------ an independent oracle

def numeric_spe(game):
    """All SPE (profile as {infoset: action}, payoffs) of a numeric perfect-information game
    with chance moves, by plain exact backward induction on the tree arrays."""
    tree = game.tree

    def solve(v):
        if tree.num_children[v] == 0:
            return [({}, tuple(tree.exact_payoff(v, i) for i in range(game.n_players)))]
        kids = list(tree.children(v))
        out = []
        for combo in itertools.product(*(solve(c) for c in kids)):
            choices = {}
            for profile, _ in combo:
                choices.update(profile)
            if tree.player[v] == -1:
                probs = [tree.exact_prob(c) for c in kids]
                value = tuple(sum(p * u[i] for p, (_, u) in zip(probs, combo))
                              for i in range(game.n_players))
                out.append((choices, value))
                continue
            mover = int(tree.player[v])
            best = max(u[mover] for _, u in combo)
            for a, (_, u) in enumerate(combo):
                if u[mover] == best:
                    out.append(({**choices, int(tree.infoset[v]): a}, u))
        return out

    return solve(0)


def as_profile(game, choices):
    return tuple(tuple(tuple(Fraction(int(a == choices[k])) for a in
                             range(len(game.infosets[k].actions))) for k in sets)
                 for sets in game.player_infosets)


def agree(solution, game, point):
    """The equilibria at the point equal those of numeric backward induction."""
    got = {(e.profile, e.payoffs) for e in solution.at(point)}
    expected = {(as_profile(game, c), u) for c, u in numeric_spe(game.substitute(point))}
    assert got == expected, point


def random_point(rng, parameters, denominators=(1, 2, 3, 4, 5, 7)):
    point = {}
    for p in parameters:
        if str(p.domain) == "{0, 1}":
            point[p.name] = Fraction(rng.randint(0, 1))
            continue
        while True:
            value = Fraction(rng.randint(-40, 40), rng.choice(denominators))
            if p.contains(value):
                break
        point[p.name] = value
    return point


def equivalent(region, relations):
    other = Region(relations, region.parameters)
    return all(prove_implication(region, r).status == "true" for r in relations) and all(
        prove_implication(other, c).status == "true" for c in region.conditions)


# ------------------------------------------------------------------ entry deterrence

def test_entry_deterrence_generic():
    game = entry()
    solution = parametric_spe(game, generic=True)
    f = game.symbols["f"]
    by_path = {piece.path: piece for piece in solution}
    assert set(by_path) == {("Out",), ("In", "Accommodate")}
    assert equivalent(by_path[("Out",)].region, [f < -1])
    assert equivalent(by_path[("In", "Accommodate")].region, [f > -1])
    assert by_path[("Out",)].payoffs == (0, 2)
    exported = solution.to_json_dict()
    assert exported["parameters"] == ["e", "f"]
    assert [{key: region[key] for key in ("conditions", "path", "payoffs")}
            for region in exported["regions"]] == [
        {"conditions": [str(c) for c in piece.conditions], "path": list(piece.path),
         "payoffs": [str(u) for u in piece.payoffs]} for piece in solution]


def test_entry_deterrence_ties_list_every_spe():
    game = entry()
    solution = parametric_spe(game)
    at_tie = solution.at({"e": 1, "f": -1})
    assert {e.path for e in at_tie} == {("Out",), ("In", "Accommodate")}
    assert len(parametric_spe(game, generic=True).at({"e": 1, "f": -1})) == 0
    assert [e.path for e in solution.at({"e": 1, "f": -2})] == [("Out",)]


def test_json_strings_parse_back():
    game = entry()
    data = parametric_spe(game).to_json_dict()
    from sympy.parsing.sympy_parser import parse_expr
    local = game.symbols
    for region, piece in zip(data["regions"], parametric_spe(game)):
        assert [parse_expr(c, local_dict=local) for c in region["conditions"]] == \
            list(piece.conditions)
        assert [parse_expr(u, local_dict=local) for u in region["payoffs"]] == \
            [sympy.sympify(u) for u in piece.payoffs]


# ------------------------------------------------------------------ centipede

def test_centipede_hand_derived():
    game = centipede()
    x = game.symbols["x"]
    solution = parametric_spe(game, generic=True)
    # player 2 passes at the last round iff x > 5; then everyone passes.
    by_path = {piece.path: piece for piece in solution}
    assert set(by_path) == {("Take1",), ("Pass1", "Pass2", "Pass3", "Pass4")}
    assert equivalent(by_path[("Take1",)].region, [x < 5])
    assert by_path[("Take1",)].payoffs == (2, 0)
    assert equivalent(by_path[("Pass1", "Pass2", "Pass3", "Pass4")].region, [x > 5])
    assert {e.path for e in parametric_spe(game).at({"x": 5})} == {
        ("Take1",), ("Pass1", "Pass2", "Pass3", "Pass4")}


@settings(max_examples=40, deadline=None)
@given(st.fractions(min_value=-20, max_value=20, max_denominator=6))
def test_centipede_at_matches_numeric(value):
    game = centipede()
    agree(_CENTIPEDE, game, {"x": value})


_CENTIPEDE = parametric_spe(centipede())


# ------------------------------------------------------------------ ultimatum with a menu

MENU = ("0", "1/4", "1/2", "3/4")


def ultimatum():
    return ExtensiveGame(["Proposer", "Responder"], decision("Proposer", {
        offer: decision("Responder", {"accept": leaf(f"1 - {offer}", offer),
                                      "reject": leaf(0, "r")}) for offer in MENU
    }), parameters=[Parameter("r", "(0, 1]", meaning="responder's outside option")])


def test_ultimatum_menu_hand_derived():
    game = ultimatum()
    r = game.symbols["r"]
    solution = parametric_spe(game, generic=True)
    paths = {piece.path: piece for piece in solution}
    # the smallest offer above r is made and accepted; above 3/4 nothing is accepted.
    expected = {("1/4", "accept"): [r < Fraction(1, 4)],
                ("1/2", "accept"): [r > Fraction(1, 4), r < Fraction(1, 2)],
                ("3/4", "accept"): [r > Fraction(1, 2), r < Fraction(3, 4)]}
    for path, relations in expected.items():
        assert equivalent(paths[path].region, relations), path
        offer = Fraction(path[0])
        assert paths[path].payoffs == (1 - offer, offer)
    rejected = [piece for piece in solution if piece.path[-1] == "reject"]
    assert {piece.path[0] for piece in rejected} == set(MENU)
    assert all(equivalent(piece.region, [r > Fraction(3, 4)]) for piece in rejected)
    assert len(solution.at({"r": Fraction(9, 10)})) == 4


@settings(max_examples=30, deadline=None)
@given(st.fractions(min_value=0, max_value=1, max_denominator=12).filter(lambda v: v > 0))
def test_ultimatum_at_matches_numeric(value):
    agree(_ULTIMATUM, ultimatum(), {"r": value})


_ULTIMATUM = parametric_spe(ultimatum())


# ------------------------------------------------------------------ 2x2 inspection game

def inspection():
    # Inspector moves first in the tree, the worker cannot see it (one information set).
    def worker(inspect: bool):
        cells = {"Work": ("1 - h", "1 - g") if inspect else (1, "1 - g"),
                 "Shirk": ("-h", 0) if inspect else (-1, 1)}
        return decision("Worker", {a: leaf(*u) for a, u in cells.items()}, infoset="effort")

    return ExtensiveGame(["Inspector", "Worker"], decision("Worker", {
        "Stay": leaf(0, "u0"),
        "Apply": decision("Inspector", {"Inspect": worker(True), "Trust": worker(False)}),
    }), parameters=[Parameter("g", "> 0", meaning="effort cost"),
                    Parameter("h", "> 0", meaning="inspection cost"), Parameter("u0", "real")])


def test_inspection_game_inside_a_tree():
    game = inspection()
    g, h, u0 = (game.symbols[n] for n in ("g", "h", "u0"))
    solution = parametric_spe(game, generic=True)
    mixed = [p for p in solution if p.path[0] == "Apply" and len(p.path) == 7]
    assert len(mixed) == 1
    piece = mixed[0]
    assert equivalent(piece.region, [g < 1, h < 1, u0 < 1 - g])
    inspector, worker = piece.profile
    assert inspector[0] == (g, 1 - g)            # inspect with probability g
    assert worker[1] == (1 - h, h)               # shirk with probability h
    assert [sympy.expand(u) for u in piece.payoffs] == [1 - 2 * h, 1 - g]
    paths = {(p.path, tuple(p.payoffs)) for p in solution}
    assert (("Apply", "Trust", "Shirk"), (-1, 1)) in paths
    assert (("Apply", "Inspect", "Shirk"), (-h, 0)) in paths
    # at a point: h > 1, u0 < 1 -> (Trust, Shirk) after Apply
    [e] = solution.at({"g": Fraction(1, 2), "h": 2, "u0": 0})
    assert e.path == ("Apply", "Trust", "Shirk") and e.payoffs == (-1, 1)
    [e] = solution.at({"g": Fraction(1, 3), "h": Fraction(1, 4), "u0": 0})
    assert e.payoffs == (Fraction(1, 2), Fraction(2, 3))


# ------------------------------------------------------------------ chance and coverage

def test_chance_node_expectation():
    game = ExtensiveGame(["A"], decision("A", {
        "safe": leaf("a"),
        "risky": chance({"win": ("p", leaf(2)), "lose": ("1 - p", leaf(0))})}),
        parameters=[Parameter("a", "real"), Parameter("p", "[0, 1]")])
    a, p = game.symbols["a"], game.symbols["p"]
    solution = parametric_spe(game, generic=True)
    by_path = {piece.path: piece for piece in solution}
    assert equivalent(by_path[("risky", "win", "lose")].region, [2 * p > a])
    assert by_path[("risky", "win", "lose")].payoffs == (2 * p,)


def coin(first="p", second="1 - p", domain="real"):
    """A takes 1 for sure or a lottery paying 4 with the first probability (else 0)."""
    return ExtensiveGame(["A"], decision("A", {
        "safe": leaf(1),
        "risky": chance({"win": (first, leaf(4)), "lose": (second, leaf(0))})}),
        parameters=[Parameter("p", domain)])


@pytest.mark.parametrize("generic", [True, False])
def test_symbolic_probability_is_constrained_to_the_unit_interval(generic):
    """With p unbounded, every region lies in 0 <= p <= 1: risky iff 4p > 1 (hand-derived),
    and p = 5 or p = -1 is in no region."""
    game = coin()
    solution = parametric_spe(game, generic=generic)
    for point in (5, -1, Fraction(3, 2), Fraction(-1, 10)):
        assert not [piece for piece in solution if piece.region.contains({"p": point})]
    for point, path in ((0, ("safe",)), (Fraction(1, 5), ("safe",)),
                        (Fraction(1, 2), ("risky", "win", "lose")),
                        (1, ("risky", "win", "lose"))):
        assert [piece.path for piece in solution
                if piece.region.contains({"p": point})] == [path], point
    risky = next(piece for piece in solution if piece.path[0] == "risky")
    assert risky.payoffs == (4 * game.symbols["p"],)
    # printed regions say it too (the bound that the other condition does not imply)
    assert {frozenset(map(str, piece.region.conditions)) for piece in solution} == (
        {frozenset({"4*p > 1", "p <= 1"}), frozenset({"4*p < 1", "p >= 0"})} if generic else
        {frozenset({"4*p >= 1", "p <= 1"}), frozenset({"4*p <= 1", "p >= 0"})})


def test_probability_bounds_from_the_domain_add_nothing():
    """Where the domain already keeps p in [0, 1], the regions are as before."""
    solution = parametric_spe(coin(domain="[0, 1]"), generic=True)
    assert {frozenset(map(str, piece.region.conditions)) for piece in solution} == {
        frozenset({"4*p < 1"}), frozenset({"4*p > 1"})}


@pytest.mark.parametrize("first, second, domain", [
    ("p + 2", "-1 - p", ">= 0"),       # p + 2 > 1 on the whole domain
    ("p", "1 - p", "> 1"),             # p > 1 on the whole domain
])
def test_probabilities_never_valid_are_rejected(first, second, domain):
    with pytest.raises(ValueError, match="probabilit"):
        parametric_spe(coin(first, second, domain))


def test_regions_cover_domain_and_overlap_only_on_boundaries():
    rng = random.Random(4)
    for game in (entry(), centipede(), ultimatum(), inspection()):
        closed = parametric_spe(game)
        open_ = parametric_spe(game, generic=True)
        for _ in range(60):
            point = random_point(rng, game.parameters)
            assert closed.pieces_at(point), point           # the closed regions cover
            inside = open_.pieces_at(point)
            # open regions are disjoint: pieces that share a point share their payoffs
            assert len({piece.at({s: Fraction(point[s.name]) for s in game.symbols.values()})
                        .payoffs for piece in inside}) <= 1
            if game.is_perfect_information:
                agree(closed, game, point)


# ------------------------------------------------------------------ nonlinear conditions

def test_nonlinear_condition_kept_and_decided():
    game = ExtensiveGame(["A"], decision("A", {"x": leaf("a*b"), "y": leaf("c")}),
                         parameters=[Parameter("a", "> 0"), Parameter("b", "> 0"), "c"])
    a, b, c = (game.symbols[n] for n in "abc")
    solution = parametric_spe(game, generic=True)
    assert {piece.path for piece in solution} == {("x",), ("y",)}
    x_piece = next(p for p in solution if p.path == ("x",))
    assert equivalent(x_piece.region, [a * b > c]) if decide.z3_available() else True
    rng = random.Random(1)
    for _ in range(40):
        agree(solution, game, random_point(rng, game.parameters))


@needs_z3
def test_infeasible_nonlinear_branch_is_pruned():
    # a*a < 0 is impossible: x is never chosen.
    game = ExtensiveGame(["A"], decision("A", {"x": leaf("-a*a - 1"), "y": leaf(0)}),
                         parameters=["a"])
    assert [piece.path for piece in parametric_spe(game)] == [("y",)]


# ------------------------------------------------------------------ the core linkage game G1

def outcome_of(path):
    if path[:2] == ("S", "accept"):
        return "S"
    return "L" if path[:2] == ("L", "concede") else "N" if path[0] in ("N", "S") else path


@needs_z3
def test_linkage_g1_symbolic_matches_theorem():
    game = linkage_g1()          # its speed is measured in benchmarks/bench_symbolic.py
    solution = parametric_spe(game, generic=True)
    assert all(piece.decided for piece in solution)
    rng = random.Random(11)
    checked = 0
    for _ in range(60):
        point = random_point(rng, game.parameters)
        equilibria = solution.at(point)
        if not equilibria:        # a boundary point (a tie) in the generic solution
            continue
        outcomes = set()
        for e in equilibria:
            if e.path == ("S", "accept", "approve"):
                outcomes.add("S")
            elif e.path[:2] == ("L", "concede"):
                outcomes.add("L")
            else:
                assert e.payoffs[0] <= 0 and e.path[-1] not in ("carry out",)
                outcomes.add("N" if e.payoffs[0] == 0 else "fail")
        assert outcomes <= {theorem_g1(point), "N" if point["f"] == 0 else "-"} or \
            outcomes == {theorem_g1(point)}, (point, outcomes)
        agree(solution, game, point)
        checked += 1
    assert checked > 40


# ------------------------------------------------------------------ random linear trees

@pytest.mark.parametrize("seed, domain", [(1, None), (2, None), (3, "(-5, 5)"), (4, "[-5, 5]")])
def test_random_linear_trees_agree_with_numeric_backward_induction(seed, domain):
    """Generic regions (double description for open domains, elimination for closed ones)
    against the oracle at random points off the ties."""
    game = random_linear_tree(30, seed=seed, domain=domain)
    solution = parametric_spe(game, generic=True)
    rng = random.Random(seed)
    checked = 0
    for _ in range(80):
        point = {p.name: Fraction(rng.randint(-60, 60), rng.choice((7, 11, 13)))
                 for p in game.parameters}
        if not all(p.contains(point[p.name]) for p in game.parameters) or \
                len(numeric_spe(game.substitute(point))) > 1:
            continue                          # outside the domain, or on a tie
        agree(solution, game, point)
        checked += 1
    assert checked > 40


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_random_linear_trees_in_closed_domains_agree_on_the_bounds(seed):
    """Regions in a closed box agree with the oracle also where parameters sit on its bounds
    (where users evaluate, p = 0 or p = 1)."""
    game = random_linear_tree(40, seed=seed, domain="[-5, 5]")
    solution = parametric_spe(game, generic=True)
    rng = random.Random(seed)
    checked = 0
    for _ in range(80):
        point = {p.name: Fraction(rng.choice((-5, 5))) if rng.random() < 0.5 else
                 Fraction(rng.randint(-60, 60), 13) for p in game.parameters}
        if len(numeric_spe(game.substitute(point))) > 1:
            continue                          # on a tie
        agree(solution, game, point)
        checked += 1
    assert checked > 40


def test_regions_do_not_depend_on_the_hash_seed():
    """String hashing is randomized per process; the regions (their number, order and text)
    must not be."""
    script = ("from gametheory.catalog import random_linear_tree; "
              "from gametheory.symbolic.parametric import parametric_spe; "
              "s = parametric_spe(random_linear_tree(80, seed=7), generic=True); "
              "print([(str(p.region), p.path) for p in s])")
    outputs = {subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                              check=True, env={**os.environ, "PYTHONHASHSEED": seed}).stdout
               for seed in ("1", "2")}
    assert len(outputs) == 1


# ------------------------------------------------------------------ two-level models (Abs payoffs)

def two_level(kind):
    from gametheory.models.two_level import two_level_game
    if kind == "uncertain":
        return two_level_game(["x_F", "2*x_N", "2*x_h", "2*x_d"], uncertain=True)
    return two_level_game(["x_F", "2*x_N", "2*x_V"], veto="choose" if kind == "veto" else True)


def equilibrium_payoffs(solution, point):
    return {e.payoffs for e in solution.at(point)}


def numeric_payoffs(game, point):
    return {u for _, u in numeric_spe(game.substitute(point))}


def fine_point(rng, parameters):
    """A random exact point with large numerators over primes: no tie between the payoffs of
    two different offers holds there unless it holds identically."""
    point = {}
    for p in parameters:
        while True:
            value = Fraction(rng.randint(0, 10**6), rng.choice((1000003, 1000033, 1000037)))
            if p.contains(value):
                break
        point[p.name] = value
    return point


def inside(piece):
    point = piece.region.sample_point()
    return {s.name: Fraction(v) for s, v in point.items()}


_TL_CLOSED = parametric_spe(two_level("plain"), max_regions=None)


def test_two_level_regions_are_decided_and_free_of_abs():
    for solution in (_TL_CLOSED, parametric_spe(two_level("plain"), generic=True)):
        assert all(piece.decided for piece in solution)
        assert not any(c.has(sympy.Abs) for piece in solution for c in piece.conditions)


def test_two_level_closed_regions_match_backward_induction():
    """Every subgame-perfect equilibrium (profile and payoffs) at random exact points, and at
    a point inside every region, equals the one of exact numeric backward induction."""
    game = two_level("plain")
    rng = random.Random(7)
    for _ in range(25):
        agree(_TL_CLOSED, game, random_point(rng, game.parameters, denominators=(1, 2)))
    for piece in _TL_CLOSED:
        agree(_TL_CLOSED, game, inside(piece))


@pytest.mark.parametrize("kind", ["plain", "veto", "uncertain"])
def test_two_level_generic_outcomes_match_backward_induction(kind):
    """With outcome-equivalent actions listed once, the equilibrium payoffs at a generic
    point (and inside every region) are those of all the subgame-perfect equilibria."""
    game = two_level(kind)
    solution = parametric_spe(game, generic=True, same_outcome=True, max_regions=None)
    assert all(piece.decided for piece in solution)
    rng = random.Random(11)
    for point in [fine_point(rng, game.parameters) for _ in range(20)]:
        assert equilibrium_payoffs(solution, point) == numeric_payoffs(game, point), point


def test_two_level_generic_each_equilibrium_has_one_region():
    """Adjacent regions of one equilibrium are merged: the plain two-level game has as many
    regions as distinct strategy profiles (15: the offers at the edges of the win sets
    leave N indifferent after 2x_N and V after 2x_V everywhere)."""
    solution = parametric_spe(two_level("plain"), generic=True, same_outcome=True)
    assert len(solution) == len({piece.profile for piece in solution}) == 15
    assert "listed once" in solution.note


def test_two_level_mutated_payoff_is_detected():
    """The comparison with backward induction fails on a mutated game (V's offer 2x_V
    replaced by 3x_V): the check can fail."""
    from gametheory.models.two_level import two_level_game
    game, mutant = two_level("plain"), two_level_game(["x_F", "2*x_N", "3*x_V"])
    rng = random.Random(3)
    points = [fine_point(rng, game.parameters) for _ in range(20)]
    assert all(equilibrium_payoffs(_TL_CLOSED, p) == numeric_payoffs(game, p) for p in points)
    assert any(equilibrium_payoffs(_TL_CLOSED, p) != numeric_payoffs(mutant, p) for p in points)


def test_region_limit_gives_a_proved_lower_bound():
    from gametheory.symbolic.parametric import TooManyRegions
    game = two_level("plain")
    total = len(_TL_CLOSED)
    with pytest.raises(TooManyRegions) as caught:
        parametric_spe(game, max_regions=20)
    assert 20 < caught.value.at_least <= total
    assert "--param" in str(caught.value) and "\n" not in str(caught.value)
    assert len(parametric_spe(game, max_regions=total)) == total
