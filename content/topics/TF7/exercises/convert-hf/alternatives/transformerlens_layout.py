"""TransformerLens's conversion of Hugging Face GPT-2 weights, in this project's code: tensor_split the
Conv1D weight into q, k, v along its columns, and "m (i h) -> i m h" per third; c_proj "(i h) m -> i h m"."""
import einops
import torch


def convert_hf(sd: dict, n_heads: int) -> dict:
    n_layers = len([k for k in sd if k.endswith(".ln_1.weight")])
    new = {"embed.W_E": sd["transformer.wte.weight"], "pos_embed.W_pos": sd["transformer.wpe.weight"]}
    for layer in range(n_layers):
        old = f"transformer.h.{layer}"
        new[f"blocks.{layer}.ln1.w"] = sd[f"{old}.ln_1.weight"]
        new[f"blocks.{layer}.ln1.b"] = sd[f"{old}.ln_1.bias"]
        W_Q, W_K, W_V = torch.tensor_split(sd[f"{old}.attn.c_attn.weight"], 3, dim=1)
        b_Q, b_K, b_V = torch.tensor_split(sd[f"{old}.attn.c_attn.bias"], 3, dim=0)
        for letter, W, b in (("Q", W_Q, b_Q), ("K", W_K, b_K), ("V", W_V, b_V)):
            new[f"blocks.{layer}.attn.W_{letter}"] = einops.rearrange(W, "m (i h) -> i m h", i=n_heads)
            new[f"blocks.{layer}.attn.b_{letter}"] = einops.rearrange(b, "(i h) -> i h", i=n_heads)
        new[f"blocks.{layer}.attn.W_O"] = einops.rearrange(sd[f"{old}.attn.c_proj.weight"], "(i h) m -> i h m",
                                                           i=n_heads)
        new[f"blocks.{layer}.attn.b_O"] = sd[f"{old}.attn.c_proj.bias"]
        new[f"blocks.{layer}.ln2.w"] = sd[f"{old}.ln_2.weight"]
        new[f"blocks.{layer}.ln2.b"] = sd[f"{old}.ln_2.bias"]
        new[f"blocks.{layer}.mlp.W_in"] = sd[f"{old}.mlp.c_fc.weight"]
        new[f"blocks.{layer}.mlp.b_in"] = sd[f"{old}.mlp.c_fc.bias"]
        new[f"blocks.{layer}.mlp.W_out"] = sd[f"{old}.mlp.c_proj.weight"]
        new[f"blocks.{layer}.mlp.b_out"] = sd[f"{old}.mlp.c_proj.bias"]
    new["ln_final.w"] = sd["transformer.ln_f.weight"]
    new["ln_final.b"] = sd["transformer.ln_f.bias"]
    new["unembed.W_U"] = sd["lm_head.weight"].T
    new["unembed.b_U"] = sd["lm_head.weight"].new_zeros(sd["lm_head.weight"].shape[0])
    return new
