import math

import torch
import torch.nn.functional as F

import gpt2_reference as ref
from grader import compare
from grader.checks import test, learner, remote, fail

DEFAULT = ref.Config()  # d_model 48, n_heads 3, d_head 16, d_mlp 80, n_layers 2, d_vocab 101, n_ctx 32
OTHER = ref.Config(d_model=20, n_heads=4, d_head=7, d_mlp=33, n_layers=3, d_vocab=29, n_ctx=13)
DIMS = {
    "W_E": "(d_vocab, d_model)",
    "W_pos": "(n_ctx, d_model)",
    "w": "(d_model,)",
    "b": "(d_model,)",
    "W_Q": "(n_heads, d_model, d_head)",
    "W_K": "(n_heads, d_model, d_head)",
    "W_V": "(n_heads, d_model, d_head)",
    "b_Q": "(n_heads, d_head)",
    "b_K": "(n_heads, d_head)",
    "b_V": "(n_heads, d_head)",
    "W_O": "(n_heads, d_head, d_model)",
    "b_O": "(d_model,)",
    "W_in": "(d_model, d_mlp)",
    "b_in": "(d_mlp,)",
    "W_out": "(d_mlp, d_model)",
    "b_out": "(d_model,)",
    "W_U": "(d_model, d_vocab)",
    "b_U": "(d_vocab,)",
}


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
    """The learner's conversion, after checking its keys, shapes and dtypes."""
    got = learner.convert_fused(sd, cfg.n_heads)
    if not isinstance(got, dict):
        fail(f"`convert_fused` returned {compare.describe(got)}; expected a dict from names to tensors.", got=got)
    shapes = ref.param_shapes(cfg)
    dtype = sd["lm_head.weight"].dtype
    missing = [k for k in shapes if k not in got]
    unexpected = [k for k in got if k not in shapes]
    lines = []
    if missing:
        lines.append("- missing: " + ", ".join(missing))
    if unexpected:
        lines.append("- unexpected (TransformerLens has no such parameter): " + ", ".join(map(str, unexpected)))
    for k in shapes:
        v = got.get(k)
        if k in got and not isinstance(v, torch.Tensor):
            lines.append(f"- `{k}` is {compare.describe(v)}, not a tensor")
        elif k in got and tuple(v.shape) != shapes[k]:
            lines.append(
                f"- `{k}` has shape {tuple(v.shape)}; it should be {shapes[k]}, that is {DIMS[k.rsplit('.', 1)[1]]}"
            )
        elif k in got and v.dtype != dtype:
            lines.append(
                f"- `{k}` is {str(v.dtype).removeprefix('torch.')}; the checkpoint is "
                f"{str(dtype).removeprefix('torch.')} and every converted tensor should be too"
            )
    if lines:
        fail(
            "The converted dict does not have TransformerLens's names, shapes and dtypes:\n" + "\n".join(lines), got=got
        )
    return got


def expect_same_tensors(got, sd, cfg):
    expected = expected_conversion(sd, cfg)
    for k, exp in expected.items():
        problem = compare.tensors(got[k], exp, name=f"converted['{k}']", exact=True, dims=DIMS[k.rsplit(".", 1)[1]])
        if problem:
            fail(problem[0], got=got)


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


@remote
def keys_changed(sd, n_heads):
    """Which keys the learner's conversion added to or removed from the caller's dict."""
    before = list(sd)
    convert_fused(sd, n_heads)
    return {"removed": [k for k in before if k not in sd], "added": [k for k in sd if k not in before]}


def sizes(cfg):
    return (
        f"d_model={cfg.d_model}, n_heads={cfg.n_heads}, d_head={cfg.d_head}, d_mlp={cfg.d_mlp}, "
        f"n_layers={cfg.n_layers}, d_vocab={cfg.d_vocab}, n_ctx={cfg.n_ctx}"
    )


@test(f"keys, shapes and dtypes are TransformerLens's: {sizes(DEFAULT)}, float64")
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


@test(f"n_heads * d_head != d_model: {sizes(OTHER)}; tensors exact, logits equal")
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
    converted(sd, OTHER)  # a wrong result is reported first, with its own message
    changed = learner.run(keys_changed, sd, OTHER.n_heads)
    if changed["removed"] or changed["added"]:
        what = [f"removed {', '.join(changed['removed'][:4])}"] if changed["removed"] else []
        what += [f"added {', '.join(changed['added'][:4])}"] if changed["added"] else []
        fail(
            f"`convert_fused` changed the caller's checkpoint dict: it {' and '.join(what)}. The caller may still need "
            "it (to save it, or to compare): build a new dict and leave `sd` as it was (`sd.pop`, `del sd[k]` and "
            "`sd[k] = ...` all change it)."
        )
