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
