"""Shared pieces of the linkage proofs: symbols, the G1 worlds, combining sub-proofs."""

from __future__ import annotations

from typing import Sequence

import sympy

from gametheory.proofs.certificate import Certificate, Step
from gametheory.proofs.claims import MonotoneClaim, check_claim, implies, model_world

__all__ = ["sym", "g1_world", "combine", "lemma", "monotone", "LSUCC", "U_S", "K"]


def sym(name: str) -> sympy.Symbol:
    """The real symbol of a parameter (the convention of :class:`gametheory.parameters.Parameter`)."""
    return sympy.Symbol(name, real=True)


lam, c, sigma, R, s, d, beta = (sym(n) for n in ("lam", "c", "sigma", "R", "s", "d", "beta"))
ell_A, ell_B, kappa0, kappa = (sym(n) for n in ("ell_A", "ell_B", "kappa0", "kappa"))
U_S = R - (sigma + c) * s


def K(lam_value) -> sympy.Expr:
    """A's back-down cost ``kappa0 + lam*kappa``."""
    return kappa0 + lam_value * kappa


def LSUCC(lam_value) -> sympy.Basic:
    """Leverage succeeds: the threat is credible and B prefers to concede."""
    return sympy.And(ell_A < K(lam_value), beta * d < ell_B)


def g1_world(lam_value: int, declare_lam: bool = True, model: str = "linkage"):
    """G1 (or a variant) with ``lam`` fixed, solved once (generic parametric SPE)."""
    w = model_world(model, f"{model}[lam={lam_value}]", lam=lam_value)
    if declare_lam:
        return w
    from gametheory.proofs.claims import World, View
    pieces = tuple(View(v.world, v.index, v.path, v.payoffs,
                        tuple(x for x in v.conditions if lam not in x.free_symbols))
                   for v in w.pieces)
    return World(w.label, w.game, pieces, tuple(p for p in w.parameters if p.name != "lam"),
                 w.rename, w.fixed)


def monotone(name: str, outcome, parameter: str, direction: str, lam_value: int,
             model: str = "linkage") -> Certificate:
    """A monotonicity claim on a model with ``lam`` fixed (see :class:`MonotoneClaim`)."""
    return check_claim(model, MonotoneClaim(outcome, parameter, direction),
                       fixed={"lam": lam_value}, name=f"{name} [lam = {lam_value}]")


def lemma(name: str, statement: str, hypotheses: Sequence, claim, parameters=()) -> Certificate:
    """A derivation step: ``hypotheses => claim`` decided exactly (no game involved)."""
    result, witness, method = implies(tuple(hypotheses), claim, tuple(parameters))
    step = Step(str(claim), method, result, " & ".join(map(str, hypotheses)) or "everywhere")
    status = {"holds": "proved", "fails": "refuted", "undecided": "undecided"}[result]
    point = None if witness is None else ({k.name: v for k, v in witness.items()},)
    return Certificate(name, statement, status, (step,), counterexample=point,
                       confirmation="the relation fails at this exact point (substitution)"
                       if point else "")


def combine(name: str, statement: str, parts: Sequence[Certificate], model: str = ""
            ) -> Certificate:
    """One certificate from sub-proofs: proved iff every part is; the first refutation wins."""
    for part in parts:
        if part.status == "refuted":
            return Certificate(name, statement, "refuted", (), model,
                               counterexample=part.counterexample,
                               confirmation=part.confirmation,
                               reason=f"part '{part.name}' is refuted", parts=tuple(parts))
    undecided = [p.name for p in parts if p.status == "undecided"]
    return Certificate(name, statement, "undecided" if undecided else "proved", (), model,
                       reason=f"undecided parts: {', '.join(undecided)}" if undecided else "",
                       parts=tuple(parts))
