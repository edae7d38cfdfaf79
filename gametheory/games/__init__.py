"""Game representations: extensive form (trees), their compiled arrays, and strategic form."""

from .extensive import (CHANCE, TERMINAL, Chance, Decision, ExtensiveGame, Infoset, Leaf,
                        Outcome, chance, decision, leaf)
from .strategic import StrategicGame
from .tree import Tree

__all__ = ["CHANCE", "TERMINAL", "Chance", "Decision", "ExtensiveGame", "Infoset", "Leaf",
           "Outcome", "StrategicGame", "Tree", "chance", "decision", "leaf"]
