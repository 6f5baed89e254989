"""``runstrong calc e1rm|vdot|predict|paces`` against the vectors in docs/science.md."""

from __future__ import annotations

import pytest

from tests.cli.helpers import Invoke, assert_one_line_error, output_json

# science.md §1: w = 100 kg, tolerance 0.05 kg
E1RM_VECTORS = [
    ("epley", 5, 116.67),
    ("brzycki", 5, 112.50),
    ("lombardi", 5, 117.46),
    ("mayhew", 5, 119.01),
    ("oconner", 5, 112.50),
    ("wathan", 5, 116.58),
    ("lander", 5, 113.71),
    ("epley", 10, 133.33),
    ("brzycki", 10, 133.33),
    ("lombardi", 10, 125.89),
    ("mayhew", 10, 130.93),
    ("oconner", 10, 125.00),
    ("wathan", 10, 134.75),
    ("lander", 10, 134.07),
]


@pytest.mark.parametrize(("method", "reps", "expected_kg"), E1RM_VECTORS)
def test_e1rm_matches_published_vectors(
    invoke: Invoke, method: str, reps: int, expected_kg: float
) -> None:
    payload = output_json(
        invoke("calc", "e1rm", "--load", "100", "--reps", str(reps), "--method", method, "--json")
    )
    assert payload["e1rm_kg"] == pytest.approx(expected_kg, abs=0.05)
    assert payload["method"] == method


def test_e1rm_defaults_to_epley_and_scales_with_load(invoke: Invoke) -> None:
    payload = output_json(invoke("calc", "e1rm", "--load", "200", "--reps", "10", "--json"))
    assert payload["method"] == "epley"
    assert payload["e1rm_kg"] == pytest.approx(200 * 1.3333, abs=0.05)  # 133.33 % of the load


def test_e1rm_one_rep_is_the_load_for_every_method(invoke: Invoke) -> None:
    for method in ("epley", "brzycki", "lombardi", "mayhew", "oconner", "wathan", "lander"):
        payload = output_json(
            invoke("calc", "e1rm", "-l", "140", "-r", "1", "-m", method, "--json")
        )
        assert payload["e1rm_kg"] == pytest.approx(140, abs=0.05), method


@pytest.mark.filterwarnings("ignore::runstrong.science.E1rmReliabilityWarning")
def test_e1rm_human_output_and_high_rep_note(invoke: Invoke) -> None:
    result = invoke("calc", "e1rm", "--load", "200", "--reps", "10")
    assert result.exit_code == 0
    assert "266.7 kg" in result.stdout
    assert "less reliable" not in result.stdout
    high = invoke("calc", "e1rm", "--load", "100", "--reps", "15")
    assert high.exit_code == 0
    assert "unreliable" in high.stdout


# science.md §2, tolerance 0.1
@pytest.mark.parametrize(
    ("distance", "time", "expected"),
    [
        ("5k", "20:00", 49.81),
        ("10k", "40:00", 51.94),
        ("5k", "25:00", 38.31),
        ("marathon", "4:00:00", 37.90),
        ("5000m", "20:00", 49.81),
        ("5km", "20:00", 49.81),
    ],
)
def test_vdot_matches_published_vectors(
    invoke: Invoke, distance: str, time: str, expected: float
) -> None:
    payload = output_json(invoke("calc", "vdot", "--distance", distance, "--time", time, "--json"))
    assert payload["vdot"] == pytest.approx(expected, abs=0.1)


def test_vdot_human_output(invoke: Invoke) -> None:
    result = invoke("calc", "vdot", "-d", "5k", "-t", "20:00")
    assert result.exit_code == 0
    assert "VDOT 49.8" in result.stdout
    assert "20:00" in result.stdout


@pytest.mark.parametrize(
    ("method", "target", "expected_s", "tolerance_s"),
    [
        ("riegel", "marathon", 11509, 1.0),
        ("riegel", "10k", 2502, 1.0),
        ("cameron", "marathon", 11711, 30.0),
        # VDOT equivalents of 5 km in 20:00, ±0.5 %
        ("vdot", "1500", 324.8, 324.8 * 0.005),
        ("vdot", "3k", 695, 695 * 0.005),
        ("vdot", "10k", 2488, 2488 * 0.005),
        ("vdot", "half", 5510, 5510 * 0.005),
    ],
)
def test_predict_matches_published_vectors(
    invoke: Invoke, method: str, target: str, expected_s: float, tolerance_s: float
) -> None:
    payload = output_json(
        invoke(
            "calc",
            "predict",
            "--distance",
            "5k",
            "--time",
            "20:00",
            "--target",
            target,
            "--method",
            method,
            "--json",
        )
    )
    assert payload["predicted_time_s"] == pytest.approx(expected_s, abs=tolerance_s)
    assert payload["method"] == method


def test_predict_defaults_to_riegel_and_prints_a_time(invoke: Invoke) -> None:
    payload = output_json(
        invoke("calc", "predict", "-d", "5k", "-t", "20:00", "--target", "marathon", "--json")
    )
    assert payload["method"] == "riegel"
    assert payload["target_distance_m"] == 42195.0
    human = invoke("calc", "predict", "-d", "5k", "-t", "20:00", "--target", "marathon")
    assert human.exit_code == 0
    assert "3:11:49" in human.stdout


# science.md §2 training paces, s/km, ±3 s
PACES = {
    50: {
        "easy": (326, 294),
        "marathon": 271,
        "threshold": 255,
        "interval": 235,
        "repetition": 221,
    },
    40: {
        "easy": (389, 351),
        "marathon": 325,
        "threshold": 306,
        "interval": 281,
        "repetition": 265,
    },
}


@pytest.mark.parametrize("vdot", sorted(PACES))
def test_paces_match_published_table(invoke: Invoke, vdot: int) -> None:
    payload = output_json(invoke("calc", "paces", "--vdot", str(vdot), "--json"))
    expected = PACES[vdot]
    assert payload["easy_s_per_km"] == pytest.approx(list(expected["easy"]), abs=3)
    for zone in ("marathon", "threshold", "interval", "repetition"):
        assert payload[f"{zone}_s_per_km"] == pytest.approx(expected[zone], abs=3), zone


def test_paces_table_in_km_and_miles(invoke: Invoke) -> None:
    metric = invoke("calc", "paces", "--vdot", "50")
    assert metric.exit_code == 0
    for zone in ("easy", "marathon", "threshold", "interval", "repetition"):
        assert zone in metric.stdout
    assert "4:15/km" in metric.stdout
    imperial = invoke("calc", "paces", "--vdot", "50", "--imperial")
    assert imperial.exit_code == 0
    assert "/mi" in imperial.stdout and "/km" not in imperial.stdout


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (("e1rm", "--load", "200", "--reps", "21"), "reps"),
        (("vdot", "-d", "5k", "-t", "0:00"), "longer than zero"),
        (("predict", "-d", "5k", "-t", "20:00", "--target", "moon"), "unknown distance"),
        (("paces", "--vdot", "95"), "90"),
    ],
)
def test_calculator_limits(invoke: Invoke, args: tuple[str, ...], fragment: str) -> None:
    assert_one_line_error(invoke("calc", *args), fragment)
