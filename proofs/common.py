"""Shared pieces of the linkage proofs: the game a proposition is checked on, its solution,
subgames and leaves read off the tree, and combining sub-proofs.

Every proposition takes an optional ``game``: ``None`` means the built-in model; a game given
(for example a JSON export of the model, edited) must have the model's players, the parameters
the proposition names and the action labels its paths use, else :func:`shaped` raises
:class:`gametheory.errors.GameShapeError` naming what is missing.  The game is then *solved*
(parametric SPE, or PBE for the incomplete-information variants) and the statement is checked
against the solution; closed forms only appear as the statement under test.

Examples
--------
>>> game = built(None, "linkage")
>>> leaf_payoffs(game.substitute({"lam": 0}), ("L", "refuse", "carry out"))
(-ell_A, -ell_B, -v_L)
>>> [a for a in subgame(game, ("L",)).infosets[0].actions]
['concede', 'refuse']
"""

from __future__ import annotations

from fractions import Fraction
from functools import lru_cache
from typing import Any, Iterable, Mapping, Sequence

import sympy

from gametheory.errors import GameShapeError
from gametheory.games import ExtensiveGame, Infoset, Outcome
from gametheory.numbers import exact, to_sympy
from gametheory.proofs.certificate import Certificate, Step
from gametheory.proofs.claims import (MonotoneClaim, View, World, check_claim, implies,
                                      model_world, world)

__all__ = ["sym", "shaped", "built", "game_world", "subgame_world", "world_without", "node_at",
           "leaf_payoffs", "subgame", "collapsed", "actions_of", "full_point", "decide", "formula_implies",
           "combine", "monotone", "LSUCC", "U_S", "K", "model_label"]


def sym(name: str) -> sympy.Symbol:
    """The real symbol of a parameter (as :class:`gametheory.parameters.Parameter` makes it)."""
    return sympy.Symbol(name, real=True)


lam, c, sigma, R, s, d, beta = (sym(n) for n in ("lam", "c", "sigma", "R", "s", "d", "beta"))
ell_A, ell_B, kappa0, kappa = (sym(n) for n in ("ell_A", "ell_B", "kappa0", "kappa"))
U_S = R - (sigma + c) * s


def K(lam_value) -> sympy.Expr:
    """A's back-down cost ``kappa0 + lam*kappa`` (the statement's threshold, not evidence)."""
    return kappa0 + lam_value * kappa


def LSUCC(lam_value) -> sympy.Basic:
    """Leverage succeeds: the threat is credible and B prefers to concede."""
    return sympy.And(ell_A < K(lam_value), beta * d < ell_B)


# ------------------------------------------------------------------------------ the game

def _model(name: str):
    from gametheory.models import MODELS
    return MODELS[name]


def actions_of(game) -> set[str]:
    """Every action label of the game (its information sets' actions)."""
    return {a for infoset in game.infosets for a in infoset.actions}


def shaped(game, model: str, *, actions: Iterable[str] = (),
           parameters: Iterable[str] | None = None) -> ExtensiveGame | None:
    """Check that ``game`` fits a model; ``None`` (the built-in model) passes unchanged.

    Parameters
    ----------
    game : ExtensiveGame or None
    model : str
        The built-in model (``gametheory.models.MODELS``) whose shape is required.
    actions : iterable of str
        Action labels the proposition's paths use.
    parameters : iterable of str, optional
        Parameters the proposition needs (default: every parameter of the model).

    Raises
    ------
    GameShapeError
        One line naming the missing players, parameters or action labels.

    Examples
    --------
    >>> from gametheory.games import ExtensiveGame, decision, leaf
    >>> toy = ExtensiveGame(["A", "B", "V"], decision("A", {"N": leaf(0, 0, 0)}))
    >>> shaped(toy, "linkage", actions=["L"], parameters=["kappa"])
    Traceback (most recent call last):
    ...
    gametheory.errors.GameShapeError: the game does not fit model 'linkage': no parameter ...
    """
    spec = _model(model)
    if game is None:
        return None
    missing = []
    if tuple(game.players) != tuple(spec.players):
        missing.append(f"players {', '.join(spec.players)} (the game has "
                       f"{', '.join(game.players)})")
    names = {p.name for p in game.parameters}
    wanted = [p.name for p in spec.parameters] if parameters is None else list(parameters)
    lacking = [n for n in wanted if n not in names]
    if lacking:
        missing.append(f"no parameter {', '.join(lacking)}")
    labels = actions_of(game)
    absent = [a for a in actions if a not in labels]
    if absent:
        missing.append(f"no action {', '.join(absent)}")
    if missing:
        raise GameShapeError(f"the game does not fit model {model!r}: " + "; ".join(missing))
    return game


def built(game, model: str, **fixed) -> ExtensiveGame:
    """``game`` (with ``fixed`` substituted where it has those parameters), or the built-in
    model built with ``fixed``."""
    return _model(model).build(**fixed) if game is None else _fix(game, fixed)


def model_label(game, model: str) -> str:
    """``model`` for the built-in game, else the title of the game checked."""
    return model if game is None else f"{game.title or 'game'} (checked as {model})"


def _fix(game, fixed: Mapping[str, Any]):
    present = {p.name for p in game.parameters}
    values = tuple(sorted((k, str(exact(v))) for k, v in fixed.items() if k in present))
    return _fixed(game, values) if values else game


@lru_cache(maxsize=32)
def _fixed(game, values: tuple):
    """The game with parameters fixed and its certain chance moves collapsed (cached, so that
    the parts of a proof share one solution)."""
    return collapsed(game.substitute(dict(values)))


def game_world(game, model: str, label: str, **fixed) -> World:
    """The game solved (generic parametric SPE) with some parameters fixed, as a world.

    ``game`` None: the built-in model (solved once and cached); else the game given, with the
    fixed parameters substituted where it has them.
    """
    if game is None:
        return model_world(model, label, **fixed)
    return world(_fix(game, fixed), label, fixed=fixed, fixed_parameters=_model(model).parameters)


def subgame_world(game, model: str, path: Sequence[str], label: str, **fixed) -> World:
    """The subgame after ``path`` of the game (or of the built-in model), solved as a world:
    the players' behaviour there, on or off the equilibrium path of the whole game."""
    sub = subgame(built(game, model, **fixed), path)
    return world(sub, label, fixed=fixed, fixed_parameters=_model(model).parameters)


def world_without(w: World, name: str) -> World:
    """The world with the equality fixing ``name`` dropped from its pieces (to pair two worlds
    that fix it differently, such as lam = 0 and lam = 1)."""
    symbol = sym(name)
    pieces = tuple(View(v.world, v.index, v.path, v.payoffs,
                        tuple(x for x in v.conditions if symbol not in x.free_symbols))
                   for v in w.pieces)
    return World(w.label, w.game, pieces, tuple(p for p in w.parameters if p.name != name),
                 w.rename, w.fixed)


def monotone(name: str, outcome, parameter: str, direction: str, lam_value: int,
             game=None, model: str = "linkage") -> Certificate:
    """A monotonicity claim on the solved game with ``lam`` fixed (see :class:`MonotoneClaim`)."""
    claim = MonotoneClaim(outcome, parameter, direction)
    label = f"{name} [lam = {lam_value}]"
    if game is None:
        return check_claim(model, claim, fixed={"lam": lam_value}, name=label)
    return check_claim(_fix(game, {"lam": lam_value}), claim, name=label)


# ------------------------------------------------------------------------------ the tree

def node_at(game, path: Sequence[str]) -> int:
    """The node reached from the root by the action labels ``path``.

    Raises
    ------
    GameShapeError
        If an action is not available on the way.
    """
    tree = game.tree
    v = 0
    for action in path:
        while (tree.num_children[v] and _certain_branch(game, v) is not None
               and action not in game.infosets[int(tree.infoset[v])].actions):
            v = int(tree.first_child[v]) + _certain_branch(game, v)
        if tree.num_children[v] == 0:
            raise GameShapeError(f"the game has no action {action!r} after "
                                 f"{' > '.join(path[:path.index(action)]) or 'the root'}")
        actions = game.infosets[int(tree.infoset[v])].actions
        if action not in actions:
            raise GameShapeError(f"the game has no action {action!r} after "
                                 f"{' > '.join(path[:path.index(action)]) or 'the root'}; "
                                 f"there: {', '.join(actions)}")
        v = int(tree.first_child[v]) + actions.index(action)
    return v


def leaf_payoffs(game, path: Sequence[str]) -> tuple:
    """The payoffs (expressions) at the end of ``path``, which must reach a leaf (certain
    chance moves are passed through)."""
    v = node_at(game, path)
    while game.tree.num_children[v] and _certain_branch(game, v) is not None:
        v = int(game.tree.first_child[v]) + _certain_branch(game, v)
    if game.tree.num_children[v] != 0:
        raise GameShapeError(f"{' > '.join(path)} does not end the game")
    return tuple(to_sympy(x) for x in game.tree.payoff[v])


def _certain_branch(game, v: int) -> int | None:
    """The action of a chance node taken with probability 1 (after substitution), else None."""
    infoset = game.infosets[int(game.tree.infoset[v])]
    if infoset.player >= 0 or infoset.probs is None:
        return None
    for a, prob in enumerate(infoset.probs):
        try:
            if exact(prob) == 1:
                return a
        except (TypeError, ValueError):
            return None
    return None


def _rebuild(game, root: int, title: str) -> ExtensiveGame:
    """The tree below ``root`` as a game, with every chance move of probability 1 collapsed
    into its certain branch (a switch fixed by substitution, such as ``lam`` in ``{0, 1}``)."""
    tree = game.tree
    order, stack = [], [root]
    while stack:
        v = stack.pop()
        while tree.num_children[v] and _certain_branch(game, v) is not None:
            v = int(tree.first_child[v]) + _certain_branch(game, v)
        order.append(v)
        first = int(tree.first_child[v])
        stack.extend(first + a for a in reversed(range(int(tree.num_children[v]))))
    inside = set(order)
    infosets, outcomes, node_infoset, node_outcome = {}, {}, [], []
    for v in order:
        k = int(tree.infoset[v])
        if tree.num_children[v]:
            members = {int(u) for u in game.infoset_members(k)}
            if not members <= inside:
                raise GameShapeError(f"an information set of the game reaches outside {title}")
            node_infoset.append(infosets.setdefault(k, len(infosets)))
        else:
            node_infoset.append(-1)
        o = int(tree.outcome[v])
        node_outcome.append(-1 if o < 0 else outcomes.setdefault(o, len(outcomes)))
    sets = [Infoset(game.infosets[k].player, game.infosets[k].label, game.infosets[k].actions,
                    game.infosets[k].probs) for k in infosets]
    outs = [Outcome(game.outcomes[o].label, game.outcomes[o].payoffs) for o in outcomes]
    return ExtensiveGame.from_preorder(game.players, sets, outs, node_infoset, node_outcome,
                                       title=title, parameters=game.parameters)


def collapsed(game) -> ExtensiveGame:
    """The game with its certain chance moves (probability 1) collapsed: a game whose switch
    ``lam`` was substituted has the tree the model builds with ``lam`` fixed.

    Examples
    --------
    >>> from gametheory.games import ExtensiveGame, chance, decision, leaf
    >>> g = ExtensiveGame(["A"], decision("A", {"x": chance({"on": ("t", leaf(1)),
    ...     "off": ("1 - t", leaf(0))}), "y": leaf(0)}), parameters=["t"])
    >>> collapsed(g.substitute({"t": 1})).n_nodes
    3
    """
    tree = game.tree
    if not any(tree.num_children[v] and _certain_branch(game, v) is not None
               for v in range(game.n_nodes)):
        return game
    return _rebuild(game, 0, game.title)


def subgame(game, path: Sequence[str]) -> ExtensiveGame:
    """The subgame that starts after ``path`` (its information sets must lie inside it), with
    certain chance moves collapsed.

    Outcomes attached to nodes above the subgame's root are left out (the models attach
    payoffs to leaves, and the renewal value to the subgame's root itself).
    """
    return _rebuild(game, node_at(game, path), f"{game.title} after {' > '.join(path)}")


# ------------------------------------------------------------------------------ deciding

def full_point(model: str, witness: Mapping, parameters: Iterable) -> dict[str, Fraction]:
    """A counterexample over every parameter of the game: the witness's values, the model's
    defaults for the parameters the witness leaves free (they are unconstrained there)."""
    spec = _model(model)
    named = {(k if isinstance(k, str) else k.name): exact(v) for k, v in witness.items()}
    out = {}
    for p in parameters:
        name = p.name if hasattr(p, "name") else str(p)
        out[name] = named.get(name, spec.defaults.get(name, Fraction(1)))
    return out


def decide(name: str, statement: str, conditions: Sequence, claim, parameters: Sequence, *,
           region: str = "", note: str = "", model: str = "", point=None,
           confirm=None) -> Certificate:
    """``conditions => claim`` about a solved game, decided exactly.

    Parameters
    ----------
    conditions : sequence of relations (or And/Or of them)
        Read off the solution (a piece's region, an equilibrium's support conditions) and the
        statement's hypotheses.
    claim : formula
        The statement under test.
    point : callable, optional
        ``point(witness) -> dict``: the counterexample over the game's parameters.
    confirm : callable, optional
        ``confirm(point) -> str``: what the solver finds at the counterexample (re-solved).

    Examples
    --------
    >>> x = sym("x")
    >>> decide("demo", "x > 1 means x > 0", [x > 1], x > 0, ()).status
    'proved'
    >>> cert = decide("demo", "x > 0 means x > 1", [x > 0], x > 1, ())
    >>> cert.status, cert.counterexample[0]["x"] <= 1
    ('refuted', True)
    """
    result, witness, method = implies(tuple(conditions), claim, tuple(parameters))
    step = Step(str(claim), method, result, region, note)
    status = {"holds": "proved", "fails": "refuted", "undecided": "undecided"}[result]
    if witness is None:
        return Certificate(name, statement, status, (step,), model)
    values = (point(witness) if point is not None
              else {k.name: exact(v) for k, v in witness.items()})
    found = confirm(values) if confirm is not None else ""
    return Certificate(name, statement, status, (step,), model, counterexample=(values,),
                       confirmation=found)


def _z3(expr, z3, names: dict):
    """A sympy expression, relation or And/Or/Not formula as a z3 term (exact rationals)."""
    if expr is sympy.true or expr is True:
        return z3.BoolVal(True)
    if expr is sympy.false or expr is False:
        return z3.BoolVal(False)
    if isinstance(expr, sympy.Symbol):
        return names.setdefault(expr.name, z3.Real(expr.name))
    if isinstance(expr, sympy.Rational):
        return z3.RealVal(f"{expr.p}/{expr.q}")
    args = [_z3(a, z3, names) for a in expr.args]
    ops = {sympy.Add: lambda xs: z3.Sum(xs), sympy.Mul: lambda xs: z3.Product(xs),
           sympy.And: lambda xs: z3.And(xs), sympy.Or: lambda xs: z3.Or(xs),
           sympy.Not: lambda xs: z3.Not(xs[0]),
           sympy.StrictLessThan: lambda xs: xs[0] < xs[1],
           sympy.LessThan: lambda xs: xs[0] <= xs[1],
           sympy.StrictGreaterThan: lambda xs: xs[0] > xs[1],
           sympy.GreaterThan: lambda xs: xs[0] >= xs[1],
           sympy.Equality: lambda xs: xs[0] == xs[1],
           sympy.Unequality: lambda xs: xs[0] != xs[1]}
    for kind, build in ops.items():
        if isinstance(expr, kind):
            return build(args)
    if isinstance(expr, sympy.Pow) and expr.exp.is_Integer and expr.exp > 0:
        return z3.Product([args[0]] * int(expr.exp))
    if isinstance(expr, (sympy.Max, sympy.Min)):
        out = args[0]
        for a in args[1:]:
            out = z3.If(a > out, a, out) if isinstance(expr, sympy.Max) else \
                z3.If(a < out, a, out)
        return out
    raise ValueError(f"not a polynomial formula: {expr}")


def formula_implies(conditions: Sequence, claim, parameters: Sequence):
    """Decide ``conditions => claim`` for formulas with ``Or``, ``Max`` and products in one call
    of z3's complete procedure for nonlinear real arithmetic (no case expansion).

    Returns ``(result, witness, method)`` like :func:`gametheory.proofs.claims.implies`; a
    witness with an irrational coordinate is replaced by an exact rational one found by
    :func:`~gametheory.proofs.claims.implies`.

    Examples
    --------
    >>> x, y = sym("x"), sym("y")
    >>> formula_implies([sympy.Or(x > 1, x < -1), y >= x * x], y > 1, ())[0]
    'holds'
    >>> result, witness, _ = formula_implies([sympy.Or(x > 1, x < -1)], x > 2, ())
    >>> result, witness[x] <= 2
    ('fails', True)
    """
    import z3
    names: dict = {}
    solver = z3.Solver()
    for p in parameters:
        for relation in p.constraints():
            solver.add(_z3(relation, z3, names))
    for condition in conditions:
        solver.add(_z3(condition, z3, names))
    solver.add(z3.Not(_z3(claim, z3, names)))
    answer = solver.check()
    if answer == z3.unsat:
        return "holds", None, "z3"
    if answer != z3.sat:
        return "undecided", None, "z3"
    model = solver.model()
    witness = {}
    for name, term in names.items():
        value = model.eval(term, model_completion=True)
        if not z3.is_rational_value(value):
            return implies(tuple(conditions), claim, tuple(parameters))
        witness[sym(name)] = Fraction(value.numerator_as_long(), value.denominator_as_long())
    return "fails", witness, "z3"


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
