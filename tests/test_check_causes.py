"""One test (or a few) per cause of issue 15: each fact a check relies on reaches it, each rule is
judged where the learner cannot undo it, and each message says what really differs."""
import torch

from grader import compare, wire


# Cause 1: the wire keeps the facts checks rely on.
def test_requires_grad_survives_the_wire_for_leaves_and_results():
    leaf = torch.ones(3, dtype=torch.float64, requires_grad=True)
    assert wire.decode(wire.encode(leaf)).requires_grad
    assert wire.decode(wire.encode(leaf * 2)).requires_grad
    assert not wire.decode(wire.encode(torch.ones(3))).requires_grad


def test_views_keep_their_storage_offset_and_strides():
    base = torch.arange(20.0).reshape(4, 5)
    for view in (base[2], base[1:, 2:], base[1:, 2:].T, base.T[3]):
        got = wire.decode(wire.encode(view))
        assert torch.equal(got, view)
        assert (got.storage_offset(), got.stride()) == (view.storage_offset(), view.stride())


def test_a_huge_storage_offset_is_not_padded_without_bound():
    fields = wire.encode(torch.arange(3.0))["__tensor__"]
    fields.update(stride=[1], offset=10**12)
    got = wire.decode({"__tensor__": fields})
    assert torch.equal(got, torch.arange(3.0)) and got.storage_offset() == 0


# Cause 7: float messages show the difference and name float32 rounding.
def test_close_numbers_are_shown_with_enough_digits_to_differ():
    expected = torch.tensor([-2.69920001234], dtype=torch.float64)
    message, _ = compare.tensors(expected + 3e-9, expected, name="f")
    got_text, expected_text = message.split("(got ")[1].split(")")[0].split(", expected ")
    assert got_text != expected_text


def test_a_float32_computation_is_named_and_accepted_at_float32_precision():
    expected = torch.tensor([-2.69920001234, 1.0 / 3], dtype=torch.float64)
    got = expected.float().double()
    message, details = compare.tensors(got, expected, name="f")
    assert "float32 rounding" in message and details["float32_rounding"]
    assert compare.tensors(got, expected, name="f", precision="float32") is None
    wrong = compare.tensors(expected * 1.001, expected, name="f", precision="float32")
    assert wrong is not None and "float32 rounding" not in wrong[0]
