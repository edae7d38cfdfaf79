"""Deals the core linkage game G1 leaves out: a two-way treaty, a mixed package, and the
legislature's own move on the leverage branch (the H2 channel).

Each variant keeps G1's three options (``N``, ``S``, ``L``; ``linkage-research.md`` section 3.1)
and its payoff conventions (separation is ``(0, 0, 0)``; a failed or vetoed initiative costs A
``f``; after a refused demand A carries out the downgrade, ``(-ell_A, -ell_B, -v_L)``, or backs
down, ``(-K, 0, 0)`` with ``K = kappa0 + lam*kappa``), and changes one thing:

* :func:`two_way_game` (D1): A may offer a treaty ``T`` that pairs B's concession ``d`` with a
  concession ``t`` of A's own, as in the Anglo-Japanese commercial treaty of 3 April 1911, where
  Japan's conventional tariff reductions (Appendix II) came with Britain's binding of
  duty-free entry for listed Japanese goods (Art. 8 and the Part II schedule; section 1.3, E6,
  facts [V]).  The treaty is offered in the shadow of the alliance, whose renewal was due three
  months later (13 July 1911 [V]; in the tariff talks, Davis's abstract says, the alliance was
  used as leverage to force reciprocity, section 1.1 [D]): a refusal leads to A's
  carry-out/back-down node.  Coding the treaty this way is ours [I].
* :func:`package_game` (D2): A may offer a package ``M`` that joins a side payment ``s`` (for
  B's extra security cooperation ``R``) and a demand ``d`` backed by the threat in one offer.
  Our coding [I] of E5 (1910): Britain's acceptance of the annexation of Korea together with
  Japan's declaration keeping the Korean duties for ten years (section 1.3, E5: declaration
  [V], British acceptance [R]).
* :func:`legislature_game` (H2 channel): with the legislature involved (``lam = 1``) V ratifies
  B's concession, and a veto sends play to A's carry-out/back-down node -- exactly where
  section 3.2 (b2) places the legislature on the leverage branch -- with V's payoffs those of
  G1's table (section 3.1): ``eta*(d - d_V)`` for the ratified concession (its gain per unit of
  concession over its reciprocity floor ``d_V``), ``-v_L`` if A then carries out the downgrade,
  0 if A backs down.  So ``eta`` and ``v_L`` decide a move: V ratifies iff
  ``eta*(d - d_V) + v_L*1[Cr] > 0``.  (The b2 model, ``linkage-reciprocity``, pays V 0 at that
  carry-out leaf instead, which makes its floor ``d >= d_V`` whatever ``v_L``.)

The closed forms :func:`two_way_outcome`, :func:`package_outcome` and
:func:`legislature_outcome` are the propositions (D1, D2, H2c in ``gametheory.proofs``) that the
solved games are checked against.

References
----------
C. L. Davis (2008/09), Linkage diplomacy: economic and security bargaining in the
Anglo-Japanese alliance, 1902-23, *International Security* 33(3).
R. D. Tollison and T. D. Willett (1979), An economic theory of mutually advantageous issue
linkages in international negotiations, *IO* 33(4).
R. D. Putnam (1988), Diplomacy and domestic politics: the logic of two-level games, *IO* 42(3)
(synergistic linkage: a package can change the domestic ratifiers' support).
A. Leventoglu and A. Tarar (2005), Prenegotiation public commitment in domestic and
international bargaining, *APSR* 99(3).
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any, Mapping

from gametheory.games import ExtensiveGame, decision, leaf
from gametheory.numbers import exact
from gametheory.parameters import Parameter
from gametheory.models.linkage import (BACK_DOWN, CARRY_OUT, CONCEDE, DEFAULTS, FAILED,
                                       PARAMETERS, PLAYERS, RECIPROCITY_PARAMETER, SIDE_PAYMENT,
                                       U_S, g1_values)
from gametheory.models.two_level import involved, ratify

__all__ = ["TWO_WAY_PARAMETERS", "TWO_WAY_DEFAULTS", "PACKAGE_DEFAULTS", "CHANNEL_DEFAULTS",
           "two_way_game", "package_game", "legislature_game", "two_way_outcome",
           "package_outcome", "legislature_outcome", "ratifies"]

_OURS = "our coding [I]"
TWO_WAY_PARAMETERS: tuple[Parameter, ...] = (
    Parameter("t", "> 0", "A's own concession in the treaty, its value to B (1911: Britain's "
              "binding of duty-free entry for listed Japanese goods)",
              "1911 treaty Art. 8 and Part II schedule [V] (linkage-research.md 1.3, E6); "
              "size " + _OURS),
    Parameter("c_t", ">= 0", "A's cost (national and ruling-party) per unit of its own "
              "concession t", "Davis 2008/09 H1 [D]; " + _OURS),
    Parameter("h_t", ">= 0", "harm per unit of A's concession t to V (the legislature's lost "
              "fiscal freedom)", "Hansard 19 Apr 1911, Art. 8 binds fiscal freedom, 'no recent "
              "precedent' [V]; size " + _OURS),
)

_E6 = {k: v for k, v in DEFAULTS.items() if k != "a"}
#: D1 defaults: the E6 (1910-11) calibration plus the treaty's terms, sized by us (our coding):
#: Britain's binding is worth t = 3 to Japan (more than Japan's cost beta*d = 2), cheap for a
#: Liberal government committed to free trade (c_t = 1/10; section 1.2 [R]) and a cost to the
#: Commons, where MPs complained that Art. 8 bound Britain's fiscal freedom (h_t = 1/2;
#: Hansard 19 Apr 1911 [V]).
TWO_WAY_DEFAULTS: dict[str, Fraction] = {**_E6, **{k: exact(v) for k, v in {
    "t": 3, "c_t": "1/10", "h_t": "1/2"}.items()}}
#: D2 defaults: the E5 (1910) row of section 4 (lam = 0, c = 1/10, sigma = 3/10, R = 2, s = 1,
#: gamma = 1/2, h = 3/10, v_S = 1/2, ell_B = 4, ell_A = 4), with Japan's ten-year guarantee of
#: the Korean duties as the concession, worth d = 1/4 to Britain (our coding).
PACKAGE_DEFAULTS: dict[str, Fraction] = {**_E6, **{k: exact(v) for k, v in {
    "lam": 0, "c": "1/10", "sigma": "3/10", "R": 2, "s": 1, "gamma": "1/2", "h": "3/10",
    "v_S": "1/2", "d": "1/4", "ell_B": 4, "ell_A": 4}.items()}}
#: H2 channel defaults: E6 with a reciprocity floor d_V = 5/2 above the demand d = 2 (our
#: coding): V ratifies only because it fears the downgrade (v_L = 1).
CHANNEL_DEFAULTS: dict[str, Fraction] = {**_E6, "d_V": Fraction(5, 2)}


def _veto_on(fixed: Mapping[str, Any]) -> Any:
    """``0`` or ``1`` when ``lam`` is fixed (V's node left out or kept), else ``"lam"``."""
    if "lam" not in fixed:
        return "lam"
    lam = exact(fixed["lam"])
    if lam not in (0, 1):
        raise ValueError(f"lam must be 0 or 1, not {lam}")
    return int(lam)


def _when_involved(fixed: Mapping[str, Any], vote: Any, otherwise: Any) -> Any:
    """V's ``vote`` where the legislature is involved, ``otherwise`` where it is not."""
    on = _veto_on(fixed)
    return otherwise if on == 0 else vote if on == 1 else involved("lam", vote, otherwise)


def _threat() -> Any:
    return decision("A", {"carry out": leaf(*CARRY_OUT), "back down": leaf(*BACK_DOWN)})


def _g1_moves(fixed: Mapping[str, Any]) -> dict[str, Any]:
    """G1's options N and S (the side payment, vetoable by V when lam = 1)."""
    return {"N": leaf(0, 0, 0),
            "S": ratify("B", SIDE_PAYMENT, FAILED, veto_player="V", veto_on=_veto_on(fixed))}


def _lever() -> Any:
    return decision("B", {"concede": leaf(*CONCEDE), "refuse": _threat()})


def _deal(fixed: Mapping[str, Any], accepted: tuple) -> Any:
    """B accepts the deal (then V approves or vetoes it when lam = 1; a veto is a failed
    initiative) or refuses it (then A carries out the downgrade or backs down)."""
    vote = decision("V", {"approve": leaf(*accepted), "veto": leaf(*FAILED)})
    return decision("B", {"accept": _when_involved(fixed, vote, leaf(*accepted)),
                          "refuse": _threat()})


def _game(root: Any, title: str, parameters: tuple[Parameter, ...],
          fixed: Mapping[str, Any]) -> ExtensiveGame:
    game = ExtensiveGame(PLAYERS, root, title=title, parameters=parameters)
    return game.substitute(dict(fixed)) if fixed else game


TREATY = ("d - c_t*t", "t - beta*d", "eta*d - h_t*t")
PACKAGE = (f"{U_S} + d", "s - gamma - beta*d", "v_S - h*s + eta*d")


def two_way_game(**fixed: Any) -> ExtensiveGame:
    """D1: G1 plus a two-way treaty ``T``: B concedes ``d`` and A concedes ``t`` in one offer.

    Tree (``lam = 1``; V's node is left out when ``lam = 0``)::

        A ─┬─ N ──────────────────────────────── (0, 0, 0)
           ├─ S ── B ─┬─ accept ── [V: approve / veto]   (G1's side payment)
           │          └─ reject ──────────────── (-f, 0, 0)
           ├─ L ── B ─┬─ concede ─────────────── (d, -beta*d, eta*d)
           │          └─ refuse ── A ─┬─ carry out (-ell_A, -ell_B, -v_L)
           │                          └─ back down (-K, 0, 0)
           └─ T ── B ─┬─ accept ── V ─┬─ approve (d - c_t*t, t - beta*d, eta*d - h_t*t)
                      │   (lam = 1)   └─ veto ─── (-f, 0, 0)
                      └─ refuse ── A ─┬─ carry out (-ell_A, -ell_B, -v_L)
                                      └─ back down (-K, 0, 0)

    Without the legislature (``lam = 0``) acceptance ends the game at the approve payoffs.
    B accepts the treaty iff ``t - beta*d > -ell_B*1[Cr]`` (Cr: ``ell_A < K``): the threat lowers
    the reciprocal concession B needs from ``beta*d`` to ``beta*d - ell_B``.

    Examples
    --------
    >>> g = two_way_game(lam=1)
    >>> g.infosets[0].actions, g.n_nodes
    (('N', 'S', 'L', 'T'), 19)
    >>> [p.name for p in g.parameters][-3:]
    ['t', 'c_t', 'h_t']

    At the E6 calibration leverage alone succeeds and beats the treaty (``d = 2`` against
    ``d - c_t*t = 17/10``); without the legislature the threat is not credible and the
    two-way treaty is the SPE outcome:

    >>> import gametheory
    >>> [tuple(map(str, e.payoffs)) for e in gametheory.solve(
    ...     two_way_game(**{**TWO_WAY_DEFAULTS, "lam": 0})).equilibria]
    [('17/10', '1', '1/2')]
    >>> two_way_outcome(TWO_WAY_DEFAULTS), two_way_outcome({**TWO_WAY_DEFAULTS, "lam": 0})
    ('L', 'T')
    """
    root = decision("A", {**_g1_moves(fixed), "L": _lever(), "T": _deal(fixed, TREATY)})
    return _game(root, "G1 with a two-way treaty (D1)", PARAMETERS + TWO_WAY_PARAMETERS, fixed)


def package_game(**fixed: Any) -> ExtensiveGame:
    """D2: G1 plus a mixed package ``M``: the side payment ``s`` and the demand ``d`` in one offer.

    Tree (``lam = 1``; V's node is left out when ``lam = 0``)::

        A ─┬─ N, S, L as in G1
           └─ M ── B ─┬─ accept ── V ─┬─ approve (R - (sigma+c)*s + d, s - gamma - beta*d,
                      │   (lam = 1)   │            v_S - h*s + eta*d)
                      │               └─ veto ─── (-f, 0, 0)
                      └─ refuse ── A ─┬─ carry out (-ell_A, -ell_B, -v_L)
                                      └─ back down (-K, 0, 0)

    B accepts iff ``s - gamma - beta*d > -ell_B*1[Cr]``; V approves iff
    ``h*s < v_S + eta*d``: the concession can buy the legislature's consent to a side payment
    it would veto alone (Putnam's synergistic linkage), and the side payment can carry a
    demand B would refuse alone.

    Examples
    --------
    >>> package_game(lam=0).infosets[0].actions
    ('N', 'S', 'L', 'M')

    At the defaults (E5, our coding) the package beats the side payment alone
    (``U_A(S) = 8/5``):

    >>> import gametheory
    >>> [tuple(map(str, e.payoffs)) for e in gametheory.solve(
    ...     package_game(**PACKAGE_DEFAULTS)).equilibria]
    [('37/20', '1/4', '9/20')]
    """
    root = decision("A", {**_g1_moves(fixed), "L": _lever(), "M": _deal(fixed, PACKAGE)})
    return _game(root, "G1 with a mixed package (D2)", PARAMETERS, fixed)


def legislature_game(**fixed: Any) -> ExtensiveGame:
    """H2 channel: G1 in which the legislature ratifies B's concession (``lam = 1``).

    Tree (``lam = 1``; V's node is left out when ``lam = 0``)::

        A ─┬─ N, S as in G1
           └─ L ── B ─┬─ concede ── V ─┬─ ratify (d, -beta*d, eta*(d - d_V))
                      │   (lam = 1)    └─ veto ── A ─┬─ carry out (-ell_A, -ell_B, -v_L)
                      │                              └─ back down (-K, 0, 0)
                      └─ refuse ── A ─┬─ carry out (-ell_A, -ell_B, -v_L)
                                      └─ back down (-K, 0, 0)

    Without the legislature the concession ends the game at G1's ``(d, -beta*d, eta*d)``.  The
    legislature acts on the leverage branch twice, as section 3 says: through the back-down
    cost ``K = kappa0 + lam*kappa`` and through its vote, where ``eta`` and ``v_L`` decide:
    V ratifies iff ``eta*(d - d_V) + v_L*1[Cr] > 0``, so a legislature that fears the
    downgrade ratifies demands below its floor (down to ``d_V - v_L/eta``).

    Examples
    --------
    >>> legislature_game(lam=1).n_nodes, legislature_game(lam=0).n_nodes
    (16, 10)

    At E6 with a floor ``d_V = 5/2`` above the demand ``d = 2``, V ratifies (it loses
    ``v_L = 1`` from the downgrade its veto would bring, more than the ``1/2`` it gives up), so
    leverage works; with ``v_L = 0`` it vetoes and leverage fails:

    >>> legislature_outcome(CHANNEL_DEFAULTS), legislature_outcome({**CHANNEL_DEFAULTS, "v_L": 0})
    ('L', 'N')
    >>> import gametheory
    >>> sorted({tuple(map(str, e.payoffs)) for e in gametheory.solve(
    ...     legislature_game(**{**CHANNEL_DEFAULTS, "v_L": 0})).equilibria})
    [('0', '0', '0')]
    """
    vote = decision("V", {"ratify": leaf("d", "-beta*d", "eta*(d - d_V)"), "veto": _threat()})
    lever = decision("B", {"concede": _when_involved(fixed, vote, leaf(*CONCEDE)),
                           "refuse": _threat()})
    root = decision("A", {**_g1_moves(fixed), "L": lever})
    return _game(root, "G1 with the legislature's vote on the concession (H2 channel)",
                 PARAMETERS + (RECIPROCITY_PARAMETER,), fixed)


# ------------------------------------------------------------------------------ closed forms

def _v(values: Mapping[str, Any]) -> dict[str, Fraction]:
    return {k: exact(v) for k, v in values.items()}


def _best(options: Mapping[str, Fraction]) -> str:
    """The option with the largest value (N, worth 0, among them)."""
    return max({"N": Fraction(0), **options}.items(), key=lambda kv: kv[1])[0]


def _refused(v: Mapping[str, Fraction], q: Mapping[str, Any]) -> Fraction:
    """A's value after B refuses a demand: ``-ell_A`` if Cr, else ``-K``."""
    return -v["ell_A"] if q["Cr"] else -q["K"]


def two_way_outcome(values: Mapping[str, Any]) -> str:
    """D1: the SPE outcome ``'N'``, ``'S'``, ``'L'`` or ``'T'`` at a generic point.

    T (both sides concede) iff B accepts (``t - beta*d > -ell_B*1[Cr]``), V approves
    (``lam = 0`` or ``h_t*t < eta*d``) and ``d - c_t*t > max(0, U_A(S), U_A(L))``, with
    G1's values of S and L (Theorem G1, :func:`gametheory.models.linkage.g1_values`).

    Examples
    --------
    >>> two_way_outcome({**TWO_WAY_DEFAULTS, "beta": 5, "t": 9, "h_t": "1/5"})  # L refused
    'T'
    """
    v = _v(values)
    q = g1_values(v)
    cr = q["Cr"]
    accepted = v["t"] - v["beta"] * v["d"] > (-v["ell_B"] if cr else 0)
    approved = v["lam"] == 0 or v["h_t"] * v["t"] < v["eta"] * v["d"]
    u_t = (v["d"] - v["c_t"] * v["t"] if approved else -v["f"]) if accepted else _refused(v, q)
    return _best({"S": q["U_S"], "L": q["U_L"], "T": u_t})


def package_outcome(values: Mapping[str, Any]) -> str:
    """D2: the SPE outcome ``'N'``, ``'S'``, ``'L'`` or ``'M'`` at a generic point.

    M iff B accepts (``s - gamma - beta*d > -ell_B*1[Cr]``), V approves (``lam = 0`` or
    ``h*s < v_S + eta*d``), ``R - (sigma + c)*s + d > 0`` and, where leverage alone succeeds,
    ``R - (sigma + c)*s > 0`` (then M, worth ``U_S + d``, beats both S and L).

    Examples
    --------
    >>> package_outcome(PACKAGE_DEFAULTS), package_outcome({**PACKAGE_DEFAULTS, "d": 1})
    ('M', 'S')
    """
    v = _v(values)
    q = g1_values(v)
    cr = q["Cr"]
    surplus = v["R"] - (v["sigma"] + v["c"]) * v["s"]
    accepted = v["s"] - v["gamma"] - v["beta"] * v["d"] > (-v["ell_B"] if cr else 0)
    approved = v["lam"] == 0 or v["h"] * v["s"] < v["v_S"] + v["eta"] * v["d"]
    u_m = (surplus + v["d"] if approved else -v["f"]) if accepted else _refused(v, q)
    return _best({"S": q["U_S"], "L": q["U_L"], "M": u_m})


def ratifies(values: Mapping[str, Any]) -> bool:
    """H2 channel: V ratifies B's concession iff ``eta*(d - d_V) + v_L*1[Cr] > 0`` (lam = 1).

    Examples
    --------
    >>> ratifies(CHANNEL_DEFAULTS), ratifies({**CHANNEL_DEFAULTS, "ell_A": 5})   # not Cr
    (True, False)
    """
    v = _v(values)
    cr = g1_values({**v, "lam": 1})["Cr"]
    return v["eta"] * (v["d"] - v["d_V"]) + (v["v_L"] if cr else 0) > 0


def legislature_outcome(values: Mapping[str, Any]) -> str:
    """H2 channel: the SPE outcome ``'N'``, ``'S'`` or ``'L'`` at a generic point.

    As Theorem G1 with leverage succeeding iff Cr, ``beta*d < ell_B`` and (``lam = 0`` or
    ``eta*(d - d_V) + v_L > 0``); a failed lever is worth ``-ell_A`` to A (the downgrade is
    carried out after B's refusal or V's veto) and an incredible one ``-K``.
    """
    v = _v(values)
    q = g1_values(v)
    works = q["Lsucc"] and (v["lam"] == 0 or ratifies(v))
    return _best({"S": q["U_S"], "L": v["d"] if works else _refused(v, q)})
