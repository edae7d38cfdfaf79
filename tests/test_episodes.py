"""The Anglo-Japanese episodes: every calibrated episode predicted as observed, the
counterfactuals as stated, the pivotal inequalities, and the data file driving the table."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from gametheory.models import MODELS
from gametheory.models import linkage as G
from gametheory.models.episodes import (PARAMETER_ORDER, episode_rows, episode_table,
                                        load_episodes, predict)

DATA = Path(__file__).resolve().parents[1] / "models" / "data" / "anglo_japanese.toml"


@pytest.fixture(scope="module")
def rows():
    return episode_rows()


def test_every_calibrated_episode_is_predicted_as_observed(rows):
    episodes = [r for r in rows if not r.episode.is_counterfactual]
    assert [r.id for r in episodes] == ["E1", "E2", "E3", "E4", "E5", "E6", "E8", "E9", "E10",
                                        "E11"]
    for row in episodes:
        assert row.predicted == row.observed, row.id
        # an independent check: the closed form of Theorem G1 with the renewal stage (b4)
        assert G.renewal_outcome(row.episode.exact_values()) == row.observed, row.id


def test_counterfactuals_as_stated(rows):
    counterfactuals = {r.id: r for r in rows if r.episode.is_counterfactual}
    assert set(counterfactuals) == {"E6-no-legislature", "E2-party-cost", "E2-legislature",
                                    "E6-no-core-interest"}
    for row in counterfactuals.values():
        assert row.observed == ""
        assert row.predicted == row.episode.claim, row.id
    no_legislature = counterfactuals["E6-no-legislature"].episode
    assert no_legislature.values["lam"] == "0" and no_legislature.base == "E6"


def test_pivotal_inequalities(rows):
    by_id = {r.id: r for r in rows}
    assert "kappa + kappa0 > ell_A" in by_id["E6"].pivotal        # credibility: ell_A < K
    assert "ell_B > beta*d" in by_id["E6"].pivotal
    assert "R > c*s + s*sigma" in by_id["E2"].pivotal              # R > (sigma + c) s
    assert by_id["E11"].pivotal == ("a + d < 0",)                   # a + W* < 0 with W* = d
    assert "h*s > v_S" in by_id["E8"].pivotal                       # the Dominion veto


def test_threat_never_executed_on_the_path(rows):
    for row in rows:
        for path in row.paths:
            assert ("A", "carry out") not in path


def test_provenance_is_kept_apart():
    _, episodes = load_episodes()
    originals = [e for e in episodes if not e.is_counterfactual]
    assert len(originals) == 11                          # E1..E11, E7 uncalibrated
    for e in originals:
        assert e.fact and e.coding and e.confidence, e.id
    assert "[D]" in {e.id: e for e in originals}["E6"].davis
    assert not {e.id: e for e in originals}["E7"].calibrated


def test_table_formats(rows):
    text = episode_table("csv")
    table = list(csv.reader(io.StringIO(text)))
    assert table[0] == ["episode", "years", "observed", "predicted", "pivotal",
                        *PARAMETER_ORDER]
    assert len(table) == 1 + len(rows)
    e6 = next(r for r in table if r[0] == "E6")
    assert e6[2:4] == ["L", "L"]
    values = dict(zip(table[0], e6))
    assert values["sigma"] == "0.5" and values["f"] == "0.1" and values["lam"] == "1"
    cf = next(r for r in table if r[0] == "E6-no-legislature")
    assert cf[2] == "" and cf[3] == "N"
    md = episode_table("md")
    assert md.splitlines()[0].startswith("| episode | years | observed | predicted | pivotal")
    tex = episode_table("tex")
    assert r"\toprule" in tex and r"\usepackage{booktabs}" in tex and "ell\\_A" in tex
    assert "E11" in episode_table("text")
    with pytest.raises(ValueError):
        episode_table("xls")


def test_changing_the_data_file_changes_the_table(tmp_path):
    text = DATA.read_text(encoding="utf-8")
    # E6 with Britain more dependent on Japan: the lever is no longer credible
    edited = text.replace('ell_A = "3"\na = "3"', 'ell_A = "5"\na = "3"')
    assert edited != text
    path = tmp_path / "episodes.toml"
    path.write_text(edited, encoding="utf-8")
    e6 = next(r for r in episode_rows(path) if r.id == "E6")
    assert e6.predicted == "N" and e6.observed == "L"
    assert "E6,1910-11,L,N" in episode_table("csv", path)


def test_bad_values_are_rejected(tmp_path):
    path = tmp_path / "bad.toml"
    path.write_text(DATA.read_text(encoding="utf-8").replace('c = "0.2"', 'c = "x/2"'),
                    encoding="utf-8")
    with pytest.raises(ValueError):
        load_episodes(path)


def test_predict_with_an_injected_solver():
    """The predictions do not depend on which exact SPE solver is used."""
    from conftest import backward_induction

    model = MODELS["linkage-renewal"]
    _, episodes = load_episodes()
    for e in episodes:
        if e.calibrated:
            mine, _, _ = predict(model, e.values, lambda g: [backward_induction(g)[0]])
            theirs, _, _ = predict(model, e.values)
            assert mine == theirs, e.id
