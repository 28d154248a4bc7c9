"""Plain torch, no einops, on a shallow copy of the checkpoint: keys are popped from the copy (never from the
caller's dict) as they are converted, and the copy must end empty, so nothing is forgotten. q, k, v are column
thirds viewed as (d_model, heads, d_head) and permuted; W_U is the (tied) lm_head transposed."""
import torch


def convert_hf(sd: dict, n_heads: int) -> dict:
    rest = dict(sd)
    take = rest.pop
    out = {"embed.W_E": take("transformer.wte.weight"), "pos_embed.W_pos": take("transformer.wpe.weight")}
    i = 0
    while f"transformer.h.{i}.ln_1.weight" in rest:
        h, b = f"transformer.h.{i}.", f"blocks.{i}."
        out[b + "ln1.w"], out[b + "ln1.b"] = take(h + "ln_1.weight"), take(h + "ln_1.bias")
        W, bias = take(h + "attn.c_attn.weight"), take(h + "attn.c_attn.bias")
        d_model, hd = W.shape[0], W.shape[1] // 3
        for j, name in enumerate("QKV"):
            out[b + "attn.W_" + name] = W[:, j * hd:(j + 1) * hd].reshape(d_model, n_heads, -1).permute(1, 0, 2)
            out[b + "attn.b_" + name] = bias[j * hd:(j + 1) * hd].reshape(n_heads, -1)
        out[b + "attn.W_O"] = take(h + "attn.c_proj.weight").reshape(n_heads, -1, d_model)
        out[b + "attn.b_O"] = take(h + "attn.c_proj.bias")
        out[b + "ln2.w"], out[b + "ln2.b"] = take(h + "ln_2.weight"), take(h + "ln_2.bias")
        out[b + "mlp.W_in"], out[b + "mlp.b_in"] = take(h + "mlp.c_fc.weight"), take(h + "mlp.c_fc.bias")
        out[b + "mlp.W_out"], out[b + "mlp.b_out"] = take(h + "mlp.c_proj.weight"), take(h + "mlp.c_proj.bias")
        i += 1
    out["ln_final.w"], out["ln_final.b"] = take("transformer.ln_f.weight"), take("transformer.ln_f.bias")
    W_U = take("lm_head.weight").t()
    out["unembed.W_U"], out["unembed.b_U"] = W_U, torch.zeros(W_U.shape[1], dtype=W_U.dtype, device=W_U.device)
    assert not rest, f"keys left over: {sorted(rest)}"
    return out
