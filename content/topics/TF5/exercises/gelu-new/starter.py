import math

import torch


def gelu_new(x: torch.Tensor) -> torch.Tensor:
    """GPT-2's GELU (the tanh approximation), element-wise; any shape, same dtype as x.

    gelu_new(x) = 0.5 * x * (1 + tanh(sqrt(2 / pi) * (x + 0.044715 * x**3)))

    Not the erf GELU (nn.GELU / F.gelu, which are not allowed here). Do not change x in place,
    and do not produce NaN for large |x|.
    """
    raise NotImplementedError
