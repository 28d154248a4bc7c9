import torch
from transformer_lens import HookedTransformer
from transformer_lens.utilities import get_act_name


def ablate_head_loss_delta(model: HookedTransformer, tokens: torch.Tensor, layer: int, head: int) -> float:
    def zero_head(z, hook):
        z[:, :, head, :] = 0.0  # z: (batch, pos, head, d_head); only this head's slice
        return z

    with torch.no_grad():
        clean = model(tokens, return_type="loss")
        ablated = model.run_with_hooks(tokens, return_type="loss",
                                       fwd_hooks=[(get_act_name("z", layer), zero_head)])
    return (ablated - clean).item()
