"""No cache: a forward hook on blocks.{layer}.attn.hook_pattern copies the activation out as the model runs
(run_with_hooks removes the hook afterwards), and the head is selected from the copy."""
import torch


def get_pattern(model, tokens: torch.Tensor, layer: int, head: int) -> torch.Tensor:
    store = {}

    def keep(pattern, hook):
        store["pattern"] = pattern.detach().clone()

    model.run_with_hooks(tokens, return_type=None, fwd_hooks=[(f"blocks.{layer}.attn.hook_pattern", keep)])
    return store["pattern"][:, head, :, :]
