"""Inputs at the edges, and a distribution check for initialisations: what a check adds so that a
plausible wrong answer cannot hide behind random inputs.

    from grader.edges import tied_logits, probs_with_zeros, exactly, layer_shapes, expect_init

- tied_logits: rows whose k-th and (k+1)-th largest logits are exactly equal (top-k, argmax ties);
- probs_with_zeros: probability rows with exact zeros (a sampler must never return those outcomes);
- exactly: a threshold value that the dtype holds exactly, so `<` and `<=` give different answers;
- layer_shapes: non-square (out, in) shapes with distinct sides, so fan_in and fan_out cannot be mixed up;
- expect_init: the weights' distribution (mean near 0, both signs in balance, spread, uniform or normal
  shape), not only their size: uniform on [0, b] has the right |w| and fails here.
"""

import math

import torch

from grader.checks import fail


def tied_logits(rows: int, n: int, k: int, dtype=torch.float64) -> torch.Tensor:
    """(rows, n) logits, distinct except that the k-th and (k+1)-th largest of each row are equal.
    Values are multiples of 1/4, exact in every float dtype; the tied pair sits at random positions."""
    assert 1 <= k < n
    values = torch.arange(n, 0, -1, dtype=dtype) / 4  # n/4, ..., 1/4: distinct and exact
    values[k] = values[k - 1]
    return torch.stack([values[torch.randperm(n)] for _ in range(rows)])


def probs_with_zeros(rows: int, n: int, zeros: int, dtype=torch.float64) -> torch.Tensor:
    """(rows, n) probabilities summing to 1, with `zeros` exact zeros per row at random positions."""
    assert 0 < zeros < n
    p = torch.rand(rows, n, dtype=dtype) + 0.1
    for r in range(rows):
        p[r, torch.randperm(n)[:zeros]] = 0
    return p / p.sum(dim=1, keepdim=True)


def exactly(value: float, dtype=torch.float64) -> float:
    """`value`, after checking the dtype holds it exactly (0.5, 0.25, 3.0 do; 0.1 does not)."""
    held = torch.tensor(value, dtype=dtype).item()
    assert held == value, f"{value!r} is not exact in {dtype}; pick a sum of powers of 2 such as 0.5 or 0.375"
    return value


def layer_shapes(count: int = 3) -> list:
    """`count` (out_features, in_features) pairs, every side distinct and no pair square."""
    sides = [7, 3, 11, 5, 13, 2, 9, 4]
    return [(sides[2 * i], sides[2 * i + 1]) for i in range(count)]


def expect_init(w, *, name: str, std: float, kind: str = "uniform"):
    """`w` (a tensor of at least 1000 entries) looks drawn from `kind` ("uniform" on [-b, b] with b = std * sqrt(3),
    or "normal") with mean 0 and standard deviation `std`. Each limit is 6 standard errors wide, so a correct
    initialisation fails about once in 10^8 draws."""
    if not isinstance(w, torch.Tensor) or not w.is_floating_point():
        fail(f"`{name}` should be a float tensor; it is {type(w).__name__}.")
    x = w.detach().double().reshape(-1)
    n = x.numel()
    assert n >= 1000, "expect_init needs at least 1000 entries to judge a distribution"
    mean, spread = x.mean().item(), x.std().item()
    positive = (x > 0).double().mean().item()
    if abs(mean) > 6 * std / math.sqrt(n) or abs(positive - 0.5) > 6 * 0.5 / math.sqrt(n):
        fail(
            f"`{name}` should be centred on 0 with as many negative as positive entries; its mean is {mean:.4g} "
            f"and {positive:.1%} of its entries are positive. (Uniform on [0, b] has the right size but one sign.)"
        )
    if abs(spread / std - 1) > 6 / math.sqrt(2 * n) * (1.2 if kind == "uniform" else 1.5):
        fail(
            f"`{name}` should have standard deviation {std:.4g}; it has {spread:.4g} (ratio {spread / std:.3f}). "
            "Check the fan (in_features for nn.Linear's weight, of shape (out, in)) and the gain."
        )
    kurtosis = (((x - mean) / spread) ** 4).mean().item()
    expected_kurtosis, err = (1.8, 6 * math.sqrt(0.6 / n)) if kind == "uniform" else (3.0, 6 * math.sqrt(24 / n))
    if abs(kurtosis - expected_kurtosis) > err:
        other = "normal" if kind == "uniform" else "uniform"
        fail(
            f"`{name}` should be drawn from a {kind} distribution; the shape of its values looks {other} "
            f"(kurtosis {kurtosis:.2f}, expected {expected_kurtosis})."
        )
    if kind == "uniform" and x.abs().max().item() > std * math.sqrt(3) * (1 + 1e-6):
        fail(f"`{name}` should lie within ±{std * math.sqrt(3):.4g}; its largest entry is {x.abs().max().item():.4g}.")
