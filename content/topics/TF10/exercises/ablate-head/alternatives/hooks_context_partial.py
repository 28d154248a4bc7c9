"""ARENA's style: a hook function with the head bound by functools.partial, a copy of z returned with that head's
slice zeroed (instead of writing into z), and the `with model.hooks(...)` context manager, which removes the hook
when the block ends; the two losses as floats."""
from functools import partial

import torch


def head_zero_ablation_hook(z: torch.Tensor, hook, head_index: int) -> torch.Tensor:
    z = z.clone()
    z[:, :, head_index] = 0.0
    return z


def ablate_head_loss_delta(model, tokens: torch.Tensor, layer: int, head: int) -> float:
    with torch.no_grad():
        clean = model(tokens, return_type="loss").item()
        with model.hooks(fwd_hooks=[(f"blocks.{layer}.attn.hook_z", partial(head_zero_ablation_hook, head_index=head))]):
            ablated = model(tokens, return_type="loss").item()
    return ablated - clean
