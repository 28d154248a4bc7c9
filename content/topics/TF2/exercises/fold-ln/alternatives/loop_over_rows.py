"""Row by row, as the formula reads: W_folded[..., i, :] = w_i W[..., i, :], and b_folded adds b_i W[..., i, :]."""
import torch


def fold_ln(w: torch.Tensor, b: torch.Tensor, W: torch.Tensor, b_W: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    W_folded = W.clone()
    b_folded = b_W.clone()
    for i in range(w.shape[0]):
        W_folded[..., i, :] = w[i] * W[..., i, :]
        b_folded = b_folded + b[i] * W[..., i, :]
    return W_folded, b_folded
