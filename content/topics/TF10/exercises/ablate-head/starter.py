import torch
from transformer_lens import HookedTransformer
from transformer_lens.utilities import get_act_name


def ablate_head_loss_delta(model: HookedTransformer, tokens: torch.Tensor, layer: int, head: int) -> float:
    """How much the loss rises when one head is switched off: loss(ablated) - loss(clean), a Python float.

    loss: model(tokens, return_type="loss"), the mean next-token cross-entropy over every batch row and
    position. Ablated: the same forward pass with a hook on "blocks.{layer}.attn.hook_z" (shape
    (batch, pos, head, d_head)) that sets this head's slice, z[:, :, head, :], to 0 and leaves the other
    heads alone. Use model.run_with_hooks, so that no hook is left on the model when you return.
    """
    raise NotImplementedError
