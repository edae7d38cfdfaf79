"""gametheory: exact, fast and symbolic solutions of games."""

from .games import (CHANCE, TERMINAL, ExtensiveGame, Infoset, Outcome, StrategicGame, chance,
                    decision, leaf)
from .numbers import exact
from .parameters import Parameter

__all__ = ["CHANCE", "TERMINAL", "ExtensiveGame", "Infoset", "Outcome", "Parameter",
           "StrategicGame", "chance", "decision", "exact", "leaf"]
__version__ = "0.1.0"
