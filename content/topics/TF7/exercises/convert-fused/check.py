import math

import torch
import torch.nn.functional as F

import conversion_checks as cc
import gpt2_reference as ref
from grader import compare
from grader.checks import test, fail

DEFAULT = ref.Config()  # d_model 48, n_heads 3, d_head 16, d_mlp 80, n_layers 2, d_vocab 101, n_ctx 32
OTHER = ref.Config(d_model=20, n_heads=4, d_head=7, d_mlp=33, n_layers=3, d_vocab=29, n_ctx=13)


def fused_state_dict(cfg, dtype=torch.float64, mask_buffers=False):
    """A random nanoGPT-style checkpoint (nn.Linear layout), generalised to n_heads * d_head != d_model."""
    E, HD, M, V = cfg.d_model, cfg.n_heads * cfg.d_head, cfg.d_mlp, cfg.d_vocab
    g = torch.Generator().manual_seed(int(torch.randint(0, 2**31 - 1, (1,))))

    def normal(*shape, mean=0.0, std=1.0):
        return mean + std * torch.randn(shape, generator=g, dtype=torch.float64).to(dtype)

    sd = {"transformer.wte.weight": normal(V, E), "transformer.wpe.weight": normal(cfg.n_ctx, E)}
    for i in range(cfg.n_layers):
        h = f"transformer.h.{i}."
        sd[h + "ln_1.weight"], sd[h + "ln_1.bias"] = normal(E, mean=1, std=0.5), normal(E, std=0.5)
        if mask_buffers:
            sd[h + "attn.bias"] = torch.tril(torch.ones(cfg.n_ctx, cfg.n_ctx, dtype=dtype)).view(
                1, 1, cfg.n_ctx, cfg.n_ctx
            )
        sd[h + "attn.c_attn.weight"], sd[h + "attn.c_attn.bias"] = (
            normal(3 * HD, E, std=E**-0.5),
            normal(3 * HD, std=0.1),
        )
        sd[h + "attn.c_proj.weight"], sd[h + "attn.c_proj.bias"] = normal(E, HD, std=HD**-0.5), normal(E, std=0.1)
        sd[h + "ln_2.weight"], sd[h + "ln_2.bias"] = normal(E, mean=1, std=0.5), normal(E, std=0.5)
        sd[h + "mlp.c_fc.weight"], sd[h + "mlp.c_fc.bias"] = normal(M, E, std=E**-0.5), normal(M, std=0.1)
        sd[h + "mlp.c_proj.weight"], sd[h + "mlp.c_proj.bias"] = normal(E, M, std=M**-0.5), normal(E, std=0.1)
    sd["transformer.ln_f.weight"], sd["transformer.ln_f.bias"] = normal(E, mean=1, std=0.5), normal(E, std=0.5)
    sd["lm_head.weight"] = normal(V, E, std=E**-0.5)
    return sd


def expected_conversion(sd, cfg):
    """The check's own conversion, by slicing rows: head h of q is rows h*D .. (h+1)*D - 1 of the first third."""
    H, D, HD = cfg.n_heads, cfg.d_head, cfg.n_heads * cfg.d_head
    out = {"embed.W_E": sd["transformer.wte.weight"], "pos_embed.W_pos": sd["transformer.wpe.weight"]}
    for i in range(cfg.n_layers):
        h, b = f"transformer.h.{i}.", f"blocks.{i}."
        W, bias = sd[h + "attn.c_attn.weight"], sd[h + "attn.c_attn.bias"]
        proj = sd[h + "attn.c_proj.weight"]
        out[b + "ln1.w"], out[b + "ln1.b"] = sd[h + "ln_1.weight"], sd[h + "ln_1.bias"]
        for j, name in enumerate("QKV"):
            rows = [range(j * HD + head * D, j * HD + (head + 1) * D) for head in range(H)]
            out[b + f"attn.W_{name}"] = torch.stack([W[list(r)].t() for r in rows])
            out[b + f"attn.b_{name}"] = torch.stack([bias[list(r)] for r in rows])
        out[b + "attn.W_O"] = torch.stack([proj[:, head * D : (head + 1) * D].t() for head in range(H)])
        out[b + "attn.b_O"] = sd[h + "attn.c_proj.bias"]
        out[b + "ln2.w"], out[b + "ln2.b"] = sd[h + "ln_2.weight"], sd[h + "ln_2.bias"]
        out[b + "mlp.W_in"], out[b + "mlp.b_in"] = sd[h + "mlp.c_fc.weight"].t(), sd[h + "mlp.c_fc.bias"]
        out[b + "mlp.W_out"], out[b + "mlp.b_out"] = sd[h + "mlp.c_proj.weight"].t(), sd[h + "mlp.c_proj.bias"]
    out["ln_final.w"], out["ln_final.b"] = sd["transformer.ln_f.weight"], sd["transformer.ln_f.bias"]
    out["unembed.W_U"] = sd["lm_head.weight"].t()
    out["unembed.b_U"] = torch.zeros(cfg.d_vocab, dtype=sd["lm_head.weight"].dtype)
    return {k: v.contiguous() for k, v in out.items()}


def fused_forward(tokens, sd, cfg):
    """The fused model run as nanoGPT runs it: one Linear for q, k, v, split, then per-head attention."""
    B, T = tokens.shape
    H, D, HD = cfg.n_heads, cfg.d_head, cfg.n_heads * cfg.d_head
    x = sd["transformer.wte.weight"][tokens] + sd["transformer.wpe.weight"][:T]
    for i in range(cfg.n_layers):
        h = f"transformer.h.{i}."
        a = F.layer_norm(x, (cfg.d_model,), sd[h + "ln_1.weight"], sd[h + "ln_1.bias"], cfg.eps)
        q, k, v = F.linear(a, sd[h + "attn.c_attn.weight"], sd[h + "attn.c_attn.bias"]).split(HD, dim=-1)
        q, k, v = (t.view(B, T, H, D).transpose(1, 2) for t in (q, k, v))
        att = (q @ k.transpose(-2, -1)) / math.sqrt(D)
        att = att.masked_fill(torch.ones(T, T, dtype=torch.bool).triu(1), float("-inf")).softmax(-1)
        y = (att @ v).transpose(1, 2).reshape(B, T, HD)
        x = x + F.linear(y, sd[h + "attn.c_proj.weight"], sd[h + "attn.c_proj.bias"])
        m = F.layer_norm(x, (cfg.d_model,), sd[h + "ln_2.weight"], sd[h + "ln_2.bias"], cfg.eps)
        m = F.gelu(F.linear(m, sd[h + "mlp.c_fc.weight"], sd[h + "mlp.c_fc.bias"]), approximate="tanh")
        x = x + F.linear(m, sd[h + "mlp.c_proj.weight"], sd[h + "mlp.c_proj.bias"])
    x = F.layer_norm(x, (cfg.d_model,), sd["transformer.ln_f.weight"], sd["transformer.ln_f.bias"], cfg.eps)
    return F.linear(x, sd["lm_head.weight"])


def converted(sd, cfg):
    return cc.converted("convert_fused", sd, cfg)


def expect_same_tensors(got, sd, cfg):
    cc.expect_same_tensors(got, expected_conversion(sd, cfg))


def expect_same_logits(got, sd, cfg):
    tokens = torch.randint(0, cfg.d_vocab, (2, 11))
    problem = compare.tensors(
        ref.forward(tokens, got, cfg),
        fused_forward(tokens, sd, cfg),
        rtol=1e-7,
        atol=1e-9,
        name="logits of the converted model",
        dims="(batch, pos, d_vocab)",
    )
    if problem:
        fail(problem[0] + " (Expected: the fused nanoGPT-style model's logits on the same tokens (2, 11).)", got=got)


@test(f"keys, shapes and dtypes are TransformerLens's: {cc.sizes(DEFAULT)}, float64")
def keys_default():
    converted(fused_state_dict(DEFAULT), DEFAULT)


@test("every converted tensor equals the expected one exactly (same sizes)")
def tensors_default():
    sd = fused_state_dict(DEFAULT)
    expect_same_tensors(converted(sd, DEFAULT), sd, DEFAULT)


@test("the converted weights give the fused nanoGPT-style model's logits, float64 (tokens (2, 11))")
def logits_default():
    sd = fused_state_dict(DEFAULT)
    expect_same_logits(converted(sd, DEFAULT), sd, DEFAULT)


@test(f"n_heads * d_head != d_model: {cc.sizes(OTHER)}; tensors exact, logits equal")
def other_sizes():
    sd = fused_state_dict(OTHER)
    got = converted(sd, OTHER)
    expect_same_tensors(got, sd, OTHER)
    expect_same_logits(got, sd, OTHER)


@test(
    "a checkpoint holding nanoGPT's causal-mask buffers transformer.h.{i}.attn.bias (1, 1, n_ctx, n_ctx): "
    "they are left out"
)
def mask_buffers():
    sd = fused_state_dict(OTHER, mask_buffers=True)
    expect_same_tensors(converted(sd, OTHER), sd, OTHER)


@test("a float32 checkpoint gives float32 tensors, unembed.b_U included")
def float32():
    sd = fused_state_dict(DEFAULT, dtype=torch.float32)
    expect_same_tensors(converted(sd, DEFAULT), sd, DEFAULT)


@test("the checkpoint dict itself is left as it was: no key removed (the mask buffers included), none added")
def sd_keys_unchanged():
    sd = fused_state_dict(OTHER, mask_buffers=True)
    cc.expect_checkpoint_kept("convert_fused", sd, OTHER)
