"""Scaling row i of W by w_i is multiplying by diag(w) on the left; matmul broadcasts over W's leading axes (the
heads), and a vector times W is b W."""
import torch


def fold_ln(w: torch.Tensor, b: torch.Tensor, W: torch.Tensor, b_W: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    W_folded = torch.diag(w) @ W
    b_folded = b @ W + b_W
    return W_folded, b_folded
