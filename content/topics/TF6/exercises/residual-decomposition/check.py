import dataclasses

import torch

import gpt2_reference as ref
from grader import compare
from grader.checks import test, learner, remote, expect, fail, expect_tensor

# Distinct sizes: batch 2, pos 11, n_heads 4, d_head 7, n_ctx 13, d_model 20, d_mlp 33, d_vocab 29, 3 layers.
CFG = ref.Config(d_model=20, n_heads=4, d_head=7, d_mlp=33, n_layers=3, d_vocab=29, n_ctx=13)
DIMS = "(component, batch, pos, d_model)"
NAME = "residual_decomposition(state, tokens, cfg)"


@remote
def decompose(state, tokens, cfg):
    return residual_decomposition(state, tokens, Config(**cfg))


@remote
def inputs_unchanged(state, tokens, cfg):
    import torch

    before = {k: v.clone() for k, v in state.items()}
    tokens_before = tokens.clone()
    residual_decomposition(state, tokens, Config(**cfg))
    changed = [k for k in before if not torch.equal(before[k], state[k])]
    if not torch.equal(tokens_before, tokens):
        changed.append("tokens")
    return changed


def names(cfg):
    return ["embed", "pos_embed"] + [f"{kind}_{i}" for i in range(cfg.n_layers) for kind in ("attn", "mlp")]


def reference(state, tokens, cfg):
    """The components computed directly (each sub-layer's own output), stacked."""
    embed = state["embed.W_E"][tokens]
    parts = [embed, state["pos_embed.W_pos"][: tokens.shape[1]].expand_as(embed)]
    resid = parts[0] + parts[1]
    for i in range(cfg.n_layers):
        b = f"blocks.{i}."
        attn = ref.attention(ref.layer_norm(resid, state[b + "ln1.w"], state[b + "ln1.b"], cfg.eps), state, b + "attn.")
        mlp = ref.mlp(ref.layer_norm(resid + attn, state[b + "ln2.w"], state[b + "ln2.b"], cfg.eps), state, b + "mlp.")
        resid = resid + attn + mlp
        parts += [attn, mlp]
    return torch.stack(parts)


def setup(cfg=CFG, batch=2, pos=11, dtype=torch.float64):
    state = ref.random_params(ref.param_shapes(cfg), dtype=dtype)
    tokens = torch.randint(0, cfg.d_vocab, (batch, pos))
    return state, tokens


def close(a, b) -> bool:
    tol = compare.DEFAULT_TOL[b.dtype]
    return bool(torch.allclose(a, b, rtol=tol[0], atol=tol[1] * max(1.0, b.abs().max().item())))


def check_components(state, tokens, cfg):
    got = learner.run(decompose, state, tokens, dataclasses.asdict(cfg))
    want = reference(state, tokens, cfg)
    labels = names(cfg)
    if not isinstance(got, torch.Tensor) or got.shape != want.shape or got.dtype != want.dtype:
        expect_tensor(got, want, name=NAME, dims=f"{DIMS}, the components being {', '.join(labels)}")
    running = want.cumsum(0)
    for c, label in enumerate(labels):
        if close(got[c], want[c]):
            continue
        same_as = [labels[j] for j in range(len(labels)) if j != c and close(got[c], want[j])]
        if same_as:
            fail(
                f"Component {c} should be {label}, but yours equals {same_as[0]}. The order is {', '.join(labels)}.",
                got=got,
            )
        if close(got[c], running[c]):
            fail(
                f"Component {c} ({label}) equals the whole residual stream after {label}: each component should be "
                f"what that part adds to the stream, not the running total.",
                got=got,
            )
        problem = compare.tensors(got[c], want[c], name=f"component {c} ({label})", dims="(batch, pos, d_model)")
        fail(problem[0] if problem else f"Component {c} ({label}) differs from the reference.", got=got)


@test("float64, 3 layers: shape (8, 2, 11, 20) and the components embed, pos_embed, attn_0, mlp_0, ..., mlp_2 in order")
def components_float64():
    state, tokens = setup()
    check_components(state, tokens, CFG)


@test("the components add up to the final residual stream (resid_post of the last block, before ln_final)")
def sums_to_final_stream():
    state, tokens = setup()
    got = learner.run(decompose, state, tokens, dataclasses.asdict(CFG))
    final = sum(ref.residual_components(tokens, state, CFG))
    expect(
        isinstance(got, torch.Tensor) and got.dim() == 4,
        f"{NAME} should return a 4-dimensional tensor {DIMS}; got {compare.describe(got)}.",
    )
    expect_tensor(got.sum(0), final, name=f"{NAME}.sum(0)", dims="(batch, pos, d_model)")


@test("float32 weights, and the whole context: tokens (3, 13) with pos = n_ctx")
def components_float32():
    state, tokens = setup(batch=3, pos=13, dtype=torch.float32)
    check_components(state, tokens, CFG)


@test("a one-layer model (4 components) with other sizes: d_model 12, 2 heads of 5, d_mlp 9, tokens (3, 6)")
def one_layer():
    cfg = ref.Config(d_model=12, n_heads=2, d_head=5, d_mlp=9, n_layers=1, d_vocab=17, n_ctx=8)
    state, tokens = setup(cfg, batch=3, pos=6)
    check_components(state, tokens, cfg)


@test("the LayerNorms use cfg.eps: the 3-layer model with eps = 0.1, on tokens (2, 11)")
def large_eps():
    cfg = dataclasses.replace(CFG, eps=0.1)
    state, tokens = setup(cfg)
    check_components(state, tokens, cfg)


@test("neither the state dict nor the tokens are changed")
def unchanged():
    state, tokens = setup()
    changed = learner.run(inputs_unchanged, state, tokens, dataclasses.asdict(CFG))
    expect(changed == [], f"residual_decomposition changed its inputs in place: {changed}. Work on new tensors.")
