"""Claims about equilibrium outcomes over parameter regions, proved or refuted exactly.

The engine behind every proposition, and the way a user states claims of their own.

A *world* is a symbolic game solved once -- by :func:`gametheory.symbolic.parametric.parametric_spe`
(generic parameters: the pieces are open regions on which every comparison of backward induction
is strict) for games of perfect information, by the symbolic PBE solver
(:mod:`gametheory.solvers.pbe`, pure assessments, regions taken on their interior, beliefs as
extra variables) for games with private information -- with its parameters possibly renamed
(``c`` becomes ``c_up`` in the copy of a monotonicity proof) and some fixed (``lam = 0``).
Each game is solved once per process (:func:`fingerprint`).  A claim over several worlds is a
map from one piece of each world to an *obligation*: a formula (``And``/``Or``/``Not`` of
relations) that must hold on the intersection of the pieces.  :func:`prove` discharges every
obligation by showing that ``pieces and not obligation`` is empty -- exactly, by Fourier-Motzkin
elimination for linear conditions and z3's nlsat for polynomial ones
(:mod:`gametheory.symbolic.decide`); ``Abs`` terms are removed by splitting into sign cases.
If a conjunction is not empty, its exact witness is a counterexample, re-solved with the
numeric solver on the substituted game (``game.substitute(point)``) to confirm that the claim
fails there; it is printed as ``gametheory solve MODEL --param NAME=VALUE ...``.

User claims (:func:`check_claim`, :func:`parse_claim`):

* :class:`RegionClaim`: "where ``conditions`` hold, the outcome is ``outcome``";
* :class:`IffClaim`: "the outcome is ``outcome`` exactly where ``conditions`` hold";
* :class:`MonotoneClaim`: "the region of ``outcome`` shrinks (grows) as ``parameter``
  rises", strictly: over a world and its copy with the parameter raised, no point enters the
  region (``theta in P_copy, theta in Q, param_up > param`` is empty for every piece ``P``
  with the outcome and ``Q`` without, or the reverse) and some point leaves it (a witness pair,
  confirmed numerically).  A region that does not depend on the parameter only *weakly*
  shrinks and grows: both strict claims are refuted, so a claim and its opposite are never
  both proved.

An outcome is a first action (``"S"``), any action on the path (``"accept"``), a path prefix
(``("L", "concede")``) or a predicate on paths; labels that are no action of the game are
refused.

Examples
--------
>>> from fractions import Fraction
>>> from gametheory.games import ExtensiveGame, decision, leaf
>>> g = ExtensiveGame(["A"], decision("A", {"x": leaf("c"), "y": leaf(1)}), parameters=["c"])
>>> check_claim(g, parse_claim("x grows in c")).status
'proved'
>>> cert = check_claim(g, parse_claim("x where c > 1/2"))
>>> cert.status, Fraction(1, 2) < cert.counterexample[0]["c"] < 1
('refuted', True)
"""

from __future__ import annotations

import itertools
import json
import re
from dataclasses import dataclass, field
from fractions import Fraction
from functools import lru_cache
from typing import Any, Callable, Iterable, Mapping, Sequence

import sympy
from sympy.core.relational import Relational

from gametheory.errors import did_you_mean
from gametheory.numbers import exact, parse_relation, to_sympy
from gametheory.parameters import Parameter
from gametheory.symbolic.decide import negate, satisfiable
from gametheory.symbolic.parametric import parametric_spe
from gametheory.symbolic.relations import relation_text
from gametheory.proofs.certificate import Certificate, Step

__all__ = ["World", "View", "world", "model_world", "prove", "implies", "numeric_outcomes",
           "RegionClaim", "IffClaim", "MonotoneClaim", "check_claim", "parse_claim",
           "matcher", "path_text", "raised", "claim_matcher", "solver_for", "chance_positive",
           "equilibria_text", "fingerprint", "solved_games", "spe_pieces"]

Outcome = Any  # str (first action), tuple (path prefix) or callable(path) -> bool


# ------------------------------------------------------------------------------ worlds

@dataclass(frozen=True)
class View:
    """One piece of one world: the path, the payoffs (in the world's symbols), the region."""

    world: str
    index: int
    path: tuple[str, ...]
    payoffs: tuple
    conditions: tuple


@dataclass(frozen=True)
class World:
    """A solved symbolic game, with renamed and fixed parameters.

    Attributes
    ----------
    label : str
    game : ExtensiveGame
        The symbolic game (fixed parameters already substituted).
    pieces : tuple of View
    parameters : tuple of Parameter
        The world's parameters after renaming, plus the fixed ones (as declared parameters, so
        that obligations may mention them).
    rename : dict
        Game parameter name -> name in the world.
    fixed : dict
        Parameter name -> value (fixed before solving; also true in every piece).
    """

    label: str
    game: Any
    pieces: tuple[View, ...]
    parameters: tuple[Parameter, ...]
    rename: Mapping[str, str] = field(default_factory=dict)
    fixed: Mapping[str, Fraction] = field(default_factory=dict)
    source: str = ""
    solver: str = "spe"

    def point(self, witness: Mapping[str, Fraction]) -> dict[str, Fraction]:
        """The game's parameter values at a witness (names of the world -> values)."""
        return {p.name: witness.get(self.rename.get(p.name, p.name), Fraction(0))
                for p in self.game.parameters}

    def full_point(self, witness: Mapping[str, Fraction]) -> dict[str, Fraction]:
        """:meth:`point` plus the parameters fixed before solving: every value that
        ``gametheory solve SOURCE --param ...`` needs to rebuild the numeric game."""
        return {**{k: exact(v) for k, v in self.fixed.items()}, **self.point(witness)}

    def symbol(self, name: str) -> sympy.Symbol:
        """The world's symbol for a parameter of the game (renamed if it was)."""
        return sympy.Symbol(self.rename.get(name, name), real=True)

    def without(self, name: str) -> "World":
        """The world with the conditions on parameter ``name`` dropped from its pieces and the
        parameter from its list: to pair two worlds that fix it differently (``lam = 0`` in
        one game, ``lam = 1`` in the other is no contradiction)."""
        symbol = sympy.Symbol(name, real=True)
        pieces = tuple(View(v.world, v.index, v.path, v.payoffs,
                            tuple(x for x in v.conditions if symbol not in x.free_symbols))
                       for v in self.pieces)
        return World(self.label, self.game, pieces,
                     tuple(p for p in self.parameters if p.name != name), self.rename,
                     self.fixed, self.source, self.solver)


_SOLVED: dict[tuple[str, str], tuple] = {}


def fingerprint(game) -> str:
    """The game's JSON text (sorted keys): equal for games built twice the same way, so that a
    run of several proofs solves each game once (:func:`solved_games` counts them).

    Examples
    --------
    >>> from gametheory.models import MODELS
    >>> fingerprint(MODELS["linkage"].build(lam=0)) == fingerprint(MODELS["linkage"].build(lam=0))
    True
    """
    from gametheory.io.json_format import to_json_dict
    return json.dumps(to_json_dict(game), sort_keys=True, default=str)


def solved_games() -> int:
    """How many distinct games this process has solved for claims so far."""
    return len(_SOLVED)


def _cached(kind: str, game, compute: Callable[[], tuple]) -> tuple:
    key = (kind, fingerprint(game))
    if key not in _SOLVED:
        _SOLVED[key] = compute()
    return _SOLVED[key]


@lru_cache(maxsize=64)
def _solve(game) -> tuple:
    return _cached("spe", game, lambda: tuple(parametric_spe(game, generic=True).pieces))


def spe_pieces(game) -> tuple:
    """The pieces (regions, profiles, paths, payoffs) of the generic parametric SPE of
    ``game``, solved once per process (:func:`fingerprint`)."""
    return _solve(game)


def solver_for(game) -> str:
    """``'spe'`` for games of perfect information (chance moves allowed), else ``'pbe'``.

    Examples
    --------
    >>> from gametheory.catalog import beer_quiche, entry_game
    >>> solver_for(entry_game()), solver_for(beer_quiche())
    ('spe', 'pbe')
    """
    return "spe" if game.is_perfect_information else "pbe"


def chance_positive(game) -> tuple:
    """The assumptions ``p > 0`` for every symbolic chance probability ``p`` of ``game``: claims
    about games with private information are about the interior of the prior's domain, where
    Bayes' rule applies on the path (Fudenberg and Tirole 1991)."""
    out = []
    for infoset in game.infosets:
        for prob in infoset.probs or ():
            if not isinstance(prob, (int, Fraction)):
                out.append(to_sympy(prob) > 0)
    return tuple(dict.fromkeys(out))


def _strict(relation):
    """``a <= b`` -> ``a < b`` (and ``>=`` -> ``>``): the interior of a closed condition."""
    op = getattr(relation, "rel_op", None)
    if op == "<=":
        return relation.lhs < relation.rhs
    if op == ">=":
        return relation.lhs > relation.rhs
    return relation


@lru_cache(maxsize=16)
def _solve_pbe(game) -> tuple:
    """The pure weak PBE of a symbolic game as ``(path, payoffs, conditions, beliefs)`` rows,
    each on the interior of its region (generic parameters and beliefs)."""
    return _cached("pbe", game, lambda: _pbe_rows(game))


def _pbe_rows(game) -> tuple:
    from gametheory.solvers.solve import solve
    solution = solve(game, method="pbe", assumptions=chance_positive(game))
    names = {p.name for p in game.parameters}
    rows = []
    for e in solution.equilibria:
        conditions = tuple(_strict(c) for c in tuple(e.region.conditions)
                           + tuple(e.region.assumptions))
        extra = sorted({x for c in conditions for x in c.free_symbols if x.name not in names},
                       key=str)
        rows.append((_walk(game, e.behavior), tuple(e.payoffs), conditions, tuple(extra)))
    return tuple(rows)


def world(game, label: str = "", *, rename: Mapping[str, str] | None = None,
          fixed: Mapping[str, Any] | None = None, fixed_parameters: Iterable[Parameter] = (),
          source: str = "") -> World:
    """Solve ``game`` and present it as a world.

    Games of perfect information are solved by the generic parametric SPE; games with private
    information by the symbolic PBE solver (pure assessments; every region taken on its
    interior, and beliefs appear as extra variables in ``[0, 1]``).

    Parameters
    ----------
    game : ExtensiveGame
        Symbolic; ``fixed`` records parameters that were substituted before (their values are
        added to every piece as equalities over ``fixed_parameters``).
    rename : mapping, optional
        Parameter name -> new name (a copy of the game for comparative statics).
    source : str
        The GAME argument of ``gametheory solve`` that rebuilds the game (a model name or a
        file), used to print counterexamples a user can re-check.
    """
    rename = dict(rename or {})
    fixed = {k: exact(v) for k, v in (fixed or {}).items()}
    subs = {p.symbol: sympy.Symbol(rename[p.name], real=True)
            for p in game.parameters if p.name in rename}
    params = [Parameter(rename.get(p.name, p.name), p.domain, p.meaning, p.source)
              for p in game.parameters]
    by_name = {p.name: p for p in fixed_parameters}
    extra = []
    for name, value in fixed.items():
        if name in by_name:
            params.append(by_name[name])
            extra.append(sympy.Eq(by_name[name].symbol, to_sympy(value)))
    solver = solver_for(game)
    if solver == "spe":
        rows = [(tuple(piece.path), tuple(piece.payoffs),
                 tuple(piece.region.conditions) + tuple(piece.region.assumptions), ())
                for piece in _solve(game)]
    else:
        rows = _solve_pbe(game)
    beliefs = {}
    views = []
    for k, (path, payoffs, conditions, free) in enumerate(rows, 1):
        for symbol in free:           # beliefs (and mixing probabilities) of this piece
            fresh = f"{symbol.name}_{label}" if rename else symbol.name
            beliefs.setdefault(fresh, Parameter(fresh, "[0, 1]", "belief"))
            subs.setdefault(symbol, beliefs[fresh].symbol)
        conditions = tuple(c.xreplace(subs) for c in conditions) + tuple(extra)
        payoffs = tuple(sympy.sympify(u).xreplace(subs) for u in payoffs)
        views.append(View(label, k, path, payoffs, conditions))
    params.extend(beliefs.values())
    return World(label, game, tuple(views), tuple(params), rename, fixed, source, solver)


def model_world(model_name: str, label: str = "", *, rename: Mapping[str, str] | None = None,
                **fixed) -> World:
    """A world from a built-in model (``gametheory.models.MODELS``), solved once and cached."""
    from gametheory.models import MODELS
    model = MODELS[model_name]
    game = _model_game(model_name, tuple(sorted((k, str(exact(v))) for k, v in fixed.items())))
    return world(game, label or model_name, rename=rename, fixed=fixed,
                 fixed_parameters=model.parameters, source=model_name)


@lru_cache(maxsize=64)
def _model_game(model_name: str, fixed: tuple):
    from gametheory.models import MODELS
    return MODELS[model_name].build(**dict(fixed))


# ------------------------------------------------------------------------------ formulas

def _dnf(formula) -> list[tuple]:
    """Disjunctive normal form of an And/Or/Not combination of relations (a list of
    conjunctions; ``[]`` is false, ``[()]`` is true)."""
    if formula is True or formula is sympy.true:
        return [()]
    if formula is False or formula is sympy.false:
        return []
    if isinstance(formula, sympy.Or):
        return [c for arg in formula.args for c in _dnf(arg)]
    if isinstance(formula, sympy.And):
        out = [()]
        for arg in formula.args:
            out = [a + b for a in out for b in _dnf(arg)]
        return out
    if isinstance(formula, sympy.Not):
        return _dnf(_negation(formula.args[0]))
    if isinstance(formula, Relational):
        return [(formula,)]
    raise ValueError(f"not a formula of relations: {formula!r}")


def _negation(formula):
    if formula is True or formula is sympy.true:
        return sympy.false
    if formula is False or formula is sympy.false:
        return sympy.true
    if isinstance(formula, sympy.Or):
        return sympy.And(*[_negation(a) for a in formula.args], evaluate=False)
    if isinstance(formula, sympy.And):
        return sympy.Or(*[_negation(a) for a in formula.args], evaluate=False)
    if isinstance(formula, sympy.Not):
        return formula.args[0]
    return negate(formula)


def _abs_cases(relations: tuple) -> list[tuple]:
    """Remove ``Abs``, ``Min`` and ``Max`` by splitting into cases: ``|e|`` is ``e`` where
    ``e >= 0``, else ``-e``; ``Min(a, b, ...)`` is ``a`` where ``a <= b, ...``, and so on."""
    for r in relations:
        atoms = sorted(r.atoms(sympy.Abs, sympy.Min, sympy.Max), key=sympy.default_sort_key)
        if not atoms:
            continue
        atom = atoms[0]
        cases = []
        if isinstance(atom, sympy.Abs):
            e = atom.args[0]
            cases = [(e, (e >= 0,)), (-e, (e < 0,))]
        else:
            args = atom.args
            for i, a in enumerate(args):
                better = [(a <= b if isinstance(atom, sympy.Min) else a >= b) if j > i else
                          (a < b if isinstance(atom, sympy.Min) else a > b)
                          for j, b in enumerate(args) if j != i]
                cases.append((a, tuple(better)))
        out = []
        for value, guard in cases:
            case = _clean(tuple(x.xreplace({atom: value}) for x in relations) + guard)
            if sympy.false not in case:
                out.extend(_abs_cases(case))
        return out
    return [relations]


def _clean(relations: tuple) -> tuple:
    out = []
    for r in relations:
        r = sympy.sympify(r)
        if r is sympy.false:
            return (sympy.false,)
        if r is not sympy.true:
            out.append(r)
    return tuple(out)


_SIDES = {">": (1, True), ">=": (1, False), "<": (-1, True), "<=": (-1, False)}


@lru_cache(maxsize=65536)
def _side(relation):
    """``(e, sign, strict)`` for ``e > 0`` (sign 1) or ``e < 0`` (sign -1) with ``e`` the
    expanded ``lhs - rhs``, normalised so that ``e`` and ``-e`` give the same key; else None."""
    op = getattr(relation, "rel_op", None)
    if op not in _SIDES:
        return None
    sign, strict = _SIDES[op]
    e = sympy.expand(relation.lhs - relation.rhs)
    if sympy.default_sort_key(-e) < sympy.default_sort_key(e):
        e, sign = -e, -sign
    return e, sign, strict


def _opposed(relations: tuple) -> bool:
    """Two relations that say ``e > 0`` and ``e < 0`` (or ``e >= 0`` and ``e < 0``): the
    conjunction is empty without a decision procedure (pairs of pieces on opposite sides of
    one boundary are the common case in comparative statics).

    Examples
    --------
    >>> x, y = sympy.symbols("x y", real=True)
    >>> _opposed((x - y > 0, y > x)), _opposed((x >= y, x <= y)), _opposed((x > y, x > 0))
    (True, False, False)
    """
    seen: dict = {}
    for r in relations:
        side = _side(r)
        if side is None:
            continue
        e, sign, strict = side
        for other_sign, other_strict in seen.get(e, ()):
            if other_sign != sign and (strict or other_strict):
                return True
        seen.setdefault(e, []).append((sign, strict))
    return False


def _decide(relations: tuple, parameters: tuple):
    """Satisfiability of a conjunction (``Abs`` split into cases): (status, witness, method)."""
    relations = _clean(relations)
    if sympy.false in relations:
        return "false", None, "trivial"
    if _opposed(relations):
        return "false", None, "opposite"
    methods, undecided = [], False
    for case in _abs_cases(relations):
        if sympy.false in case:
            continue
        decision = satisfiable(case, parameters, interior=True)
        methods.append(decision.method)
        if decision.status == "true":
            return "true", decision.witness, decision.method
        undecided |= decision.status == "undecided"
    method = "+".join(dict.fromkeys(methods)) or "trivial"
    if len(methods) > 1:
        method = "cases+" + method
    return ("undecided" if undecided else "false"), None, method


def implies(conditions: Sequence, formula, parameters: Sequence[Parameter]):
    """Decide ``conditions => formula``: (result 'holds'/'fails'/'undecided', witness, method).

    Examples
    --------
    >>> x, y = sympy.symbols("x y", real=True)
    >>> implies([x > 1, y > x], sympy.Or(y > 1, x < 0), ())[0]
    'holds'
    >>> implies([x > 1], sympy.Abs(x - 3) < 1, ())[:2]
    ('fails', {x: Fraction(5, 1)})
    """
    parameters = tuple(parameters)
    plain = tuple(c for c in conditions if isinstance(c, Relational) or c in (True, False)
                  or c in (sympy.true, sympy.false))
    compound = [c for c in conditions if c not in plain]
    cases = [()]
    for c in compound:
        cases = [a + b for a in cases for b in _dnf(c)]
    methods, undecided = [], False
    for conjunct in (a + b for a in cases for b in _dnf(_negation(formula))):
        status, witness, method = _decide(plain + conjunct, parameters)
        methods.append(method)
        if status == "true":
            return "fails", witness, method
        undecided |= status == "undecided"
    method = "+".join(dict.fromkeys(methods)) or "trivial"
    return ("undecided" if undecided else "holds"), None, method


# ------------------------------------------------------------------------------ outcomes

def matcher(outcome: Outcome) -> Callable[[tuple[str, ...]], bool]:
    """A predicate on paths: a first action, a path prefix, or a predicate itself.

    Examples
    --------
    >>> matcher("S")(("S", "accept")), matcher(("L", "concede"))(("L", "refuse"))
    (True, False)
    """
    if callable(outcome):
        return outcome
    if isinstance(outcome, str):
        return lambda path: path[:1] == (outcome,)
    prefix = tuple(outcome)
    return lambda path: tuple(path[:len(prefix)]) == prefix


def path_text(path: Sequence[str]) -> str:
    return " > ".join(path) if path else "(empty)"


def _show(outcome: Outcome) -> str:
    if callable(outcome):
        return getattr(outcome, "__doc__", None) or getattr(outcome, "__name__", "predicate")
    return outcome if isinstance(outcome, str) else path_text(outcome)


def _walk(game, behavior) -> tuple[str, ...]:
    """The actions on the path of a behaviour profile (every branch of a chance node, and every
    action in the support of a mixed move, in pre-order)."""
    tree = game.tree
    choice = {k: probs for sets, player in zip(game.player_infosets, behavior)
              for k, probs in zip(sets, player)}
    path, stack = [], [0]
    while stack:
        v = stack.pop()
        k = int(tree.infoset[v])
        if tree.num_children[v] == 0:
            continue
        infoset = game.infosets[k]
        probs = infoset.probs if infoset.player < 0 else choice[k]
        taken = [a for a, p in enumerate(probs) if p != 0]
        for a in taken:
            path.append(infoset.actions[a])
        stack.extend(int(tree.first_child[v]) + a for a in reversed(taken))
    return tuple(path)


def numeric_outcomes(game, point: Mapping[str, Fraction], method: str = "spe"
                     ) -> list[tuple[tuple, tuple]]:
    """The (path, payoffs) of every equilibrium of the numeric game at ``point``.

    ``method`` is ``'spe'`` (backward induction) or ``'pbe'`` (weak perfect Bayesian
    equilibria over pure assessments), by the package's numeric solvers.

    Examples
    --------
    >>> from gametheory.games import ExtensiveGame, decision, leaf
    >>> g = ExtensiveGame(["A"], decision("A", {"x": leaf("c"), "y": leaf(1)}),
    ...                   parameters=["c"])
    >>> numeric_outcomes(g, {"c": 2})
    [(('x',), (Fraction(2, 1),))]
    """
    from gametheory.solvers.solve import solve
    numeric = game.substitute(dict(point)) if game.parameters else game
    solution = solve(numeric, method=method)
    return [(_walk(numeric, e.behavior), tuple(e.payoffs)) for e in solution.equilibria]


# ------------------------------------------------------------------------------ the prover

Obligation = Callable[..., Any]

MAX_COMBINATIONS = 10_000
"""The most combinations of pieces (one per world) a claim may need: beyond, :func:`prove`
refuses (in seconds) rather than deciding for hours."""


def prove(name: str, statement: str, worlds: Sequence[World], obligation: Obligation, *,
          domain: Sequence = (), model: str = "", note: Callable[..., str] | None = None
          ) -> Certificate:
    """Prove ``obligation(view_1, ..., view_n)`` on every combination of pieces of the worlds.

    Parameters
    ----------
    worlds : sequence of World
    obligation : callable
        Takes one :class:`View` per world, returns a formula in the worlds' symbols (``True``
        when there is nothing to show).
    domain : sequence of relations
        Extra conditions restricting the claim (the statement's hypotheses, ``c' > c``).

    Returns
    -------
    Certificate
        ``proved`` if every obligation holds on its pieces; ``refuted`` with the first
        counterexample, re-solved numerically; ``undecided`` otherwise.
    """
    parameters = tuple({p.name: p for w in worlds for p in w.parameters}.values())
    combinations = 1
    for w in worlds:
        combinations *= len(w.pieces)
    if combinations > MAX_COMBINATIONS:
        raise ValueError(f"{name}: the claim needs {combinations} combinations of pieces "
                         f"({' x '.join(str(len(w.pieces)) for w in worlds)}), more than "
                         f"{MAX_COMBINATIONS}; fix some parameters (--param NAME=VALUE) to "
                         f"make the solved game smaller")
    steps, regions = [], []
    for w in worlds:
        for v in w.pieces:
            regions.append((f"{w.label}#{v.index} ({path_text(v.path)})",
                            " & ".join(map(_text, v.conditions)) or "everywhere"))
    domain = tuple(domain)
    trivial = 0
    undecided = []
    for combo in itertools.product(*(w.pieces for w in worlds)):
        formula = obligation(*combo)
        if formula is True or formula is sympy.true:
            trivial += 1
            continue
        conditions = tuple(c for v in combo for c in v.conditions) + domain
        result, witness, method = implies(conditions, formula, parameters)
        where = " & ".join(f"{v.world}#{v.index} ({path_text(v.path)})" for v in combo)
        text = _formula_text(formula)
        extra = note(*combo) if note else ""
        steps.append(Step(text, method, result, where, extra))
        if result == "fails":
            return _refuted(name, statement, worlds, obligation, combo, witness, steps,
                            model, tuple(regions), domain)
        if result == "undecided":
            undecided.append(where)
    if trivial:
        steps.append(Step(f"{trivial} combination(s) of pieces carry no obligation "
                          "(their outcomes satisfy the claim by their labels)", "trivial",
                          "holds"))
    if domain:
        steps.insert(0, Step("hypotheses: " + " & ".join(str(d) for d in domain), "given",
                             "assumed"))
    status = "undecided" if undecided else "proved"
    reason = (f"undecided on {len(undecided)} combination(s): {undecided[0]} ..."
              if undecided else "")
    return Certificate(name, statement, status, tuple(steps), model, tuple(regions),
                       reason=reason)


@lru_cache(maxsize=8192)
def _text(relation) -> str:
    """A condition as a reader writes it (``lam = 0``): see :func:`relation_text`."""
    return relation_text(relation)


def _formula_text(formula) -> str:
    if isinstance(formula, sympy.Or):
        return " or ".join(f"({_formula_text(a)})" for a in formula.args)
    if isinstance(formula, sympy.And):
        return " and ".join(_formula_text(a) for a in formula.args)
    if isinstance(formula, sympy.Not):
        return f"not ({_formula_text(formula.args[0])})"
    return _text(formula)


def _refuted(name, statement, worlds, obligation, combo, witness, steps, model, regions, domain):
    names = {s.name: v for s, v in witness.items()}
    confirmed, found = _confirm(worlds, obligation, names)
    points = tuple(w.full_point(names) for w in worlds)
    confirmation = (f"the numeric solver finds {found}; the claim fails there" if confirmed else
                    f"the numeric solver finds {found}, which does not contradict the claim "
                    f"(a boundary point)")
    return Certificate(name, statement, "refuted" if confirmed else "undecided", tuple(steps),
                       model, regions, points, confirmation,
                       "" if confirmed else "counterexample not confirmed numerically",
                       target=worlds[0].source)


def equilibria_text(found: Sequence[tuple[tuple, tuple]]) -> str:
    """``"L > concede with payoffs (2, -2, 2)"`` for each (path, payoffs), ``" or "``-joined.

    Examples
    --------
    >>> equilibria_text([(("L", "concede"), (Fraction(2), Fraction(-2)))])
    'L > concede with payoffs (2, -2)'
    >>> equilibria_text([(("N",), (0,)), (("N",), (0,))])
    'N with payoffs (0) [2 equilibria]'
    """
    if not found:
        return "no equilibrium"
    counts = {}
    for p, pay in found:                # equilibria that differ only off the path, once
        key = (tuple(p), tuple(pay))
        counts[key] = counts.get(key, 0) + 1
    return " or ".join(f"{path_text(p)} with payoffs ({', '.join(str(u) for u in pay)})"
                       + (f" [{n} equilibria]" if n > 1 else "")
                       for (p, pay), n in counts.items())


def _confirm(worlds, obligation, names) -> tuple[bool, str]:
    results = [numeric_outcomes(w.game, w.point(names), w.solver) for w in worlds]
    values = {sympy.Symbol(k, real=True): to_sympy(v) for k, v in names.items()}
    for w in worlds:
        for k, v in w.fixed.items():
            values[sympy.Symbol(k, real=True)] = to_sympy(v)
    where = ("" if len(worlds) == 1 else "at point {k}: ")
    found = "; ".join(where.format(k=k) + f"{len(r)} {w.solver.upper()} ({equilibria_text(r)})"
                      for k, (w, r) in enumerate(zip(worlds, results), 1))
    # The claim is about every equilibrium: one combination of numeric equilibria that
    # violates it confirms the counterexample.
    for combo in itertools.product(*results):
        views = [View(w.label, 0, path, tuple(to_sympy(u) for u in pay), ())
                 for w, (path, pay) in zip(worlds, combo)]
        if _evaluate(obligation(*views), values) is False:
            return True, found
    return False, found


def _evaluate(formula, values) -> bool | None:
    if formula is True or formula is False:
        return formula
    value = sympy.sympify(formula).xreplace(values)
    for a in value.atoms(sympy.Abs):
        value = value.xreplace({a: abs(a.args[0])})
    value = sympy.simplify(value) if not isinstance(value, sympy.logic.boolalg.BooleanAtom) \
        else value
    if value is sympy.true:
        return True
    if value is sympy.false:
        return False
    return None


# ------------------------------------------------------------------------------ user claims

def _relations(conditions, symbols) -> tuple:
    out = []
    for c in conditions:
        out.append(parse_relation(c, symbols) if isinstance(c, str) else c)
    return tuple(out)


@dataclass(frozen=True)
class RegionClaim:
    """Where every condition holds, the equilibrium outcome is ``outcome``."""

    outcome: Outcome
    conditions: tuple = ()

    def statement(self) -> str:
        where = " and ".join(map(str, self.conditions)) or "everywhere"
        return f"where {where}, the equilibrium outcome is {_show(self.outcome)}"


@dataclass(frozen=True)
class IffClaim:
    """The equilibrium outcome is ``outcome`` exactly where every condition holds."""

    outcome: Outcome
    conditions: tuple = ()

    def statement(self) -> str:
        return (f"the equilibrium outcome is {_show(self.outcome)} iff "
                + (" and ".join(map(str, self.conditions)) or "true"))


@dataclass(frozen=True)
class MonotoneClaim:
    """The region where the outcome is ``outcome`` shrinks (or grows) as ``parameter`` rises.

    Strict by default (Milgrom and Shannon 1994 call the weak version monotone comparative
    statics; "shrinks" here means the strict set inclusion): as the parameter rises no point of
    the other parameters enters the region, and some point leaves it.  ``strict=False`` asks
    only that none enters (the region *weakly* shrinks), which also holds when the region does
    not depend on the parameter at all.
    """

    outcome: Outcome
    parameter: str
    direction: str = "shrinks"
    strict: bool = True

    def __post_init__(self):
        if self.direction not in ("shrinks", "grows"):
            raise ValueError("direction is 'shrinks' or 'grows'")

    def statement(self) -> str:
        weakly = "" if self.strict else "weakly "
        return (f"the region where the equilibrium outcome is {_show(self.outcome)} "
                f"{weakly}{self.direction} as {self.parameter} rises")


def check_claim(game_or_model, claim, *, fixed: Mapping[str, Any] | None = None,
                assumptions: Sequence = (), name: str = "claim", source: str = ""
                ) -> Certificate:
    """Prove or refute a user's claim about any symbolic game or built-in model.

    Games of perfect information are solved by the parametric SPE, games with private
    information (information sets with several nodes) by the symbolic PBE solver.

    Parameters
    ----------
    game_or_model : ExtensiveGame, Model or str
        A symbolic game, a :class:`gametheory.models.Model` or a model name.
    claim : RegionClaim, IffClaim or MonotoneClaim (or text for :func:`parse_claim`)
    fixed : mapping, optional
        Parameters to fix before solving, e.g. ``{"lam": 1}``.
    assumptions : sequence of str or relations
        Hypotheses restricting the claim to part of the domain.
    source : str
        For a game (not a model): the file it was read from, printed in the commands that
        re-check a counterexample.

    Returns
    -------
    Certificate

    Raises
    ------
    ValueError
        For an outcome that names no action of the game, or an unknown parameter.

    Examples
    --------
    >>> cert = check_claim("linkage", "S shrinks in c", fixed={"lam": 0})
    >>> cert.status, "linear" in cert.methods, sorted(cert.witness[0]) == sorted(cert.witness[1])
    ('proved', True, True)
    >>> check_claim("linkage", "S grows in c", fixed={"lam": 0}).status
    'refuted'
    >>> check_claim("linkage", "ZZZ where c < 1")
    Traceback (most recent call last):
    ...
    ValueError: the claim's outcome 'ZZZ' is no action of the game; actions: ...
    """
    if isinstance(claim, str):
        claim = parse_claim(claim)
    fixed = dict(fixed or {})
    game = _claim_game(game_or_model, fixed)
    matches = claim_matcher(game, claim.outcome)
    symbols = {p.name: p.symbol for p in game.parameters}
    if isinstance(claim, MonotoneClaim) and claim.parameter not in symbols:
        raise ValueError(f"no parameter {claim.parameter!r} to move"
                         + (f"; parameters: {', '.join(symbols)}" if symbols else
                            " (the game has no free parameters)"))
    w = _claim_world(game_or_model, fixed, source=source)
    symbols = {p.name: p.symbol for p in w.parameters}
    hypotheses = _relations(assumptions, symbols)
    model = _model_text(w)
    if isinstance(claim, MonotoneClaim):
        return _monotone(name, claim, matches, w, game_or_model, fixed, source, hypotheses,
                         model)
    conditions = _relations(claim.conditions, symbols)
    condition = sympy.And(*conditions) if conditions else sympy.true
    if isinstance(claim, RegionClaim):
        def obligation(v):
            return True if matches(v.path) else _negation(condition)
    elif isinstance(claim, IffClaim):
        def obligation(v):
            return condition if matches(v.path) else _negation(condition)
    else:
        raise TypeError(f"not a claim: {claim!r}")
    return prove(name, claim.statement(), (w,), obligation, domain=hypotheses, model=model)


def _monotone(name, claim, matches, w, game_or_model, fixed, source, hypotheses, model
              ) -> Certificate:
    """A strict (or weak) monotonicity claim: two obligations over the world and its copy
    with the parameter raised.

    *No point enters* the region (``shrinks``: the outcome at the raised value implies the
    outcome at the lower value) is proved piece by piece; *some point leaves* it is shown by
    refuting the opposite inclusion, with a witness pair confirmed by the numeric solver.
    """
    param = claim.parameter
    moved = _moved_world(game_or_model, fixed, param, source)
    low, high = w.symbol(param), moved.symbol(param)
    domain = hypotheses + (high > low,) + tuple(h.xreplace({low: high}) for h in hypotheses)

    def inclusion(inner_first: bool):
        """``inner_first``: the outcome in the raised copy implies it at the lower value."""
        def obligation(a, b):
            inner, outer = (b, a) if inner_first else (a, b)
            return True if (not matches(inner.path) or matches(outer.path)) else sympy.false
        return obligation

    shrinks = claim.direction == "shrinks"
    opposite = "grows" if shrinks else "shrinks"
    statement = claim.statement()
    no_entry = prove(name, statement, (w, moved), inclusion(shrinks), domain=domain,
                     model=model)
    if no_entry.status != "proved":
        return no_entry
    no_exit = prove(name, statement, (w, moved), inclusion(not shrinks), domain=domain,
                    model=model)
    steps = no_entry.steps
    what = _show(claim.outcome)
    if no_exit.status == "refuted":
        pair = no_exit.counterexample
        note = (f"strict: no point enters the region of {what} as {param} rises (steps "
                f"above), and at the points below one leaves it ({param} = "
                f"{pair[0].get(param)} -> {pair[1].get(param)}); "
                + no_exit.confirmation.replace("; the claim fails there", ""))
        return Certificate(name, statement, "proved", steps, model, no_entry.regions,
                           reason=note, target=no_exit.target, witness=pair)
    if no_exit.status == "undecided":
        return Certificate(name, statement, "proved" if not claim.strict else "undecided",
                           steps, model, no_entry.regions,
                           reason=f"the region of {what} weakly {claim.direction} as {param} "
                                  f"rises; whether some point leaves it is undecided")
    # neither enters nor leaves: the region does not depend on the parameter
    steps = steps + tuple(Step(s.claim, s.method, s.result, s.region,
                               "opposite inclusion" + (f"; {s.note}" if s.note else ""))
                          for s in no_exit.steps if s.result != "assumed")
    reason = (f"the region of {what} does not depend on {param}: no point enters or leaves it "
              f"as {param} rises (both inclusions are proved above), so it only weakly "
              f"{claim.direction} (and weakly {opposite})")
    return Certificate(name, statement, "refuted" if claim.strict else "proved", steps, model,
                       no_entry.regions, reason=reason)


def claim_matcher(game, outcome: Outcome) -> Callable[[tuple[str, ...]], bool]:
    """A predicate on the equilibrium paths of ``game``, refusing outcomes it cannot have.

    A single action is the first move when it is an action at the root, and otherwise any
    move on the path (so ``accept`` means that B accepts, wherever the root's move leads); a
    sequence is a path prefix.  Every label must be an action of the game.

    Raises
    ------
    ValueError
        For a label that is no action of the game.

    Examples
    --------
    >>> from gametheory.catalog import entry_game
    >>> g = entry_game()
    >>> claim_matcher(g, "In")(("In", "Accommodate")), claim_matcher(g, "Fight")(("In", "Fight"))
    (True, True)
    >>> claim_matcher(g, "Enter")
    Traceback (most recent call last):
    ...
    ValueError: the claim's outcome 'Enter' is no action of the game; actions: Out, In, ...
    """
    if not hasattr(game, "infosets"):
        raise ValueError("claims are about games in extensive form (a tree); this is a "
                         "strategic-form game: solve it with 'gametheory solve' instead")
    if callable(outcome):
        return outcome
    actions = list(dict.fromkeys(a for s in game.infosets for a in s.actions))
    labels = (outcome,) if isinstance(outcome, str) else tuple(outcome)
    for label in labels:
        if label not in actions:
            hint = did_you_mean(label, actions)
            raise ValueError(f"the claim's outcome {label!r} is no action of the game"
                             + (hint or f"; actions: {', '.join(actions)}"))
    if isinstance(outcome, str):
        root = game.infosets[int(game.tree.infoset[0])]
        if outcome not in root.actions:
            return lambda path: outcome in path
    return matcher(outcome)


def _claim_game(game_or_model, fixed):
    from gametheory.models import Model
    if isinstance(game_or_model, (str, Model)):
        name = game_or_model if isinstance(game_or_model, str) else game_or_model.name
        return _model_game(name, tuple(sorted((k, str(exact(v))) for k, v in fixed.items())))
    return game_or_model.substitute(dict(fixed)) if fixed else game_or_model


def _claim_world(game_or_model, fixed, rename=None, source: str = "") -> World:
    from gametheory.models import Model
    if isinstance(game_or_model, str):
        return model_world(game_or_model, rename=rename, **fixed)
    if isinstance(game_or_model, Model):
        return model_world(game_or_model.name, rename=rename, **fixed)
    game = _claim_game(game_or_model, fixed)
    return world(game, "game", rename=rename, fixed=fixed,
                 fixed_parameters=game_or_model.parameters, source=source or "GAME")


def _moved_world(game_or_model, fixed, param, source: str = "") -> World:
    w = _claim_world(game_or_model, fixed, rename={param: raised(param)}, source=source)
    return World(w.label + "'", w.game, tuple(View(v.world + "'", v.index, v.path, v.payoffs,
                                                   v.conditions) for v in w.pieces),
                 w.parameters, w.rename, w.fixed, w.source, w.solver)


def raised(name: str) -> str:
    """The name of a parameter's copy in a comparative-statics proof (``c`` -> ``c_up``)."""
    return name + "_up"


def _model_text(w: World) -> str:
    params = ", ".join(f"{p.name} {p.domain}" for p in w.game.parameters)
    fixed = ", ".join(f"{k} = {v}" for k, v in w.fixed.items())
    return f"{w.game.title}" + (f" with {fixed}" if fixed else "") + f"; parameters {params}"


_CLAIM = re.compile(r"^\s*(?P<outcome>.+?)\s+(?:(?P<weak>weakly\s+)?(?P<dir>shrinks|grows)\s+in\s+"
                    r"(?P<param>\w+)"
                    r"|(?P<kind>where|iff)\s+(?P<conds>.+))\s*$")


def parse_claim(text: str):
    """Read a claim written as text (no ``eval``: relations go through the safe parser later).

    Grammar::

        OUTCOME shrinks in PARAM          region of OUTCOME shrinks as PARAM rises
        OUTCOME grows in PARAM
        OUTCOME weakly shrinks in PARAM   ... or does not depend on PARAM (also weakly grows)
        OUTCOME where REL; REL; ...       in that region the outcome is OUTCOME
        OUTCOME iff REL; REL; ...         the outcome is OUTCOME exactly there

    ``OUTCOME`` is a first action (``S``) or a path prefix with ``>`` (``L > concede``).

    Examples
    --------
    >>> parse_claim("L > concede where ell_A < kappa0; beta*d < ell_B")
    RegionClaim(outcome=('L', 'concede'), conditions=('ell_A < kappa0', 'beta*d < ell_B'))
    >>> parse_claim("S shrinks in c")
    MonotoneClaim(outcome='S', parameter='c', direction='shrinks', strict=True)
    >>> parse_claim("L weakly grows in eta").strict
    False
    """
    m = _CLAIM.match(text)
    if not m:
        raise ValueError(f"cannot read the claim {text[:60]!r}; write 'OUTCOME shrinks in PARAM', "
                         f"'OUTCOME grows in PARAM', 'OUTCOME where REL; ...' or "
                         f"'OUTCOME iff REL; ...'")
    parts = [p.strip() for p in m.group("outcome").split(">")]
    outcome = parts[0] if len(parts) == 1 else tuple(parts)
    if m.group("dir"):
        return MonotoneClaim(outcome, m.group("param"), m.group("dir"),
                             strict=not m.group("weak"))
    conditions = tuple(c.strip() for c in m.group("conds").split(";") if c.strip())
    return (RegionClaim if m.group("kind") == "where" else IffClaim)(outcome, conditions)
