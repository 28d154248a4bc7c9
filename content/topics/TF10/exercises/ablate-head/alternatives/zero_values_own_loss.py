"""Another route to the same ablation: zero the head's values (hook_v) instead of its z. Every z of that head is a
weighted sum of its values, so it becomes 0 just the same. The loss is computed by hand from the logits (mean
next-token cross-entropy), and the hook is added and removed with add_hook / reset_hooks in a try/finally."""
import torch
import torch.nn.functional as F


def next_token_loss(logits: torch.Tensor, tokens: torch.Tensor) -> torch.Tensor:
    return F.cross_entropy(logits[:, :-1].flatten(0, 1).double(), tokens[:, 1:].flatten())


def ablate_head_loss_delta(model, tokens: torch.Tensor, layer: int, head: int) -> float:
    def zero_values(v, hook):
        v[..., head, :] = 0
        return v

    with torch.inference_mode():
        clean = next_token_loss(model(tokens), tokens)
        model.add_hook(f"blocks.{layer}.attn.hook_v", zero_values)
        try:
            ablated = next_token_loss(model(tokens), tokens)
        finally:
            model.reset_hooks()
    return float(ablated - clean)
