"""The messages a learner reads when a tensor is wrong."""

import torch

from grader import compare


def test_a_shape_mismatch_names_both_shapes_and_the_dimensions():
    message, details = compare.tensors(
        torch.zeros(2, 5, 3), torch.zeros(2, 3, 5), name="batched_mm", dims="(batch, n, m)"
    )
    assert message == "`batched_mm` returned shape (2, 5, 3); expected (2, 3, 5), that is (batch, n, m)."
    assert details == {"got_shape": [2, 5, 3], "expected_shape": [2, 3, 5]}


def test_a_broadcastable_shape_is_still_a_mismatch():
    assert compare.tensors(torch.zeros(1, 3), torch.zeros(2, 3), name="f") is not None


def test_a_dtype_mismatch_says_which_was_expected():
    message, _ = compare.tensors(torch.zeros(2), torch.zeros(2, dtype=torch.float64), name="f")
    assert message == "Expected a float64 tensor on cpu; got float32 on cpu."


def test_value_errors_report_count_largest_error_and_where():
    expected = torch.zeros(2, 3, dtype=torch.float64)
    got = expected.clone()
    got[0, 2], got[1, 1] = 0.5, -3.0
    message, details = compare.tensors(got, expected, name="f")
    assert message.startswith("2 of 6 entries of `f` differ; the largest error is 3 at [1, 1] (got -3, expected 0)")
    assert "the first is at [0, 2]" in message
    assert details["max_abs_error"] == 3.0 and details["first_index"] == [0, 2]


def test_tiny_float64_differences_pass_and_nan_matches_nan():
    expected = torch.tensor([1.0, float("nan")], dtype=torch.float64)
    assert compare.tensors(expected + 1e-14, expected, name="f") is None
    assert compare.tensors(torch.tensor([1.0, 0.0], dtype=torch.float64), expected, name="f") is not None


def test_a_non_tensor_answer_is_described():
    message, _ = compare.tensors([1, 2], torch.zeros(2), name="f")
    assert message == "`f` returned a list ([1, 2]); expected a tensor of shape (2,)."


def test_plain_values_compare_exactly():
    assert compare.values({"a": 1}, {"a": 1}, name="f") is None
    assert compare.values({"a": 2}, {"a": 1}, name="f")[0] == "`f` returned {'a': 2}; expected {'a': 1}."
    assert "expected a dict" in compare.values([1], {"a": 1}, name="f")[0]


def test_matching_infinities_are_not_reported_as_the_largest_error():
    expected = torch.tensor([float("-inf"), 1.0, 2.0], dtype=torch.float64)
    got = torch.tensor([float("-inf"), 1.5, 2.0], dtype=torch.float64)
    message, details = compare.tensors(got, expected, name="f")
    assert message.startswith("1 of 3 entries of `f` differ; the largest error is 0.5 at [1]")
    nan_where_inf = compare.tensors(torch.tensor([float("nan"), 1.0, 2.0], dtype=torch.float64), expected, name="f")
    assert "the largest error is inf at [0]" in nan_where_inf[0]


def test_an_infinite_error_is_reported_as_inf_not_the_largest_float():
    message, report = compare.tensors(torch.tensor([1.0, float("-inf")]), torch.tensor([1.0, 2.0]), name="out")
    assert "largest error is inf" in message and report["max_abs_error"] == float("inf")
