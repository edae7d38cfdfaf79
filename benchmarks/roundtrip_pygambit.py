"""Faithful round trip: does pygambit read our rewrite of every Gambit file exactly as the original?

For each file of ``../shared/games/gambit``: read it with gametheory, write it back, read both the
original and the rewrite with pygambit (optional ``bench`` extra) and compare players, information
sets and their actions, chance probabilities, the tree (pre-order) and every payoff, exactly.

    python benchmarks/roundtrip_pygambit.py
"""
import glob
import itertools
import os
import tempfile
from pathlib import Path
from fractions import Fraction
import pygambit as gbt
import gametheory as gt

def payoff(o, p):
    try:
        return Fraction(str(o[p]))
    except Exception:
        return None

def efg_signature(g):
    players = [p.label for p in g.players]
    sets = [[[a.label for a in s.actions] for s in p.infosets] for p in g.players]
    chance = [[Fraction(str(a.prob)) for a in s.actions] for s in g.players.chance.infosets]
    nodes, stack = [], [g.root]
    while stack:
        n = stack.pop()
        try:
            o = n.outcome
            pay = tuple(payoff(o, p) for p in g.players) if o is not None else None
        except Exception:
            pay = None
        who = None if n.is_terminal else (n.player.label if not n.player.is_chance else "chance")
        nodes.append((who, len(n.children), pay))
        stack.extend(reversed(list(n.children)))
    return players, sets, chance, nodes

def nfg_signature(g):
    strategies = [[s.label for s in p.strategies] for p in g.players]
    cells = []
    for prof in itertools.islice(itertools.product(*[list(p.strategies) for p in g.players]), 20000):
        cells.append(tuple(payoff(g[prof], p) for p in g.players))
    return [p.label for p in g.players], [len(s) for s in strategies], cells

GAMES = Path(__file__).resolve().parents[2] / "shared" / "games" / "gambit"
TMP = tempfile.mkdtemp()
same, diff, fail = 0, [], []
for f in sorted(glob.glob(str(GAMES / '*.[en]fg'))):
    out = os.path.join(TMP, os.path.basename(f))
    gt.write(gt.read(f), out)
    try:
        read = gbt.read_efg if f.endswith('.efg') else gbt.read_nfg
        sig = efg_signature if f.endswith('.efg') else nfg_signature
        a, b = sig(read(f)), sig(read(out))
    except Exception as e:
        fail.append((os.path.basename(f), str(e)[:90])); continue
    if a == b: same += 1
    else: diff.append(os.path.basename(f))
print(f"identical: {same}; different: {len(diff)} {diff}; pygambit cannot read the original: "
      f"{len(fail)} {[name for name, _ in fail]}")
