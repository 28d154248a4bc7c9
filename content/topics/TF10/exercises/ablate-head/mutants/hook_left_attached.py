"""The hook stays on the model after the function returns (model.add_hook without model.reset_hooks()), so every later forward pass is ablated too. Use model.run_with_hooks, or the `with model.hooks(...)` context manager."""
import torch


def ablate_head_loss_delta(model, tokens, layer, head):
    def zero_head(z, hook):
        z[:, :, head, :] = 0.0
        return z

    with torch.no_grad():
        clean = model(tokens, return_type="loss")
        model.add_hook(f"blocks.{layer}.attn.hook_z", zero_head)
        ablated = model(tokens, return_type="loss")
    return (ablated - clean).item()
