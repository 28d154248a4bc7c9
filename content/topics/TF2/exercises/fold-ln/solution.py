import torch


def fold_ln(w: torch.Tensor, b: torch.Tensor, W: torch.Tensor, b_W: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    W_folded = w[:, None] * W
    b_folded = torch.einsum("i,...io->...o", b, W) + b_W
    return W_folded, b_folded
