"""nanoGPT's Block.forward, x = x + attn(ln_1(x)); x = x + mlp(ln_2(x)), adapted to return the stream after
each step. Rebinding x with `x = x + ...` builds new tensors, so the first value is not overwritten by the
second update."""


def block_forward(resid_pre, ln1, attn, ln2, mlp):
    x = resid_pre
    x = x + attn(ln1(x))
    resid_mid = x
    x = x + mlp(ln2(x))
    return resid_mid, x
