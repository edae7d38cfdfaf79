"""Sender-receiver signaling games: a small builder, a structure reader, ready-made examples.

A signaling game (Spence 1973; Cho and Kreps 1987) is: Nature draws the sender's type from a
prior; the sender, who sees the type, sends a message; the receiver, who sees the message but not
the type, chooses a response; payoffs depend on (type, message, response).  :func:`signaling_game`
builds one as an :class:`~gametheory.games.ExtensiveGame`; :func:`signaling_structure` reads the
same shape back from any game whose root is a chance move over types (so games read from files,
and games where the sender moves again later, such as the linkage game c1, are also understood).

Examples
--------
>>> game = beer_quiche()
>>> structure = signaling_structure(game)
>>> structure.types, structure.messages, structure.prior
(('weak', 'strong'), ('beer', 'quiche'), (Fraction(1, 10), Fraction(9, 10)))
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Callable, Mapping, Sequence

from .games.extensive import CHANCE, ExtensiveGame, chance, decision, leaf

__all__ = ["signaling_game", "SignalingStructure", "signaling_structure", "beer_quiche",
           "spence_job_market", "two_type_screening"]


def signaling_game(types: Sequence[str], prior: Sequence[Any], messages: Sequence[str],
                   responses: Sequence[str] | Mapping[str, Sequence[str]],
                   payoff: Callable[[str, str, str], Sequence[Any]], *,
                   players: Sequence[str] = ("Sender", "Receiver"), title: str = "",
                   description: str = "", parameters: Sequence = ()) -> ExtensiveGame:
    """Build a sender-receiver signaling game.

    Parameters
    ----------
    types : sequence of str
        The sender's types (Nature's actions at the root).
    prior : sequence of numbers or expressions
        Their probabilities (exact; strings may use ``parameters``).
    messages : sequence of str
        The sender's messages (the same for every type).
    responses : sequence of str, or mapping message -> sequence of str
        The receiver's responses (per message if a mapping).
    payoff : callable ``(type, message, response) -> (u_sender, u_receiver)``
        Exact numbers or expressions in ``parameters``.
    players : pair of str
    title, description : str
    parameters : sequence of Parameter or str

    Returns
    -------
    ExtensiveGame
        Information sets: one per type for the sender (labelled by the type), one per message
        for the receiver (labelled by the message), holding one node per type in type order.

    Examples
    --------
    >>> g = signaling_game(["a", "b"], ["1/2", "1/2"], ["x", "y"], ["u", "v"],
    ...                    lambda t, m, r: (1 if r == "u" else 0, 1 if (t, r) == ("a", "u") else 0))
    >>> g.n_infosets, [len(g.infoset_members(k)) for k in g.player_infosets[1]]
    (4, [2, 2])
    """
    if len(types) != len(prior):
        raise ValueError("one prior probability per type is needed")
    per_message = {m: tuple(responses[m]) if isinstance(responses, Mapping) else tuple(responses)
                   for m in messages}

    def receiver(t: str, m: str):
        return decision(players[1], {r: leaf(*payoff(t, m, r)) for r in per_message[m]},
                        infoset=f"{m}")

    root = chance({t: (p, decision(players[0], {m: receiver(t, m) for m in messages},
                                   infoset=f"{t}"))
                   for t, p in zip(types, prior)})
    return ExtensiveGame(list(players), root, title=title, description=description,
                         parameters=parameters)


@dataclass(frozen=True)
class SignalingStructure:
    """The signaling shape of a game: Nature picks a type, the sender picks a message.

    Attributes
    ----------
    sender : int
        The player who moves at every child of the root.
    types : tuple of str
        Nature's action labels at the root.
    prior : tuple
        Their exact probabilities.
    type_infosets : tuple of int
        The sender's (global) information set at each type.
    messages : tuple of str
        The sender's action labels (the same at every type).
    after : tuple of tuple of int
        ``after[t][m]``: the node reached when type ``t`` sends message ``m``.
    message_infosets : tuple of int or None
        Per message: the receiver's information set holding the nodes ``after[.][m]``, or None
        when the message ends the game or is answered elsewhere than in one shared set.
    receiver : int or None
        The player who answers messages (None if no message is answered).
    """

    sender: int
    types: tuple[str, ...]
    prior: tuple
    type_infosets: tuple[int, ...]
    messages: tuple[str, ...]
    after: tuple[tuple[int, ...], ...]
    message_infosets: tuple[int | None, ...]
    receiver: int | None

    def responses(self, game: ExtensiveGame, m: int) -> tuple[str, ...]:
        """The receiver's actions after message ``m`` (empty when nobody answers it)."""
        k = self.message_infosets[m]
        return () if k is None else game.infosets[k].actions


def signaling_structure(game: ExtensiveGame) -> SignalingStructure:
    """Read the signaling shape of a game (see :class:`SignalingStructure`).

    The root must be a chance move; each of its children a decision node of one player (the
    sender), each in its own information set, with the same action labels.  A message is
    *answered* when the nodes it leads to (one per type) form exactly one information set of one
    other player.

    Raises
    ------
    ValueError
        If the game does not have this shape.

    Examples
    --------
    >>> s = signaling_structure(spence_job_market())
    >>> s.types, s.messages, s.receiver
    (('L', 'H'), ('e0', 'e1'), 1)
    """
    tree = game.tree
    if tree.n_nodes == 0 or tree.player[0] != CHANCE:
        raise ValueError("a signaling game starts with a chance move over the sender's types")
    root_set = game.infosets[int(tree.infoset[0])]
    kids = list(tree.children(0))
    players = {int(tree.player[v]) for v in kids}
    if len(players) != 1 or min(players) < 0:
        raise ValueError("every type must be followed by a move of one and the same player")
    sender = players.pop()
    type_sets = tuple(int(tree.infoset[v]) for v in kids)
    if len(set(type_sets)) != len(type_sets):
        raise ValueError("the sender must know their type (one information set per type)")
    messages = game.infosets[type_sets[0]].actions
    if any(game.infosets[k].actions != messages for k in type_sets):
        raise ValueError("every type must have the same messages")
    after = tuple(tuple(tree.children(v)) for v in kids)
    message_sets: list[int | None] = []
    receivers = set()
    for m in range(len(messages)):
        nodes = {after[t][m] for t in range(len(kids))}
        sets = {int(tree.infoset[v]) for v in nodes}
        k = sets.pop() if len(sets) == 1 else None
        if k is not None and (k < 0 or game.infosets[k].player in (CHANCE, sender)
                              or set(game.infoset_members(k).tolist()) != nodes):
            k = None
        if k is not None:
            receivers.add(game.infosets[k].player)
        message_sets.append(k)
    if len(receivers) > 1:
        raise ValueError("messages are answered by different players")
    return SignalingStructure(sender, root_set.actions, tuple(root_set.probs), type_sets,
                              messages, after, tuple(message_sets),
                              receivers.pop() if receivers else None)


# ------------------------------------------------------------------------------ examples

def beer_quiche() -> ExtensiveGame:
    """Beer-Quiche (Cho and Kreps 1987, section II).

    The sender is weak (prior 1/10) or strong (9/10) and has beer or quiche for breakfast; the
    receiver duels or not.  The sender gets 1 for the breakfast their type likes (weak: quiche,
    strong: beer) plus 2 if there is no duel; the receiver gets 1 for dueling a weak sender or
    for not dueling a strong one, else 0.  Two pooling equilibria; only pooling on beer passes
    the Intuitive Criterion.
    """
    def payoff(t, m, r):
        liked = 1 if (t, m) in (("weak", "quiche"), ("strong", "beer")) else 0
        sender = liked + (2 if r == "not" else 0)
        receiver = 1 if (r, t) in (("duel", "weak"), ("not", "strong")) else 0
        return sender, receiver

    return signaling_game(["weak", "strong"], ["1/10", "9/10"], ["beer", "quiche"],
                          ["duel", "not"], payoff, players=("Sender", "Receiver"),
                          title="Beer-Quiche (Cho-Kreps 1987)")


def spence_job_market(prior_high: Any = "1/2") -> ExtensiveGame:
    """A discrete Spence (1973) job-market game.

    A worker of low (L, productivity 1) or high (H, productivity 2) ability, ``Pr(H) =
    prior_high``, chooses education e0 or e1; the firm, seeing only education, pays a wage of
    1, 3/2 or 2 and gets ``-(wage - productivity)^2``.  Education costs the low type 3/2 and the
    high type 1/4; the worker gets wage minus cost.  The firm pays 1 when ``Pr(H) <= 1/4``, 3/2
    in between and 2 when ``Pr(H) >= 3/4``.
    """
    productivity = {"L": Fraction(1), "H": Fraction(2)}
    cost = {"L": Fraction(3, 2), "H": Fraction(1, 4)}
    wages = {"w1": Fraction(1), "w3/2": Fraction(3, 2), "w2": Fraction(2)}

    def payoff(t, m, r):
        return (wages[r] - (cost[t] if m == "e1" else 0), -(wages[r] - productivity[t]) ** 2)

    return signaling_game(["L", "H"], [1 - Fraction(prior_high), Fraction(prior_high)],
                          ["e0", "e1"], list(wages), payoff, players=("Worker", "Firm"),
                          title="Spence job market (discrete)")


def two_type_screening(q: Any = "1/2", *, parameters: Sequence = ()) -> ExtensiveGame:
    """Monopoly screening with two types (Mussa-Rosen style, discrete menus).

    Nature makes the buyer a high type (probability ``q``) or a low type; the seller, who does
    not see the type, offers one of three menus; the buyer, who knows both, buys an item or
    rejects (payoff 0 each).  Valuations: high values the small item 3 and the large 6; low
    values them 2 and 5/2.  Costs are zero.

    * ``pool``: small at 9/5 (both types buy it);
    * ``exclude``: large at 27/5 (only the high type buys);
    * ``separate``: small at 9/5 and large at 21/5 (each type buys its own item).

    The seller's belief at the offer is the prior; exclusion beats separation iff q > 3/5.
    ``q`` may be an expression in ``parameters``.
    """
    value = {"high": {"small": Fraction(3), "large": Fraction(6)},
             "low": {"small": Fraction(2), "large": Fraction(5, 2)}}
    menus = {"pool": {"small": Fraction(9, 5)}, "exclude": {"large": Fraction(27, 5)},
             "separate": {"small": Fraction(9, 5), "large": Fraction(21, 5)}}

    def buyer(t, menu):
        moves = {item: leaf(price, value[t][item] - price) for item, price in menus[menu].items()}
        moves["reject"] = leaf(0, 0)
        return decision("Buyer", moves, infoset=f"{t} | {menu}")

    def seller(t):
        return decision("Seller", {menu: buyer(t, menu) for menu in menus}, infoset="offer")

    q_low = f"1 - ({q})" if isinstance(q, str) else 1 - Fraction(q)
    return ExtensiveGame(["Seller", "Buyer"], chance({"high": (q, seller("high")),
                                                      "low": (q_low, seller("low"))}),
                         title="Two-type screening", parameters=parameters)
