"""The rules of the domain, without storage."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from werkplein.domain import bsn, toets
from werkplein.domain.boete import BoeteBeleid, propose
from werkplein.domain.dates import age_on, parse_date
from werkplein.domain.vocab import AFWEGING


@pytest.mark.parametrize("number", ["111222333", "123456782", "999999990", "12345672"])
def test_elfproef_accepts_valid_numbers(number: str) -> None:
    assert bsn.is_valid(number)


@pytest.mark.parametrize(
    "number", ["111222334", "123456789", "000000000", "12345678a", "1234567820", "", "12 34"]
)
def test_elfproef_refuses_invalid_numbers(number: str) -> None:
    assert not bsn.is_valid(number)


def test_bsn_normalization_strips_separators_and_restores_leading_zero() -> None:
    assert bsn.normalize("1112.22.333") == "111222333"
    assert bsn.normalize("11122233") == "011122233"


@given(st.text(alphabet="0123456789", min_size=8, max_size=8))
def test_check_digit_always_makes_a_valid_bsn(first: str) -> None:
    digit = bsn.check_digit_for(first)
    if digit is None:
        assert not any(bsn.is_valid(first + str(d)) for d in range(10))
    else:
        assert bsn.is_valid(first + str(digit)) or first + str(digit) == "000000000"


@given(st.text(alphabet="0123456789", min_size=9, max_size=9))
def test_one_changed_digit_breaks_the_elfproef(number: str) -> None:
    if not bsn.is_valid(number):
        return
    changed = str((int(number[4]) + 1) % 10)
    assert not bsn.is_valid(number[:4] + changed + number[5:])


def test_mask_never_shows_more_than_four_digits() -> None:
    assert bsn.mask("123456782") == "*****6782"


def test_dates_in_both_orders() -> None:
    assert parse_date("2026-11-23") == dt.date(2026, 11, 23)
    assert parse_date("23-11-2026") == dt.date(2026, 11, 23)
    assert parse_date("3/2/1980") == dt.date(1980, 2, 3)
    for bad in ("31-02-1980", "2026-13-01", "gisteren", "23-11-26"):
        with pytest.raises(ValueError, match=r"date|month|day|range"):
            parse_date(bad)
    assert age_on(dt.date(2000, 11, 24), dt.date(2026, 11, 23)) == 25


def _complete_case() -> dict[str, object]:
    return {
        "beoogd_effect": "Mijn kinderen fietsen zelf naar school.",
        "wetten": ["pw"],
        "grondwaarde_past": "ja",
        "grondwaarde_toelichting": "Zelfstandig meedoen.",
        "afweging": dict.fromkeys(AFWEGING, "gewogen"),
        "instrumenten": [{"wet": "Participatiewet", "artikel": "35"}],
        "rechtmatig": True,
        "afwijking_beleid": False,
        **{toets.DONE_FIELD[n]: True for n in toets.STEPS},
    }


def test_each_step_names_what_is_missing() -> None:
    empty: dict[str, object] = {}
    assert toets.step_problems(empty, 1)
    assert len(toets.step_problems(empty, 2)) == 3
    assert toets.step_problems({"afweging": {"kort_inwoner": "x"}}, 3)
    case = _complete_case()
    for n in toets.STEPS:
        assert toets.step_problems(case, n) == []


def test_deviation_from_policy_needs_a_written_motivation() -> None:
    case = {**_complete_case(), "afwijking_beleid": True}
    assert toets.step_problems(case, 4)
    case["motivering_afwijking"] = "Maatwerk voorkomt een huisuitzetting."
    assert toets.step_problems(case, 4) == []


def test_step_four_only_after_one_to_three() -> None:
    case = {**_complete_case(), "stap2_gereed": False}
    assert toets.order_problems(case, 4)
    assert toets.order_problems(case, 3) == []
    assert not toets.all_complete(case)
    assert toets.all_complete(_complete_case())


def test_changing_a_step_reopens_it_and_the_later_steps() -> None:
    assert toets.steps_reopened_by({"grondwaarde_toelichting"}) == {2, 3, 4}
    assert toets.steps_reopened_by({"motivering_afwijking"}) == {4}
    assert toets.steps_reopened_by({"title"}) == set()


def test_costs_compare_intervention_with_doing_nothing() -> None:
    prices = {
        "fiets": {"omschrijving": "Fiets", "bedrag_cent": 45_000},
        "uithuisplaatsing": {"omschrijving": "Uithuisplaatsing", "bedrag_cent": 5_350_000},
    }
    case = {
        "kosten_interventie": [{"code": "fiets", "aantal": 2}],
        "kosten_niets_doen": [
            {"code": "uithuisplaatsing", "aantal": 1},
            {"code": "eigen", "omschrijving": "Vervoer", "bedrag_cent": 1_000, "aantal": 3},
        ],
    }
    costs = toets.compare_costs(case, prices)
    assert costs.interventie_cent == 90_000
    assert costs.niets_doen_cent == 5_353_000
    assert costs.verschil_cent == 5_263_000
    with pytest.raises(ValueError, match="unknown price"):
        toets.compare_costs({"kosten_interventie": [{"code": "weg"}]}, prices)


def test_fine_follows_blame_and_policy_caps() -> None:
    beleid = BoeteBeleid(minimum_cent=5_000, maximum_cent=100_000)
    assert propose(beleid, 80_000, "opzet").bedrag_cent == 80_000
    assert propose(beleid, 80_000, "grove_schuld").bedrag_cent == 60_000
    assert propose(beleid, 80_000, "normaal").bedrag_cent == 40_000
    assert propose(beleid, 80_000, "verminderd").bedrag_cent == 20_000
    assert propose(beleid, 80_000, "geen").bedrag_cent == 0
    low = propose(beleid, 10_000, "verminderd")
    assert (low.bedrag_cent, low.begrensd) == (5_000, "minimum")
    high = propose(beleid, 1_000_000, "opzet")
    assert (high.bedrag_cent, high.begrensd) == (100_000, "maximum")


def test_fine_without_benadeling_and_waived_for_urgent_reasons() -> None:
    beleid = BoeteBeleid(zonder_benadeling_cent=15_000)
    assert propose(beleid, 0, "normaal").bedrag_cent == 15_000
    waived = propose(beleid, 80_000, "opzet", dringende_redenen=True)
    assert waived.bedrag_cent == 0
    assert waived.afgezien
    assert "dringende redenen" in waived.berekening()


def test_fine_policy_is_a_parameter_not_law() -> None:
    strict = BoeteBeleid(percentages={"normaal": 80})
    assert propose(strict, 10_000, "normaal").bedrag_cent == 8_000
    roundtrip = BoeteBeleid.from_json(strict.to_json())
    assert roundtrip.percentages["normaal"] == 80
    assert roundtrip.percentages["opzet"] == 100
    per_month = propose(BoeteBeleid(draagkracht_pct=10), 50_000, "opzet", draagkracht_cent=30_000)
    assert per_month.aflossing_per_maand_cent == 3_000
