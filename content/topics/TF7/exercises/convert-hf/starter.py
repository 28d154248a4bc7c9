import torch
import einops


def convert_hf(sd: dict, n_heads: int) -> dict:
    """A Hugging Face GPT2LMHeadModel state dict -> the same weights under TransformerLens names and shapes.

    Input keys (E = d_model, H = n_heads, D = d_head = E / H, M = d_mlp, V = d_vocab). The attention and MLP layers
    are Conv1D: weight (in, out), y = x @ weight + bias.
      transformer.wte.weight (V, E)             transformer.wpe.weight (n_ctx, E)
      transformer.h.{i}.ln_1.weight / .bias (E,)  and  ln_2.weight / .bias (E,)
      transformer.h.{i}.attn.c_attn.weight (E, 3*H*D), .bias (3*H*D,): COLUMNS are q | k | v, each head-major (h, d)
      transformer.h.{i}.attn.c_proj.weight (H*D, E), .bias (E,)
      transformer.h.{i}.mlp.c_fc.weight (E, M), .bias (M,);  transformer.h.{i}.mlp.c_proj.weight (M, E), .bias (E,)
      transformer.ln_f.weight / .bias (E,)      lm_head.weight (V, E): an nn.Linear without bias (tied to wte)
    Output: exactly the TransformerLens keys (embed.W_E, ..., attn.W_Q (H, E, D), attn.W_O (H, D, E), ...,
    unembed.W_U (E, V), unembed.b_U (V,) of zeros), every tensor in the checkpoint's dtype. Do not change `sd`.
    """
    raise NotImplementedError
