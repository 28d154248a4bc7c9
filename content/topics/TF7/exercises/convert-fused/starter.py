import torch
import einops


def convert_fused(sd: dict, n_heads: int) -> dict:
    """A nanoGPT-style GPT-2 state dict -> the same weights under TransformerLens names and shapes.

    Input keys (E = d_model, H = n_heads, D = d_head, M = d_mlp, V = d_vocab, nn.Linear layout: weight (out, in)):
      transformer.wte.weight (V, E)             transformer.wpe.weight (n_ctx, E)
      transformer.h.{i}.ln_1.weight / .bias (E,)  and  ln_2.weight / .bias (E,)
      transformer.h.{i}.attn.c_attn.weight (3*H*D, E), .bias (3*H*D,): rows are q | k | v, each head-major (h, d)
      transformer.h.{i}.attn.c_proj.weight (E, H*D), .bias (E,)
      transformer.h.{i}.mlp.c_fc.weight (M, E), .bias (M,);  transformer.h.{i}.mlp.c_proj.weight (E, M), .bias (E,)
      transformer.ln_f.weight / .bias (E,)      lm_head.weight (V, E), no bias
      possibly transformer.h.{i}.attn.bias (1, 1, n_ctx, n_ctx): a causal-mask buffer, not a parameter; leave it out.
    Output: exactly the TransformerLens keys (embed.W_E, pos_embed.W_pos, blocks.{i}.ln1.w, ..., attn.W_Q (H, E, D),
    attn.b_Q (H, D), attn.W_O (H, D, E), mlp.W_in (E, M), ..., ln_final.w, unembed.W_U (E, V), unembed.b_U (V,)),
    every tensor in the checkpoint's dtype. unembed.b_U is zeros. Do not change `sd`.
    """
    raise NotImplementedError
