"""c1 (private information about A's resolve): the proposition is proved, its false variants are
refuted at points where the numeric PBE solver confirms the failure, and the statement agrees
with the numeric solver (weak PBE of the substituted game) at random generic points.

Independent source: linkage-research.md 3.3 (c1) and the closed forms derived by hand there
(pooling iff p*ell_B > beta*d and d > U0; no demand supported by mu(H|L) <= beta*d/ell_B)."""

from fractions import Fraction as F

import pytest
from hypothesis import given, settings, strategies as st

from gametheory.proofs import PROPOSITIONS, run_proofs
from gametheory.proofs.c1_resolve import kind, resolve_pbes
from gametheory.solvers.pbe import perfect_bayesian

c1 = PROPOSITIONS["c1"]


@pytest.fixture(scope="module")
def certificate():
    return c1.prove()


def test_c1_is_proved_with_every_kind_of_step(certificate):
    assert certificate.status == "proved", certificate.to_text()
    assert [p.name for p in certificate.parts] == [
        f"c1 {claim}, λ = {lam}" for lam in (0, 1)
        for claim in ("(1) pooling", "(2) pure", "(2) mixed", "(3) no demand",
                      "(4) refinements")]
    assert all(s.result == "holds" for s in certificate.all_steps())
    assert {"linear", "z3", "algebra", "solver"} <= set(certificate.methods)
    for index, cases in ((2, 2), (7, 3)):        # lam = 0: s > or < gamma; lam = 1: and V
        mixed = certificate.parts[index]
        read = [s for s in mixed.steps if s.method == "solver"]
        engine = [s for s in mixed.steps if s.method != "solver"]
        # the types' values of L read off the game: H carries out (-ell_A), W backs down (-K_W)
        assert "ell_A" in read[0].claim and "K_W" in read[1].claim
        assert len(engine) == 3 * cases and all("z3" in s.method for s in engine)


def test_c1_split_halves_join_to_the_whole(certificate):
    from gametheory.proofs import c1_resolve
    parts = [part for lam in c1_resolve.SPLIT for part in c1_resolve.prove_split(lam)]
    joined = c1_resolve.assemble(parts)
    assert joined.status == certificate.status
    assert [p.name for p in joined.parts] == [p.name for p in certificate.parts]


def test_c1_registered_and_rendered(certificate):
    assert "c1" in list(PROPOSITIONS)
    text, code = run_proofs(["c1"], "md")
    assert code == 0 and "c1 (2) mixed" in text and "μ(H | L)" in text
    tex, _ = run_proofs(["c1"], "tex")
    assert r"\paragraph{c1 (proved).}" in tex and r"$\mu$" in tex


def _pooling(game, pbes):
    return [e for e in pbes if kind(game, e)["H"] == kind(game, e)["W"] == "L"]


def _on_path(game, pbes):
    return [e for e in pbes if "L" in (kind(game, e)["H"], kind(game, e)["W"])]


@pytest.mark.parametrize("label", list(c1.false_variants()))
def test_false_variants_refuted_and_confirmed(label):
    cert = c1.false_variants()[label]()
    assert cert.status == "refuted", cert.to_text()
    if "mixed" in label:     # a mixed assessment, re-checked by check_assessment
        v = {k: F(x) for k, x in cert.counterexample[0].items()}
        assert "is a weak PBE" in cert.confirmation and "L on the path" in cert.confirmation
        assert v["p"] * v["ell_B"] > v["beta"] * v["d"]
        return
    assert "perfect_bayesian" in cert.confirmation or "solve(method='pbe')" in cert.confirmation
    point = dict(cert.counterexample[0])
    game = resolve_pbes()[0]
    numeric = game.substitute({p.name: point[p.name] for p in game.parameters})
    pbes = perfect_bayesian(numeric)
    v = {k: F(x) for k, x in point.items()}
    if "wrong belief threshold" in label:
        assert v["ell_B"] > v["beta"] * v["d"] and not _pooling(numeric, pbes)
    elif "flipped)" in label and "no-demand" in label:
        mu = next(k for k in v if k.startswith("mu_"))
        assert v[mu] * v["ell_B"] < v["beta"] * v["d"]
    elif "K_W = 0" in label:
        assert v["K_W"] == 0 and v["p"] * v["ell_B"] < v["beta"] * v["d"]
        assert _on_path(numeric, pbes)
    else:
        assert v["p"] * v["ell_B"] > v["beta"] * v["d"] and _on_path(numeric, pbes)


# ------------------------------------------------------------------------------ numeric agreement

half_grid = st.integers(1, 8).map(lambda n: F(n, 2))


@settings(max_examples=20, deadline=None)
@given(p=st.sampled_from([F(1, 4), F(1, 2), F(3, 4)]), d=half_grid, beta=half_grid,
       ell_B=half_grid, R=half_grid, gamma=st.sampled_from([F(1, 2), F(2)]),
       K_W=st.sampled_from([F(1, 2), F(1)]))
def test_statement_matches_numeric_pbe(p, d, beta, ell_B, R, gamma, K_W):
    values = dict(c=F(1, 4), sigma=F(1, 4), R=R, s=F(1), gamma=gamma, h=F(1), v_S=F(1), d=d,
                  beta=beta, ell_A=F(3, 2), ell_B=ell_B, f=F(1), eta=F(1), v_L=F(1), p=p,
                  K_H=F(2), K_W=K_W)
    u_S = R - F(1, 2) if values["s"] > gamma else -values["f"]
    u0 = max(F(0), u_S)
    generic = p * ell_B != beta * d and d != u0 and u_S != 0
    if not generic:
        return
    game = resolve_pbes()[0].substitute(values)
    pbes = perfect_bayesian(game)
    assert bool(_pooling(game, pbes)) == (p * ell_B > beta * d and d > u0)
    if p * ell_B < beta * d:
        assert not _on_path(game, pbes)
    no_demand = [e for e in pbes if "L" not in (kind(game, e)["H"], kind(game, e)["W"])
                 and kind(game, e)["B|L"] == "refuse"]
    assert no_demand
    bound = beta * d / ell_B
    for e in no_demand:
        names = {n: F(1, 2) for n in e.region.symbols()}
        mu = next(n for n in names if n.startswith("mu_") and
                  game.infosets[int(n.split("_")[1])].label == "B|L")
        if bound < 1:
            assert e.region.contains({**names, mu: bound})
            assert not e.region.contains({**names, mu: bound + F(1, 100)})
        else:
            assert e.region.contains({**names, mu: F(1)})


def test_no_mixed_pbe_has_L_on_the_path_when_the_prior_is_low():
    """Claim (2) with mixed strategies, by the numeric solver over every support."""
    values = dict(c=F(1, 4), sigma=F(1, 4), R=F(1), s=F(1), gamma=F(1, 2), h=F(1), v_S=F(1),
                  d=F(2), beta=F(1, 2), ell_A=F(2), ell_B=F(3), f=F(1), eta=F(1), v_L=F(1),
                  p=F(1, 5), K_H=F(3), K_W=F(1))          # p ell_B = 3/5 < beta d = 1
    game = resolve_pbes()[0].substitute(values)
    pbes = perfect_bayesian(game, mixed=True)
    where = {game.infosets[k].label: (i, j) for i, sets in enumerate(game.player_infosets)
             for j, k in enumerate(sets)}
    L = game.infosets[game.player_infosets[0][where["AH"][1]]].actions.index("L")
    assert pbes
    for e in pbes:
        for t in ("AH", "AW"):
            i, j = where[t]
            assert L not in e.support[i][j]


# ------------------------------------------------------------------------------ lam = 1

@settings(max_examples=12, deadline=None)
@given(p=st.sampled_from([F(1, 4), F(3, 4)]), d=half_grid, ell_B=half_grid,
       v_S=st.sampled_from([F(1, 2), F(2)]), R=st.sampled_from([F(1, 2), F(3)]))
def test_statement_at_lam_one_matches_numeric_pbe(p, d, ell_B, v_S, R):
    """With the legislature involved, V vetoes the side payment where h*s > v_S, so A's
    outside option is max(0, -f) = 0 there (by hand), else max(0, R - 1/2)."""
    values = dict(c=F(1, 4), sigma=F(1, 4), R=R, s=F(1), gamma=F(1, 2), h=F(1), v_S=v_S, d=d,
                  beta=F(1), ell_A=F(3, 2), ell_B=ell_B, f=F(1), eta=F(1), v_L=F(1), p=p,
                  K_H=F(2), K_W=F(1))
    u_S = R - F(1, 2) if v_S > 1 else -values["f"]
    u0 = max(F(0), u_S)
    if p * ell_B == d or d == u0 or u_S == 0:
        return
    game = resolve_pbes(None, 1)[0].substitute(values)
    pbes = perfect_bayesian(game)
    assert bool(_pooling(game, pbes)) == (p * ell_B > d and d > u0)
    if p * ell_B < d:
        assert not _on_path(game, pbes)
