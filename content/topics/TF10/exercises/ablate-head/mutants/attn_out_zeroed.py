"""hook_attn_out was zeroed: that removes the whole layer's output (every head, and b_O), not one head. A single head's contribution is its slice of hook_z."""
import torch


def ablate_head_loss_delta(model, tokens, layer, head):
    def zero_head(out, hook):
        return torch.zeros_like(out)

    with torch.no_grad():
        clean = model(tokens, return_type="loss")
        ablated = model.run_with_hooks(tokens, return_type="loss",
                                       fwd_hooks=[(f"blocks.{layer}.hook_attn_out", zero_head)])
    return (ablated - clean).item()
