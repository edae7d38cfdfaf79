"""User claims: strict comparative statics, claims on games with private information (PBE),
outcomes that do not exist, and counterexamples printed as ``--param`` options that
``gametheory solve`` accepts."""

from __future__ import annotations

from fractions import Fraction

import pytest

from gametheory.games import ExtensiveGame, chance, decision, leaf
from gametheory.parameters import Parameter
from gametheory.proofs.claims import (MonotoneClaim, check_claim, claim_matcher,
                                      numeric_outcomes, parse_claim)
from gametheory.symbolic import decide

needs_z3 = pytest.mark.skipif(not decide.z3_available(), reason="z3-solver not installed")


def entry_in(threshold: str = "x"):
    """B enters iff ``threshold`` > 1 (its only choice), A's payoff is irrelevant."""
    return ExtensiveGame(["B"], decision("B", {"in": leaf(threshold), "out": leaf(1)}),
                         parameters=[Parameter("x", ">= 0"), Parameter("y", ">= 0")])


def test_claim_and_opposite_never_both_proved_when_region_ignores_the_parameter():
    """'in' is chosen iff x > 1: the region does not depend on y at all."""
    game = entry_in()
    grows = check_claim(game, "in grows in y")
    shrinks = check_claim(game, "in shrinks in y")
    assert grows.status == shrinks.status == "refuted"
    assert "does not depend on y" in grows.reason and "weakly" in grows.reason
    assert check_claim(game, "in weakly grows in y").status == "proved"
    assert check_claim(game, "in weakly shrinks in y").status == "proved"
    # in x the region grows strictly: proved with a witness where only x moves
    strict = check_claim(game, "in grows in x")
    assert strict.status == "proved"
    low, high = strict.witness
    assert low["y"] == high["y"] and low["x"] < 1 < high["x"]
    assert check_claim(game, "in shrinks in x").status == "refuted"


def test_mutated_payoff_turns_strict_into_independent():
    """Mutation: with B's payoff from 'in' no longer depending on x, the strict claim fails."""
    assert check_claim(entry_in("x + y"), "in grows in x").status == "proved"
    mutated = check_claim(entry_in("2 + y"), "in grows in x")
    assert mutated.status == "refuted" and "does not depend on x" in mutated.reason


@needs_z3
def test_linkage_leverage_and_eta():
    """V's gain eta enters no choice of A or B: 'L grows in eta' and 'L shrinks in eta' are
    both refuted (the region does not depend on eta), never both proved."""
    grows = check_claim("linkage", "L grows in eta", fixed={"lam": 1})
    shrinks = check_claim("linkage", "L shrinks in eta", fixed={"lam": 1})
    assert grows.status == "refuted" and shrinks.status == "refuted"
    assert "does not depend on eta" in shrinks.reason
    assert check_claim("linkage", "L weakly grows in eta", fixed={"lam": 1}).status == "proved"


@needs_z3
def test_strict_witness_is_confirmed_by_solving_both_points():
    cert = check_claim("linkage", "S shrinks in c", fixed={"lam": 0})
    assert cert.status == "proved"
    low, high = cert.witness
    assert {k for k in low if low[k] != high[k]} == {"c"} and low["c"] < high["c"]
    assert low["lam"] == 0                                # fixed values are part of the point
    from gametheory.models import MODELS
    game = MODELS["linkage"].build()
    paths_low = [p for p, _ in numeric_outcomes(game, low)]    # every SPE (off-path ties too)
    paths_high = [p for p, _ in numeric_outcomes(game, high)]
    assert paths_low and all(p[0] == "S" for p in paths_low)
    assert paths_high and all(p[0] != "S" for p in paths_high)
    text = cert.to_text()
    assert "strict change between:" in text and "gametheory solve linkage --param lam=0" in text


@needs_z3
def test_refutation_prints_a_solve_command_that_reproduces_it():
    cert = check_claim("linkage", "S grows in c", fixed={"lam": 0})
    assert cert.status == "refuted"
    commands = cert.commands(cert.counterexample)
    assert len(commands) == 2 and all(c.startswith("gametheory solve linkage --param ")
                                      for c in commands)
    from gametheory.cli import main
    import contextlib
    import io
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        status = main(commands[0].split()[1:])
    assert status == 0 and "S" in out.getvalue()
    assert "with payoffs" in cert.confirmation


def test_unknown_outcome_is_an_error_not_a_refutation():
    with pytest.raises(ValueError, match="no action of the game"):
        check_claim(entry_in(), "ZZZ where x < 1")
    with pytest.raises(ValueError, match="did you mean 'in'"):
        check_claim(entry_in(), "inn where x < 1")
    with pytest.raises(ValueError, match="no parameter 'z'"):
        check_claim(entry_in(), "in grows in z")


def test_outcome_not_at_the_root_matches_anywhere_on_the_path():
    game = ExtensiveGame(["A", "B"], decision("A", {
        "go": decision("B", {"yes": leaf(1, "x"), "no": leaf(0, 1)}), "stop": leaf("1/2", 0)}),
        parameters=[Parameter("x", "real")])
    matches = claim_matcher(game, "yes")
    assert matches(("go", "yes")) and not matches(("go", "no"))
    assert claim_matcher(game, "go")(("go", "no"))
    assert check_claim(game, "yes where x > 1").status == "proved"
    assert check_claim(game, "yes where x > 0").status == "refuted"


def uncertain_entry():
    """Nature draws a strong incumbent with probability p; the entrant B does not observe it
    (one information set): entering pays x against a weak one, -1 against a strong one."""
    return ExtensiveGame(["B"], chance({
        "strong": ("p", decision("B", {"in": leaf(-1), "out": leaf(0)}, infoset="b")),
        "weak": ("1 - p", decision("B", {"in": leaf("x"), "out": leaf(0)}, infoset="b"))}),
        parameters=[Parameter("p", "(0, 1)"), Parameter("x", "> 0")])


@needs_z3
def test_claims_on_a_game_with_private_information_go_through_the_pbe_solver():
    """B enters iff (1 - p) x > p: derived by hand from the expected payoffs."""
    game = uncertain_entry()
    assert check_claim(game, "in where p < 1/3; x > 1").status == "proved"
    refuted = check_claim(game, "in where x > 1")
    assert refuted.status == "refuted"
    [point] = refuted.counterexample
    assert (1 - point["p"]) * point["x"] < point["p"]
    assert "PBE" in refuted.confirmation
    assert check_claim(game, "in grows in x").status == "proved"
    assert check_claim(game, "in shrinks in p").status == "proved"
    assert check_claim(game, "in grows in p").status == "refuted"
    # mutation: entering against a strong incumbent pays +1: B always enters
    mutated = ExtensiveGame(["B"], chance({
        "strong": ("p", decision("B", {"in": leaf(1), "out": leaf(0)}, infoset="b")),
        "weak": ("1 - p", decision("B", {"in": leaf("x"), "out": leaf(0)}, infoset="b"))}),
        parameters=[Parameter("p", "(0, 1)"), Parameter("x", "> 0")])
    assert check_claim(mutated, "in shrinks in p").status == "refuted"


def test_parse_weak_and_strict():
    assert parse_claim("S shrinks in c") == MonotoneClaim("S", "c", "shrinks", True)
    assert parse_claim("L > concede weakly grows in kappa") == MonotoneClaim(
        ("L", "concede"), "kappa", "grows", False)
    with pytest.raises(ValueError, match="cannot read the claim"):
        parse_claim("x" * 500)


def test_certificate_point_as_param_options():
    from gametheory.proofs.certificate import Certificate, param_options
    point = {"c": Fraction(1, 2), "lam": Fraction(1)}
    assert param_options(point) == "--param c=1/2 --param lam=1"
    cert = Certificate("x", "s", "refuted", counterexample=(point,), target="linkage")
    assert "gametheory solve linkage --param c=1/2 --param lam=1" in cert.to_text()
    assert cert.to_json_dict()["target"] == "linkage"


def test_strategic_games_are_refused_in_one_line():
    from gametheory.catalog import matching_pennies
    with pytest.raises(ValueError, match="extensive form"):
        check_claim(matching_pennies(), "x where c < 1")
