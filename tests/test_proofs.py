"""Every linkage proposition is proved; deliberately false variants are refuted with a
counterexample (confirmed by the numeric solver for game-level claims)."""

import json

import pytest

from gametheory.proofs import PROPOSITIONS, run_proofs
from gametheory.proofs.claims import check_claim, parse_claim, MonotoneClaim, RegionClaim


@pytest.mark.parametrize("name", list(PROPOSITIONS))
def test_proposition_proved(name):
    certificate = PROPOSITIONS[name].prove()
    assert certificate.status == "proved", certificate.to_text()
    assert certificate.all_steps()


@pytest.mark.parametrize("name,label", [(n, k) for n in PROPOSITIONS
                                        for k in PROPOSITIONS[n].false_variants()])
def test_false_variant_refuted(name, label):
    certificate = PROPOSITIONS[name].false_variants()[label]()
    assert certificate.status == "refuted", certificate.to_text()
    assert certificate.counterexample


def test_user_claims_on_a_model():
    assert check_claim("linkage", "S shrinks in c", fixed={"lam": 1}).status == "proved"
    refuted = check_claim("linkage", "S grows in c", fixed={"lam": 1})
    assert refuted.status == "refuted" and "numeric solver" in refuted.confirmation
    low, high = refuted.counterexample
    assert high["c"] > low["c"]
    claim = RegionClaim(("L", "concede"), ("ell_A < kappa0", "beta*d < ell_B", "gamma > s"))
    assert check_claim("linkage", claim, fixed={"lam": 0}).status == "proved"


def test_parse_claim():
    assert parse_claim("L grows in ell_B") == MonotoneClaim("L", "ell_B", "grows")
    with pytest.raises(ValueError):
        parse_claim("nonsense")


def test_run_proofs_formats():
    out, code = run_proofs(["c2"], "json")
    data = json.loads(out)
    assert code == 0
    assert set(data["propositions"][0]) == {"name", "statement", "status", "certificate",
                                            "seconds"}
    for fmt in ("text", "md", "tex"):
        text, code = run_proofs(["c2"], fmt)
        assert code == 0 and "c2" in text


# ------------------------------------------------------------------ Theorem G1 and prove()

def _linkage_edited(edits):
    """The linkage model through its JSON export, with leaf payoffs replaced:
    ``edits`` maps (path of actions, player) to the new payoff expression."""
    from gametheory.io.json_format import from_json_dict, to_json_dict
    from gametheory.models import MODELS
    data = to_json_dict(MODELS["linkage"].build())
    for (path, player), expression in edits.items():
        node = data["tree"]
        for action in path:
            node = next(m["node"] for m in node["moves"] if m["action"] == action)
        node["payoffs"][data["players"].index(player)] = expression
    return from_json_dict(json.loads(json.dumps(data)))


def test_g1_export_gets_the_built_in_verdict():
    from gametheory.proofs import prove
    built_in = prove("G1")
    exported = prove("G1", game=_linkage_edited({}))
    assert built_in.status == exported.status == "proved"
    spec = next(p for p in built_in.parts if p.name == "G1 uniqueness (specification)")
    assert spec.status == "refuted"
    [point] = spec.counterexample          # the E6 calibration, where two SPE exist
    from gametheory.models import MODELS
    assert point == dict(MODELS["linkage"].defaults) and spec.target == "linkage"
    from gametheory.proofs.claims import numeric_outcomes
    found = numeric_outcomes(MODELS["linkage"].build(), point)
    assert len(found) == 2 and found[0] == found[1]      # two SPE, one outcome


def test_g1_refuted_when_concession_hurts_a():
    """Payoff sign: A gets -d from a concession, so L is never chosen."""
    from gametheory.proofs import g1_core
    solved = g1_core.worlds(_linkage_edited({(("L", "concede"), "A"): "-d"}))
    cert = g1_core.outcome_claim(solved[0], 0)
    assert cert.status == "refuted" and cert.counterexample
    assert cert.target == "GAME"


def test_g1_refuted_when_kappa_is_dropped():
    """Dropped parameter: the legislature no longer raises the back-down cost, so N -> L
    never happens although the switch condition says it does."""
    from gametheory.proofs import g1_core
    game = _linkage_edited({(("L", "refuse", "back down"), "A"): "-kappa0"})
    cert = g1_core.switch_claim(g1_core.worlds(game), "N", "L")
    assert cert.status == "refuted"
    [before, after] = cert.counterexample
    assert before["lam"] == 0 and after["lam"] == 1
    assert before["kappa0"] <= before["ell_A"] < before["kappa0"] + before["kappa"]


def test_g1_uniqueness_follows_the_solved_game():
    """B loses 1 when V vetoes a side payment it accepted: B then strictly prefers to reject,
    the SPE is unique, and the corrected statement (two SPE where V vetoes) is refuted."""
    from gametheory.proofs import g1_core
    game = _linkage_edited({(("S", "accept", "involved", "veto"), "B"): "-1"})
    spec, corrected = g1_core.uniqueness(g1_core.worlds(game))
    assert spec.status == "proved" and corrected.status == "refuted"


def test_g1_refuted_when_threat_actions_swap():
    """Swapped action: carrying out costs kappa0 + lam*kappa and backing down ell_A."""
    from gametheory.proofs import g1_core
    game = _linkage_edited({(("L", "refuse", "carry out"), "A"): "-kappa*lam - kappa0",
                            (("L", "refuse", "back down"), "A"): "-ell_A"})
    solved = g1_core.worlds(game)
    assert g1_core.outcome_claim(solved[1], 1).status == "refuted"


def test_prove_checks_the_shape_of_a_given_game():
    from gametheory.errors import GameShapeError
    from gametheory.models import MODELS
    from gametheory.proofs import prove
    with pytest.raises(GameShapeError, match="kappa"):
        prove("G1", game=MODELS["linkage"].build(kappa=1))
    with pytest.raises(GameShapeError):
        prove("TL", game=MODELS["linkage"].build())


def test_parallel_and_serial_runs_agree():
    seen = []
    out, code = run_proofs(["c0", "P4", "G1*"], "json", jobs=2,
                           on_result=lambda c, t, done, total: seen.append((c.name, done, total)))
    data = json.loads(out)
    assert [p["name"] for p in data["propositions"]] == ["c0", "P4", "G1*"]
    assert sorted(name for name, _, _ in seen) == ["G1*", "P4", "c0"]
    assert [done for _, done, _ in seen] == [1, 2, 3] and {t for _, _, t in seen} == {3}
    serial, code_serial = run_proofs(["c0", "P4", "G1*"], "json", jobs=1)
    assert code == code_serial and [p["status"] for p in json.loads(serial)["propositions"]] \
        == [p["status"] for p in data["propositions"]]
