"""Head by head with plain slicing: head h of the queries is columns h*D .. h*D + D - 1 of the first column
third (already (d_model, d_head), no transpose in a Conv1D); c_proj's head h is rows h*D .. h*D + D - 1.
Every tensor is copied to a new contiguous one."""
import torch


def convert_hf(sd: dict, n_heads: int) -> dict:
    d_model = sd["transformer.wte.weight"].shape[1]
    D = d_model // n_heads
    n_layers = len({k.split(".")[2] for k in sd if k.startswith("transformer.h.")})
    out = {"embed.W_E": sd["transformer.wte.weight"].clone(), "pos_embed.W_pos": sd["transformer.wpe.weight"].clone()}
    for i in range(n_layers):
        h, b = f"transformer.h.{i}.", f"blocks.{i}."
        W, bias, proj = sd[h + "attn.c_attn.weight"], sd[h + "attn.c_attn.bias"], sd[h + "attn.c_proj.weight"]
        for j, name in enumerate("QKV"):
            starts = [j * n_heads * D + head * D for head in range(n_heads)]
            out[b + f"attn.W_{name}"] = torch.stack([W[:, s:s + D] for s in starts]).contiguous()
            out[b + f"attn.b_{name}"] = torch.stack([bias[s:s + D] for s in starts]).contiguous()
        out[b + "attn.W_O"] = torch.stack([proj[head * D:(head + 1) * D] for head in range(n_heads)]).contiguous()
        out[b + "attn.b_O"] = sd[h + "attn.c_proj.bias"].clone()
        for new, old in (("ln1.w", "ln_1.weight"), ("ln1.b", "ln_1.bias"), ("ln2.w", "ln_2.weight"),
                         ("ln2.b", "ln_2.bias"), ("mlp.W_in", "mlp.c_fc.weight"), ("mlp.b_in", "mlp.c_fc.bias"),
                         ("mlp.W_out", "mlp.c_proj.weight"), ("mlp.b_out", "mlp.c_proj.bias")):
            out[b + new] = sd[h + old].clone()
    out["ln_final.w"] = sd["transformer.ln_f.weight"].clone()
    out["ln_final.b"] = sd["transformer.ln_f.bias"].clone()
    out["unembed.W_U"] = sd["lm_head.weight"].T.contiguous()
    out["unembed.b_U"] = sd["lm_head.weight"].new_zeros(sd["lm_head.weight"].shape[0])
    return out
