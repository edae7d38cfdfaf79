"""Support enumeration for n-player games: every isolated equilibrium, exact, certified."""

from fractions import Fraction

import pytest

import gametheory as gt
from gametheory.catalog import matching_pennies, selten_horse
from gametheory.solvers.enumpoly import support_enumeration
from gametheory.solvers.regret import strategic_regrets

from conftest import GAMBIT


def test_matching_pennies():
    half = (Fraction(1, 2), Fraction(1, 2))
    assert support_enumeration(matching_pennies().payoffs) == ([(half, half)], True)


def test_mckelvey_mclennan_2x2x2_has_nine_equilibria():
    """gambit#474: 9 equilibria, two of them totally mixed (2/5, 1/2, 1/3) and (1/2, 2/5, 1/4)."""
    path = GAMBIT / "games_2x2x2.nfg"
    if not path.exists():
        pytest.skip("../shared is not available")
    game = gt.read(path)
    solution = gt.solve(game, method="enumpoly")
    assert len(solution) == 9 and solution.complete
    mixed = {tuple(p[0] for p in e.strategies) for e in solution
             if all(0 < p[0] < 1 for p in e.strategies)}
    assert mixed == {(Fraction(2, 5), Fraction(1, 2), Fraction(1, 3)),
                     (Fraction(1, 2), Fraction(2, 5), Fraction(1, 4))}
    assert all(max(strategic_regrets(game, e.strategies)) == 0 for e in solution)
    pure = gt.solve(game, method="enumpure")
    assert {e.strategies for e in pure} <= {e.strategies for e in solution}


def test_continuum_is_reported_not_listed():
    """Selten's horse has a component of equilibria: the isolated ones are listed, and the
    result says it is not the full set."""
    solution = gt.solve(selten_horse(), method="enumpoly")
    assert not solution.complete and "continuum" in solution.note
    assert all(e.regret == 0 for e in solution)
