import torch


def std(x: torch.Tensor, dim: int = -1, correction: int = 1) -> torch.Tensor:
    """Standard deviation of x along `dim` (that axis is removed), dividing the summed squared
    deviations from the mean by (n - correction), where n = x.shape[dim].

    correction=1: unbiased sample variance (torch.std's default); correction=0: divide by n.
    No torch.std / torch.var.
    """
    raise NotImplementedError
