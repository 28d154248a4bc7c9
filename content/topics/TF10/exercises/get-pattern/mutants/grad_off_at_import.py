"""`torch.set_grad_enabled(False)` at the top of the file (an ARENA notebook habit) switches gradients off for the whole process as soon as your code is imported, and the caller's training breaks. Use `with torch.no_grad():` (or `torch.inference_mode()`) around the code that needs it."""
import torch

torch.set_grad_enabled(False)


def get_pattern(model, tokens, layer, head):
    _, cache = model.run_with_cache(tokens, names_filter=f"blocks.{layer}.attn.hook_pattern")
    return cache["pattern", layer][:, head]
