"""W_U was taken from the token embedding (transformer.wte.weight): nanoGPT ties the two at initialisation, but the unembedding's weights are lm_head.weight, and a checkpoint may hold them separately."""
import torch
import einops


def convert_fused(sd: dict, n_heads: int) -> dict:
    n_layers = 1 + max(int(k.split(".")[2]) for k in sd if k.startswith("transformer.h."))
    out = {"embed.W_E": sd["transformer.wte.weight"], "pos_embed.W_pos": sd["transformer.wpe.weight"]}
    for i in range(n_layers):
        h, b = f"transformer.h.{i}.", f"blocks.{i}."
        out[b + "ln1.w"], out[b + "ln1.b"] = sd[h + "ln_1.weight"], sd[h + "ln_1.bias"]
        # nn.Linear layout: weight (out, in) = (3 * n_heads * d_head, d_model), rows q | k | v, head-major.
        weights = sd[h + "attn.c_attn.weight"].chunk(3, dim=0)
        biases = sd[h + "attn.c_attn.bias"].chunk(3, dim=0)
        for name, w, bias in zip("QKV", weights, biases):
            out[b + f"attn.W_{name}"] = einops.rearrange(w, "(head d) e -> head e d", head=n_heads)
            out[b + f"attn.b_{name}"] = einops.rearrange(bias, "(head d) -> head d", head=n_heads)
        out[b + "attn.W_O"] = einops.rearrange(sd[h + "attn.c_proj.weight"], "e (head d) -> head d e", head=n_heads)
        out[b + "attn.b_O"] = sd[h + "attn.c_proj.bias"]
        out[b + "ln2.w"], out[b + "ln2.b"] = sd[h + "ln_2.weight"], sd[h + "ln_2.bias"]
        out[b + "mlp.W_in"], out[b + "mlp.b_in"] = sd[h + "mlp.c_fc.weight"].T, sd[h + "mlp.c_fc.bias"]
        out[b + "mlp.W_out"], out[b + "mlp.b_out"] = sd[h + "mlp.c_proj.weight"].T, sd[h + "mlp.c_proj.bias"]
    out["ln_final.w"], out["ln_final.b"] = sd["transformer.ln_f.weight"], sd["transformer.ln_f.bias"]
    W = sd["lm_head.weight"]  # (d_vocab, d_model); nanoGPT's head has no bias
    out["unembed.W_U"] = sd["transformer.wte.weight"].T
    out["unembed.b_U"] = torch.zeros(W.shape[0], dtype=W.dtype, device=W.device)
    return out
