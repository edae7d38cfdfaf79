"""gametheory: exact, fast and symbolic solutions of games.

>>> import gametheory as gt
>>> from gametheory.catalog import entry_game
>>> gt.solve(entry_game())[0].payoffs
(Fraction(1, 1), Fraction(1, 1))
"""

from .errors import GameFormatError
from .games import (CHANCE, TERMINAL, ExtensiveGame, Infoset, Outcome, StrategicGame, chance,
                    decision, leaf)
from .io import read, write
from .numbers import exact
from .parameters import Parameter
from .solvers import (Equilibrium, Solution, is_nash, is_subgame_perfect, regret, solve,
                      subgame_regret)

__all__ = ["CHANCE", "TERMINAL", "Equilibrium", "ExtensiveGame", "GameFormatError", "Infoset",
           "Outcome", "Parameter", "Solution", "StrategicGame", "chance", "decision", "exact",
           "is_nash", "is_subgame_perfect", "leaf", "read", "regret", "solve", "subgame_regret",
           "write"]
__version__ = "0.1.0"
