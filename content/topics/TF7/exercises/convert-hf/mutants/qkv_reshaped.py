"""W_Q, W_K and W_V were made with reshape(n_heads, d_model, d_head) from the (d_model, n_heads * d_head) block: reshape re-reads the numbers in memory order and mixes the heads. Move the head axis to the front: "e (h d) -> h e d"."""
import torch
import einops


def convert_hf(sd: dict, n_heads: int) -> dict:
    n_layers = 1 + max(int(k.split(".")[2]) for k in sd if k.startswith("transformer.h."))
    out = {"embed.W_E": sd["transformer.wte.weight"], "pos_embed.W_pos": sd["transformer.wpe.weight"]}
    for i in range(n_layers):
        h, b = f"transformer.h.{i}.", f"blocks.{i}."
        out[b + "ln1.w"], out[b + "ln1.b"] = sd[h + "ln_1.weight"], sd[h + "ln_1.bias"]
        # Conv1D layout: weight (in, out) = (d_model, 3 * n_heads * d_head); columns are q | k | v, head-major.
        weights = sd[h + "attn.c_attn.weight"].chunk(3, dim=1)
        biases = sd[h + "attn.c_attn.bias"].chunk(3, dim=0)
        for name, w, bias in zip("QKV", weights, biases):
            out[b + f"attn.W_{name}"] = w.reshape(n_heads, w.shape[0], -1)
            out[b + f"attn.b_{name}"] = einops.rearrange(bias, "(head d) -> head d", head=n_heads)
        out[b + "attn.W_O"] = einops.rearrange(sd[h + "attn.c_proj.weight"], "(head d) e -> head d e", head=n_heads)
        out[b + "attn.b_O"] = sd[h + "attn.c_proj.bias"]
        out[b + "ln2.w"], out[b + "ln2.b"] = sd[h + "ln_2.weight"], sd[h + "ln_2.bias"]
        out[b + "mlp.W_in"], out[b + "mlp.b_in"] = sd[h + "mlp.c_fc.weight"], sd[h + "mlp.c_fc.bias"]
        out[b + "mlp.W_out"], out[b + "mlp.b_out"] = sd[h + "mlp.c_proj.weight"], sd[h + "mlp.c_proj.bias"]
    out["ln_final.w"], out["ln_final.b"] = sd["transformer.ln_f.weight"], sd["transformer.ln_f.bias"]
    W = sd["lm_head.weight"]  # (d_vocab, d_model), an nn.Linear without bias, tied to wte
    out["unembed.W_U"] = W.T
    out["unembed.b_U"] = torch.zeros(W.shape[0], dtype=W.dtype, device=W.device)
    return out
