import torch
import einops


def patchify(img: torch.Tensor, p: int) -> torch.Tensor:
    """img: (C, H, W) with H and W multiples of p -> (n_patches, C*p*p).

    Patches in row-major order (left to right, then top to bottom); each row of the output is one
    (C, p, p) block flattened channel first, then its rows, then its columns.
    """
    raise NotImplementedError
