"""Rows of the episode table solved under private information (c1 resolve, c2 screening):
predictions from the solved games against the results that linkage-research.md 3.3 derives by
hand, robustness from the exact regions against solving each perturbed game, and mutations of
the games that must change the table."""

from __future__ import annotations

import dataclasses
from fractions import Fraction

import pytest

from gametheory.models import MODELS
from gametheory.models.analysis import ROBUSTNESS_SEED, ROBUSTNESS_SPREAD
from gametheory.models.episodes import episode_rows, episode_table, load_episodes
from gametheory.models.pbe_rows import (PbeRegions, kept, pbe_prediction, perturbations)


@pytest.fixture(scope="module")
def private():
    return {r.id: r for r in episode_rows(robust=False) if r.episode.is_private}


def test_the_private_rows_and_their_stated_results(private):
    assert list(private) == ["E6-private-resolve", "E6-doubted-resolve",
                             "E6-uncertain-dependence", "E11-high-demand"]
    for row in private.values():
        assert row.predicted == row.episode.claim, row.id
        assert row.pbe and all(text.split(":")[0] in row.predicted.split("/")
                               for text in row.pbe)


def _c1_outcomes(v):
    """Section 3.3, c1, by hand: pooling on L iff p*ell_B > beta*d (and d > U0); the no-demand
    PBE exists whenever some off-path belief makes B refuse (beta*d > 0); with
    p*ell_B < beta*d no PBE has L on the path."""
    u0 = max(0, -v["f"] if v["lam"] == 1 and v["h"] * v["s"] > v["v_S"]
             else v["R"] - (v["sigma"] + v["c"]) * v["s"])
    assert u0 == 0          # at these points the side payment is worth nothing to A
    out = {"N"}
    if v["p"] * v["ell_B"] > v["beta"] * v["d"] and v["d"] > u0:
        out.add("L")
    return out


def test_c1_rows_follow_the_hand_derivation(private):
    for name in ("E6-private-resolve", "E6-doubted-resolve"):
        row = private[name]
        v = row.episode.exact_values()
        assert v["K_H"] > v["ell_A"] > v["K_W"]         # the specification's type ordering
        assert set(row.predicted.split("/")) == _c1_outcomes(v), name
    # E6's values: p*ell_B = 3 > beta*d = 2 at p = 3/4, = 1 < 2 at p = 1/4
    assert private["E6-private-resolve"].predicted == "N/L"
    assert private["E6-doubted-resolve"].predicted == "N"
    # the no-demand PBE is supported by a sceptical off-path belief, mu <= beta*d/ell_B = 1/2
    assert any("2*mu[B|L: resolved] <= 1" in text for text in private["E6-private-resolve"].pbe)


def _c2_demand(v):
    """Section 3.3, c2, by hand: with a credible threat (ell_A < K), A demands ell_H/beta iff
    q*ell_H/beta - (1 - q)*ell_A > ell_L/beta; the less dependent type then refuses and the
    downgrade is carried out with probability 1 - q."""
    assert v["ell_A"] < v["kappa0"] + v["lam"] * v["kappa"]
    high = v["q"] * v["ell_H"] / v["beta"] - (1 - v["q"]) * v["ell_A"]
    return "L_hi*" if high > v["ell_L"] / v["beta"] else "L_lo"


def test_c2_rows_follow_the_hand_derivation(private):
    for name in ("E6-uncertain-dependence", "E11-high-demand"):
        row = private[name]
        assert row.predicted == _c2_demand(row.episode.exact_values()), name
    failed = private["E11-high-demand"]
    assert "less dependent: L_hi, refuse, carry out" in failed.pbe[0]


def test_values_come_from_the_base_episode_and_the_row():
    _, episodes = load_episodes()
    by_id = {e.id: e for e in episodes}
    e11 = by_id["E11-high-demand"]
    assert e11.model == "linkage-screening" and e11.base == "E11"
    assert e11.values["ell_A"] == by_id["E11"].values["ell_A"] == "1"
    assert (e11.values["q"], e11.values["ell_H"], e11.values["ell_L"]) == ("3/4", "3", "3/2")
    assert set(e11.values) == {p.name for p in MODELS["linkage-screening"].parameters}


def test_robustness_from_the_regions_agrees_with_solving_each_game():
    """The vectorised share counts exactly the perturbed games whose solved equilibrium
    outcomes are the prediction: check the first 25 draws one by one with the exact solver."""
    rows = {r.id: r for r in episode_rows(robust=False) if r.episode.is_private}
    for name in ("E6-private-resolve", "E11-high-demand"):
        row = rows[name]
        model = MODELS[row.episode.model]
        values = row.episode.exact_values()
        regions = PbeRegions(model, {"lam": values["lam"]})
        arrays = perturbations(regions, values, 25, ROBUSTNESS_SPREAD, ROBUSTNESS_SEED)
        keep = kept(regions, arrays, row.predicted)
        assert 0 < keep.sum() <= 25
        for i in range(25):
            point = {**values, **{n: Fraction(float(arrays[n][i])) for n in regions.names}}
            solved = set(pbe_prediction(model, point)[0].split("/"))
            assert (solved == set(row.predicted.split("/"))) == bool(keep[i]), (name, i)


def test_robustness_is_printed_and_seeded():
    rows = [r for r in episode_rows() if r.episode.is_private]
    for row in rows:
        assert row.samples == 10_000 and 0 < row.robust <= 1, row.id
    by_id = {r.id: r for r in rows}
    # a demand kept by both types survives most perturbations; the two-equilibrium row is
    # lost wherever p*ell_B falls below beta*d
    assert by_id["E6-uncertain-dependence"].robust > by_id["E6-private-resolve"].robust


def _mutated(monkeypatch, name, change):
    model = MODELS[name]

    def builder(**fixed):
        return model.builder(**change(dict(fixed)))

    monkeypatch.setitem(MODELS, name, dataclasses.replace(model, builder=builder))


def test_a_wrong_game_changes_the_table(monkeypatch):
    """Mutate the resolve game (the weak type backs down as dearly as the resolved one): B
    then faces a resolved A for sure and concedes, so the sceptical row predicts L."""
    _mutated(monkeypatch, "linkage-resolve",
             lambda fixed: {**fixed, "K_W": fixed["K_H"]} if "K_H" in fixed else fixed)
    rows = {r.id: r for r in episode_rows(robust=False) if r.episode.is_private}
    assert rows["E6-doubted-resolve"].predicted == "L"
    assert rows["E6-doubted-resolve"].fit == "no"


def test_a_wrong_screening_game_changes_the_table(monkeypatch):
    """Mutate the screening game (Britain loses 7/2 times as much from the downgrade, still
    credible at K = 4): q*ell_H - (1 - q)*ell_A = 9/4 - 7/8 < ell_L = 3/2, so the high demand no
    longer pays and the failed attempt disappears."""
    _mutated(monkeypatch, "linkage-screening",
             lambda fixed: ({**fixed, "ell_A": Fraction(7, 2) * fixed["ell_A"]}
                            if "ell_A" in fixed else fixed))
    rows = {r.id: r for r in episode_rows(robust=False) if r.episode.is_private}
    assert rows["E11-high-demand"].predicted == "L_lo"


def test_private_rows_in_every_format():
    text = episode_table(robust=False)
    assert "E11-high-demand" in text and "less dependent: L_hi, refuse, carry out" in text
    assert max(len(line) for line in text.splitlines()) <= 100
    csv_text = episode_table("csv", robust=False)
    assert "linkage-screening" in csv_text and "private_values_source" in csv_text
    md = episode_table("md", robust=False)
    assert "**Private information**" in md
    tex = episode_table("tex", robust=False)
    assert r"\label{tab:episode-pbe}" in tex and r"$\ell_{H} = 3$" in tex
    assert "Eq(" not in tex and "mu[" not in tex
