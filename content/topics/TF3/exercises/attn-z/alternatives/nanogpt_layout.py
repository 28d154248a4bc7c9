"""nanoGPT's y = att @ v on (B, nh, T, hs) tensors, then y.transpose(1, 2) (nanoGPT goes on to merge the heads
with .view; here they stay separate, as TransformerLens's hook_z keeps them)."""
import torch


def attn_z(v: torch.Tensor, pattern: torch.Tensor) -> torch.Tensor:
    att = pattern
    v = v.transpose(1, 2)                                  # (B, nh, T_k, hs)
    y = att @ v                                            # (B, nh, T_q, hs)
    return y.transpose(1, 2).contiguous()                  # (B, T_q, nh, hs)
