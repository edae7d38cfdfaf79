"""Tests of continuous offers: closed forms with regions, checked at random points."""

from __future__ import annotations

import random
from fractions import Fraction

from gametheory.parameters import Parameter
from gametheory.symbolic.offers import offer_game, solve_offer


def test_two_level_ratification_closed_form():
    P = [Parameter("x_F", "> 0"), Parameter("x_N", ">= 0"), Parameter("x_V", ">= 0")]
    game = offer_game(["F", "N", "V"], "F", ["N", "V"],
                      {"F": "-Abs(x - x_F)", "N": "-Abs(x - x_N)", "V": "-Abs(x - x_V)"},
                      status_quo=0, parameters=P)
    solution = solve_offer(game, generic=True)
    rng = random.Random(3)
    for _ in range(40):
        point = {p.name: Fraction(rng.randint(1, 30), rng.choice((1, 2, 3))) for p in P}
        expected = min(point["x_F"], 2 * point["x_N"], 2 * point["x_V"])
        offers = {Fraction(str(piece.offer)) for piece in solution.at(point)
                  if piece.offer is not None}
        if not offers:
            continue                      # a boundary of the generic solution
        assert offers == {expected}, point


def test_take_it_or_leave_it_and_side_payment():
    game = offer_game(["A", "B"], "A", ["B"], {"A": "R - (sigma + c)*x", "B": "x - gamma"},
                      interval=(0, None), disagreement={"A": 0, "B": 0},
                      parameters=[Parameter("R", "> 0"), Parameter("sigma", "> 0"),
                                  Parameter("c", ">= 0"), Parameter("gamma", ">= 0")])
    solution = solve_offer(game, generic=True)
    # G1*: s* = gamma, made iff R > (sigma + c) * gamma
    [piece] = solution.at({"R": 3, "sigma": 1, "c": 0, "gamma": 2})
    assert piece.offer == 2 and piece.payoffs[0] == 1
    [piece] = solution.at({"R": 1, "sigma": 1, "c": 0, "gamma": 2})
    assert piece.offer is None
