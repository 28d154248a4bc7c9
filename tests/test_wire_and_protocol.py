import json

import pytest
import torch

from grader import wire
from grader.protocol import PROTOCOL_VERSION, CaseResult, Job, Limits, Result


@pytest.mark.parametrize("dtype", [torch.float64, torch.float32, torch.bfloat16, torch.int64, torch.uint8, torch.bool])
def test_tensors_cross_the_wire_with_dtype_shape_and_values_intact(dtype):
    t = (torch.randn(2, 3, 5) * 10).to(dtype)
    back = wire.decode(json.loads(json.dumps(wire.encode(t))))
    assert back.dtype == dtype and back.shape == t.shape
    assert torch.equal(back, t)


def test_scalar_empty_and_noncontiguous_tensors_survive():
    x = torch.arange(12.0).reshape(3, 4).t()
    for t in (torch.tensor(3.5), torch.empty(0, 4), x):
        back = wire.decode(wire.encode(t))
        assert back.shape == t.shape and torch.equal(back, t)


def test_nested_plain_values_keep_their_types():
    value = {"a": (1, 2.5, "x"), 3: [None, True, torch.ones(2)]}
    back = wire.decode(json.loads(json.dumps(wire.encode(value))))
    assert back["a"] == (1, 2.5, "x") and isinstance(back["a"], tuple)
    assert back[3][:2] == [None, True] and torch.equal(back[3][2], torch.ones(2))


def test_anything_else_arrives_as_an_opaque_description_not_an_object():
    class Sneaky:
        def __repr__(self):
            return "sneaky"

    back = wire.decode(wire.encode([Sneaky()]))[0]
    assert isinstance(back, wire.Opaque) and back.type_name == "Sneaky" and back.text == "sneaky"


def test_unknown_wire_values_are_rejected():
    with pytest.raises(ValueError):
        wire.decode({"__pickle__": "gASV"})


def test_job_and_result_round_trip_as_json():
    job = Job(code="x = 1", bundle={"check.py": ""}, entry_points=["f"], limits=Limits(wall_s=3), seed=7)
    assert Job.from_json(job.to_json()) == job
    result = Result("failed", score=0.5, tests=[CaseResult("t", "failed", "msg", details={"max_abs_error": 1.0})])
    back = Result.from_json(result.to_json())
    assert back == result and isinstance(back.tests[0], CaseResult)


def test_a_tests_verdict_keeps_its_wire_field_names():
    """Stored results and sandboxes of other versions read these keys: renaming the class changed none."""
    data = Result("failed", tests=[CaseResult("t", "failed", "msg", points=2.0)]).to_dict()
    assert set(data["tests"][0]) == {"name", "status", "message", "points", "details", "duration_s"}


def test_a_result_with_an_unknown_status_is_refused():
    with pytest.raises(AssertionError):
        Result("maybe")


def test_a_tensor_with_odd_strides_on_size_one_axes_crosses_the_wire():
    odd = torch.einsum("ii->i", torch.ones(1, 1))
    assert torch.equal(wire.decode(wire.encode(odd)), odd)


def test_transposed_and_expanded_views_keep_their_strides():
    base = torch.arange(12.0).reshape(3, 4)
    for view in (base.t(), base[:, 1:3], torch.arange(3.0).expand(4, 3)):
        back = wire.decode(wire.encode(view))
        assert back.stride() == view.stride() and torch.equal(back, view)


def test_the_checker_never_compiles_functions_sent_to_it():
    with pytest.raises(ValueError):
        wire.decode({"__function__": ["f", "def f(): pass"]})
    assert wire.decode({"__function__": ["f", "def f():\n    return y"]}, functions={"y": 3})() == 3


def test_a_result_with_nan_and_infinite_details_is_strict_json():
    result = Result(
        "failed",
        tests=[CaseResult("values", "failed", details={"largest": float("nan"), "where": [float("-inf"), 1.5]})],
    )
    data = json.loads(json.dumps(result.to_dict(), allow_nan=False))
    assert data["tests"][0]["details"] == {"largest": "nan", "where": ["-inf", 1.5]}


def test_a_result_from_a_newer_sandbox_is_read_without_its_unknown_fields():
    data = Result(status="passed", score=1.0, tests=[CaseResult("a", "passed")]).to_dict()
    assert data["protocol"] == PROTOCOL_VERSION
    data["colour"] = "green"
    data["tests"][0]["sparkle"] = True
    back = Result.from_dict(data)
    assert back.status == "passed" and back.tests[0].name == "a"


def test_an_unknown_status_becomes_a_crash_that_says_so_not_an_exception():
    back = Result.from_dict({"status": "exploded", "message": "boom", "tests": [{"name": "t", "status": "odd"}]})
    assert back.status == "crashed" and "unknown status 'exploded'" in back.message and "boom" in back.message
    assert back.tests[0].status == "error"


def test_a_job_with_fields_this_version_does_not_know_still_parses():
    job = Job(code="x = 1", bundle={}, entry_points=["f"])
    data = dict(job.to_dict(), priority="high")
    data["limits"]["gpu_mb"] = 100
    assert Job.from_dict(data) == job
