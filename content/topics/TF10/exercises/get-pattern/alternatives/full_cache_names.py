"""The whole cache (no names_filter) read with the full hook name, then indexed with einops-style named slicing:
rearrange picks the head and keeps (batch, q_pos, k_pos)."""
import einops
import torch


def get_pattern(model, tokens: torch.Tensor, layer: int, head: int) -> torch.Tensor:
    logits, cache = model.run_with_cache(tokens)
    patterns = cache[f"blocks.{layer}.attn.hook_pattern"]              # (batch, head, q_pos, k_pos)
    per_head = einops.rearrange(patterns, "batch head q k -> head batch q k")
    return per_head[head]
