"""Symbolic analysis: exact reasoning about parameter regions."""

from .decide import Decision, UndecidedError, satisfiable
from .regions import Region, find_counterexample, normalize_relation, prove_implication

__all__ = ["Decision", "Region", "UndecidedError", "find_counterexample", "normalize_relation",
           "prove_implication", "satisfiable"]
