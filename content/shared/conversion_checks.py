"""What the checks of TF7's two checkpoint conversions (convert_fused, convert_hf) share: the learner's dict
checked for TransformerLens's names, shapes and dtypes, then tensor by tensor against the check's own
conversion, and the caller's checkpoint left as it was.

    import conversion_checks as cc
    got = cc.converted("convert_hf", sd, cfg)
    cc.expect_same_tensors(got, expected_conversion(sd, cfg))

Needs `shared: [gpt2_reference, conversion_checks]` in exercise.yaml. The learner's function is named by
its first argument and found by that name in the learner's own process (and in a mutant's namespace).
"""

import gpt2_reference as ref
import torch

from grader import compare
from grader.checks import fail, learner, remote

DIMS = {  # a parameter's dimensions by the last part of its name, for the messages
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


def dims(key: str) -> str:
    return DIMS[key.rsplit(".", 1)[1]]


def sizes(cfg) -> str:
    return (
        f"d_model={cfg.d_model}, n_heads={cfg.n_heads}, d_head={cfg.d_head}, d_mlp={cfg.d_mlp}, "
        f"n_layers={cfg.n_layers}, d_vocab={cfg.d_vocab}, n_ctx={cfg.n_ctx}"
    )


def converted(function: str, sd: dict, cfg) -> dict:
    """The learner's conversion of sd, after checking its keys, shapes and dtypes."""
    got = getattr(learner, function)(sd, cfg.n_heads)
    if not isinstance(got, dict):
        fail(f"`{function}` returned {compare.describe(got)}; expected a dict from names to tensors.", got=got)
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
            lines.append(f"- `{k}` has shape {tuple(v.shape)}; it should be {shapes[k]}, that is {dims(k)}")
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


def expect_same_tensors(got: dict, expected: dict) -> None:
    """Every converted tensor exactly the check's own (got has passed converted())."""
    for k, exp in expected.items():
        problem = compare.tensors(got[k], exp, name=f"converted['{k}']", exact=True, dims=dims(k))
        if problem:
            fail(problem[0], got=got)


@remote
def keys_changed(function, sd, n_heads):
    """Which keys the learner's conversion added to or removed from the caller's dict."""
    before = list(sd)
    globals()[function](sd, n_heads)
    return {"removed": [k for k in before if k not in sd], "added": [k for k in sd if k not in before]}


def expect_checkpoint_kept(function: str, sd: dict, cfg) -> None:
    """The conversion leaves the caller's dict as it was: no key removed, none added."""
    converted(function, sd, cfg)  # a wrong result is reported first, with its own message
    changed = learner.run(keys_changed, function, sd, cfg.n_heads)
    if changed["removed"] or changed["added"]:
        what = [f"removed {', '.join(changed['removed'][:4])}"] if changed["removed"] else []
        what += [f"added {', '.join(changed['added'][:4])}"] if changed["added"] else []
        fail(
            f"`{function}` changed the caller's checkpoint dict: it {' and '.join(what)}. The caller may still need "
            "it (to save it, or to compare): build a new dict and leave `sd` as it was (`sd.pop`, `del sd[k]` and "
            "`sd[k] = ...` all change it)."
        )
