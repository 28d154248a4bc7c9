"""Live training curves (grader.curves): a training job sends its loss as it goes, capped and display-only."""

import json
import math

from grader import curves
from grader.backends import get_backend
from grader.protocol import RESULT_MAX_BYTES, Job, Limits, Result

CHECK = """
from grader.checks import expect, learner, remote, report_curve, test

@remote
def drive(steps):
    from grader.learner_runtime import curve_point
    return train(steps, lambda loss: curve_point("loss", loss))

@test("trains for 300 steps")
def trains():
    report_curve("loss", floor=0.5, band=(0.5, 0.6))
    losses = learner.run(drive, 300)
    report_curve("loss", losses)
    expect(isinstance(losses, list) and len(losses) == 300, "300 losses")
"""
# 300 steps over about 1.5 s: several live frames, each with the points so far.
GOOD = """import time
def train(steps, report):
    losses = []
    for step in range(steps):
        loss = 0.5 + 2.0 / (1 + step)
        report(loss)
        losses.append(loss)
        time.sleep(0.005)
    return losses
"""
# Everything a learner can throw at the curve: non-numbers, NaN, infinities, huge ints, a flood of points,
# many names, frames written straight onto the reply pipe, and a final curve that is not a list of numbers.
HOSTILE = """import time
from grader import learner_runtime as lr, wire
def train(steps, report):
    junk = ["text", None, float("nan"), float("inf"), -float("inf"), 10**400, [1, 2], {"a": 1}, True, 1e308]
    started = time.monotonic()
    while time.monotonic() - started < 1.5:
        for value in junk:
            report(value)
        for i in range(2000):
            lr.curve_point("flood", i)
        wire.send(lr._reply_fd, {"curve": {"name": "x" * 100000, "points": list(range(50000))}})
        wire.send(lr._reply_fd, {"curve": {"name": {"not": "a name"}, "points": "not a list"}})
        wire.send(lr._reply_fd, {"curve": ["not a frame"]})
        for n in range(20):
            lr.curve_point(f"name {n}", n)
    return [float("nan"), "x" * 10**6] * 150
"""


STUCK = """import time
def train(steps, report):
    for step in range(50):
        report(3.0 - step / 50)
        time.sleep(0.01)
    while True:
        pass
"""


def run(code, wall_s=20.0):
    job = Job(code=code, bundle={"check.py": CHECK}, entry_points=["train"], limits=Limits(wall_s=wall_s), seed=3)
    frames = []
    result = get_backend("process").run(job, on_progress=frames.append)
    return result, frames


def test_a_training_job_sends_its_curve_as_it_goes_and_keeps_it_with_the_result():
    result, frames = run(GOOD)
    assert result.status == "passed", result.message
    live = [f["curves"][0] for f in frames if f.get("curves")]
    assert len(live) >= 3  # points arrived while the learner's code was still training
    steps = [c["steps"] for c in live]
    assert steps == sorted(steps) and 0 < steps[0] < 300 and steps[-1] == 300
    assert live[0]["floor"] == 0.5 and live[0]["band"] == [0.5, 0.6]
    assert live[0]["values"][0] == 2.5  # the first step's loss, as the learner's code computed it
    kept = Result.from_json(result.to_json()).curves
    assert len(kept) == 1 and kept[0]["name"] == "loss" and kept[0]["steps"] == 300
    assert len(kept[0]["values"]) == curves.MAX_POINTS and kept[0]["values"][-1] == round(0.5 + 2.0 / 300, 5)
    job = Job(code=GOOD, bundle={"check.py": CHECK}, entry_points=["train"], limits=Limits(wall_s=20.0), seed=3)
    quiet = get_backend("process").run(job)  # no progress asked for (the embedded default: no Redis)
    assert quiet.status == "passed" and quiet.curves == kept  # the curve still comes with the verdict


def test_a_hostile_learner_cannot_flood_the_page_break_the_verdict_or_the_cap():
    result, frames = run(HOSTILE)
    assert result.status == "passed", result.message  # the check's own rule (300 items came back) decides
    frames_with_curves = [f for f in frames if f.get("curves")]
    assert len(frames_with_curves) <= 1.5 / curves.FRAME_GAP_S + 4  # 5 a second, whatever the learner sends
    for frame in frames_with_curves:
        assert len(frame["curves"]) <= curves.MAX_CURVES
        for curve in frame["curves"]:
            assert len(curve["name"]) <= curves.MAX_NAME and len(curve["values"]) <= curves.MAX_POINTS
            assert all(v is None or (isinstance(v, float) and math.isfinite(v)) for v in curve["values"])
            assert curve["steps"] <= curves.MAX_RAW
    stored = result.to_json()
    assert len(stored.encode()) <= RESULT_MAX_BYTES
    loss = next(c for c in json.loads(stored)["curves"] if c["name"] == "loss")
    assert loss["steps"] == 300 and set(loss["values"]) == {None}  # the final curve: all gaps


def test_a_run_stopped_half_way_keeps_the_points_it_sent():
    result, frames = run(STUCK, wall_s=2.0)
    assert result.status == "timeout"
    [curve] = result.curves  # what left before the hang: points still buffered (under 0.2 s of them) are lost
    assert 30 <= curve["steps"] < 50 and curve["values"][0] == 3.0 and curve["floor"] == 0.5


def test_downsampling_keeps_the_shape_and_shows_a_gap_where_a_bucket_held_one():
    values = [float(i) for i in range(900)]
    values[450] = None
    shown = curves.downsample(values)
    assert len(shown) == 300 and shown[0] == 1.0 and shown[-1] == 898.0 and shown[150] is None
    assert [curves.finite(v) for v in (1, 2.5, True, "3", float("nan"), 10**400)] == [1.0, 2.5, None, None, None, None]


def test_a_stored_curve_of_any_shape_draws_only_numbers_and_escapes_its_name():
    from learning import curve_svg

    hostile = [
        {
            "name": "<script>x</script>",
            "values": ["1", 2.0, float("nan"), "… (cut: 9 more items)", 1.0],
            "steps": "many",
            "floor": "low",
            "band": [1, "x"],
        },
        {"values": "not a list"},
        "not a dict",
        {"values": [None, "x"]},
    ] * 3
    html = curve_svg.charts(hostile)  # the first 4 entries are read (grader.curves sends no more): one drawable
    assert html.count("<figure") == 1 and "<script>" not in html and "&lt;script&gt;" in html
    assert "after 5 steps" in html and "best possible" not in html and "target" not in html
    assert curve_svg.charts("junk") == curve_svg.charts(None) == ""


def test_the_caption_gives_every_number_three_significant_digits_whatever_its_scale():
    from learning import curve_svg

    def words(values, floor=None, band=None):
        return curve_svg.caption({"name": "loss", "values": values, "steps": 300, "floor": floor, "band": band}, False)

    # A band that ends on a round number reads "2.00", beside the other losses, not "2".
    assert words([2.78, 1.92], 1.9, (1.9, 2.0)) == (
        "loss: 2.78 → 1.92 after 300 steps; best possible 1.90; target 1.90 to 2.00"
    )
    assert words([0.0123, 0.0004]) == "loss: 0.0123 → 0.000400 after 300 steps"
    assert words([153.2, 12.0]) == "loss: 153 → 12.0 after 300 steps"
    assert words([0.0, 0.0]) == "loss: 0.00 → 0.00 after 300 steps"
    # A diverging run (gradient ascent) stays short instead of printing 48 digits.
    assert words([1.0, 1.7451e47]) == "loss: 1.00 → 1.75e+47 after 300 steps"
