"""The Anglo-Japanese episodes: every calibrated episode predicted as observed, the
counterfactuals as stated, the pivotal inequalities, and the data file driving the table."""

from __future__ import annotations

import csv
import io
import json
import re
from fractions import Fraction
from pathlib import Path

import pytest

from gametheory.models import MODELS
from gametheory.models import linkage as G
from gametheory.models.episodes import (PARAMETER_ORDER, episode_rows, episode_table,
                                        load_episodes, predict)

DATA = Path(__file__).resolve().parents[1] / "models" / "data" / "anglo_japanese.toml"


@pytest.fixture(scope="module")
def all_rows():
    return episode_rows(robust=False)


@pytest.fixture(scope="module")
def rows(all_rows):
    """The complete-information rows (episodes and counterfactuals) that are calibrated."""
    return [r for r in all_rows if r.episode.calibrated and not r.episode.is_private]


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
    assert "R > s*(c + sigma)" in by_id["E2"].pivotal              # R > (sigma + c) s
    assert by_id["E11"].pivotal == ("a + d < 0",)                   # a + W* < 0 with W* = d
    assert "h*s > v_S" in by_id["E8"].pivotal                       # the Dominion veto
    # every binding comparison, not only the runner-up: in E9 the side payment (-1.5) is not
    # A's runner-up (the incredible lever, -1, is), yet R < (sigma + c) s binds
    assert by_id["E9"].pivotal == ("a > 0", "s*(c + sigma) > R", "ell_A > kappa0")
    # implied comparisons are left out: S > L follows from S > N > L = -kappa0
    assert by_id["E2"].pivotal == ("R + a > s*(c + sigma)", "R > s*(c + sigma)", "s > gamma")


def test_uncalibrated_episode_is_listed_with_its_reason(all_rows):
    e7 = next(r for r in all_rows if r.id == "E7")
    assert e7.predicted == "not calibrated" and e7.fit == "" and e7.u_s is None
    assert "E6" in e7.episode.reason
    text = episode_table(robust=False)
    assert "not calibrated: no calibration" in text
    table = list(csv.DictReader(io.StringIO(episode_table("csv", robust=False))))
    row = next(r for r in table if r["episode"] == "E7")
    assert row["predicted"] == "not calibrated" and "security-for-security" in row["note"]


def test_utilities_match_theorem_g1(rows):
    """U_S and U_L read off the solved game equal the closed forms of section 3.1."""
    for row in rows:
        closed = G.g1_values(row.episode.exact_values())
        assert (row.u_s, row.u_l) == (closed["U_S"], closed["U_L"]), row.id
    by_id = {r.id: r for r in rows}
    assert (by_id["E6"].u_s, by_id["E6"].u_l) == (Fraction(-1, 10), 2)   # -.1 (veto), 2
    assert (by_id["E2"].u_s, by_id["E2"].u_l) == (Fraction(22, 5), -1)   # 4.4, -1


def test_margin_of_e6_from_independent_reasoning(rows):
    e6 = next(r for r in rows if r.id == "E6")
    # K = kappa0 + kappa = 4 > ell_A = 3: the lever is credible until kappa < 2 (-1/3) or
    # ell_A > 4 (+1/3); B concedes while beta*d < ell_B = 4, so ell_B may fall by 1/2
    assert e6.margins["kappa"] == (Fraction(1, 3), None)
    assert e6.margins["ell_A"][1] == Fraction(1, 3)
    assert e6.margins["ell_B"][0] == Fraction(1, 2)
    assert e6.margin() == (Fraction(1, 3), (("ell_A", 1), ("kappa", -1)))
    assert e6.margin_text() == "ell_A +33.3%, kappa -33.3%"
    model = MODELS["linkage-renewal"]
    halved = {**e6.episode.values, "kappa": "3/2"}                 # kappa halved: no lever
    assert predict(model, halved)[0] == "N"


def _moved(values, name, sign, fraction):
    value = Fraction(values[name])        # a relative change is a share of |value|
    return {**values, name: str(value + sign * fraction * abs(value))}


def test_every_margin_is_the_flip_point(rows):
    """Moving the named parameter by slightly more than the margin flips the prediction,
    by slightly less does not (each point solved afresh by the SPE solver)."""
    model = MODELS["linkage-renewal"]
    for row in rows:
        margin, which = row.margin()
        assert margin is not None, row.id
        for name, sign in which:
            for eps, flips in ((Fraction(-1, 1000), False), (Fraction(1, 1000), True)):
                moved = _moved(row.episode.values, name, sign, margin * (1 + eps))
                predicted = predict(model, moved)[0]
                assert (predicted != row.predicted) == flips, (row.id, name, eps)
        # and no other parameter flips the prediction with a smaller move
        for name, (down, up) in row.margins.items():
            for sign, value in ((-1, down), (1, up)):
                if value is not None and value > margin:
                    moved = _moved(row.episode.values, name, sign, margin)
                    assert predict(model, moved)[0] == row.predicted, (row.id, name)


def test_margin_moves_when_the_data_changes(tmp_path):
    """Mutating E6's kappa changes its margin as the credibility condition says."""
    text = DATA.read_text(encoding="utf-8")
    marker = 'ell_A = "3"\na = "3"'
    edited = text.replace(marker, marker + '\nkappa = "5"')
    assert edited != text
    path = tmp_path / "episodes.toml"
    path.write_text(edited, encoding="utf-8")
    e6 = next(r for r in episode_rows(path, robust=False) if r.id == "E6")
    assert e6.margins["kappa"] == (Fraction(3, 5), None)      # K = 6 > 3 until kappa < 2


def test_robustness_is_seeded_and_sensible():
    rows = {r.id: r for r in episode_rows()}
    again = {r.id: r for r in episode_rows()}
    for key, row in rows.items():
        assert row.robust == again[key].robust
    # E6 flips at +-1/3 of ell_A or kappa, beyond the +-25% box of either alone, but jointly
    # the box reaches across K = ell_A: some perturbations flip it, most do not
    assert 0.5 < rows["E6"].robust < 1
    # E2 needs R to fall by 88%: no perturbation within +-25% flips it
    assert rows["E2"].robust == 1


def test_threat_never_executed_on_the_path(rows):
    for row in rows:
        for path in row.paths:
            assert ("A", "carry out") not in path


def test_provenance_is_kept_apart():
    _, episodes = load_episodes()
    originals = [e for e in episodes if not e.is_counterfactual and not e.is_private]
    assert len(originals) == 11                          # E1..E11, E7 uncalibrated
    for e in originals:
        assert e.fact and e.coding and e.confidence, e.id
    assert "[D]" in {e.id: e for e in originals}["E6"].davis
    assert not {e.id: e for e in originals}["E7"].calibrated


def test_provenance_is_printed():
    table = list(csv.DictReader(io.StringIO(episode_table("csv", robust=False))))
    columns = table[0].keys()
    for name in ("years", "observed", *PARAMETER_ORDER):
        assert f"{name}_source" in columns and f"{name}_confidence" in columns
    by_id = {r["episode"]: r for r in table}
    assert by_id["E6"]["observed_source"] == "davis"               # Davis: leverage in 1911
    assert by_id["E1"]["observed_source"] == "coding"
    assert by_id["E1"]["years_source"] == "fact"
    assert by_id["E9"]["c_confidence"] == "[I, low]"                # low-confidence coding
    assert by_id["E6-no-legislature"]["lam_source"] == "counterfactual"
    assert by_id["E6-no-legislature"]["observed_source"] == "coding"
    md = episode_table("md", robust=False)
    assert "L<sup>d</sup>" in md and "1902<sup>f</sup>" in md and "0.5<sup>c?</sup>" in md
    assert "Markers: f historical fact" in md and "- **E6** Davis:" in md
    data = json.loads(episode_table("json", robust=False))
    assert data["rows"][0]["episode"] == "E1" and data["rows"][0]["lam_source"] == "coding"


def test_table_formats(all_rows):
    text = episode_table("csv", robust=False)
    table = list(csv.reader(io.StringIO(text)))
    assert table[0][:16] == ["episode", "years", "years_source", "years_confidence", "observed",
                             "observed_source", "observed_confidence", "predicted", "fit", "U_S",
                             "U_L", "pivotal", "margin", "margin_parameters", "robust", "note"]
    assert len(table) == 1 + len(all_rows)
    header = table[0]
    e6 = dict(zip(header, next(r for r in table if r[0] == "E6")))
    assert (e6["observed"], e6["predicted"], e6["fit"]) == ("L", "L", "yes")
    assert (e6["U_S"], e6["U_L"], e6["margin"]) == ("-1/10", "2", "1/3")
    assert e6["sigma"] == "0.5" and e6["f"] == "0.1" and e6["lam"] == "1"
    cf = dict(zip(header, next(r for r in table if r[0] == "E6-no-legislature")))
    assert cf["observed"] == "N" and cf["predicted"] == "N"       # the stated claim
    md = episode_table("md", robust=False)
    assert md.splitlines()[0].startswith("| episode | years | observed | predicted | fit |")
    with pytest.raises(ValueError):
        episode_table("xls")


def test_text_table_fits_100_columns():
    text = episode_table()
    assert max(len(line) for line in text.splitlines()) <= 100
    head = text.splitlines()[0].split()
    assert head[:8] == ["ep", "years", "obs", "pred", "fit", "U_S", "U_L", "binding"]
    assert "E7" in text and "R > s*(c + sigma)" in text and "kappa -33.3%" in text
    wide = episode_table(wide=True, robust=False)
    assert "kappa0" in wide.splitlines()[0] and "ell_B" in wide.splitlines()[0]


def test_latex_fragment_is_well_formed():
    tex = episode_table("tex", robust=False)
    assert tex.startswith("% requires: \\usepackage{booktabs}\n")
    assert "\\documentclass" not in tex and "\\usepackage" not in tex.split("\n", 1)[1]
    assert tex.count("{") == tex.count("}")
    for env in ("table", "tabular", "description", "minipage"):
        assert tex.count(f"\\begin{{{env}}}") == tex.count(f"\\end{{{env}}}") > 0
    # every row of each tabular has as many cells as its header
    for block in tex.split("\\begin{tabular}")[1:]:
        body = block.split("\\end{tabular}")[0]
        rows = [line for line in body.splitlines() if line.endswith("\\tabularnewline")]
        widths = {sum(int(re.match(r"\\multicolumn\{(\d+)\}", cell).group(1))
                      if cell.startswith("\\multicolumn") else 1
                      for cell in line[:-len("\\tabularnewline")].split(" & ")) for line in rows}
        assert len(widths) == 1, widths
    assert "\\textsuperscript{d}" in tex and "$\\kappa_{0}$" in tex and "$\\lambda$" in tex
    assert "\\multicolumn{9}{l}{\\emph{not calibrated}}" in tex          # E7's values
    assert "$\\ell_{A}$ $+33.3\\%$,\\newline $\\kappa$ $-33.3\\%$" in tex  # E6's margin
    assert "$c s + s \\sigma > R$" in tex                             # conditions as math
    outside_math = re.sub(r"\$[^$]*\$", "", tex.split("\n", 1)[1])
    assert re.search(r"(?<!\\)[_%#]", outside_math) is None       # escaped in text mode
    # parameters are math, also in the provenance prose: no lam, ell_A, beta*d as text
    assert "Eq(" not in tex
    for name in ("lam", "ell\\_A", "ell\\_B", "beta", "kappa", "sigma"):
        assert re.search(rf"(?<![\\a-z]){name}(?![a-z])", outside_math) is None, name
    whole = episode_table("tex", robust=False, standalone=True)
    assert whole.startswith("\\documentclass{article}") and "\\usepackage{booktabs}" in whole
    assert whole.rstrip().endswith("\\end{document}") and tex.strip() in whole


def _pdflatex(tmp_path, main: str) -> str:
    import shutil
    import subprocess

    if shutil.which("pdflatex") is None:
        pytest.skip("pdflatex is not installed")
    (tmp_path / "main.tex").write_text(main, encoding="utf-8")
    for _ in range(2):                     # twice: the cross-references settle
        done = subprocess.run(["pdflatex", "-interaction=nonstopmode", "-halt-on-error",
                               "main.tex"], cwd=tmp_path, capture_output=True, text=True,
                              timeout=120)
    log = (tmp_path / "main.log").read_text(encoding="latin-1")
    assert done.returncode == 0, log[-2000:]
    return log


def test_latex_inputs_into_a_plain_article_without_overfull_boxes(tmp_path):
    (tmp_path / "table.tex").write_text(episode_table("tex", robust=False), encoding="utf-8")
    log = _pdflatex(tmp_path, "\\documentclass{article}\n\\usepackage{booktabs}\n"
                              "\\begin{document}\n\\input{table}\n\\end{document}\n")
    assert "Overfull" not in log and "undefined" not in log.split("Output written")[0][-3000:]
    standalone = episode_table("tex", robust=False, standalone=True)
    log = _pdflatex(tmp_path, standalone)
    assert "Overfull" not in log


def test_changing_the_data_file_changes_the_table(tmp_path):
    text = DATA.read_text(encoding="utf-8")
    # E6 with Britain more dependent on Japan: the lever is no longer credible
    edited = text.replace('ell_A = "3"\na = "3"', 'ell_A = "5"\na = "3"')
    assert edited != text
    path = tmp_path / "episodes.toml"
    path.write_text(edited, encoding="utf-8")
    e6 = next(r for r in episode_rows(path, robust=False) if r.id == "E6")
    assert e6.predicted == "N" and e6.observed == "L"
    table = list(csv.DictReader(io.StringIO(episode_table("csv", path, robust=False))))
    e6 = next(r for r in table if r["episode"] == "E6")
    assert (e6["observed"], e6["predicted"], e6["fit"]) == ("L", "N", "no")


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
