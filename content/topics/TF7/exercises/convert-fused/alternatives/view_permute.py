"""Plain torch, no einops: each third of c_attn viewed as (heads, d_head, d_model) and its last two axes
swapped; c_proj viewed as (d_model, heads, d_head) and permuted. Every tensor is copied (clone), so the
converted dict shares no memory with the checkpoint."""
import torch


def convert_fused(sd: dict, n_heads: int) -> dict:
    d_model = sd["transformer.wte.weight"].shape[1]
    layers = sorted({int(k.split(".")[2]) for k in sd if k.startswith("transformer.h.")})
    out = {"embed.W_E": sd["transformer.wte.weight"].clone(), "pos_embed.W_pos": sd["transformer.wpe.weight"].clone()}
    for i in layers:
        h, b = f"transformer.h.{i}.", f"blocks.{i}."
        qkv_w, qkv_b = sd[h + "attn.c_attn.weight"], sd[h + "attn.c_attn.bias"]
        hd = qkv_w.shape[0] // 3
        for j, name in enumerate("QKV"):
            w = qkv_w[j * hd:(j + 1) * hd]                                  # (heads * d_head, d_model)
            out[b + "attn.W_" + name] = w.view(n_heads, -1, d_model).transpose(1, 2).clone()
            out[b + "attn.b_" + name] = qkv_b[j * hd:(j + 1) * hd].view(n_heads, -1).clone()
        proj = sd[h + "attn.c_proj.weight"]                                  # (d_model, heads * d_head)
        out[b + "attn.W_O"] = proj.view(d_model, n_heads, -1).permute(1, 2, 0).clone()
        out[b + "attn.b_O"] = sd[h + "attn.c_proj.bias"].clone()
        for ln, old in (("ln1", "ln_1"), ("ln2", "ln_2")):
            out[b + ln + ".w"] = sd[h + old + ".weight"].clone()
            out[b + ln + ".b"] = sd[h + old + ".bias"].clone()
        out[b + "mlp.W_in"] = sd[h + "mlp.c_fc.weight"].t().clone()
        out[b + "mlp.b_in"] = sd[h + "mlp.c_fc.bias"].clone()
        out[b + "mlp.W_out"] = sd[h + "mlp.c_proj.weight"].t().clone()
        out[b + "mlp.b_out"] = sd[h + "mlp.c_proj.bias"].clone()
    out["ln_final.w"] = sd["transformer.ln_f.weight"].clone()
    out["ln_final.b"] = sd["transformer.ln_f.bias"].clone()
    out["unembed.W_U"] = sd["lm_head.weight"].t().clone()
    out["unembed.b_U"] = torch.zeros_like(sd["lm_head.weight"][:, 0])
    return out
