"""Two-level ratification games (Putnam 1988; Mo 1994, 1995; Milner and Rosendorff 1997).

A proposer offers a policy ``x``; the responder accepts or rejects; if the responder accepts and
a domestic veto player is involved, the veto player ratifies or vetoes.  Rejection and veto both
give the status quo.  The block is built twice over:

* :func:`ratify` is the bare block after one offer, as a builder subtree with any payoff vectors;
  the linkage game uses it for its side-payment leg (``B`` accepts, ``V`` ratifies).
* :func:`two_level_game` is the spatial game of ``linkage-research.md`` section 3.4: tent
  utilities ``u_i(x) = -|x - x_i|``, status quo ``q = 0``, a finite menu of offers, an optional
  veto (Mo's stage 0 lets the negotiator decide whether to grant it) and an uncertain veto player
  (a chance move over its ideal point).

The closed forms (:func:`win_set`, :func:`tl_offer`, :func:`schelling_helps`,
:func:`risky_offer`) are the results the solver is checked against.

References
----------
R. D. Putnam (1988), Diplomacy and domestic politics: the logic of two-level games, *IO* 42(3).
J. Mo (1995), Domestic institutions and international bargaining: the role of agent veto in
two-level games, *APSR* 89(4).
H. V. Milner and B. P. Rosendorff (1997), Democratic politics and international trade
negotiations, *JCR* 41(1).
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any, Mapping, Sequence

from gametheory.games import ExtensiveGame, chance, decision, leaf
from gametheory.numbers import exact, to_text
from gametheory.parameters import Parameter

__all__ = ["ratify", "involved", "tl_parameters", "two_level_game", "n_proposer_game",
           "n_offer", "win_set", "tl_offer", "schelling_helps", "risky_offer"]


def ratify(responder: str, accepted: Sequence, failed: Sequence, *, veto_player: str | None = None,
           veto_on: Any = 1, vetoed: Sequence | None = None, accept: str = "accept",
           reject: str = "reject") -> Any:
    """The ratification block after an offer: accept/reject, then (optionally) approve/veto.

    Parameters
    ----------
    responder : str
        Who accepts or rejects the offer.
    accepted, failed : sequence
        Payoff vectors (numbers or expressions, one per player of the enclosing game) when the
        deal goes through and when it fails (rejection).
    veto_player : str, optional
        The domestic veto player; without one, acceptance ends the game.
    veto_on : 0, 1 or str
        Whether the veto player is involved.  ``0`` leaves the veto node out, ``1`` puts it in,
        and a parameter name (such as ``"lam"``) puts it behind a chance move that reaches it
        with probability ``lam`` (see :func:`involved`): exact for ``lam`` in ``{0, 1}``, and at
        ``lam = 0`` no player has a move whose actions lead to the same outcome.
    vetoed : sequence, optional
        Payoffs after a veto (default: ``failed``).

    Returns
    -------
    builder node

    Examples
    --------
    >>> node = ratify("B", ("R", 1), ("-f", 0), veto_player="V", veto_on=0)
    >>> [action for action, _ in node.moves]
    ['accept', 'reject']
    >>> node = ratify("B", (1, 1, 1), (0, 0, 0), veto_player="V")
    >>> [action for action, _ in node.moves[0][1].moves]
    ['approve', 'veto']
    """
    vetoed = tuple(failed if vetoed is None else vetoed)
    after = leaf(*accepted)
    if veto_player is not None and veto_on != 0:
        after = decision(veto_player, {"approve": leaf(*accepted), "veto": leaf(*vetoed)})
        if veto_on != 1:
            after = involved(str(veto_on), after, leaf(*accepted))
    return decision(responder, {accept: after, reject: leaf(*failed)})


def involved(switch: str, node: Any, otherwise: Any) -> Any:
    """A move that exists only where it can matter: a chance node that reaches ``node`` with
    probability ``switch`` (a {0, 1} parameter such as ``lam``) and ``otherwise`` with
    probability ``1 - switch``.

    With the switch fixed the builders leave the chance node out (``node`` or ``otherwise``
    alone).  With the switch free, the veto player's decision is kept whole (its actions lead
    to different outcomes, so it is never indifferent between duplicates), and at ``switch = 0``
    it is reached with probability 0, so it cannot change anyone's payoff.

    Examples
    --------
    >>> node = involved("lam", decision("V", {"approve": leaf(1), "veto": leaf(0)}), leaf(1))
    >>> [(action, str(p)) for action, p, _ in node.moves]
    [('involved', 'lam'), ('not involved', '1 - lam')]
    """
    return chance({"involved": (switch, node), "not involved": (f"1 - {switch}", otherwise)})


def tl_parameters(uncertain: bool = False) -> tuple[Parameter, ...]:
    """The parameters of the spatial two-level game."""
    source = "Putnam 1988; Milner-Rosendorff 1997; linkage-research.md 3.4 [I]"
    out = [Parameter("x_F", "> 0", "foreign state's ideal point (status quo q = 0)", source),
           Parameter("x_N", ">= 0", "negotiator's ideal point", source)]
    if uncertain:
        out += [Parameter("x_h", ">= 0", "hawkish veto player's ideal point", source),
                Parameter("x_d", ">= 0", "dovish veto player's ideal point (x_h < x_d)", source),
                Parameter("pi", "[0, 1]", "probability that the veto player is hawkish",
                          "Milner-Rosendorff 1997 (election uncertainty) [I]")]
    else:
        out.append(Parameter("x_V", ">= 0", "veto player's ideal point", source))
    return tuple(out)


def _tent(x: str, ideal: str) -> str:
    return f"-Abs(({x}) - {ideal})"


def two_level_game(offers: Sequence, *, proposer: str = "F", veto: bool | str = True,
                   uncertain: bool = False, fixed: Mapping[str, Any] | None = None
                   ) -> ExtensiveGame:
    """The spatial two-level game with a finite menu of offers.

    Parameters
    ----------
    offers : sequence of numbers or expressions
        The policies the proposer may offer (``"2*x_N"`` is allowed).
    proposer : {"F", "N"}
        Who makes the offer; the other of F and N responds.
    veto : bool or "choose"
        Whether the veto player V ratifies; ``"choose"`` adds Mo's stage 0, in which N decides
        whether to grant the veto.
    uncertain : bool
        If true, Nature draws V's ideal point: ``x_h`` with probability ``pi``, else ``x_d``; V
        observes it, the proposer does not need to (V moves after the offer).
    fixed : mapping, optional
        Parameter values to substitute.

    Returns
    -------
    ExtensiveGame
        Players ``F``, ``N``, ``V``; utilities ``-|x - x_i|``; failure gives ``q = 0``.

    Examples
    --------
    >>> g = two_level_game([1, 2], fixed={"x_F": 3, "x_N": 1, "x_V": "1/2"})
    >>> g.players, g.n_nodes
    (('F', 'N', 'V'), 11)
    """
    players = ("F", "N", "V")
    responder = "N" if proposer == "F" else "F"
    q = "0"

    def utilities(x: str, vx: str) -> tuple[str, str, str]:
        return _tent(x, "x_F"), _tent(x, "x_N"), _tent(x, vx)

    def offer_tree(with_veto: bool):
        moves = {}
        for offer in offers:
            x = offer if isinstance(offer, str) else to_text(exact(offer))
            if uncertain and with_veto:
                after = chance({
                    "hawkish": ("pi", _veto_node(utilities(x, "x_h"), utilities(q, "x_h"))),
                    "dovish": ("1 - pi", _veto_node(utilities(x, "x_d"), utilities(q, "x_d")))})
                node = decision(responder, {"accept": after,
                                            "reject": leaf(*utilities(q, _vx(uncertain)))})
            else:
                node = ratify(responder, utilities(x, _vx(uncertain)),
                              utilities(q, _vx(uncertain)),
                              veto_player="V" if with_veto else None)
            moves[f"x={x}"] = node
        return decision(proposer, moves)

    if veto == "choose":
        root = decision("N", {"no veto": offer_tree(False), "grant veto": offer_tree(True)})
    else:
        root = offer_tree(bool(veto))
    game = ExtensiveGame(players, root, title="Two-level ratification game",
                         parameters=tl_parameters(uncertain))
    return game.substitute(dict(fixed)) if fixed else game


#: The N-proposer menu: N's ideal point and the edges of F's and V's win-sets.
N_PROPOSER_OFFERS = ("x_N", "2*x_F", "2*x_V")


def n_proposer_game(veto: bool = True, **fixed) -> ExtensiveGame:
    """The two-level game with the negotiator N proposing (section 3.4, "if N proposes").

    Tree::

        N offers x in {x_N, 2x_F, 2x_V}
          -> F: reject -> status quo 0: (-x_F, -x_N, -x_V)       (tent utilities -|x - x_i|)
                accept -> V: veto    -> status quo 0
                             approve -> (-|x - x_F|, -|x - x_N|, -|x - x_V|)

    F accepts iff ``x`` is in its win-set ``[0, 2x_F]`` and V ratifies iff ``x`` is in
    ``[0, 2x_V]`` (responders accept when indifferent), so N offers the point of the
    intersection nearest its ideal: ``min(x_N, 2x_F, 2x_V)`` for non-negative ideal points
    (:func:`n_offer`), one of the three offers of the menu.  Without the veto
    (``veto=False``) the offer is ``min(x_N, 2x_F)``: the veto can only hurt the proposing
    negotiator (Putnam's Schelling conjecture needs the other side to propose).

    Examples
    --------
    At ``x_F = 1, x_N = 3, x_V = 3/4`` N offers ``2x_V = 3/2`` with the veto and ``2x_F = 2``
    without (payoffs ``-3/2`` and ``-1`` to N).  The offers at win-set edges leave a responder
    indifferent; the SPE in which responders accept when indifferent is the one with
    ``tie_break="first"`` (``accept`` and ``approve`` come first); the others end at the
    status quo (with the veto) or at the next offer (without it):

    >>> import gametheory
    >>> point = {"x_F": 1, "x_N": 3, "x_V": "3/4"}
    >>> for veto in (True, False):
    ...     game = n_proposer_game(veto, **point)
    ...     accepting = gametheory.solve(game, method="spe", tie_break="first")
    ...     every = gametheory.solve(game, method="spe")
    ...     print([str(eq.payoffs[1]) for eq in accepting],
    ...           sorted({str(eq.payoffs[1]) for eq in every}))
    ['-3/2'] ['-3', '-3/2']
    ['-1'] ['-1', '-3/2']
    """
    return two_level_game(list(N_PROPOSER_OFFERS), proposer="N", veto=veto, fixed=fixed or None)


def n_offer(x_F, x_N, x_V=None) -> Fraction:
    """N's SPE offer when it proposes: ``min(x_N, 2x_F[, 2x_V])`` (non-negative ideals).

    Examples
    --------
    >>> n_offer(1, 3, "3/4"), n_offer(1, 3)
    (Fraction(3, 2), Fraction(2, 1))
    """
    values = [exact(x_N), 2 * exact(x_F)]
    if x_V is not None:
        values.append(2 * exact(x_V))
    return min(values)


def _vx(uncertain: bool) -> str:
    # V's ideal point where V does not move (its payoff there is irrelevant): use x_h if uncertain
    return "x_h" if uncertain else "x_V"


def _veto_node(accepted, failed):
    return decision("V", {"approve": leaf(*accepted), "veto": leaf(*failed)})


# ------------------------------------------------------------------------------ closed forms

def win_set(ideal, q=0) -> tuple[Fraction, Fraction]:
    """The acceptance set ``[min(q, 2x - q), max(q, 2x - q)]`` of a tent utility.

    Examples
    --------
    >>> win_set(2)
    (Fraction(0, 1), Fraction(4, 1))
    """
    ideal, q = exact(ideal), exact(q)
    return min(q, 2 * ideal - q), max(q, 2 * ideal - q)


def tl_offer(x_F, x_N, x_V=None) -> Fraction:
    """The complete-information SPE offer when F proposes: ``min(x_F, 2x_N[, 2x_V])``.

    Examples
    --------
    >>> tl_offer(3, 1), tl_offer(3, 1, "1/4")
    (Fraction(2, 1), Fraction(1, 2))
    """
    values = [exact(x_F), 2 * exact(x_N)]
    if x_V is not None:
        values.append(2 * exact(x_V))
    return min(values)


def schelling_helps(x_F, x_N, x_V) -> bool:
    """The veto helps N iff ``2x_N - x0 < 2x_V < x0`` with ``x0 = min(x_F, 2x_N)``.

    Examples
    --------
    >>> schelling_helps(4, 1, "3/4"), schelling_helps(4, 1, 0), schelling_helps(1, 2, 0)
    (True, False, False)
    """
    x0 = tl_offer(x_F, x_N)
    return 2 * exact(x_N) - x0 < 2 * exact(x_V) < x0


def risky_offer(x_F, x_N, x_h, x_d, pi) -> tuple[Fraction, bool]:
    """F's offer against an uncertain veto player, and whether it is the risky one.

    With ``x_s = min(x_F, 2x_N, 2x_h)`` (safe) and ``x_r = min(x_F, 2x_N, 2x_d)`` (risky), F
    offers ``x_r`` iff ``(1 - pi) x_r > x_s``; ratification then fails with probability ``pi``.

    Examples
    --------
    >>> risky_offer(4, 2, "1/2", 2, "1/4")
    (Fraction(4, 1), True)
    """
    x_s = tl_offer(x_F, x_N, x_h)
    x_r = tl_offer(x_F, x_N, x_d)
    if (1 - exact(pi)) * x_r > x_s:
        return x_r, True
    return x_s, False
