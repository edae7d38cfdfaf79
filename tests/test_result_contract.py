"""One result contract: ``gametheory.solve`` returns a :class:`gametheory.Solution` for every game
and method, immutable, printed and exported the same way; regions show their full profile; the
regret of a perfect Bayesian equilibrium comes from the certifier.

Expected numbers are worked out by hand from the games' payoffs (Beer-Quiche: Cho and Kreps
1987, payoffs as in ``gametheory.catalog.beer_quiche``); the regions of the linkage model are
checked against an independent solver (backward induction on the game with the parameters
substituted) at random exact points.
"""

from __future__ import annotations

import dataclasses
import json
import random
import re
from fractions import Fraction as F

import pytest

import gametheory
from gametheory import Solution, solve
from gametheory.catalog import beer_quiche, entry_game, matching_pennies
from gametheory.games import ExtensiveGame, decision, leaf
from gametheory.games.signaling import signaling_game
from gametheory.models import MODELS
from gametheory.solvers.pbe import pbe_solution
from gametheory.solvers.regret import (consistent_beliefs, sequential_regret,
                                       sequential_regrets)
from gametheory.symbolic.solution import Piece, PiecewiseSolution


def entry_with_parameters() -> ExtensiveGame:
    """Entry deterrence with a free fight payoff ``f`` for the incumbent."""
    return ExtensiveGame(["E", "I"], decision("E", {
        "Out": leaf(0, 2),
        "In": decision("I", {"Fight": leaf(-1, "f"), "Accommodate": leaf(1, 1)})}),
        parameters=["f"])


SOLUTIONS = {
    "symbolic": lambda: solve(entry_with_parameters()),
    "tree": lambda: solve(entry_game()),
    "strategic": lambda: solve(matching_pennies()),
    "pbe": lambda: solve(beer_quiche(), "pbe"),
}


# ------------------------------------------------------------------------------ one contract

@pytest.mark.parametrize("kind", sorted(SOLUTIONS))
def test_every_solution_is_a_solution_with_the_same_methods(kind):
    solution = SOLUTIONS[kind]()
    assert isinstance(solution, gametheory.Solution)
    assert len(solution) == len(list(solution)) == len(solution.equilibria) > 0
    assert all(isinstance(e, gametheory.Equilibrium) for e in solution)
    assert solution[0] is solution.equilibria[0]
    text = solution.to_text()
    assert text == str(solution) and text.strip()
    document = json.loads(solution.to_json())
    assert document == solution.to_json_dict()
    assert document["game"]["players"] == list(solution.game.players)
    assert document["method"] == solution.method
    listed = document["regions"] if kind == "symbolic" else document["equilibria"]
    assert len(listed) == len(solution)


def test_a_symbolic_solution_is_a_piecewise_solution_of_pieces():
    solution = solve(entry_with_parameters(), generic=True)
    assert isinstance(solution, PiecewiseSolution) and solution.pieces == solution.equilibria
    assert all(isinstance(piece, Piece) for piece in solution)
    assert dict(solution.options) == {"generic": True}
    by_path = {piece.path: piece for piece in solution}
    # f > 1: I fights, E stays out; f < 1: I accommodates, E enters
    assert set(by_path) == {("Out",), ("In", "Accommodate")}
    assert by_path[("Out",)].behavior == by_path[("Out",)].profile
    assert by_path[("Out",)].regret is None          # certified at points, below


@pytest.mark.parametrize("kind", sorted(SOLUTIONS))
def test_results_are_immutable(kind):
    solution = SOLUTIONS[kind]()
    with pytest.raises(dataclasses.FrozenInstanceError):
        solution.method = "other"
    with pytest.raises(TypeError):
        solution.options["limit"] = 1
    with pytest.raises(dataclasses.FrozenInstanceError):
        solution[0].payoffs = ()
    assert isinstance(solution.equilibria, tuple)
    for equilibrium in solution:
        for name, value in vars(equilibrium).items():
            assert not isinstance(value, (dict, list, set)), (name, type(value))


def test_solution_turns_given_options_and_lists_into_read_only_values():
    options = {"limit": 2, "at": {"c": 1}, "assumptions": ["c > 0"]}
    equilibrium = gametheory.Equilibrium([1, 2], behavior=[[[1, 0]], [([0, 1],)]])
    solution = Solution(matching_pennies(), "enummixed", options, [equilibrium])
    options["limit"] = 3
    options["at"]["c"] = 2
    assert solution.options["limit"] == 2 and solution.options["at"]["c"] == 1
    assert solution.options["assumptions"] == ("c > 0",)
    with pytest.raises(TypeError):
        solution.options["at"]["c"] = 3
    assert solution.equilibria == (equilibrium,)
    assert equilibrium.payoffs == (1, 2)
    assert equilibrium.behavior == (((1, 0),), (((0, 1),),))


# ------------------------------------------------------------------------------ PBE regret

POOL_BEER = (((1, 0), (1, 0)), ((0, 1), (1, 0)))     # both types beer; not after beer, duel
                                                     # after quiche


def test_pbe_regret_is_computed_by_the_certifier_and_zero():
    solution = pbe_solution(beer_quiche())
    for equilibrium in solution:
        behavior, beliefs = equilibrium.at(equilibrium.witness)
        assert equilibrium.regret == 0 and isinstance(equilibrium.regret, F)
        assert equilibrium.regret == sequential_regret(beer_quiche(), behavior, beliefs)
    document = solution.to_json_dict()["equilibria"]
    assert [e["regret"] for e in document] == ["0", "0"]
    assert all(set(e["witness"]) == {s.name for s in eq.region.symbols().values()}
               for e, eq in zip(document, solution))


def test_perturbed_receiver_has_exact_positive_regret():
    """Pool on beer, but the receiver duels after beer: beliefs after beer stay (1/10, 9/10)."""
    game = beer_quiche()
    behavior = (((1, 0), (1, 0)), ((1, 0), (1, 0)))
    beliefs = ((None, None), (None, (F(1, 2), F(1, 2))))
    regrets = sequential_regrets(game, behavior, consistent_beliefs(game, behavior, beliefs))
    # receiver after beer: duel earns 1/10 (only the weak type is worth a duel), not earns 9/10
    assert regrets[1][0] == F(4, 5)
    # the weak sender now gets 0 from beer (duel) and 1 from quiche (duel, but no beer cost)
    assert regrets[0] == (F(1), F(0))
    # receiver after quiche: belief 1/2 each, duel 1/2 = not 1/2
    assert regrets[1][1] == 0
    assert sequential_regret(game, behavior, beliefs) == 1


def test_perturbed_sender_has_exact_positive_regret_with_bayes_beliefs():
    """The weak type switches to quiche: both sets are on the path, beliefs by Bayes' rule."""
    game = beer_quiche()
    behavior = (((0, 1), (1, 0)), ((0, 1), (1, 0)))
    completed = consistent_beliefs(game, behavior, ((None, None), (None, None)))
    assert completed[1] == ((0, 1), (1, 0))     # beer: surely strong; quiche: surely weak
    # weak: quiche then duel gives 1, beer then not would give 3 - 1 = 2
    assert sequential_regrets(game, behavior, completed)[0] == (F(1), F(0))
    assert sequential_regret(game, behavior) == 1


def test_certifier_refuses_beliefs_against_bayes_rule_on_the_path():
    game = beer_quiche()
    with pytest.raises(ValueError, match="Bayes' rule gives"):
        sequential_regret(game, POOL_BEER, ((None, None), ((F(1, 2), F(1, 2)), (1, 0))))
    with pytest.raises(ValueError, match="off the path"):
        sequential_regret(game, POOL_BEER, ((None, None), (None, None)))


def beer_quiche_with(strong_likes_beer):
    """Beer-Quiche with the strong type's taste for beer changed (the catalog's is 1)."""
    def payoff(t, m, r):
        liked = {("weak", "quiche"): 1, ("strong", "beer"): strong_likes_beer}.get((t, m), 0)
        receiver = 1 if (r, t) in (("duel", "weak"), ("not", "strong")) else 0
        return liked + (2 if r == "not" else 0), receiver
    return signaling_game(["weak", "strong"], ["1/10", "9/10"], ["beer", "quiche"],
                          ["duel", "not"], payoff, players=("Sender", "Receiver"))


def test_the_pooling_equilibrium_fails_when_the_game_changes():
    """Pool on beer with duel after quiche (believed weak) is a PBE; make beer cost the strong
    type 3: beer then no duel gives -3 + 2 = -1, quiche then duel 0, a gain of exactly 1."""
    beliefs = ((None, None), (None, (1, 0)))
    same = beer_quiche_with(1)
    for behavior in (POOL_BEER, (((0, 1), (1, 0)), ((0, 1), (1, 0)))):
        completed = consistent_beliefs(same, behavior, beliefs if behavior is POOL_BEER
                                       else None)
        assert sequential_regrets(same, behavior, completed) == \
            sequential_regrets(beer_quiche(), behavior, completed)
    assert sequential_regret(same, POOL_BEER, beliefs) == 0
    regrets = sequential_regrets(beer_quiche_with(-3), POOL_BEER,
                                 consistent_beliefs(same, POOL_BEER, beliefs))
    assert regrets == ((0, 1), (0, 0))


# ------------------------------------------------------------------------------ regions

@pytest.fixture(scope="module")
def linkage():
    game = MODELS["linkage"].build()
    return game, solve(game)


def test_every_linkage_region_shows_its_full_profile_and_no_two_are_equal(linkage):
    game, solution = linkage
    document = solution.to_json_dict()
    regions = document["regions"]
    assert len(regions) == len(solution) > 30
    n_sets = sum(len(sets) for sets in game.player_infosets)
    for region, piece in zip(regions, solution):
        assert len(region["profile"]) == n_sets
        for move, (player, probs) in zip(region["profile"], _moves(game, piece)):
            assert move["player"] == player
            assert list(move["actions"].values()) == [str(p) for p in probs]
        assert region["payoffs"] == [str(u) for u in piece.payoffs]
    shown = [json.dumps(region, sort_keys=True) for region in regions]
    assert len(set(shown)) == len(shown)
    _assert_every_output_tells_regions_apart(solution)


def _assert_every_output_tells_regions_apart(solution):
    n = len(solution)
    blocks = [block.split("\n", 1)[1] for block in solution.to_text().split("\nRegion ")[1:]]
    assert len(set(blocks)) == len(blocks) == n
    markdown = solution.to_markdown().splitlines()[2:]
    assert len({row.split("|", 2)[2] for row in markdown}) == n
    body = solution.to_latex().split("\\endfoot\n", 1)[1]
    latex = re.split(r"\n(?=\d+ & )", body)       # a region: its row and its profile line
    assert len(latex) == n and len({row.split("&", 1)[1] for row in latex}) == n
    regions = solution.to_json_dict()["regions"]
    assert len({json.dumps(region, sort_keys=True) for region in regions}) == n


def test_twins_that_differ_only_off_the_path_are_told_apart():
    """V's two actions pay the same, off the path when c > 0: two equilibria with the same
    conditions, path and payoffs, which only the profile tells apart."""
    game = ExtensiveGame(["A", "V"], decision("A", {
        "x": decision("V", {"a": leaf(0, 0), "b": leaf(0, 0)}), "y": leaf("c", 0)}),
        parameters=["c"])
    solution = solve(game, generic=True)
    off_path = [piece for piece in solution if piece.path == ("y",)]
    assert len(off_path) == 2
    assert off_path[0].conditions == off_path[1].conditions
    assert off_path[0].payoffs == off_path[1].payoffs
    assert {piece.profile[1][0] for piece in off_path} == {(1, 0), (0, 1)}
    _assert_every_output_tells_regions_apart(solution)
    assert "V after x: a" in solution.to_text() and "V after x: b" in solution.to_text()


def _moves(game, piece):
    for player, sets, mine in zip(game.players, game.player_infosets, piece.profile):
        for probs in mine:
            yield player, probs


def _random_point(rng, parameters):
    point = {}
    for p in parameters:
        while True:
            value = F(rng.randint(0, 1)) if rng.random() < 0.3 else \
                F(rng.randint(-20, 80), rng.choice([1, 2, 3, 5, 7, 11, 13]))
            if p.contains(value):
                point[p.name] = value
                break
    return point


def test_linkage_regions_agree_with_backward_induction_at_random_points(linkage):
    """At each point: the regions' equilibria include every subgame-perfect equilibrium that
    backward induction finds on the substituted game, with the same payoffs, and the certifier
    gives each region's profile regret and subgame regret 0 and the region's payoffs.

    (The regions may list more profiles: at ``lam = 0`` the veto player moves only after a
    chance move of probability 0, where both of its actions are subgame perfect.)"""
    game, solution = linkage
    rng = random.Random(2024)
    for _ in range(25):
        point = _random_point(rng, game.parameters)
        numeric = game.substitute(point)
        found = {(e.behavior, e.payoffs) for e in solve(numeric, "spe")}
        listed = {(e.profile, e.payoffs) for e in solution.at(point)}
        assert found <= listed, point
        assert {u for _, u in found} == {u for _, u in listed}, point
        certified = solution.certify(point)
        assert {(e.behavior, e.payoffs) for e in certified} == listed
        assert all(e.regret == 0 and e.subgame_regret == 0 for e in certified)


def test_certify_catches_a_wrong_region():
    game = entry_with_parameters()
    solution = solve(game, generic=True)
    out = next(piece for piece in solution if piece.path == ("Out",))
    wrong = PiecewiseSolution(game, [Piece(out.region, out.profile, out.path, (0, 1))])
    with pytest.raises(AssertionError, match="payoffs"):
        wrong.certify({"f": 2})
    accommodate = next(piece for piece in solution if piece.path != ("Out",))
    misplaced = PiecewiseSolution(game, [Piece(out.region, accommodate.profile,
                                               accommodate.path, accommodate.payoffs)])
    assert misplaced.certify({"f": 2})[0].regret == 1     # I fights: f = 2 beats 1


def test_generic_keeps_its_meaning_through_solve(linkage):
    game, solution = linkage
    generic = solve(game, generic=True)
    assert generic.generic and not solution.generic and len(generic) < len(solution)
    assert all(">=" not in str(c) and "<=" not in str(c)
               for piece in generic for c in piece.conditions)


def test_regions_command_prints_every_profile(capsys):
    from gametheory.cli import main
    assert main(["regions", "linkage", "--format", "json"]) == 0
    regions = json.loads(capsys.readouterr().out)["regions"]
    assert len(regions) > 30 and all(region["profile"] for region in regions)
    assert len({json.dumps(r, sort_keys=True) for r in regions}) == len(regions)


# ------------------------------------------------------------------------------ the CLI

def test_solve_command_uses_a_models_declared_method(monkeypatch, capsys):
    """A built-in model declares its solution concept (``Model.solve_options``); --method
    overrides it."""
    from types import SimpleNamespace
    from gametheory.cli import main
    from gametheory.cli.solve import model_options
    assert model_options("entry") == {}
    assert model_options("linkage-screening") == {"method": "pbe"}
    monkeypatch.setitem(MODELS, "beer-model", SimpleNamespace(
        build=beer_quiche, solve_options={"method": "pbe"}))
    assert model_options("beer-model") == {"method": "pbe"}
    assert main(["solve", "beer-model", "--format", "json"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert document["method"] == "pbe" and len(document["equilibria"]) == 2
    assert all(e["regret"] == "0" and "beliefs" in e for e in document["equilibria"])
    assert main(["solve", "beer-model", "--method", "enumpure", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["method"] == "enumpure"


@pytest.mark.parametrize("kind", sorted(SOLUTIONS))
def test_every_solution_is_a_frame_and_html(kind):
    pytest.importorskip("pandas")
    solution = SOLUTIONS[kind]()
    frame = solution.to_frame()
    assert len(frame) == len(solution)
    assert len(solution.to_frame(exact=False)) == len(solution)
    html = solution._repr_html_()
    assert html.startswith("<table") and solution.game.title in html


def test_unreached_information_sets_of_a_reduced_form_equilibrium_print_as_open():
    """Screening model (c2) solved on its reduced strategic form: after N, A's moves after a
    refused demand are not part of A's plan; after L_hi, only the move after L_lo is open."""
    from gametheory.models import MODELS
    from gametheory.report.equilibria import format_solution
    model = MODELS["linkage-screening"]
    game = model.build(**model.defaults)
    solution = solve(game, "enumpure")
    names = {k: game.infosets[k].label for sets in game.player_infosets for k in sets}
    seen = set()
    for eq in solution:
        first = game.infosets[game.player_infosets[0][0]].actions[eq.behavior[0][0].index(1)]
        opened = {names[k] for k in eq.open_infosets(game)}
        expected = {"N": {"A|hi refused", "A|lo refused"}, "L_hi": {"A|lo refused"},
                    "L_lo": {"A|hi refused"}}[first]
        assert opened == expected
        seen.add(first)
        moves = eq.to_json_dict(True, game)["moves"]
        assert {m["infoset"] for m in moves if m.get("open")} == expected
    assert "N" in seen and len(seen) >= 2
    text = format_solution(solution)
    assert "carry out 1/2, back down 1/2" not in text
    assert "open (never reached under A's own strategy)" in text
    # backward induction chooses everywhere: nothing is open
    assert all(not eq.open_infosets(game) for eq in solve(game, "spe"))
