"""Shared pieces of the proofs about the deal variants (``gametheory.models.deals``): the solved
game as a world, its shape check, the outcome conditions written case by case, and an "iff"
claim over a solved game with the coverage of its pieces.

The variants are solved from their builders (the model registry is not needed), at ``lam = 0``
and ``lam = 1``; a game given by the caller (an edited export) is solved instead, with ``lam``
substituted and its certain chance moves collapsed.

Examples
--------
>>> from gametheory.models.deals import two_way_game
>>> w = deal_world(None, "linkage-two-way", two_way_game, 0)
>>> w.label, sorted({v.path[0] for v in w.pieces})
('linkage-two-way[lam=0]', ['L', 'N', 'S', 'T'])
>>> x = sym("x")
>>> beats(x, [(x > 1, 1), (x < 1, -1)]) == sympy.Or(x > 1, sympy.And(x < 1, x > -1))
True
>>> at(condition := x > 1, {"x": 2}), at(condition, {"x": "1/2"})
(True, False)
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any, Callable, Iterable, Mapping, Sequence

import sympy

from gametheory.errors import GameShapeError
from gametheory.games import ExtensiveGame
from gametheory.numbers import exact, to_sympy
from gametheory.proofs.certificate import Certificate
from gametheory.proofs.claims import World, prove as prove_pieces, world
from gametheory.proofs.common import (K, U_S, actions_of, beta, built, collapsed, combine, d,
                                      ell_A, ell_B, subgame, sym)
from gametheory.proofs.g1_core import coverage

__all__ = ["sym", "at", "fits", "collapsed_at", "combine", "deal_world", "deal_subworld",
           "credible", "not_credible", "lever_works", "side_payment_cases", "beats", "iff_claim",
           "covers", "prove_iff", "f", "gamma", "h", "s", "v_S", "eta"]

f, gamma, h, s, v_S, eta = (sym(n) for n in ("f", "gamma", "h", "s", "v_S", "eta"))


def fits(game, builder: Callable[..., ExtensiveGame], model: str,
         actions: Iterable[str] = ()) -> ExtensiveGame | None:
    """Check that ``game`` has the variant's players, parameters and the action labels the
    proposition reads; ``None`` (the built-in variant) passes unchanged.

    Raises
    ------
    GameShapeError
        One line naming what is missing.
    """
    if game is None:
        return None
    spec = builder()
    missing = []
    if tuple(game.players) != tuple(spec.players):
        missing.append(f"players {', '.join(spec.players)}")
    names = {p.name for p in game.parameters}
    lacking = [p.name for p in spec.parameters if p.name not in names]
    if lacking:
        missing.append(f"no parameter {', '.join(lacking)}")
    absent = [a for a in actions if a not in actions_of(game)]
    if absent:
        missing.append(f"no action {', '.join(absent)}")
    if missing:
        raise GameShapeError(f"the game does not fit model {model!r}: " + "; ".join(missing))
    return game


def collapsed_at(game, model: str, builder, lam: int) -> ExtensiveGame:
    """The variant (or ``game``, with ``lam`` substituted and its certain chance moves
    collapsed) at ``lam``."""
    return builder(lam=lam) if game is None else collapsed(built(game, model, lam=lam))


def deal_world(game, model: str, builder, lam: int) -> World:
    """The variant (or ``game``) at ``lam``, solved by the generic parametric SPE."""
    return world(collapsed_at(game, model, builder, lam), f"{model}[lam={lam}]", fixed={"lam": lam},
                 fixed_parameters=builder().parameters,
                 source=model if game is None else "GAME")


def deal_subworld(game, model: str, builder, lam: int, path: Sequence[str]) -> World:
    """The subgame after ``path`` of the variant (or ``game``) at ``lam``, solved: the
    players' behaviour there, on or off the equilibrium path."""
    sub = subgame(collapsed_at(game, model, builder, lam), path)
    return world(sub, f"{model}[lam={lam}] after {' > '.join(path)}", fixed={"lam": lam},
                 fixed_parameters=builder().parameters)


def at(formula: sympy.Basic, point: Mapping[str, Any]) -> bool:
    """The truth of a formula at an exact point (parameter name -> value)."""
    return bool(formula.xreplace({sym(k): to_sympy(exact(v)) for k, v in point.items()}))


def credible(lam: int) -> sympy.Basic:
    """Cr: A carries out the downgrade after a refusal, ``ell_A < kappa0 + lam*kappa``."""
    return ell_A < K(lam)


def not_credible(lam: int) -> sympy.Basic:
    return ell_A > K(lam)


def lever_works(lam: int) -> sympy.Basic:
    """G1's Lsucc: Cr and ``beta*d < ell_B``."""
    return sympy.And(credible(lam), beta * d < ell_B)


def side_payment_cases(lam: int) -> list[tuple]:
    """A's value of G1's side payment, case by case (generic): ``U_S`` where it is feasible
    (``s > gamma`` and, with the legislature, ``h*s < v_S``), ``-f`` where it fails."""
    feasible = [s > gamma] + ([] if lam == 0 else [h * s < v_S])
    failures = [s < gamma] + ([] if lam == 0 else [h * s > v_S])
    return [(sympy.And(*feasible), U_S)] + [(x, -f) for x in failures]


def beats(value: sympy.Expr, cases: Sequence[tuple]) -> sympy.Basic:
    """``value`` exceeds an option worth ``v_i`` on case ``c_i`` (the cases partition the
    generic parameters): ``Or(And(c_i, value > v_i))``."""
    return sympy.Or(*(sympy.And(c, value > v) for c, v in cases))


def iff_claim(name: str, w: World, outcome: str, condition, *, domain: Sequence = ()
              ) -> Certificate:
    """Every piece of the solved world has first action ``outcome`` where ``condition`` holds
    and another first action where it fails (with :func:`covers`, the outcome is ``outcome``
    exactly where ``condition`` holds, at every generic point)."""
    def obligation(v):
        return condition if v.path and v.path[0] == outcome else sympy.Not(condition)
    return prove_pieces(name, f"{outcome} iff {condition}", (w,), obligation, domain=domain)


def covers(name: str, w: World, lam: int) -> Certificate:
    """The closures of the world's pieces cover the parameter domain (no generic point is
    left without an SPE piece)."""
    cert = coverage(w, lam)
    return replace(cert, name=name)


def prove_iff(name: str, statement: str, model: str, label: str, worlds: dict,
              conditions: dict, outcome: str, extra: Sequence[Certificate] = ()
              ) -> Certificate:
    """One proposition: ``outcome`` iff ``conditions[lam]`` on each world, the coverage of each
    world, and the ``extra`` parts, combined."""
    parts = [iff_claim(f"{name} [lam = {lam}]", w, outcome, conditions[lam])
             for lam, w in worlds.items()]
    parts += [covers(f"{name} coverage [lam = {lam}]", w, lam) for lam, w in worlds.items()]
    return combine(name, statement, parts + list(extra), label)
