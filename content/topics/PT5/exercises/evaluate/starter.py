import torch


def evaluate(model: torch.nn.Module, loader) -> float:
    """The fraction of examples in `loader` whose argmax logit equals the label, as a Python float.

    loader yields (x, y) batches: x (batch, ...) inputs, y (batch,) integer labels; model(x) gives logits
    (batch, n_classes). Count over ALL examples (the last batch may be smaller). Run the model in eval mode
    and under torch.no_grad(), and leave model.training as it was before the call.
    """
    raise NotImplementedError
