"""Helpers shared by several test modules: import them as ``from conftest import ...``.

* bimatrix games: Gambit's files and pygambit's answers, exact regrets, small random games;
* the linkage game c1 with private resolve (tests of PBE and refinements);
* parametric trees: entry deterrence, centipede, the linkage game G1 and Theorem G1 (tests of
  parametric SPE, comparative statics and sweeps).
"""

from __future__ import annotations

import json
from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest
from hypothesis import strategies as st

from gametheory.games import CHANCE, ExtensiveGame, chance, decision, leaf
from gametheory.parameters import Parameter

SHARED = Path(__file__).resolve().parents[2] / "shared"
GAMBIT = SHARED / "games" / "gambit"


# ------------------------------------------------------------------ bimatrix games

def eq(x, y):
    """An equilibrium from probabilities written as strings or numbers."""
    return tuple(map(Fraction, x)), tuple(map(Fraction, y))


def regrets(A, B, x, y):
    """The exact regrets of the row and the column player at ``(x, y)``."""
    A, B = np.asarray(A, dtype=object), np.asarray(B, dtype=object)
    x, y = np.asarray(x, dtype=object), np.asarray(y, dtype=object)
    row_values, column_values = A.dot(y), x.dot(B)
    return max(row_values) - x.dot(row_values), max(column_values) - column_values.dot(y)


def expected_games(method: str, n_players: int | None = 2):
    """(file, expected entry) for the .nfg files where pygambit's ``method`` succeeded."""
    path = GAMBIT / "expected.json"
    if not path.exists():
        return []
    games = json.loads(path.read_text())["games"]
    return [
        pytest.param(g["file"], g["methods"][method], id=g["file"])
        for g in games
        if g["file"].endswith(".nfg")
        and method in g["methods"]
        and g["methods"][method]["status"] == "ok"
        and (n_players is None or g["n_players"] == n_players)
    ]


def games(max_size: int = 4, values: int = 3):
    """Small bimatrix games with few distinct payoffs: mostly degenerate."""
    return st.tuples(st.integers(1, max_size), st.integers(1, max_size)).flatmap(
        lambda shape: st.tuples(
            *(st.lists(st.lists(st.integers(0, values), min_size=shape[1], max_size=shape[1]),
                       min_size=shape[0], max_size=shape[0]) for _ in range(2))
        )
    )


# A degenerate 3x5 game of minimisers (nashpy issue #82).
NASHPY_82_A = [[0, 0, 6, 0, 0], [0, 0, 3, 2, 1], [4, 3, 0, 0, 1]]
NASHPY_82_B = [[3, 0, 2, 1, 0], [0, 2, 0, 0, 4], [4, 0, 2, 4, 4]]


# ------------------------------------------------------------------ linkage game c1

C1_DOMAINS = {"p": "(0, 1)", "R": "> 0", "s": "> 0", "gamma": ">= 0", "sigma": ">= 0",
              "c": ">= 0", "d": "> 0", "beta": "> 0", "ell_B": "> 0", "ell_A": "> 0",
              "K_H": ">= 0", "K_W": ">= 0", "f": ">= 0", "eta": ">= 0", "v_L": ">= 0"}


def linkage_c1(values=None, fixed=None):
    """G1 with A's resolve private (research note 3.3 c1): Nature picks H (prior p) or W; A picks
    N, S or L; B answers S (accept/reject) and L (concede/refuse) in one information set each;
    after a refusal A carries out (-ell_A) or backs down (-K_t).  lambda = 0."""

    def a_type(t):
        return decision("A", {
            "N": leaf(0, 0, 0),
            "S": decision("B", {"accept": leaf("R - (sigma + c)*s", "s - gamma", 0),
                                "reject": leaf("-f", 0, 0)}, infoset="after S"),
            "L": decision("B", {
                "concede": leaf("d", "-beta*d", "eta*d"),
                "refuse": decision("A", {"carry out": leaf("-ell_A", "-ell_B", "-v_L"),
                                         "back down": leaf(f"-K_{t}", 0, 0)},
                                   infoset=f"{t} refused")}, infoset="after L")}, infoset=t)

    g = ExtensiveGame(["A", "B", "V"], chance({"H": ("p", a_type("H")),
                                               "W": ("1 - p", a_type("W"))}),
                      parameters=[Parameter(n, dom) for n, dom in C1_DOMAINS.items()],
                      title="linkage c1")
    if fixed:
        g = g.substitute(fixed)
    return g if values is None else g.substitute(values)


POINT = dict(p=Fraction(1, 2), R=1, s=1, gamma=Fraction(1, 2), sigma=Fraction(1, 4),
             c=Fraction(1, 4), d=2, beta=Fraction(1, 2), ell_B=3, ell_A=2, K_H=3, K_W=1, f=1,
             eta=1, v_L=1)   # U0 = 1/2 < d, p ell_B > beta d


def c1_kinds(g, pbes):
    """The PBEs of the c1 game keyed by the first moves of the two types H and W."""
    first = [g.infosets[k].actions for k in g.player_infosets[0][:1]][0]
    A = g.player_infosets[0]
    # A's infosets in order: H, H refused, W, W refused (first appearance)
    labels = [g.infosets[k].label for k in A]
    h, w = labels.index("H"), labels.index("W")
    return {(first[e.support[0][h][0]], first[e.support[0][w][0]]): e for e in pbes}


# ------------------------------------------------------------------ parametric trees

def entry(parameters=(Parameter("e", "> 0"), Parameter("f", "real"))):
    return ExtensiveGame(["Entrant", "Incumbent"], decision("Entrant", {
        "Out": leaf(0, 2),
        "In": decision("Incumbent", {"Fight": leaf("-e", "-f"), "Accommodate": leaf(1, 1)}),
    }), parameters=parameters)


def centipede(rounds=4):
    node = leaf("x", "x")
    for k in range(rounds, 0, -1):
        mover = (k - 1) % 2
        payoffs = [k - 1, k - 1]
        payoffs[mover] += 2
        node = decision(mover, {f"Take{k}": leaf(*payoffs), f"Pass{k}": node})
    return ExtensiveGame(["1", "2"], node, parameters=[Parameter("x", "real")])


G1_PARAMETERS = [
    Parameter("R", "> 0"), Parameter("s", "> 0"), Parameter("gamma", ">= 0"),
    Parameter("sigma", ">= 0"), Parameter("c", ">= 0"), Parameter("lam", "{0, 1}"),
    Parameter("h", ">= 0"), Parameter("v_S", ">= 0"), Parameter("d", "> 0"),
    Parameter("beta", "> 0"), Parameter("ell_B", ">= 0"), Parameter("ell_A", "> 0"),
    Parameter("kappa0", ">= 0"), Parameter("kappa", ">= 0"), Parameter("eta", ">= 0"),
    Parameter("v_L", ">= 0"), Parameter("f", ">= 0")]


def linkage_g1():
    """G1 of linkage-research.md section 3.1.  V moves in the tree either way, but when
    lam = 0 its veto is not available: vetoing is then strictly dominated (it would leave V
    one unit worse off and change nothing else), so V approves."""
    ok = ("R - (sigma + c)*s", "s - gamma", "v_S - h*s")
    fail = ("-f", 0, 0)
    veto = tuple(f"lam*({a}) + (1 - lam)*({b})" for a, b in zip(fail, ok[:2] + ("v_S - h*s - 1",)))
    return ExtensiveGame(["A", "B", "V"], decision("A", {
        "N": leaf(0, 0, 0),
        "S": decision("B", {
            "accept": decision("V", {"approve": leaf(*ok), "veto": leaf(*veto)}),
            "reject": leaf(*fail)}),
        "L": decision("B", {
            "concede": leaf("d", "-beta*d", "eta*d"),
            "refuse": decision("A", {"carry out": leaf("-ell_A", "-ell_B", "-v_L"),
                                     "back down": leaf("-(kappa0 + lam*kappa)", 0, 0)})}),
    }), parameters=G1_PARAMETERS, title="G1")


def theorem_g1(p):
    """The SPE outcome by Theorem G1 (generic parameters)."""
    K = p["kappa0"] + p["lam"] * p["kappa"]
    credible = p["ell_A"] < K
    l_succ = credible and p["beta"] * p["d"] < p["ell_B"]
    feasible_s = p["s"] > p["gamma"] and (p["lam"] == 0 or p["h"] * p["s"] < p["v_S"])
    u_s = p["R"] - (p["sigma"] + p["c"]) * p["s"] if feasible_s else -p["f"]
    if feasible_s and u_s > p["d"] * l_succ and u_s > 0:
        return "S"
    if l_succ and p["d"] > max(0, u_s):
        return "L"
    return "N"


# ------------------------------------------------ independent backward induction (models, episodes)

ACCEPTING = ("accept", "concede", "approve", "ratify")


def backward_induction(game, prefer=ACCEPTING):
    """One pure SPE profile of a perfect-information game (chance: expected values).

    Ties go to an action in ``prefer`` (responders accept when indifferent), else the first.
    Returns ``(profile, values)``.
    """
    tree = game.tree
    n = game.n_players
    value = [None] * tree.n_nodes
    choice = {}
    for v in reversed(range(tree.n_nodes)):
        kids = list(tree.children(v))
        if not kids:
            value[v] = tuple(tree.exact_payoff(v, i) for i in range(n))
        elif tree.player[v] == CHANCE:
            value[v] = tuple(sum(tree.exact_prob(w) * value[w][i] for w in kids)
                             for i in range(n))
        else:
            i = int(tree.player[v])
            actions = game.infosets[int(tree.infoset[v])].actions
            best = max(value[w][i] for w in kids)
            tied = [j for j, w in enumerate(kids) if value[w][i] == best]
            j = next((j for j in tied if actions[j] in prefer), tied[0])
            choice[int(tree.infoset[v])] = j
            value[v] = value[kids[j]]
    profile = tuple(
        tuple(tuple(Fraction(int(a == choice[k])) for a in range(len(game.infosets[k].actions)))
              for k in game.player_infosets[p]) for p in range(n))
    return profile, value


# ------------------------------------------------------------------ slow tests

#: Tests left out of the default ``pytest`` run and run with ``pytest --runslow`` (the full suite,
#: as CI runs it).  Each took 0.45 s or more on the 2-core reference machine (``pytest
#: --durations=0``; together about 270 of the suite's 310 CPU-seconds); the rest of the suite,
#: about 1,900 tests, runs in well under a minute.  A name without ``[...]`` covers every case of
#: a parametrized test; ``"*"`` a whole module.  Test modules stay as they are: the list lives here.
SLOW: dict[str, tuple[str, ...]] = {
    "gametheory/report/frames.py": ("gametheory.report.frames.episode_frame",),
    "gametheory/report/marginplot.py": ("gametheory.report.marginplot.flip_label",
                                        "gametheory.report.marginplot.margin_plot"),
    "tests/test_backward_induction.py": ("test_deep_chain_has_no_recursion",
                                         "test_spe_equals_brute_force"),
    "tests/test_claims.py": ("test_linkage_leverage_and_eta",),
    "tests/test_cli_assume.py": (
        "test_solve_and_prove_write_latex_fragments_or_whole_documents",),
    "tests/test_cli.py": (
        "test_table_of_the_episodes", "test_sweep_on_two_cores_prints_the_serial_result",
        "test_plot_writes_an_image_and_takes_param", "test_prove_one_proposition_and_a_claim",
        "test_regions_formats", "test_python_dash_m_and_version",
        "test_every_builtin_game_with_every_command[solve-two-level-agent-veto]",
        "test_every_builtin_game_with_every_command[plot-two-level]",
        "test_every_builtin_game_with_every_command[prove-two-level-agent-veto]",
        "test_every_builtin_game_with_every_command[solve-two-level-uncertain]",
        "test_every_builtin_game_with_every_command[prove-two-level]",
        "test_every_builtin_game_with_every_command[regions-two-level-agent-veto]",
        "test_every_builtin_game_with_every_command[regions-two-level-uncertain]",
        "test_every_builtin_game_with_every_command[plot-two-level-agent-veto]",
        "test_every_builtin_game_with_every_command[plot-two-level-uncertain]",
        "test_every_builtin_game_with_every_command[prove-two-level-n-proposer]",
        "test_every_builtin_game_with_every_command[plot-two-level-n-proposer]",
        "test_every_builtin_game_with_every_command[regions-two-level-n-proposer]",
        "test_every_builtin_game_with_every_command[table-two-level-agent-veto]"),
    "tests/test_deals.py": ("*",),
    "tests/test_figures.py": ("*",),
    "tests/test_pbe_rows.py": ("*",),
    "tests/test_doctests_models.py": ("test_doctests[gametheory.models.pbe_rows]",
                                      "test_doctests[gametheory.proofs.d1_two_way]",
                                      "test_doctests[gametheory.proofs.d2_mixed]",
                                      "test_doctests[gametheory.proofs.h2_channel]",
                                      "test_doctests[gametheory.proofs]",
                                      "test_doctests[gametheory.models.episodes]",
                                      "test_doctests[gametheory.proofs.g1_core]"),
    "tests/test_enummixed.py": ("test_equals_brute_force_and_every_equilibrium_has_zero_regret",
                                "test_guided_search_finds_every_vertex_of_degenerate_polytopes"),
    "tests/test_episodes.py": (
        "test_every_margin_is_the_flip_point", "test_provenance_is_printed",
        "test_robustness_is_seeded_and_sensible", "test_table_formats",
        "test_uncalibrated_episode_is_listed_with_its_reason", "test_text_table_fits_100_columns",
        "test_changing_the_data_file_changes_the_table", "test_margin_moves_when_the_data_changes",
        "test_latex_document_is_well_formed", "test_predict_with_an_injected_solver",
        "test_latex_inputs_into_a_plain_article_without_overfull_boxes",
        "test_latex_fragment_is_well_formed"),
    "tests/test_frames.py": ("test_episode_frame_is_exact_and_matches_the_data_file",),
    "tests/test_fuzz.py": ("test_nesting_deep_json_is_refused_in_one_line[100000]",),
    "tests/test_gambit_expected.py": ("test_against_pygambit[work3.efg]",
                                      "test_against_pygambit[w_ex2.efg]"),
    "tests/test_gambit_io.py": ("test_random_trees_round_trip",
                                "test_mutated_files_raise_only_game_format_errors",
                                "test_random_tables_round_trip"),
    "tests/test_games.py": ("test_deep_chain_without_recursion",),
    "tests/test_hostile_input.py": ("test_bombs_stay_under_a_gigabyte",
                                    "test_read_takes_what_convert_wrote"),
    "tests/test_linkage_variants.py": (
        "test_region_payoffs_are_the_solved_payoffs_at_sampled_points",),
    "tests/test_linprog.py": ("test_agrees_with_highs_and_is_exactly_feasible",),
    "tests/test_drawing.py": ("test_png_labels_never_collide[kuhn]",
                              "test_tikz_fragments_compile_on_a_page[kuhn]"),
    "tests/test_latex.py": ("test_certificates_typeset_their_conditions_and_fit_the_page",
                            "test_regions_in_latex_compile_on_a_page"),
    "tests/test_piecewise.py": ("test_region_limit_cli_one_line",
                                "test_regions_cli_assume_narrows_by_hand"),
    "tests/test_models.py": ("test_variants_symbolically", "test_theorem_g1_symbolically",
                             "test_two_level_proposer_identity", "test_two_level_uncertain_veto",
                             "test_two_level_offer_and_schelling", "test_g1_star_offers"),
    "tests/test_notebook.py": ("test_the_tutorial_runs_top_to_bottom",),
    "tests/test_parallel.py": ("test_a_two_worker_dask_cluster_equals_the_serial_sweep",
                               "test_a_million_points_on_two_cores_equal_the_serial_sweep"),
    "tests/test_parametric.py": (
        "test_random_linear_trees_in_closed_domains_agree_on_the_bounds",
        "test_random_linear_trees_agree_with_numeric_backward_induction",
        "test_regions_do_not_depend_on_the_hash_seed", "test_linkage_g1_symbolic_matches_theorem",
        "test_regions_cover_domain_and_overlap_only_on_boundaries",
        "test_two_level_closed_regions_match_backward_induction",
        "test_two_level_generic_outcomes_match_backward_induction",
        "test_two_level_mutated_payoff_is_detected"),
    "tests/test_pbe.py": ("test_random_signaling_games_match_brute_force",
                          "test_beer_quiche_mixed_families_are_verified_and_contain_the_pure_ones"),
    "tests/test_polyhedra.py": ("test_mixed_strictness_facets_and_sides_agree_with_elimination",
                                "test_facets_are_the_irredundant_rows",
                                "test_signs_agree_with_elimination",
                                "test_nonempty_and_point_agree_with_elimination"),
    "tests/test_proof_mutations.py": (
        "test_p1_side_payment_cheaper_with_party_cost", "test_p6_unchanged_export_proved",
        "test_c1_veto_player_always_approves", "test_c2_high_demand_worth_half",
        "test_b6_unchanged_export_proved", "test_c0_vote_without_the_legislature",
        "test_c0_chance_probabilities_swapped",
        "test_b4_unchanged_export_proved", "test_c1_unchanged_export_pooling_proved",
        "test_c2_type_probabilities_swapped", "test_c1_weak_type_carries_out",
        "test_b3_unchanged_export_proved", "test_c1_prior_swapped",
        "test_g1star_unchanged_export_proved", "test_c2_unchanged_export_proved",
        "test_tl_export_veto_player_keener_on_a_deal", "test_tl_unchanged_export_proved",
        "test_tl_veto_player_ideal_tripled", "test_c2_breakdown_free",
        "test_b3_diet_indifferent_to_its_cost", "test_b4_termination_pays",
        "test_p4_side_payment_value_sign", "test_p2_unchanged_export_proved",
        "test_p4_downgrade_hurts_b_less_as_it_depends_more", "test_p6_tariff_cheap_to_impose",
        "test_c0_unchanged_export_proved", "test_g1star_finite_offer_export",
        "test_p1_leverage_worth_half"),
    "tests/test_proofs.py": ("test_proposition_proved[c1]", "test_proposition_proved[TL]",
                             "test_proposition_proved[P5]", "test_proposition_proved[G1*]",
                             "test_proposition_proved[P1]", "test_proposition_proved[G1]",
                             "test_proposition_proved[c2]", "test_parallel_and_serial_runs_agree",
                             "test_g1_export_gets_the_built_in_verdict",
                             "test_g1_refuted_when_threat_actions_swap",
                             "test_false_variant_refuted[c2-rule without the breakdown cost "
                             "(wrong threshold)]",
                             "test_false_variant_refuted[c1-pooling under \\u2113_B > "
                             "\\u03b2\\xb7d (wrong belief threshold)]"),
    "tests/test_proofs_c1.py": ("test_no_mixed_pbe_has_L_on_the_path_when_the_prior_is_low",
                                "test_c1_is_proved_with_every_kind_of_step",
                                "test_c1_registered_and_rendered"),
    "tests/test_prove_cli.py": (
        "test_counterexample_on_a_private_information_file_reproduces_with_its_command",
        "test_g1_on_the_export_and_on_an_edited_export", "test_claim_and_opposite_on_linkage"),
    "tests/test_regret.py": ("test_sequence_best_response_equals_enumeration",),
    "tests/test_report.py": ("test_latex_table_compiles", "test_plot_regions_writes_files",
                             "test_draw_writes_each_format[png]"),
    "tests/test_result_contract.py": (
        "test_linkage_regions_agree_with_backward_induction_at_random_points",),
    "tests/test_sequence_form.py": ("test_leduc_value_matches_openspiel",
                                    "test_random_zero_sum_trees_lp_value",
                                    "test_random_trees_lcp_has_zero_regret"),
    "tests/test_statics.py": ("test_leverage_region_does_not_depend_on_eta",
                              "test_p1_side_payment_region_shrinks_with_party_cost",
                              "test_p3_leverage_shrinks_with_own_dependence"),
    "tests/test_sweep.py": ("test_linkage_million_points_agree_with_theorem",),
    "tests/test_typing_strict.py": ("test_the_public_subset_passes_mypy_strict",
                                    "test_a_type_error_in_the_subset_is_caught"),
}


def is_slow(nodeid: str) -> bool:
    """Whether the test ``nodeid`` is in :data:`SLOW` (a plain name covers all its cases).

    >>> is_slow("tests/test_parametric.py::test_regions_do_not_depend_on_the_hash_seed")
    True
    >>> is_slow("tests/test_cli.py::test_every_builtin_game_with_every_command[solve-entry]")
    False
    """
    module, _, name = nodeid.partition("::")
    names = SLOW.get(module, ())
    return "*" in names or name in names or name.partition("[")[0] in names


def pytest_addoption(parser):
    parser.addoption("--runslow", action="store_true", default=False,
                     help="also run the tests marked slow (the full suite, as CI runs it)")


def pytest_collection_modifyitems(config, items):
    """Mark the :data:`SLOW` tests; without ``--runslow`` deselect them, unless a test was
    named on the command line by its node id."""
    named = {arg for arg in config.args if "::" in arg}
    keep, slow = [], []
    for item in items:
        if is_slow(item.nodeid):
            item.add_marker(pytest.mark.slow)
            if not config.getoption("--runslow") and not any(
                    item.nodeid == arg or item.nodeid.startswith(arg + "[") for arg in named):
                slow.append(item)
                continue
        keep.append(item)
    if slow:
        config.hook.pytest_deselected(items=slow)
        items[:] = keep
