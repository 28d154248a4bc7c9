"""Step by step into one new tensor: the cube via x * x * x, tanh of the inner value, and the constant as a
tensor of the input's dtype (a float32 constant would round a float64 answer)."""
import torch


def gelu_new(x: torch.Tensor) -> torch.Tensor:
    c = torch.sqrt(torch.tensor(2.0, dtype=x.dtype) / torch.pi)
    inner = c * (x + 0.044715 * x * x * x)
    out = torch.tanh(inner)
    out = out.add(1.0).mul(x).mul(0.5)
    return out
