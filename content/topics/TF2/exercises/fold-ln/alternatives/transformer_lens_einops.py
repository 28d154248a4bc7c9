"""The layout of TransformerLens's fold_layer_norm, written with einops for any leading axes: the shift goes
through W as a sum over d_model, the scale multiplies W along d_model."""
import einops
import torch


def fold_ln(w: torch.Tensor, b: torch.Tensor, W: torch.Tensor, b_W: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    b_folded = b_W + einops.reduce(W * b[:, None], "... d_model d_out -> ... d_out", "sum")
    W_folded = W * w[:, None]
    return W_folded, b_folded
