import torch
import torch.nn.functional as F

import conversion_checks as cc
import gpt2_reference as ref
from grader import compare
from grader.checks import test, fail

# Hugging Face's GPT-2 needs d_head = d_model / n_heads.
DEFAULT = ref.Config()  # d_model 48, n_heads 3, d_head 16, d_mlp 80, n_layers 2, d_vocab 101, n_ctx 32
OTHER = ref.Config(d_model=20, n_heads=4, d_head=5, d_mlp=33, n_layers=3, d_vocab=29, n_ctx=13)


def hf_state_dict(cfg, dtype=torch.float64):
    """A random checkpoint with GPT2LMHeadModel's keys and Conv1D shapes (lm_head tied to wte, as there)."""
    E, HD, M, V = cfg.d_model, cfg.n_heads * cfg.d_head, cfg.d_mlp, cfg.d_vocab
    g = torch.Generator().manual_seed(int(torch.randint(0, 2**31 - 1, (1,))))

    def normal(*shape, mean=0.0, std=1.0):
        return mean + std * torch.randn(shape, generator=g, dtype=torch.float64).to(dtype)

    sd = {"transformer.wte.weight": normal(V, E), "transformer.wpe.weight": normal(cfg.n_ctx, E)}
    for i in range(cfg.n_layers):
        h = f"transformer.h.{i}."
        sd[h + "ln_1.weight"], sd[h + "ln_1.bias"] = normal(E, mean=1, std=0.5), normal(E, std=0.5)
        sd[h + "attn.c_attn.weight"], sd[h + "attn.c_attn.bias"] = (
            normal(E, 3 * HD, std=E**-0.5),
            normal(3 * HD, std=0.1),
        )
        sd[h + "attn.c_proj.weight"], sd[h + "attn.c_proj.bias"] = normal(HD, E, std=HD**-0.5), normal(E, std=0.1)
        sd[h + "ln_2.weight"], sd[h + "ln_2.bias"] = normal(E, mean=1, std=0.5), normal(E, std=0.5)
        sd[h + "mlp.c_fc.weight"], sd[h + "mlp.c_fc.bias"] = normal(E, M, std=E**-0.5), normal(M, std=0.1)
        sd[h + "mlp.c_proj.weight"], sd[h + "mlp.c_proj.bias"] = normal(M, E, std=M**-0.5), normal(E, std=0.1)
    sd["transformer.ln_f.weight"], sd["transformer.ln_f.bias"] = normal(E, mean=1, std=0.5), normal(E, std=0.5)
    sd["lm_head.weight"] = sd["transformer.wte.weight"].clone()
    return sd


def expected_conversion(sd, cfg):
    """The check's own conversion, by slicing columns: head h of q is columns h*D .. (h+1)*D - 1."""
    H, D, HD = cfg.n_heads, cfg.d_head, cfg.n_heads * cfg.d_head
    out = {"embed.W_E": sd["transformer.wte.weight"], "pos_embed.W_pos": sd["transformer.wpe.weight"]}
    for i in range(cfg.n_layers):
        h, b = f"transformer.h.{i}.", f"blocks.{i}."
        W, bias, proj = sd[h + "attn.c_attn.weight"], sd[h + "attn.c_attn.bias"], sd[h + "attn.c_proj.weight"]
        out[b + "ln1.w"], out[b + "ln1.b"] = sd[h + "ln_1.weight"], sd[h + "ln_1.bias"]
        for j, name in enumerate("QKV"):
            cols = [slice(j * HD + head * D, j * HD + (head + 1) * D) for head in range(H)]
            out[b + f"attn.W_{name}"] = torch.stack([W[:, c] for c in cols])
            out[b + f"attn.b_{name}"] = torch.stack([bias[c] for c in cols])
        out[b + "attn.W_O"] = torch.stack([proj[head * D : (head + 1) * D] for head in range(H)])
        out[b + "attn.b_O"] = sd[h + "attn.c_proj.bias"]
        out[b + "ln2.w"], out[b + "ln2.b"] = sd[h + "ln_2.weight"], sd[h + "ln_2.bias"]
        out[b + "mlp.W_in"], out[b + "mlp.b_in"] = sd[h + "mlp.c_fc.weight"], sd[h + "mlp.c_fc.bias"]
        out[b + "mlp.W_out"], out[b + "mlp.b_out"] = sd[h + "mlp.c_proj.weight"], sd[h + "mlp.c_proj.bias"]
    out["ln_final.w"], out["ln_final.b"] = sd["transformer.ln_f.weight"], sd["transformer.ln_f.bias"]
    out["unembed.W_U"] = sd["lm_head.weight"].t()
    out["unembed.b_U"] = torch.zeros(cfg.d_vocab, dtype=sd["lm_head.weight"].dtype)
    return {k: v.contiguous() for k, v in out.items()}


def hf_forward(tokens, sd, cfg):
    """The checkpoint run as Hugging Face's GPT-2 runs it: Conv1D (x @ W + b), one fused q|k|v, then a split.
    (Checked equal to transformers' GPT2LMHeadModel when this exercise was written.)"""
    B, T = tokens.shape
    H, D, HD = cfg.n_heads, cfg.d_head, cfg.n_heads * cfg.d_head
    x = sd["transformer.wte.weight"][tokens] + sd["transformer.wpe.weight"][:T]
    for i in range(cfg.n_layers):
        h = f"transformer.h.{i}."
        a = F.layer_norm(x, (cfg.d_model,), sd[h + "ln_1.weight"], sd[h + "ln_1.bias"], cfg.eps)
        q, k, v = (a @ sd[h + "attn.c_attn.weight"] + sd[h + "attn.c_attn.bias"]).split(HD, dim=-1)
        q, k, v = (t.view(B, T, H, D).transpose(1, 2) for t in (q, k, v))
        y = F.scaled_dot_product_attention(q, k, v, is_causal=True)
        x = x + y.transpose(1, 2).reshape(B, T, HD) @ sd[h + "attn.c_proj.weight"] + sd[h + "attn.c_proj.bias"]
        m = F.layer_norm(x, (cfg.d_model,), sd[h + "ln_2.weight"], sd[h + "ln_2.bias"], cfg.eps)
        m = F.gelu(m @ sd[h + "mlp.c_fc.weight"] + sd[h + "mlp.c_fc.bias"], approximate="tanh")
        x = x + m @ sd[h + "mlp.c_proj.weight"] + sd[h + "mlp.c_proj.bias"]
    x = F.layer_norm(x, (cfg.d_model,), sd["transformer.ln_f.weight"], sd["transformer.ln_f.bias"], cfg.eps)
    return x @ sd["lm_head.weight"].t()


def converted(sd, cfg):
    return cc.converted("convert_hf", sd, cfg)


def expect_same_tensors(got, sd, cfg):
    cc.expect_same_tensors(got, expected_conversion(sd, cfg))


def expect_same_logits(got, sd, cfg):
    tokens = torch.randint(0, cfg.d_vocab, (2, 11))
    problem = compare.tensors(
        ref.forward(tokens, got, cfg),
        hf_forward(tokens, sd, cfg),
        rtol=1e-7,
        atol=1e-9,
        name="logits of the converted model",
        dims="(batch, pos, d_vocab)",
    )
    if problem:
        fail(problem[0] + " (Expected: the Hugging Face-layout model's logits on the same tokens (2, 11).)", got=got)


@test(f"keys, shapes and dtypes are TransformerLens's: {cc.sizes(DEFAULT)}, float64")
def keys_default():
    converted(hf_state_dict(DEFAULT), DEFAULT)


@test("every converted tensor equals the expected one exactly (same sizes)")
def tensors_default():
    sd = hf_state_dict(DEFAULT)
    expect_same_tensors(converted(sd, DEFAULT), sd, DEFAULT)


@test("the converted weights give the Hugging Face-layout model's logits, float64 (tokens (2, 11))")
def logits_default():
    sd = hf_state_dict(DEFAULT)
    expect_same_logits(converted(sd, DEFAULT), sd, DEFAULT)


@test(f"other sizes: {cc.sizes(OTHER)}; tensors exact, logits equal")
def other_sizes():
    sd = hf_state_dict(OTHER)
    got = converted(sd, OTHER)
    expect_same_tensors(got, sd, OTHER)
    expect_same_logits(got, sd, OTHER)


@test("a float32 checkpoint gives float32 tensors, unembed.b_U included")
def float32():
    sd = hf_state_dict(DEFAULT, dtype=torch.float32)
    expect_same_tensors(converted(sd, DEFAULT), sd, DEFAULT)


@test("the checkpoint dict itself is left as it was: no key removed (the mask buffers included), none added")
def sd_keys_unchanged():
    sd = hf_state_dict(OTHER)
    cc.expect_checkpoint_kept("convert_hf", sd, OTHER)
