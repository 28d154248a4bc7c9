import torch


def fold_ln(w: torch.Tensor, b: torch.Tensor, W: torch.Tensor, b_W: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    """Fold a LayerNorm's scale w and shift b into the linear layer that reads its output.

    w, b: (d_model,), the LayerNorm's parameters.
    W: (..., d_model, d_out), the next layer's weight (TransformerLens layout: x @ W), with any leading axes
       (none for mlp.W_in (d_model, d_mlp); one for attn.W_Q (n_heads, d_model, d_head)).
    b_W: (..., d_out), the next layer's bias (mlp.b_in (d_mlp,), or attn.b_Q (n_heads, d_head)).
    Returns (W_folded, b_folded), shaped like W and b_W, such that for every normalised vector x_hat (d_model,):
        (x_hat * w + b) @ W + b_W  ==  x_hat @ W_folded + b_folded
    i.e. W_folded[..., i, :] = w[i] * W[..., i, :] and b_folded = b @ W + b_W. Return new tensors; leave the inputs
    unchanged.
    """
    raise NotImplementedError
