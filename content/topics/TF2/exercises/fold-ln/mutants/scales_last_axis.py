"""w is broadcast against the last axis of W (W * w), the d_out axis: w has one entry per input feature, so it scales the rows, W_folded[..., i, :] = w[i] * W[..., i, :] (w[:, None] * W)."""
import torch


def fold_ln(w: torch.Tensor, b: torch.Tensor, W: torch.Tensor, b_W: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    W_folded = W * w
    b_folded = torch.einsum("i,...io->...o", b, W) + b_W
    return W_folded, b_folded
