"""Head by head, the way the statement describes it: head h of the queries is rows h*D .. h*D + D - 1 of the
first third, transposed; the output projection's head h is columns h*D .. h*D + D - 1, transposed. A
rename table handles every tensor that is only renamed or transposed."""
import torch

RENAMES = {"ln_1.weight": "ln1.w", "ln_1.bias": "ln1.b", "ln_2.weight": "ln2.w", "ln_2.bias": "ln2.b",
           "attn.c_proj.bias": "attn.b_O", "mlp.c_fc.bias": "mlp.b_in", "mlp.c_proj.bias": "mlp.b_out"}


def convert_fused(sd: dict, n_heads: int) -> dict:
    out = {"embed.W_E": sd["transformer.wte.weight"], "pos_embed.W_pos": sd["transformer.wpe.weight"],
           "ln_final.w": sd["transformer.ln_f.weight"], "ln_final.b": sd["transformer.ln_f.bias"],
           "unembed.W_U": sd["lm_head.weight"].T}
    out["unembed.b_U"] = torch.zeros(out["unembed.W_U"].shape[1], dtype=out["unembed.W_U"].dtype)
    i = 0
    while f"transformer.h.{i}.ln_1.weight" in sd:
        h, b = f"transformer.h.{i}.", f"blocks.{i}."
        for old, new in RENAMES.items():
            out[b + new] = sd[h + old]
        out[b + "mlp.W_in"] = sd[h + "mlp.c_fc.weight"].T
        out[b + "mlp.W_out"] = sd[h + "mlp.c_proj.weight"].T
        W, bias, proj = sd[h + "attn.c_attn.weight"], sd[h + "attn.c_attn.bias"], sd[h + "attn.c_proj.weight"]
        D = W.shape[0] // 3 // n_heads
        for j, name in enumerate("QKV"):
            start = j * n_heads * D
            out[b + f"attn.W_{name}"] = torch.stack([W[start + hd * D: start + (hd + 1) * D].T for hd in range(n_heads)])
            out[b + f"attn.b_{name}"] = torch.stack([bias[start + hd * D: start + (hd + 1) * D] for hd in range(n_heads)])
        out[b + "attn.W_O"] = torch.stack([proj[:, hd * D:(hd + 1) * D].T for hd in range(n_heads)])
        i += 1
    return out
