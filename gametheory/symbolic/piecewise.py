"""Piecewise payoffs split into linear cases before the parametric solve.

Payoffs such as the tent utility ``-Abs(x - x_i)`` of a spatial model (Putnam 1988; Milner and
Rosendorff 1997) are piecewise linear: ``Abs``, ``Max``, ``Min`` and ``Piecewise`` are linear on
each cell of an arrangement of hyperplanes.  Comparing two such payoffs directly gives conditions
such as ``Abs(x_V) - Abs(x_F - x_V) > 0`` whose emptiness the linear engine cannot decide.  This
module splits the parameter space instead: each piecewise sub-expression (an *atom*) is replaced
by the linear expression valid on one side of its breakpoints, and the side becomes a condition
of the case (:func:`linear_cases`).  ``Abs(e)`` gives ``e >= 0`` (value ``e``) and ``e < 0``
(value ``-e``); ``Max`` and ``Min`` give one case per argument that attains the extremum;
``Piecewise`` gives one case per branch (its condition and not those before it).  Combinations
that are empty on the parameters' domain are pruned at once, and an atom whose sign the case
already fixes adds no condition.  Every case is then a game with linear payoffs, for which the
regions' emptiness is decided exactly (Fourier-Motzkin; Motzkin et al. 1953).  This is the
usual treatment of piecewise-linear functions as a union of linear pieces over a polyhedral
subdivision (Ziegler 1995, lecture 7 on arrangements; Schrijver 1986, ch. 7).

After the solve the cases' regions are united again where the equilibrium is the same
(:mod:`gametheory.symbolic.assembly`), and a payoff valid on the united region is written back
with the atoms that the region does not decide (:func:`resolve`).

References
----------
R. D. Putnam (1988), Diplomacy and domestic politics: the logic of two-level games, *IO* 42(3).
H. V. Milner and B. P. Rosendorff (1997), Democratic politics and international trade
negotiations, *JCR* 41(1).
A. Schrijver (1986), *Theory of Linear and Integer Programming*, Wiley.
G. M. Ziegler (1995), *Lectures on Polytopes*, Springer.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import Iterable, Sequence

import sympy

from .decide import negate
from .feasibility import Feasibility
from .relations import closure, normal_form

__all__ = ["PIECEWISE", "MAX_LINEAR_CASES", "LinearCase", "TooManyCases", "piecewise_atoms",
           "alternatives", "linear_cases", "fixed_atoms", "resolve"]

PIECEWISE = (sympy.Abs, sympy.Max, sympy.Min, sympy.Piecewise)
"""The piecewise-linear functions that :func:`linear_cases` splits."""

MAX_LINEAR_CASES = 20_000
"""Most linear cases (non-empty cells of the breakpoint arrangement) enumerated before the
split gives up (:class:`TooManyCases`)."""


class TooManyCases(ValueError):
    """The piecewise payoffs split into more linear cases than the limit allows."""


@dataclass(frozen=True)
class LinearCase:
    """One cell of the split: its conditions and the value of every piecewise atom there.

    Attributes
    ----------
    conditions : frozenset
        Relations (normal form) that define the cell, beyond the parameters' domains and the
        assumptions; empty when the payoffs have no breakpoint inside the domain.
    values : tuple of (atom, expression) pairs
        Each atom and the expression, free of piecewise functions, equal to it on the cell.
    """

    conditions: frozenset
    values: tuple

    @property
    def substitution(self) -> dict:
        """The atoms' values as a mapping for :meth:`sympy.Basic.xreplace`."""
        return dict(self.values)


def piecewise_atoms(expressions: Iterable) -> list:
    """The piecewise sub-expressions of ``expressions``, innermost first.

    Examples
    --------
    >>> x, y = sympy.symbols("x y", real=True)
    >>> piecewise_atoms([sympy.Abs(sympy.Abs(x) - 1) + sympy.Max(x, y), 3])
    [Abs(x), Max(x, y), Abs(Abs(x) - 1)]
    """
    found: set = set()
    for e in expressions:
        if isinstance(e, sympy.Basic):
            found |= e.atoms(*PIECEWISE)

    def depth(atom):
        return sum(1 for a in sympy.preorder_traversal(atom) if isinstance(a, PIECEWISE))

    return sorted(found, key=lambda a: (depth(a), sympy.default_sort_key(a)))


def _relation(expr: sympy.Expr, op: str):
    """``expr op 0`` in normal form (True or False when constant)."""
    expr = sympy.expand(expr)
    if expr.is_number:
        return sympy.sympify({">": expr > 0, ">=": expr >= 0, "<": expr < 0,
                              "<=": expr <= 0}[op])
    return normal_form(expr, op)


def alternatives(atom: sympy.Basic, strict: bool = False) -> list[tuple[tuple, sympy.Expr]]:
    """The linear pieces of one piecewise atom (whose arguments are free of piecewise
    functions): ``[(conditions, value), ...]``.

    The conditions of the pieces cover every point and do not overlap; with ``strict`` they
    are open (the breakpoints themselves are left out, as a generic solve drops boundaries).

    Examples
    --------
    >>> x, y = sympy.symbols("x y", real=True)
    >>> alternatives(sympy.Abs(x - y))
    [((x - y >= 0,), x - y), ((x - y < 0,), -x + y)]
    >>> alternatives(sympy.Max(x, y), strict=True)
    [((x - y > 0,), x), ((x - y < 0,), y)]
    >>> alternatives(sympy.Min(x, 2))
    [((x >= 2,), 2), ((x < 2,), x)]
    >>> alternatives(sympy.Piecewise((x, x > 1), (0, True)))
    [((x > 1,), x), ((x <= 1,), 0)]
    """
    if isinstance(atom, sympy.Abs):
        (e,) = atom.args
        return [((_relation(e, ">" if strict else ">="),), e), ((_relation(e, "<"),), -e)]
    if isinstance(atom, (sympy.Max, sympy.Min)):
        sign = 1 if isinstance(atom, sympy.Max) else -1
        args = sorted(atom.args, key=sympy.default_sort_key)
        out = []
        for i, a in enumerate(args):   # a_i is the extremum; ties go to the first argument
            conditions = tuple(_relation(sign * (a - b), ">" if strict or j < i else ">=")
                               for j, b in enumerate(args) if j != i)
            out.append((conditions, a))
        return out
    if isinstance(atom, sympy.Piecewise):
        out, before = [], []
        for value, condition in atom.args:
            for cell in _conjunctions(sympy.And(condition, *[sympy.Not(c) for c in before])):
                out.append((cell, value))
            before.append(condition)
        return out
    raise TypeError(f"not a piecewise function: {atom}")


def _conjunctions(condition) -> list[tuple]:
    """A condition as disjoint conjunctions of relations (normal form)."""
    condition = sympy.simplify_logic(condition, form="dnf", deep=False) \
        if isinstance(condition, (sympy.And, sympy.Or, sympy.Not)) else condition
    if condition is sympy.true:
        return [()]
    if condition is sympy.false:
        return []
    if isinstance(condition, sympy.Or):
        out, seen = [], []
        for term in condition.args:   # term and not (any earlier term)
            for cell in _conjunctions(term):
                for rest in itertools.product(*[[negate(r) for r in c] for c in seen]):
                    out.append(cell + tuple(rest))
            seen.extend(_conjunctions(term))
        return out
    terms = condition.args if isinstance(condition, sympy.And) else (condition,)
    relations = []
    for t in terms:
        if isinstance(t, sympy.Not):
            t = negate(t.args[0])
        if not isinstance(t, sympy.core.relational.Relational):
            raise ValueError(f"a Piecewise condition must be made of relations: {condition}")
        relations.append(t)
    return [tuple(relations)]


def linear_cases(expressions: Sequence, parameters, assumptions: Iterable = (), *,
                 strict: bool = False, limit: int = MAX_LINEAR_CASES,
                 check: Feasibility | None = None, memo: dict | None = None
                 ) -> list[LinearCase]:
    """The non-empty cells on which every piecewise atom of ``expressions`` is linear.

    Parameters
    ----------
    expressions : sequence of sympy expressions
        Payoffs (or differences of payoffs) of a game.
    parameters : sequence of Parameter
        Their domains bound the cells.
    assumptions : iterable of relations
        Hold throughout; cells outside them are empty.
    strict : bool
        Open cells (breakpoints left out), for a generic solve.
    limit : int
        Most cells; more raise :class:`TooManyCases`.
    check : Feasibility, optional
        The decision procedure to use (one solve's memory); by default a new one.
    memo : dict, optional
        One solve's memory of :func:`alternatives`, atom -> pieces.

    Returns
    -------
    list of LinearCase
        One case with no condition when the expressions have no breakpoint in the domain.

    Examples
    --------
    The tent utility ``-|x - a|`` of a player with ideal point ``a >= 0`` at the offer ``x = 0``
    has no breakpoint (``|0 - a| = a``); at ``x = 1`` it has one:

    >>> from gametheory.parameters import Parameter
    >>> a = Parameter("a", ">= 0")
    >>> [(c.conditions, c.values) for c in linear_cases([-sympy.Abs(a.symbol)], [a])]
    [(frozenset(), ((Abs(a), a),))]
    >>> for case in linear_cases([-sympy.Abs(1 - a.symbol)], [a]):
    ...     print(sorted(case.conditions, key=str), case.values)
    [a >= 1] ((Abs(a - 1), a - 1),)
    [a < 1] ((Abs(a - 1), 1 - a),)
    """
    check = Feasibility(parameters) if check is None else check
    base = frozenset(assumptions)
    cases = [(frozenset(), {})]
    for atom in piecewise_atoms(expressions):
        grown = []
        for conditions, values in cases:
            resolved = atom.xreplace(values) if values else atom
            for cell, value in _pieces(resolved, conditions, base, check, strict, memo):
                grown.append((conditions | cell, {**values, atom: value}))
        cases = grown
        if len(cases) > limit:
            raise TooManyCases(
                f"the piecewise payoffs split into more than {limit} linear cases; fix some "
                f"parameters (--param NAME=VALUE) or assume relations between them (--assume)")
    return [LinearCase(conditions, tuple(values.items())) for conditions, values in cases]


def fixed_atoms(expressions: Sequence, parameters, assumptions: Iterable = ()) -> dict:
    """The piecewise atoms of ``expressions`` that the parameters' domains (and the
    assumptions) decide, each with its value there: ``Abs(x_N)`` is ``x_N`` when
    ``x_N >= 0``.  An atom that is not decided maps to itself with the decided atoms inside
    it replaced, so one :meth:`~sympy.Basic.xreplace` applies them all.

    Examples
    --------
    >>> from gametheory.parameters import Parameter
    >>> a, b = Parameter("a", ">= 0"), Parameter("b", "real")
    >>> fixed_atoms([sympy.Abs(a.symbol) + sympy.Abs(b.symbol)], [a, b])
    {Abs(a): a, Abs(b): Abs(b)}
    """
    check = Feasibility(parameters)
    base = frozenset(assumptions)
    values: dict = {}
    for atom in piecewise_atoms(expressions):
        resolved = atom.xreplace(values) if values else atom
        options = _pieces(resolved, frozenset(), base, check, strict=False)
        values[atom] = options[0][1] if len(options) == 1 else resolved
    return values


def _alternatives(atom, strict: bool, memo: dict | None) -> list:
    """:func:`alternatives`, remembered in ``memo`` if given."""
    if memo is None:
        return alternatives(atom, strict)
    out = memo.get((atom, strict))
    if out is None:
        out = memo[atom, strict] = alternatives(atom, strict)
    return out


def _pieces(resolved, conditions: frozenset, base: frozenset, check: Feasibility,
            strict: bool, memo: dict | None = None) -> list[tuple[frozenset, sympy.Expr]]:
    """The pieces of one atom (inner atoms resolved) that meet the case ``conditions``:
    ``(new conditions, value)``; a single piece adds no condition.  ``memo`` remembers
    :func:`alternatives`."""
    options = []
    for cell, value in _alternatives(resolved, strict, memo):
        if sympy.false in cell:
            continue
        cell = frozenset(c for c in cell if c is not sympy.true)
        if cell <= conditions or check(conditions | base | cell) is not False:
            options.append((cell - conditions, sympy.expand(value)))
    if len(options) == 1:
        # one side only: its value holds on the whole case (up to the breakpoints that a
        # strict split leaves out, where Abs, Max and Min are continuous)
        options = [(frozenset(), options[0][1])]
    return options


def resolve(expr: sympy.Basic, conditions: frozenset, check: Feasibility,
            assumptions: Iterable = (), memo: dict | None = None) -> sympy.Basic:
    """``expr`` with each piecewise atom whose piece the region decides replaced by that
    piece's linear value; atoms whose breakpoints cut the region stay as they are.

    Examples
    --------
    >>> from gametheory.parameters import Parameter
    >>> a, b = Parameter("a", ">= 0"), Parameter("b", "real")
    >>> check = Feasibility([a, b])
    >>> u = -sympy.Abs(a.symbol - b.symbol) - sympy.Abs(a.symbol)
    >>> resolve(u, frozenset({b.symbol > a.symbol}), check)
    -b
    >>> resolve(u, frozenset(), check)
    -a - Abs(a - b)
    """
    if not isinstance(expr, sympy.Basic):
        return expr
    # the region's linear conditions decide an atom whenever the region does in practice;
    # leaving the others out keeps every test in the exact linear engine (a smaller set of
    # conditions implies less, so what it decides is right)
    base = frozenset(c for c in frozenset(conditions) | frozenset(assumptions)
                     if check.view.atoms(c) is not None)
    values: dict = {}
    for atom in piecewise_atoms([expr]):
        resolved = atom.xreplace(values) if values else atom
        pieces = _alternatives(resolved, False, memo)
        for cell, value in pieces:
            if sympy.false in cell:
                continue
            if all(c is sympy.true or check.implies(base, c) for c in cell):
                values[atom] = value
                break
        else:
            # a closed piece that holds on the whole region (its boundary inside is harmless:
            # Abs, Max and Min are continuous)
            if isinstance(atom, (sympy.Abs, sympy.Max, sympy.Min)):
                for cell, value in pieces:
                    closed = [c for c in cell if c is not sympy.true]
                    if sympy.false not in cell and all(
                            check.implies(base, closure(c)) for c in closed):
                        values[atom] = value
                        break
            if atom not in values:
                values[atom] = resolved
    return sympy.expand(expr.xreplace(values)) if values else expr

