"""Comparative statics on a piecewise solution, proved or refuted exactly.

Each claim comes back as a :class:`Proof`: ``'proved'`` with the steps a reader can follow (which
regions were shown empty, and by which exact procedure), ``'refuted'`` with a counterexample (an
exact point, or a pair of points, that the numeric solver confirms on
``game.substitute(point)``), or ``'undecided'`` when a non-linear question could not be decided.
A false claim is never reported as proved: a proof is a list of emptiness certificates.

* :func:`monotone`: the region where an outcome occurs grows (or shrinks) as a parameter rises.
  Proof: for every piece ``P`` with the outcome and every piece ``Q`` without it, the set
  ``{theta in P, theta' = theta with the parameter moved in the claimed direction, theta' in Q}``
  is empty.
* :func:`derivative_sign`: the sign of the derivative of a player's equilibrium payoff in each
  region (``region => d u / d param op 0``).
* :func:`switches`: which outcome turns into which as the parameter crosses a threshold, with the
  threshold expression, each switch confirmed numerically on both sides.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Callable

import sympy

from ..numbers import to_sympy
from ..parameters import Parameter
from .decide import satisfiable
from .regions import prove_implication
from .solution import Piece, PiecewiseSolution

__all__ = ["Proof", "Switch", "monotone", "derivative_sign", "switches", "numeric_paths"]

_SIGNS = {">": sympy.StrictGreaterThan, ">=": sympy.GreaterThan, "<": sympy.StrictLessThan,
          "<=": sympy.LessThan}


@dataclass(frozen=True)
class Proof:
    """The verdict on a claim.

    Attributes
    ----------
    statement : str
    status : {'proved', 'refuted', 'undecided'}
    method : str
        The decision procedures used (``linear``, ``z3``, ...).
    steps : tuple of str
    counterexample : tuple of dict or None
        Exact points (parameter name -> Fraction) confirmed by the numeric solver.
    witness : tuple of dict or None
        For a proved strict monotonicity claim: two points, only the parameter moved, where
        the outcome changes as claimed (confirmed by the numeric solver).
    """

    statement: str
    status: str
    method: str
    steps: tuple[str, ...]
    counterexample: tuple[dict, ...] | None = None
    witness: tuple[dict, ...] | None = None

    def __bool__(self) -> bool:
        return self.status == "proved"


@dataclass(frozen=True)
class Switch:
    """The equilibrium path changes from ``before`` to ``after`` as ``param`` rises past
    ``threshold`` (where the other conditions of ``where`` hold)."""

    param: str
    before: tuple[str, ...]
    after: tuple[str, ...]
    threshold: sympy.Expr
    where: tuple
    witness: tuple[dict, dict]


# ------------------------------------------------------------------------ numeric checks

def numeric_paths(game, point: dict) -> set[tuple[str, ...]]:
    """The equilibrium paths of the numeric game ``game.substitute(point)``, by the package's
    numeric solver (independent of the symbolic one)."""
    from ..solvers.solve import solve
    numeric = game.substitute(dict(point))
    solution = solve(numeric, method="spe")
    return {_path_of(numeric, e.behavior) for e in solution.equilibria}


def _path_of(game, behavior) -> tuple[str, ...]:
    from ..solvers.kernel import equilibrium_path
    choices = {k: probs for sets, player in zip(game.player_infosets, behavior)
               for k, probs in zip(sets, player)}
    return equilibrium_path(game, choices)


def _matcher(outcome) -> Callable[[tuple[str, ...]], bool]:
    if callable(outcome):
        return outcome
    if isinstance(outcome, str):
        return lambda path: path[:1] == (outcome,)
    if isinstance(outcome, (set, frozenset)):
        targets = {tuple(p) for p in outcome}
        return lambda path: path in targets
    target = tuple(outcome)
    return lambda path: path == target


def _names(point) -> dict[str, Fraction]:
    return {(k if isinstance(k, str) else k.name): Fraction(v) for k, v in point.items()}


# ------------------------------------------------------------------------ monotonicity

def monotone(solution: PiecewiseSolution, outcome, param: str,
             direction: str = "increasing", strict: bool = True) -> Proof:
    """Prove or refute: the set of parameters where ``outcome`` is an equilibrium outcome grows
    (``'increasing'``) or shrinks (``'decreasing'``) as ``param`` rises.

    "Grows" is meant strictly unless ``strict=False``: as ``param`` rises no point (of the other
    parameters) leaves the set, and some point enters it -- the strict set inclusion of
    monotone comparative statics (Milgrom and Shannon 1994; Topkis 1998, ch. 2).  A set that
    does not depend on ``param`` grows and shrinks only weakly, so a claim and its opposite
    are never both proved.

    Parameters
    ----------
    solution : PiecewiseSolution
    outcome : str, sequence of str, set of sequences, or callable
        A first action (``"S"``), a whole path, a set of paths, or a predicate on paths.
    param : str
    direction : {'increasing', 'decreasing'}
    strict : bool
        Also require a point where the set changes (default).

    Returns
    -------
    Proof
        Proved with ``witness = (theta, theta_up)``: the outcome changes between them as
        claimed (confirmed by the numeric solver).  Refuted with ``(theta, theta_moved)``: at
        ``theta`` the outcome occurs, at ``theta_moved`` (only ``param`` moved in the claimed
        direction) it does not; or, for a strict claim, refuted without a counterexample when
        the set does not depend on ``param`` (both inclusions proved, listed in the steps).

    Examples
    --------
    >>> from gametheory.games import ExtensiveGame, decision, leaf
    >>> from gametheory.symbolic.parametric import parametric_spe
    >>> g = ExtensiveGame(["A"], decision("A", {"x": leaf("c"), "y": leaf("b")}),
    ...                   parameters=["c", "b"])
    >>> solution = parametric_spe(g, generic=True)
    >>> proof = monotone(solution, "x", "c", "increasing")
    >>> proof.status, proof.witness[0]["c"] < proof.witness[1]["c"]
    ('proved', True)
    >>> proof = monotone(solution, "x", "c", "decreasing")
    >>> proof.status, proof.counterexample[0]["c"] > proof.counterexample[1]["c"]
    ('refuted', True)
    >>> proof = monotone(solution, "x", "b", "decreasing")
    >>> proof.status, proof.witness
    ('proved', ...)
    >>> flat = monotone(parametric_spe(g.substitute({"b": 1}), generic=True), "x", "c",
    ...                 "increasing")
    >>> flat.status                          # x is chosen iff c > 1: it does grow in c
    'proved'
    >>> g2 = ExtensiveGame(["A"], decision("A", {"x": leaf("b"), "y": leaf(1)}),
    ...                    parameters=["c", "b"])
    >>> independent = monotone(parametric_spe(g2, generic=True), "x", "c", "increasing")
    >>> independent.status, "does not depend on c" in independent.steps[-1]
    ('refuted', True)
    >>> monotone(parametric_spe(g2, generic=True), "x", "c", "increasing", strict=False).status
    'proved'
    """
    if direction not in ("increasing", "decreasing"):
        raise ValueError("direction is 'increasing' or 'decreasing'")
    game = solution.game
    _parameter(game, param)
    matches = _matcher(outcome)
    grows = direction == "increasing"
    weakly = "" if strict else "weakly "
    statement = (f"the region of outcome {_show_outcome(outcome)} "
                 f"{weakly}{'grows' if grows else 'shrinks'} as {param} rises")
    # "grows": no point leaves the region as param rises (a point with the outcome, moved
    # up, never lands outside); "shrinks": none enters it.
    status, steps, methods, pair = _inclusion(solution, matches, param, matches_first=grows)
    method = _methods(methods)
    if status != "proved":
        if pair and not grows:              # (with the outcome, without it at a lower value)
            pair = (pair[1], pair[0])
        return Proof(statement, status, method, tuple(steps), pair)
    change, more, more_methods, witness = _inclusion(solution, matches, param,
                                                     matches_first=not grows)
    method = _methods(methods + more_methods)
    if change == "refuted":
        steps.append(f"strict: the outcome {'appears' if grows else 'disappears'} between "
                     f"{witness[0]} and {witness[1]} (confirmed numerically)")
        return Proof(statement, "proved", method, tuple(steps), witness=witness)
    if change == "undecided":
        steps.append("whether the region changes at all is undecided")
        return Proof(statement, "proved" if not strict else "undecided", method, tuple(steps))
    steps += [f"opposite inclusion: {step}" for step in more]
    steps.append(f"the region does not depend on {param}: no point enters or leaves it as "
                 f"{param} rises, so it only weakly {'grows' if grows else 'shrinks'}")
    return Proof(statement, "refuted" if strict else "proved", method, tuple(steps))


def _methods(methods) -> str:
    return "+".join(dict.fromkeys(m for ms in methods for m in ms.split("+") if m)) or "trivial"


def _inclusion(solution, matches, param: str, matches_first: bool):
    """Show that no point moves, as ``param`` rises, from a piece where ``matches`` is
    ``matches_first`` into a piece where it is not: ``(status, steps, methods, pair)``, with
    ``pair = (theta, theta_up)`` confirmed by the numeric solver when refuted."""
    game = solution.game
    parameter = _parameter(game, param)
    moved = Parameter(_fresh(game, param), parameter.domain)
    t, p = moved.symbol, parameter.symbol
    start = [k for k, piece in enumerate(solution.pieces) if matches(piece.path) == matches_first]
    end = [k for k, piece in enumerate(solution.pieces) if matches(piece.path) != matches_first]
    steps, methods, undecided = [], [], False
    for i in start:
        for j in end:
            P, Q = solution.pieces[i], solution.pieces[j]
            relations = list(P.region.conditions) + list(P.region.assumptions)
            relations += [c.xreplace({p: t}) for c in Q.region.conditions]
            relations.append(t > p)
            decision = satisfiable(relations, tuple(game.parameters) + (moved,), interior=True)
            methods.append(decision.method)
            what = (f"region {i + 1} ({' -> '.join(P.path)}) with {param} moved up into region "
                    f"{j + 1} ({' -> '.join(Q.path)})")
            if decision.status == "false":
                steps.append(f"{what}: empty ({decision.method})")
                continue
            if decision.status == "undecided" or decision.witness is None:
                undecided = True
                steps.append(f"{what}: undecided")
                continue
            witness = {s.name: v for s, v in decision.witness.items()}
            theta = {q.name: witness.get(q.name, Fraction(0)) for q in game.parameters}
            theta_up = dict(theta, **{param: witness[moved.name]})
            if _confirm_pair(game, theta, theta_up,
                             matches if matches_first else (lambda x: not matches(x))):
                steps.append(f"{what}: not empty; confirmed numerically")
                return "refuted", steps, methods, (theta, theta_up)
            undecided = True
            steps.append(f"{what}: a point exists but the numeric solver did not confirm it "
                         f"(a boundary)")
    return ("undecided" if undecided else "proved"), steps, methods, None


def _confirm_pair(game, theta, theta_moved, matches) -> bool:
    before, after = numeric_paths(game, theta), numeric_paths(game, theta_moved)
    return any(matches(path) for path in before) and not any(matches(path) for path in after)


def _parameter(game, name: str) -> Parameter:
    for p in game.parameters:
        if p.name == name:
            return p
    raise ValueError(f"no parameter {name!r}")


def _fresh(game, name: str) -> str:
    taken = {p.name for p in game.parameters}
    candidate = f"{name}_moved"
    while candidate in taken:
        candidate += "_"
    return candidate


def _show_outcome(outcome) -> str:
    if callable(outcome):
        return getattr(outcome, "__name__", "predicate")
    if isinstance(outcome, str):
        return repr(outcome)
    if isinstance(outcome, (set, frozenset)):
        return "{" + ", ".join(" -> ".join(p) for p in sorted(map(tuple, outcome))) + "}"
    return " -> ".join(outcome)


# ------------------------------------------------------------------------ derivatives

def derivative_sign(solution: PiecewiseSolution, player: str | int, param: str,
                    sign: str = ">=") -> Proof:
    """Prove or refute: in every region, d(payoff of ``player``)/d(``param``) ``sign`` 0.

    Parameters
    ----------
    sign : {'>', '>=', '<', '<='}

    Returns
    -------
    Proof
        Refuted with one point where the derivative has the wrong sign; the numeric solver
        confirms the equilibrium payoff there and a nearby point of the same region shows the
        payoff moving the wrong way.

    Examples
    --------
    >>> from gametheory.games import ExtensiveGame, decision, leaf
    >>> from gametheory.symbolic.parametric import parametric_spe
    >>> g = ExtensiveGame(["A"], decision("A", {"x": leaf("c"), "y": leaf(1)}),
    ...                   parameters=["c"])
    >>> derivative_sign(parametric_spe(g, generic=True), "A", "c", ">=").status
    'proved'
    >>> derivative_sign(parametric_spe(g, generic=True), "A", "c", ">").status
    'refuted'
    """
    game = solution.game
    i = game.player_index(player)
    p = _parameter(game, param).symbol
    statement = f"d u_{game.players[i]} / d {param} {sign} 0 in every region"
    steps, methods, undecided = [], [], False
    for k, piece in enumerate(solution.pieces):
        derivative = sympy.diff(to_sympy(piece.payoffs[i]), p)
        claim = _SIGNS[sign](derivative, 0)
        if claim is sympy.true:
            steps.append(f"region {k + 1}: d/d{param} = {derivative}, trivially {sign} 0")
            continue
        decision = prove_implication(piece.region, claim) if claim is not sympy.false else None
        if decision is not None:
            methods.append(decision.method)
        if decision is not None and decision.status == "true":
            steps.append(f"region {k + 1}: d/d{param} = {derivative} {sign} 0 on the region "
                         f"({decision.method})")
            continue
        if decision is not None and decision.status == "undecided":
            undecided = True
            steps.append(f"region {k + 1}: d/d{param} = {derivative}: undecided")
            continue
        witness = decision.witness if decision is not None else _sample(piece)
        if witness is None:
            undecided = True
            continue
        point = {q.name: _names(witness).get(q.name, Fraction(0)) for q in game.parameters}
        if _confirm_derivative(game, piece, i, param, point, sign):
            steps.append(f"region {k + 1}: d/d{param} = {derivative} fails at {point}")
            return Proof(statement, "refuted", "+".join(dict.fromkeys(methods)) or "trivial",
                         tuple(steps), (point,))
        undecided = True
        steps.append(f"region {k + 1}: counterexample at {point} not confirmed numerically")
    status = "undecided" if undecided else "proved"
    return Proof(statement, status, "+".join(dict.fromkeys(methods)) or "trivial", tuple(steps))


def _sample(piece: Piece):
    try:
        return piece.region.sample_point()
    except (ValueError, RuntimeError):
        return None


def _payoff_at(game, point, i, path) -> Fraction | None:
    from .parametric import parametric_spe
    numeric = parametric_spe(game.substitute(point), simplify=False)
    values = {piece.payoffs[i] for piece in numeric if piece.path == path}
    return Fraction(str(values.pop())) if len(values) == 1 else None


def _confirm_derivative(game, piece, i, param, point, sign) -> bool:
    """The payoff at the point matches the piece, and moving ``param`` a little (inside the
    region) changes it in the direction the claim forbids."""
    base = _payoff_at(game, point, i, piece.path)
    if base is None:
        return False
    step = Fraction(1, 8)
    for _ in range(12):
        for delta in (step, -step):
            nearby = dict(point, **{param: point[param] + delta})
            if not piece.region.contains(nearby):
                continue
            try:
                moved = _payoff_at(game, nearby, i, piece.path)
            except ValueError:
                continue
            if moved is None:
                continue
            slope = (moved - base) / delta
            if not _holds(slope, sign):
                return True
        step /= 4
    return False


def _holds(value: Fraction, sign: str) -> bool:
    return {">": value > 0, ">=": value >= 0, "<": value < 0, "<=": value <= 0}[sign]


# ------------------------------------------------------------------------ switches

def switches(solution: PiecewiseSolution, param: str) -> tuple[Switch, ...]:
    """The changes of equilibrium path as ``param`` rises across a region boundary.

    For two pieces with different paths whose regions lie on opposite sides of one boundary
    ``expr = 0`` (linear in ``param``), the threshold is the solution of ``expr = 0`` for
    ``param``.  Each switch is confirmed numerically just below and just above a boundary point.

    Examples
    --------
    >>> from gametheory.games import ExtensiveGame, decision, leaf
    >>> from gametheory.symbolic.parametric import parametric_spe
    >>> g = ExtensiveGame(["A"], decision("A", {"x": leaf("c"), "y": leaf("b")}),
    ...                   parameters=["c", "b"])
    >>> [(s.before, s.after, s.threshold) for s in switches(parametric_spe(g), "c")]
    [(('y',), ('x',), b)]
    """
    game = solution.game
    p = _parameter(game, param).symbol
    found: dict[tuple, Switch] = {}
    pieces = solution.pieces
    for a, P in enumerate(pieces):
        for b, Q in enumerate(pieces):
            if a >= b or P.path == Q.path:
                continue
            for c in P.region.conditions:
                if p not in c.free_symbols or not hasattr(c, "lhs"):
                    continue
                expr = sympy.expand(c.lhs - c.rhs)
                if sympy.degree(expr, p) != 1:
                    continue
                opposite = [d for d in Q.region.conditions if _side(d, expr) == -_side(c, expr)
                            and _side(c, expr) != 0]
                if not opposite:
                    continue
                switch = _confirm_switch(game, P, Q, c, opposite[0], expr, p, param)
                if switch is not None:
                    key = (switch.before, switch.after, switch.threshold)
                    found.setdefault(key, switch)
    return tuple(found.values())


def _side(relation, expr) -> int:
    """+1 if ``relation`` says ``expr > 0`` (or ``>= 0``), -1 if ``expr < 0`` (or ``<= 0``),
    0 otherwise."""
    op = getattr(relation, "rel_op", None)
    if op not in (">", ">=", "<", "<="):
        return 0
    e = sympy.expand(relation.lhs - relation.rhs)
    sign = 1 if sympy.expand(e - expr) == 0 else -1 if sympy.expand(e + expr) == 0 else 0
    return sign * (1 if op in (">", ">=") else -1)


def _confirm_switch(game, P, Q, c, d, expr, p, param) -> Switch | None:
    rest = [x for x in P.region.conditions if x is not c] + \
        [x for x in Q.region.conditions if x is not d]
    decision = satisfiable(rest + [sympy.Eq(expr, 0)] + list(P.region.assumptions),
                           game.parameters, interior=True)
    if decision.status != "true" or decision.witness is None:
        return None
    point = {q.name: _names(decision.witness).get(q.name, Fraction(0)) for q in game.parameters}
    slope = sympy.diff(expr, p).xreplace({q.symbol: to_sympy(point[q.name])
                                          for q in game.parameters})
    if slope == 0:
        return None
    threshold = sympy.solve(expr, p)[0]
    step = Fraction(1, 16)
    for _ in range(10):
        below = dict(point, **{param: point[param] - step})
        above = dict(point, **{param: point[param] + step})
        if all(_parameter(game, param).contains(x[param]) for x in (below, above)):
            low, high = P, Q
            if not (P.region.contains(below) and Q.region.contains(above)):
                low, high = Q, P
            if low.region.contains(below) and high.region.contains(above):
                if numeric_paths(game, below) == {low.path} and \
                        numeric_paths(game, above) == {high.path}:
                    return Switch(param, low.path, high.path, threshold,
                                  tuple(rest), (below, above))
        step /= 4
    return None
