"""Readable comparisons of a learner's value with the expected one.

Each function returns None when the values agree, or a (message, details) pair written for the
learner: what was expected, what came back, where they differ and by how much.
"""

import torch

from grader.wire import short_repr

DEFAULT_TOL = {  # (rtol, atol) by dtype; atol for float32 is scaled by the reference's magnitude
    torch.float64: (1e-10, 1e-12),
    torch.float32: (1e-4, 1e-5),
    torch.float16: (1e-3, 1e-3),
    torch.bfloat16: (1e-2, 1e-2),
}


def shape_text(shape) -> str:
    return "(" + ", ".join(str(s) for s in shape) + ("," if len(shape) == 1 else "") + ")"


def describe(value) -> str:
    if isinstance(value, torch.Tensor):
        return f"a tensor of shape {shape_text(value.shape)} and dtype {_dtype(value)}"
    return f"{_a(type(value).__name__)} ({short_repr(value, 120)})"


def _a(noun: str) -> str:
    return ("an " if noun[:1].lower() in "aeiou" else "a ") + noun


# Tolerance for a float64 check judged at float32 precision (precision="float32"): an answer computed
# in float32 somewhere (a tensor built from Python floats, say) is right to about 1e-7 relative.
FLOAT32_TOL = (1e-5, 1e-6)


def tensors(got, expected: torch.Tensor, *, name: str, rtol=None, atol=None, exact=False, dims=None, precision=None):
    """precision="float32": float64 answers are accepted at float32 tolerance (for exercises that are not
    about precision, where computing in float32 somewhere is not a mistake)."""
    if not isinstance(got, torch.Tensor):
        return (
            f"`{name}` returned {describe(got)}; expected a tensor of shape {shape_text(expected.shape)}.",
            {"got_type": type(got).__name__},
        )
    if got.shape != expected.shape:
        that_is = f", that is {dims}" if dims else ""
        return (
            f"`{name}` returned shape {shape_text(got.shape)}; expected {shape_text(expected.shape)}{that_is}.",
            {"got_shape": list(got.shape), "expected_shape": list(expected.shape)},
        )
    if got.dtype != expected.dtype or got.device.type != expected.device.type:
        return (
            f"Expected a {_dtype(expected)} tensor on {expected.device.type}; got {_dtype(got)} on {got.device.type}.",
            {"got_dtype": _dtype(got), "expected_dtype": _dtype(expected)},
        )
    if precision == "float32" and rtol is None and atol is None:
        rtol, atol = FLOAT32_TOL[0], FLOAT32_TOL[1] * _scale(expected)
    return _values(got.detach(), expected.detach(), name, rtol, atol, exact)


def _scale(expected: torch.Tensor) -> float:
    return max(1.0, expected.abs().nan_to_num(posinf=0, neginf=0).max().item() if expected.numel() else 1.0)


def _values(got, expected, name, rtol, atol, exact):
    if exact or not expected.is_floating_point():
        bad = got != expected
        if expected.is_floating_point():
            bad &= ~(got.isnan() & expected.isnan())
    else:
        default_rtol, default_atol = DEFAULT_TOL.get(expected.dtype, (1e-5, 1e-8))
        rtol = default_rtol if rtol is None else rtol
        if atol is None:
            atol = default_atol * _scale(expected)
        bad = ~torch.isclose(got, expected, rtol=rtol, atol=atol, equal_nan=True)
    n_bad = int(bad.sum())
    if n_bad == 0:
        return None
    first = [int(i) for i in bad.nonzero()[0]]
    report = {"mismatched": n_bad, "total": expected.numel(), "first_index": first}
    message = f"{n_bad} of {expected.numel()} entries of `{name}` differ"
    if expected.is_floating_point():
        # Equal entries (infinities of the same sign too) have no error; a NaN where a number was due is infinite.
        err = (got.double() - expected.double()).abs().nan_to_num(nan=float("inf"), posinf=float("inf"))
        err = torch.where((got == expected) | (got.isnan() & expected.isnan()), 0.0, err)
        worst = [int(i) for i in torch.unravel_index(err.argmax(), err.shape)] if err.dim() else []
        report.update(max_abs_error=float(err.max()), worst_index=worst)
        g, e = got[tuple(worst)].item(), expected[tuple(worst)].item()
        message += f"; the largest error is {number_text(err.max().item())} at {_index(worst)} (got {pair_text(g, e)})"
    if not expected.is_floating_point() or first != report.get("worst_index"):
        g, e = got[tuple(first)].item(), expected[tuple(first)].item()
        message += f"; the first is at {_index(first)} (got {pair_text(g, e)})"
    message += "."
    if expected.dtype == torch.float64 and _float32_sized(got, expected):
        report["float32_rounding"] = True
        message += (
            " Every difference is the size of float32 rounding (about 1e-7 of the value): somewhere your "
            "code computes in float32 (a tensor made from Python floats or ints, or torch.float32), and "
            "this exercise wants float64 throughout."
        )
    return message, report


def _float32_sized(got, expected) -> bool:
    """The answer agrees with the float64 reference to float32 precision, not better."""
    finite = expected.isfinite() & got.isfinite()
    if not bool(finite.any()) or not bool((got.isfinite() == expected.isfinite()).all()):
        return False
    g, e = got[finite].double(), expected[finite]
    return bool(torch.isclose(g, e, rtol=FLOAT32_TOL[0], atol=FLOAT32_TOL[1] * _scale(e)).all())


def values(got, expected, *, name: str):
    """Exact comparison of plain values (numbers, strings, lists, dicts)."""
    if type(got) is not type(expected) and not (is_number(got) and is_number(expected)):
        return (
            f"`{name}` returned {describe(got)}; expected {_a(type(expected).__name__)} ({short_repr(expected, 120)}).",
            {"got_type": type(got).__name__},
        )
    if got != expected:
        return f"`{name}` returned {short_repr(got, 120)}; expected {short_repr(expected, 120)}.", {}
    return None


def is_number(x) -> bool:
    return isinstance(x, (int, float)) and not isinstance(x, bool)


def _dtype(t: torch.Tensor) -> str:
    return str(t.dtype).removeprefix("torch.")


def _index(idx) -> str:
    return "[" + ", ".join(str(i) for i in idx) + "]"


def number_text(x, digits=6) -> str:
    if isinstance(x, float):
        return f"{x:.{digits}g}"
    return str(x)


def pair_text(got, expected) -> str:
    """ "got G, expected E" with enough digits that two different numbers never read the same."""
    digits = 6
    while digits < 17 and got != expected and number_text(got, digits) == number_text(expected, digits):
        digits += 1
    return f"{number_text(got, digits)}, expected {number_text(expected, digits)}"
