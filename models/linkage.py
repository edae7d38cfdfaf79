"""The alliance-plus-trade linkage game G1 and its variants (``linkage-research.md`` section 3).

A (Britain) chooses separation ``N``, an economic side payment ``S`` or security leverage ``L``;
B (Japan) accepts or concedes; V (A's legislature or organised business) may veto a side payment
when the legislature is involved (``lam = 1``); after a refused demand A carries out the
downgrade or backs down.  Payoffs are normalised so that separation is ``(0, 0, 0)``.

Every builder returns the symbolic game; keyword arguments fix parameters (``lam`` fixed to 0
leaves V's node out of the tree, as in the specification; ``lam`` left free puts V's node behind
a chance move that reaches it with probability ``lam``, exact on ``{0, 1}``: the veto player
moves only where its move can matter, see :func:`gametheory.models.two_level.involved`).

Variants: b1 :func:`paired_games`, b2 :func:`reciprocity_game`, b3 :func:`two_sided_game`,
b4 :func:`renewal_game`, b5 :func:`retaliation_game`, b6 :func:`menu_game`, G1* :func:`offer_game`
and :func:`endogenous_offers`, c0 :func:`veto_type_game`, c1 :func:`resolve_game`,
c2 :func:`screening_game`.  The closed forms (:func:`g1_outcome` and friends) are the theorems
the solver is checked against.

References
----------
C. L. Davis (2008/09), Linkage diplomacy: economic and security bargaining in the
Anglo-Japanese alliance, 1902-23, *International Security* 33(3).
D. W. Drezner (2003), The hidden hand of economic coercion, *IO* 57(3).
A. Tarar (2001), International bargaining with two-sided domestic constraints, *JCR* 45(3).
"""

from __future__ import annotations

import functools
from fractions import Fraction
from typing import Any, Mapping

import sympy

from gametheory.games import ExtensiveGame, chance, decision, leaf
from gametheory.numbers import exact, parse_expression, to_text
from gametheory.parameters import Parameter
from gametheory.models.two_level import involved, ratify

__all__ = [
    "PLAYERS", "PARAMETERS", "DEFAULTS", "parameter", "g1_game", "paired_games",
    "reciprocity_game", "two_sided_game", "renewal_game", "retaliation_game", "menu_game",
    "offer_game", "veto_type_game", "resolve_game", "screening_game", "g1_outcome",
    "g1_values", "endogenous_offers", "renewal_outcome", "two_sided_demand", "veto_type_value",
    "screening_demand", "screening_demands", "SCREENING_TYPES", "menu_choice",
    "menu_parameters", "MENU_NAMES", "leverage_offers",
    "side_payment_offers", "derived_offers", "RECIPROCITY_PARAMETER",
]

PLAYERS = ("A", "B", "V")

_RESEARCH = "linkage-research.md 3.1"
PARAMETERS: tuple[Parameter, ...] = (
    Parameter("lam", "{0, 1}", "legislature involved (H2): the issue is in the legislature's "
              "domain and organised business works through MPs", "Davis 2008/09 H2 [D]; 1.2 [I]"),
    Parameter("c", ">= 0", "ruling-party cost per unit of side payment (H1)",
              "Davis 2008/09 H1 [D]; " + _RESEARCH),
    Parameter("sigma", ">= 0", "A's national economic cost per unit of side payment", _RESEARCH),
    Parameter("R", "> 0", "security value to A of the extra cooperation a side payment buys",
              _RESEARCH),
    Parameter("s", "> 0", "size of the side payment (its value to B)", _RESEARCH),
    Parameter("gamma", ">= 0", "B's cost of the extra cooperation (its reservation price)",
              _RESEARCH),
    Parameter("h", ">= 0", "harm per unit of side payment to V's constituents", _RESEARCH),
    Parameter("v_S", ">= 0", "V's valuation of the reinforced cooperation", _RESEARCH),
    Parameter("d", "> 0", "economic concession demanded from B (its value to A)", _RESEARCH),
    Parameter("beta", "> 0", "B's cost per unit of concession", _RESEARCH),
    Parameter("ell_A", "> 0", "A's loss from executing the downgrade (A's dependence)",
              "Morrow 1991; " + _RESEARCH),
    Parameter("ell_B", ">= 0", "B's loss if A downgrades or does not renew (B's dependence)",
              "Morrow 1991; " + _RESEARCH),
    Parameter("kappa0", ">= 0", "A's baseline cost of backing down after a refused demand",
              "Leventoglu-Tarar 2005; " + _RESEARCH),
    Parameter("kappa", ">= 0", "extra back-down cost when the legislature is involved",
              "Leventoglu-Tarar 2005; " + _RESEARCH),
    Parameter("f", ">= 0", "A's cost of a failed initiative (rejected or vetoed side payment)",
              _RESEARCH),
    Parameter("eta", ">= 0", "V's gain per unit of the concession", _RESEARCH),
    Parameter("v_L", ">= 0", "V's loss from a downgrade", _RESEARCH),
)
RENEWAL_PARAMETER = Parameter(
    "a", "real", "A's net security value of renewing the alliance, net of US/Dominion opposition",
    "linkage-research.md 3.2 (b4)")

#: A generic default point: the E6 (1910-11) calibration of linkage-research.md section 4.
DEFAULTS: dict[str, Fraction] = {k: exact(v) for k, v in {
    "lam": 1, "c": 1, "sigma": "1/2", "R": 2, "s": 3, "gamma": "1/2", "h": 1, "v_S": 1, "d": 2,
    "beta": 1, "ell_A": 3, "ell_B": 4, "kappa0": 1, "kappa": 3, "f": "1/10", "eta": 1,
    "v_L": 1, "a": 3}.items()}

U_S = "R - (sigma + c)*s"
K = "kappa0 + lam*kappa"
SIDE_PAYMENT = (U_S, "s - gamma", "v_S - h*s")
FAILED = ("-f", 0, 0)
CONCEDE = ("d", "-beta*d", "eta*d")
CARRY_OUT = ("-ell_A", "-ell_B", "-v_L")
BACK_DOWN = (f"-({K})", 0, 0)


def parameter(name: str) -> Parameter:
    """The canonical parameter called ``name`` (``a`` included)."""
    for p in PARAMETERS + (RENEWAL_PARAMETER,):
        if p.name == name:
            return p
    raise KeyError(name)


def _veto_on(fixed: Mapping[str, Any]) -> Any:
    """0 or 1 when ``lam`` is fixed (the node is left out or kept), else the switch ``lam``."""
    if "lam" in fixed:
        lam = exact(fixed["lam"])
        if lam not in (0, 1):
            raise ValueError(f"lam must be 0 or 1, not {lam}")
        return int(lam)
    return "lam"


def _side_payment_leg(fixed, accepted=SIDE_PAYMENT, failed=FAILED, extra=()):
    return ratify("B", tuple(accepted) + tuple(extra), tuple(failed) + tuple(extra),
                  veto_player="V", veto_on=_veto_on(fixed))


def _threat(player: str = "A", carry_out=CARRY_OUT, back_down=BACK_DOWN, extra=(), infoset=None):
    return decision(player, {"carry out": leaf(*carry_out, *extra),
                             "back down": leaf(*back_down, *extra)}, infoset=infoset)


def _leverage_leg(extra=(), concede=None):
    concede = leaf(*CONCEDE, *extra) if concede is None else concede
    return decision("B", {"concede": concede, "refuse": _threat(extra=extra)})


def _make(players, root, title, parameters, fixed, description=""):
    game = ExtensiveGame(players, root, title=title, description=description,
                         parameters=parameters)
    return game.substitute(dict(fixed)) if fixed else game


def _g1_root(fixed, extra=()):
    return decision("A", {"N": leaf(0, 0, 0, *extra),
                          "S": _side_payment_leg(fixed, extra=extra),
                          "L": _leverage_leg(extra)})


def g1_game(**fixed) -> ExtensiveGame:
    """G1: the core linkage game (players A, B, V), with any parameters fixed.

    Examples
    --------
    >>> g = g1_game(lam=1)
    >>> g.players, g.n_nodes, [p.name for p in g.parameters][:3]
    (('A', 'B', 'V'), 12, ['c', 'sigma', 'R'])
    >>> g1_game(lam=0).n_nodes
    10
    """
    return _make(PLAYERS, _g1_root(fixed), "G1: alliance-plus-trade linkage", PARAMETERS, fixed)


def paired_games(**fixed) -> dict[int, ExtensiveGame]:
    """b1: G1 without and with the legislature, sharing every other parameter.

    Examples
    --------
    >>> {lam: g.n_nodes for lam, g in paired_games().items()}
    {0: 10, 1: 12}
    """
    fixed = {k: v for k, v in fixed.items() if k != "lam"}
    return {lam: g1_game(lam=lam, **fixed) for lam in (0, 1)}


def renewal_game(**fixed) -> ExtensiveGame:
    """b4: A first chooses Renew (then G1 is played, plus ``a``) or Terminate (0).

    Examples
    --------
    >>> renewal_game(lam=1).n_nodes
    14
    """
    # a is paid once the alliance is renewed: an outcome on the inner root itself
    root = decision("A", {"Renew": _with_outcome(_g1_root(fixed), ("a", 0, 0)),
                          "Terminate": leaf(0, 0, 0)})
    return _make(PLAYERS, root, "G1 with renew-or-terminate stage (b4)",
                 PARAMETERS + (RENEWAL_PARAMETER,), fixed)


def _with_outcome(node, payoffs):
    return decision(node.player, node.moves, infoset=node.infoset, label=node.label,
                    payoffs=payoffs, outcome="renewal value")


RECIPROCITY_PARAMETER = Parameter("d_V", ">= 0", "V's reciprocity floor on B's concession",
                                  "linkage-research.md 3.2 (b2)")


def reciprocity_game(**fixed) -> ExtensiveGame:
    """b2: with the legislature involved, V ratifies B's concession only above its floor ``d_V``.

    Tree: G1, except that after ``L, concede`` (when ``lam = 1``) V ratifies, with payoffs
    ``(d, -beta*d, eta*(d - d_V))``, or vetoes, which sends play to A's carry-out/back-down
    node.  As section 3.2 specifies, V's payoff is ``eta*(d - d_V)`` against a veto worth 0
    to it (its stake is the concession, not the alliance), so V ratifies iff ``d >= d_V``
    whatever ``v_L`` is; ``v_L`` stays V's loss when A carries out after B's own refusal.
    Leverage succeeds iff Cr, ``beta*d < ell_B`` and (``lam = 0`` or ``d >= d_V``).

    Examples
    --------
    >>> reciprocity_game(lam=1).n_nodes
    16

    At the E6 values (``d = 2``), V ratifies above a floor ``d_V = 3/2`` (A's lever works) and
    vetoes below a floor ``d_V = 5/2``, which makes the lever fail (A stays out: N); the
    equilibria differ only off the path, so their payoffs are listed once:

    >>> import gametheory
    >>> e6 = {k: v for k, v in DEFAULTS.items() if k != "a"}
    >>> for floor in ("3/2", "5/2"):
    ...     game = reciprocity_game(**{**e6, "d_V": floor})
    ...     print(sorted({tuple(map(str, eq.payoffs)) for eq in gametheory.solve(game)}))
    [('2', '-2', '1/2')]
    [('0', '0', '0')]
    """
    lam = _veto_on(fixed)
    concede = leaf(*CONCEDE)
    if lam != 0:
        vote = decision("V", {"ratify": leaf("d", "-beta*d", "eta*(d - d_V)"),
                              "veto": _threat(carry_out=CARRY_OUT[:2] + (0,),
                                              back_down=BACK_DOWN)})
        concede = vote if lam == 1 else involved("lam", vote, concede)
    root = decision("A", {"N": leaf(0, 0, 0), "S": _side_payment_leg(fixed),
                          "L": _leverage_leg(concede=concede)})
    return _make(PLAYERS, root, "G1 with a reciprocity floor (b2)",
                 PARAMETERS + (RECIPROCITY_PARAMETER,), fixed)


TWO_SIDED_PARAMETERS = (
    Parameter("beta_W", "> 0", "cost per unit of concession to Japan's Diet W",
              "Tarar 2001; linkage-research.md 3.2 (b3)"),
    Parameter("ell_W", ">= 0", "W's loss from a downgrade of the alliance",
              "Tarar 2001; linkage-research.md 3.2 (b3)"),
)


def two_sided_game(**fixed) -> ExtensiveGame:
    """b3: B's concession needs the approval of its own legislature W (players A, B, V, W).

    If W rejects, play goes to A's carry-out/back-down node.

    Examples
    --------
    >>> two_sided_game(lam=0).players
    ('A', 'B', 'V', 'W')
    """
    def threat():
        return decision("A", {"carry out": leaf(*CARRY_OUT, "-ell_W"),
                              "back down": leaf(*BACK_DOWN, 0)})

    concede = decision("W", {"approve": leaf(*CONCEDE, "-beta_W*d"), "reject": threat()})
    root = decision("A", {"N": leaf(0, 0, 0, 0),
                          "S": _side_payment_leg(fixed, extra=(0,)),
                          "L": decision("B", {"concede": concede, "refuse": threat()})})
    return _make(PLAYERS + ("W",), root, "G1 with a two-sided constraint (b3)",
                 PARAMETERS + TWO_SIDED_PARAMETERS, fixed)


RETALIATION_PARAMETERS = (
    Parameter("c_T", ">= 0", "ruling-party cost of imposing a retaliatory tariff "
              "(prohibitive for the free-trade Liberals)", "linkage-research.md P6 (b5) [I]"),
    Parameter("ell_T", ">= 0", "B's loss from A's retaliatory tariff",
              "linkage-research.md P6 (b5) [I]"),
)


def retaliation_game(**fixed) -> ExtensiveGame:
    """b5: A may also threaten within-issue retaliation ``T`` (a tariff) for the concession.

    After ``T`` B concedes ``d`` or refuses; A then imposes the tariff (cost ``c_T`` to A,
    ``ell_T`` to B) or backs down (``K``).  If ``c_T > K`` the tariff threat is not credible and
    the concession can only be had through the cross-issue lever ``L`` (P6).

    Examples
    --------
    >>> retaliation_game(lam=0).infosets[0].actions
    ('N', 'S', 'L', 'T')
    """
    tariff = decision("B", {"concede": leaf(*CONCEDE), "refuse": _threat(
        carry_out=("-c_T", "-ell_T", 0), back_down=BACK_DOWN)})
    root = decision("A", {"N": leaf(0, 0, 0), "S": _side_payment_leg(fixed),
                          "L": _leverage_leg(), "T": tariff})
    return _make(PLAYERS, root, "G1 with within-issue retaliation (b5)",
                 PARAMETERS + RETALIATION_PARAMETERS, fixed)


#: The per-area costs of the menu game (b6): section 3.1's (sigma_k, c_k, s_k, gamma_k), and
#: the harm h_k to V's constituents (an area may hurt them more than another).
MENU_NAMES = ("s", "sigma", "c", "gamma", "h")


def menu_parameters(areas: int, vary: tuple[str, ...] = MENU_NAMES) -> tuple[Parameter, ...]:
    """Per-area parameters (``s_k, sigma_k, c_k, gamma_k, h_k`` by default) of the menu game."""
    out = []
    for k in range(1, areas + 1):
        for name in vary:
            base = parameter(name)
            out.append(Parameter(f"{name}_{k}", base.domain,
                                 f"{base.meaning} (area {k})", "linkage-research.md P1 (b6)"))
    return tuple(out)


def menu_game(areas: int = 2, vary: tuple[str, ...] = MENU_NAMES, **fixed) -> ExtensiveGame:
    """b6: A chooses among side-payment areas ``S1..Sm``, each with its own costs.

    Tree (section 3.1, P1's menu version): G1 with the side payment replaced by one branch
    per area::

        A: N -> (0, 0, 0)
           Sk -> B: accept -> [lam = 1] V: approve | veto -> (-f, 0, 0)
                  (R - (sigma_k + c_k)s_k, s_k - gamma_k, v_S - h_k*s_k)
                    reject -> (-f, 0, 0)
           L  -> B: concede | refuse -> A: carry out | back down   (as in G1)

    ``vary`` names the costs that differ between areas (each gets ``name_k``); the others are
    G1's shared parameter.  With every cost varying (the default, the built-in
    ``linkage-menu``), A picks ``argmax_k [R - (sigma_k + c_k)s_k]`` over the feasible areas;
    with ``vary=("c",)`` the areas differ only in the party cost, the specification's
    "other things equal", where the chosen area is the one with the lowest ``c_k`` (H1 read
    literally).

    Examples
    --------
    >>> menu_game(3, lam=0).infosets[0].actions
    ('N', 'S1', 'S2', 'S3', 'L')
    >>> [p.name for p in menu_game(vary=("c",)).parameters if p.name.startswith("c")]
    ['c_1', 'c_2']
    """
    moves: dict[str, Any] = {"N": leaf(0, 0, 0)}
    for k in range(1, areas + 1):
        n = {name: f"{name}_{k}" if name in vary else name for name in MENU_NAMES}
        accepted = (f"R - ({n['sigma']} + {n['c']})*{n['s']}", f"{n['s']} - {n['gamma']}",
                    f"v_S - {n['h']}*{n['s']}")
        moves[f"S{k}"] = _side_payment_leg(fixed, accepted=accepted)
    moves["L"] = _leverage_leg()
    shared = tuple(p for p in PARAMETERS if p.name not in vary)
    what = "party costs" if tuple(vary) == ("c",) else "costs"
    return _make(PLAYERS, decision("A", moves), f"G1 with a menu of {areas} side-payment areas "
                 f"differing in their {what} (b6)", shared + menu_parameters(areas, vary), fixed)


def offer_game(s_offers, d_offers, **fixed) -> ExtensiveGame:
    """G1*, finite version: A chooses a side payment from ``s_offers`` or a demand from ``d_offers``.

    Offers are numbers or expressions (``"gamma"``, ``"ell_B/beta"``).  Responders indifferent
    between accepting and refusing appear in two SPE; the G1* equilibrium is the one in which
    they accept.

    Examples
    --------
    >>> offer_game(["gamma"], ["ell_B/beta"], lam=0).infosets[0].actions
    ('N', 'S(gamma)', 'L(ell_B/beta)')
    """
    moves: dict[str, Any] = {"N": leaf(0, 0, 0)}
    for s in s_offers:
        s = str(s)
        accepted = (f"R - (sigma + c)*({s})", f"({s}) - gamma", f"v_S - h*({s})")
        moves[f"S({s})"] = _side_payment_leg(fixed, accepted=accepted)
    for d in d_offers:
        d = str(d)
        concede = leaf(f"{d}", f"-beta*({d})", f"eta*({d})")
        moves[f"L({d})"] = _leverage_leg(concede=concede)
    shared = tuple(p for p in PARAMETERS if p.name not in ("s", "d"))
    return _make(PLAYERS, decision("A", moves), "G1* with endogenous offers (menu)", shared,
                 fixed)


def _threat_cases(lam: int) -> list[tuple[tuple, tuple]]:
    """A's carry-out/back-down node solved by the package's symbolic solver: for each generic
    region (credible, ``ell_A < K``, or not) its conditions and the payoffs there."""
    import gametheory

    names = ("ell_A", "ell_B", "kappa0", "kappa", "v_L")
    node = _threat(back_down=(f"-(kappa0 + {lam}*kappa)", 0, 0))
    game = ExtensiveGame(PLAYERS, node, parameters=tuple(parameter(n) for n in names))
    solution = gametheory.solve(game, method="spe", generic=True)
    return [(piece.conditions, piece.payoffs) for piece in solution.pieces]


def leverage_offers(lam: int = 1, *, floor: bool = False, concession: str = "-beta*d"
                    ) -> list[tuple[tuple, Any]]:
    """G1* and b2 with endogenous demand: A demands any ``d >= 0``, solved over the continuum.

    For each case of the threat (solved first: carry out iff ``ell_A < K``), the demand is a
    take-it-or-leave-it offer (:func:`gametheory.symbolic.offers.solve_offer`, public API):
    B accepts iff its payoff from conceding (``concession``, default ``-beta*d``) is at least
    its payoff after a refusal; with ``floor`` and ``lam = 1``, V then ratifies iff
    ``eta*(d - d_V) >= 0`` (section 3.2, b2); any refusal or veto leads to the threat's
    outcome.  Responders accept when indifferent.

    Returns
    -------
    list of (conditions, OfferSolution)
        The threat case and the optimal demand region by region.

    Examples
    --------
    The optimum is derived, not preset: with the threat credible, ``d* = ell_B/beta`` (G1*;
    no demand where ``ell_B = 0``); without it no demand is accepted; with the reciprocity
    floor ``d*`` is feasible iff ``d_V <= ell_B/beta``:

    >>> for case, solution in leverage_offers(1):
    ...     print(case, sorted({str(p.offer) for p in solution.pieces}))
    (ell_A - kappa - kappa0 < 0,) ['None', 'ell_B/beta']
    (ell_A - kappa - kappa0 > 0,) ['None']
    >>> _, credible = leverage_offers(1, floor=True)[0]
    >>> sorted((str(p.region), str(p.offer)) for p in credible.pieces)[-1]
    ('(d_V > 0) & (eta > 0) & (-d_V + ell_B/beta > 0)', 'ell_B/beta')
    """
    from gametheory.symbolic.offers import offer_game, solve_offer

    responders = ["B", "V"] if floor and lam == 1 else ["B"]
    params = [parameter(n) for n in ("beta", "ell_A", "ell_B", "kappa0", "kappa", "eta", "v_L")]
    if floor:
        params.append(RECIPROCITY_PARAMETER)
    out = []
    for conditions, payoffs in _threat_cases(lam):
        game = offer_game(PLAYERS, "A", responders,
                          {"A": "d", "B": concession, "V": "eta*(d - d_V)" if floor else "eta*d"},
                          offer="d", interval=(0, None),
                          disagreement={"A": payoffs[0], "B": payoffs[1], "V": 0},
                          parameters=params, assumptions=conditions)
        out.append((conditions, solve_offer(game, generic=True)))
    return out


def side_payment_offers(lam: int = 1, *, benefit: str = "s - gamma") -> Any:
    """G1* side payment over the continuum: A offers any ``s >= 0``; B accepts iff its benefit
    (default ``s - gamma``) is at least 0; with ``lam = 1`` V ratifies iff ``v_S - h*s >= 0``;
    failure costs A ``f``.  Solved by :func:`gametheory.symbolic.offers.solve_offer`.

    Examples
    --------
    >>> sorted({str(p.offer) for p in side_payment_offers(0).pieces})
    ['0', 'None', 'gamma']
    """
    from gametheory.symbolic.offers import offer_game, solve_offer

    names = ("R", "sigma", "c", "gamma", "f") + (("h", "v_S") if lam == 1 else ())
    params = [parameter(n) for n in names]
    game = offer_game(PLAYERS, "A", ["B", "V"] if lam == 1 else ["B"],
                      {"A": "R - (sigma + c)*s", "B": benefit,
                       "V": "v_S - h*s" if lam == 1 else "0"},
                      offer="s", interval=(0, None), disagreement={"A": "-f", "B": 0, "V": 0},
                      parameters=params)
    return solve_offer(game, generic=True)


@functools.lru_cache(maxsize=2)      # one entry per value of lam
def derived_offers(lam: int = 1) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The optimal side payments and demands that the continuum solutions derive (G1*).

    An optimum that equals another one on its whole region (``s* = 0`` where ``gamma = 0``)
    is listed once.

    Examples
    --------
    >>> derived_offers(1)
    (('gamma',), ('ell_B/beta',))
    """
    pieces = [p for p in side_payment_offers(lam).pieces if p.offer is not None]
    demands = [p for _, sol in leverage_offers(lam) for p in sol.pieces if p.offer is not None]
    return _distinct(pieces), _distinct(demands)


def _distinct(pieces) -> tuple[str, ...]:
    kept: list = []
    for piece in sorted(pieces, key=lambda p: p.offer.is_number):
        if not any(piece.region.implies(sympy.Eq(piece.offer, other)) for other in kept):
            kept.append(piece.offer)
    return tuple(str(offer) for offer in kept)


VETO_TYPE_PARAMETER = Parameter(
    "pi", "[0, 1]", "probability that V is hawkish (vetoes the side payment) when the "
    "legislature is involved; the veto probability is lam*pi",
    "Milner-Rosendorff 1997; Iida 1993; linkage-research.md 3.3 (c0)")


def veto_type_game(**fixed) -> ExtensiveGame:
    """c0: when the legislature is involved, Nature draws V's type after B accepts S.

    Tree (section 3.3, c0, on G1 of section 3.1)::

        A: N -> (0, 0, 0)
           S -> B: reject -> (-f, 0, 0)
                   accept -> [lam = 1] Nature: hawkish (pi)    -> V: approve | veto
                                               dovish (1 - pi) -> V: approve | veto
                             [lam = 0] the deal (R - (sigma + c)s, s - gamma, v_S - h*s)
           L -> B: concede -> (d, -beta*d, eta*d)
                   refuse  -> A: carry out (-ell_A, -ell_B, -v_L) | back down (-K, 0, 0)

    A hawkish V is hurt by the payment and does not value the cooperation (approval pays it
    ``-h*s``); a dovish V values the cooperation and is not hurt (``v_S``); a veto gives
    ``(-f, 0, 0)``.  As in G1, V votes only when the legislature is involved: the
    specification's "read lam = 1 as raising pi" is the ratification-failure probability
    ``lam*pi`` (0 without the legislature, pi with it).  With ``h*s > 0`` and ``v_S > 0`` the
    hawk vetoes and the dove approves, so ``U_A(S) = (1 - lam*pi)(R - (sigma + c)s) -
    lam*pi*f``.  With ``lam`` free, the draw sits behind a chance move of probability ``lam``
    (:func:`gametheory.models.two_level.involved`).

    Examples
    --------
    >>> veto_type_game().n_nodes, veto_type_game(lam=1).n_nodes, veto_type_game(lam=0).n_nodes
    (18, 16, 10)

    At the E6 values with ``c = 0``, ``ell_A = 5`` (no credible lever) and ``pi = 1/2``, A
    offers S in both worlds; the legislature halves its value: ``U_A(S) = 1/2`` at ``lam = 0``
    and ``(1/2)(1/2) - (1/2)(1/10) = 1/5`` at ``lam = 1``:

    >>> import gametheory
    >>> point = {k: v for k, v in DEFAULTS.items() if k != "a"}
    >>> point.update(c=0, ell_A=5, pi="1/2")
    >>> [str(gametheory.solve(veto_type_game(**{**point, "lam": lam}))[0].payoffs[0])
    ...  for lam in (0, 1)]
    ['1/2', '1/5']
    """
    hawk = decision("V", {"approve": leaf(U_S, "s - gamma", "-h*s"), "veto": leaf(*FAILED)})
    dove = decision("V", {"approve": leaf(U_S, "s - gamma", "v_S"), "veto": leaf(*FAILED)})
    vote = chance({"hawkish": ("pi", hawk), "dovish": ("1 - pi", dove)})
    involvement = _veto_on(fixed)
    deal = {0: leaf(*SIDE_PAYMENT), 1: vote}.get(involvement)
    if deal is None:
        deal = involved("lam", vote, leaf(*SIDE_PAYMENT))
    side = decision("B", {"accept": deal, "reject": leaf(*FAILED)})
    root = decision("A", {"N": leaf(0, 0, 0), "S": side, "L": _leverage_leg()})
    return _make(PLAYERS, root, "G1 with an uncertain veto player (c0)",
                 PARAMETERS + (VETO_TYPE_PARAMETER,), fixed)


RESOLVE_PARAMETERS = (
    Parameter("p", "(0, 1)", "prior probability that A is resolved (type H)",
              "linkage-research.md 3.3 (c1)"),
    Parameter("K_H", ">= 0", "resolved type's back-down cost (K_H > ell_A)",
              "Leventoglu-Tarar 2005; linkage-research.md 3.3 (c1)"),
    Parameter("K_W", ">= 0", "weak type's back-down cost (K_W < ell_A)",
              "linkage-research.md 3.3 (c1)"),
)


def resolve_game(**fixed) -> ExtensiveGame:
    """c1: A's resolve (back-down cost K_H or K_W) is private; B sees only A's move.

    Tree (section 3.3, c1, on G1 of section 3.1)::

        Nature: resolved (p) / weak (1 - p); A observes its type t in {H, W}
          A: N -> (0, 0, 0)
             S -> B: reject -> (-f, 0, 0)
                     accept -> [lam = 1] V: approve -> (R - (sigma + c)s, s - gamma,
                                                        v_S - h*s)
                                            veto    -> (-f, 0, 0)
                               [lam = 0] the deal, as after approval
             L -> B: concede -> (d, -beta*d, eta*d)
                     refuse  -> A: carry out (-ell_A, -ell_B, -v_L) | back down (-K_t, 0, 0)

    B has one information set after ``S`` and one after ``L``, each holding the two type
    nodes; V's vote (when the legislature is involved) is one information set too.  The
    legislature acts as in G1: it can veto the side payment, which sets A's outside option
    ``U0 = max(0, U_A(S))``; the back-down costs are the types' own.  With ``lam`` free V's
    vote sits behind a chance move of probability ``lam``
    (:func:`gametheory.models.two_level.involved`); the perfect Bayesian solver needs positive
    chance probabilities, so it is solved with ``lam`` fixed.

    Examples
    --------
    >>> g = resolve_game(lam=1)
    >>> g.is_perfect_information, [len(s) for s in g.player_infosets]
    (False, [4, 2, 1])
    >>> [len(s) for s in resolve_game(lam=0).player_infosets]
    [4, 2, 0]
    """
    veto = _veto_on(fixed)

    def typed(t: str):
        failed = leaf(*FAILED)
        accepted = leaf(*SIDE_PAYMENT)
        if veto != 0:
            vote = decision("V", {"approve": accepted, "veto": leaf(*FAILED)}, infoset="V|S")
            accepted = vote if veto == 1 else involved("lam", vote, leaf(*SIDE_PAYMENT))
        side = decision("B", {"accept": accepted, "reject": failed}, infoset="B|S")
        threat = decision("A", {"carry out": leaf(*CARRY_OUT),
                                "back down": leaf(f"-K_{t}", 0, 0)}, infoset=f"A{t}|refused")
        lever = decision("B", {"concede": leaf(*CONCEDE), "refuse": threat}, infoset="B|L")
        return decision("A", {"N": leaf(0, 0, 0), "S": side, "L": lever}, infoset=f"A{t}")

    root = chance({"resolved": ("p", typed("H")), "weak": ("1 - p", typed("W"))})
    shared = tuple(q for q in PARAMETERS if q.name not in ("kappa0", "kappa"))
    return _make(PLAYERS, root, "G1 with private information about resolve (c1)",
                 shared + RESOLVE_PARAMETERS, fixed)


SCREENING_PARAMETERS = (
    Parameter("q", "(0, 1)", "probability that B is highly dependent (ell_B = ell_H)",
              "linkage-research.md 3.3 (c2)"),
    Parameter("ell_H", ">= 0", "B's loss from a downgrade, dependent type", "3.3 (c2)"),
    Parameter("ell_L", ">= 0", "B's loss from a downgrade, less dependent type", "3.3 (c2)"),
)

#: The types of B in the screening game: (branch label, suffix of its dependence ell_t, the
#: demand label that type t's optimal demand gets).
SCREENING_TYPES = (("dependent", "H", "hi"), ("less dependent", "L", "lo"))


@functools.lru_cache(maxsize=1)
def screening_demands() -> dict[str, str]:
    """c2: the demands A chooses between, derived from the continuum of demands ``d >= 0``.

    A demand ``d`` is conceded by the types with ``beta*d <= ell_t`` (responders accept when
    indifferent), so A's expected payoff is increasing in ``d`` between two consecutive
    thresholds (``d`` from each conceding type, the fixed breakdown or back-down payoff from
    each refusing one): over the continuum the optimum is one of the types' thresholds.
    Each threshold is derived, not preset: it is the optimal demand of the continuum
    take-it-or-leave-it game against a known type (:func:`derived_offers`, solved by the
    offers solver), with ``ell_B`` replaced by the type's ``ell_t``.

    Returns
    -------
    dict
        Demand label (``"hi"``, ``"lo"``) -> the demand as an expression.

    Examples
    --------
    >>> screening_demands()
    {'hi': 'ell_H/beta', 'lo': 'ell_L/beta'}
    """
    (known,) = derived_offers(1)[1]
    symbols = {p.name: p.symbol for p in PARAMETERS}
    optimum = parse_expression(known, symbols)
    return {name: to_text(optimum.xreplace({symbols["ell_B"]: sympy.Symbol(f"ell_{t}",
                                                                            real=True)}))
            for _, t, name in SCREENING_TYPES}


def screening_game(**fixed) -> ExtensiveGame:
    """c2: Nature draws B's dependence, which B observes and A does not; A chooses the demand.

    Tree (section 3.3, c2)::

        Nature: dependent (q) / less dependent (1 - q); B observes, A does not
          A (one information set over both types): N -> (0, 0, 0)
            L_hi (d = ell_H/beta) -> B: concede -> (d, -beta*d, eta*d)
            L_lo (d = ell_L/beta)      refuse  -> A: carry out (-ell_A, -ell_t, -v_L)
                                                     | back down (-K, 0, 0)

    A's carry-out node after each demand is one information set over both types.  The
    demand is A's choice over the continuum ``d >= 0``; :func:`screening_demands` derives
    that only the types' thresholds ``ell_H/beta`` and ``ell_L/beta`` can be optimal, so the
    game offers those two (and ``N``).  Each type is indifferent at its own threshold; as the
    specification's endogenous-offer convention says (section 3.0), the equilibria of the
    continuum game are those in which it concedes (:func:`screening_demand` is the rule
    there).  With ``ell_A < K`` (Cr), A demands ``ell_H/beta`` iff
    ``q*ell_H/beta - (1 - q)*ell_A > ell_L/beta``, and the downgrade is then carried out
    on the path with probability ``1 - q``.

    Examples
    --------
    >>> g = screening_game()
    >>> g.infosets[1].actions, g.is_perfect_information
    (('N', 'L_hi', 'L_lo'), False)
    >>> [p.name for p in g.parameters if p.name.startswith("d")]
    []
    """
    demands = screening_demands()

    def typed(t: str):
        moves: dict[str, Any] = {"N": leaf(0, 0, 0)}
        for name, d in demands.items():
            moves[f"L_{name}"] = decision("B", {
                "concede": leaf(f"{d}", f"-beta*({d})", f"eta*({d})"),
                "refuse": decision("A", {"carry out": leaf("-ell_A", f"-ell_{t}", "-v_L"),
                                         "back down": leaf(*BACK_DOWN)},
                                   infoset=f"A|{name} refused")}, infoset=f"B{t}|L_{name}")
        return decision("A", moves, infoset="A")

    root = chance({label: (prob, typed(t)) for (label, t, _), prob
                   in zip(SCREENING_TYPES, ("q", "1 - q"))})
    shared = tuple(p for p in PARAMETERS if p.name in (
        "lam", "beta", "ell_A", "kappa0", "kappa", "eta", "v_L"))
    return _make(PLAYERS, root, "Screening on B's dependence (c2)",
                 shared + SCREENING_PARAMETERS, fixed)


# ------------------------------------------------------------------------------ closed forms

def _values(values: Mapping[str, Any]) -> dict[str, Fraction]:
    return {k: exact(v) for k, v in values.items()}


def g1_values(values: Mapping[str, Any]) -> dict[str, Any]:
    """The backward-induction quantities of Theorem G1 at a parameter point.

    Returns a dict with the booleans ``Cr``, ``Lsucc``, ``F_S`` and A's values ``U_S``, ``U_L``.
    """
    v = _values(values)
    K_ = v["kappa0"] + v["lam"] * v["kappa"]
    cr = v["ell_A"] < K_
    lsucc = cr and v["beta"] * v["d"] < v["ell_B"]
    f_s = v["s"] > v["gamma"] and (v["lam"] == 0 or v["h"] * v["s"] < v["v_S"])
    u_s = v["R"] - (v["sigma"] + v["c"]) * v["s"] if f_s else -v["f"]
    u_l = v["d"] if lsucc else (-v["ell_A"] if cr else -K_)
    return {"K": K_, "Cr": cr, "Lsucc": lsucc, "F_S": f_s, "U_S": u_s, "U_L": u_l}


def g1_outcome(values: Mapping[str, Any]) -> str:
    """Theorem G1: the SPE outcome ``'S'``, ``'L'`` or ``'N'`` for generic parameters.

    Examples
    --------
    >>> from gametheory.models.linkage import DEFAULTS
    >>> g1_outcome(DEFAULTS), g1_outcome({**DEFAULTS, "lam": 0})
    ('L', 'N')
    """
    q = g1_values(values)
    v = _values(values)
    surplus = v["R"] - (v["sigma"] + v["c"]) * v["s"]
    if q["F_S"] and surplus > (v["d"] if q["Lsucc"] else 0) and surplus > 0:
        return "S"
    if q["Lsucc"] and v["d"] > max(0, q["U_S"]):
        return "L"
    return "N"


def renewal_outcome(values: Mapping[str, Any]) -> str:
    """b4: ``'Terminate'`` unless ``a + W* > 0`` with ``W* = max(0, U_A(S), U_A(L))``."""
    q = g1_values(values)
    w = max(0, q["U_S"], q["U_L"])
    return g1_outcome(values) if exact(values["a"]) + w > 0 else "Terminate"


def endogenous_offers(values: Mapping[str, Any]) -> dict[str, Any]:
    """G1*: ``s* = gamma``, ``d* = ell_B/beta``; A's values and the outcome.

    Examples
    --------
    >>> r = endogenous_offers({**DEFAULTS, "lam": 0, "c": 0})
    >>> r["s"], r["d"], r["U_S"], r["outcome"]
    (Fraction(1, 2), Fraction(4, 1), Fraction(7, 4), 'S')
    """
    v = _values(values)
    s_star, d_star = v["gamma"], v["ell_B"] / v["beta"]
    feasible = v["lam"] == 0 or v["h"] * s_star <= v["v_S"]
    u_s = v["R"] - (v["sigma"] + v["c"]) * s_star if feasible else -v["f"]
    cr = v["ell_A"] < v["kappa0"] + v["lam"] * v["kappa"]
    u_l = d_star if cr else -(v["kappa0"] + v["lam"] * v["kappa"])
    best = max(("N", Fraction(0)), ("S", u_s), ("L", u_l), key=lambda kv: kv[1])
    return {"s": s_star, "d": d_star, "U_S": u_s, "U_L": u_l, "outcome": best[0]}


def two_sided_demand(values: Mapping[str, Any]) -> Fraction:
    """b3: the largest demand B and its Diet accept, ``min(ell_B/beta, ell_W/beta_W)``."""
    v = _values(values)
    return min(v["ell_B"] / v["beta"], v["ell_W"] / v["beta_W"])


def veto_type_value(values: Mapping[str, Any]) -> Fraction:
    """c0: ``U_A(S) = (1 - lam*pi)(R - (sigma + c)s) - lam*pi*f`` (B accepts, ``s > gamma``).

    Examples
    --------
    >>> point = {**DEFAULTS, "c": 0, "pi": "1/2"}
    >>> veto_type_value({**point, "lam": 0}), veto_type_value({**point, "lam": 1})
    (Fraction(1, 2), Fraction(1, 5))
    """
    v = _values(values)
    veto = v["lam"] * v["pi"]
    return (1 - veto) * (v["R"] - (v["sigma"] + v["c"]) * v["s"]) - veto * v["f"]


def screening_demand(values: Mapping[str, Any]) -> str:
    """c2: ``'L_hi'`` iff ``q*ell_H/beta - (1 - q)*ell_A > ell_L/beta`` (section 3.3), else
    ``'L_lo'``: with a credible threat, ``0 < ell_L < ell_H``, types conceding when indifferent.

    Examples
    --------
    >>> point = {"q": "1/2", "ell_H": 4, "ell_L": 2, "beta": 1, "ell_A": 3}
    >>> screening_demand(point), screening_demand({**point, "q": "9/10"})
    ('L_lo', 'L_hi')
    """
    v = _values(values)
    high, low = v["ell_H"] / v["beta"], v["ell_L"] / v["beta"]
    return "L_hi" if v["q"] * high - (1 - v["q"]) * v["ell_A"] > low else "L_lo"


def menu_choice(values: Mapping[str, Any], areas: int = 2) -> str | None:
    """b6: the feasible area with the largest ``R - (sigma_k + c_k)s_k`` (None if none)."""
    v = _values(values)
    best, label = None, None
    for k in range(1, areas + 1):
        s, gamma, h = v[f"s_{k}"], v[f"gamma_{k}"], v[f"h_{k}"]
        if s > gamma and (v["lam"] == 0 or h * s < v["v_S"]):
            value = v["R"] - (v[f"sigma_{k}"] + v[f"c_{k}"]) * s
            if best is None or value > best:
                best, label = value, f"S{k}"
    return label
