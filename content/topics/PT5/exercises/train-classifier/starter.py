import torch
import torch.nn.functional as F


def train_classifier(model: torch.nn.Module, loader, epochs: int, lr: float) -> list[float]:
    """Train `model` (it returns logits) with torch.optim.Adam(model.parameters(), lr=lr) on cross-entropy.

    Put the model in training mode first. For each of `epochs` passes over `loader` (batches (x, y), y integer
    labels), for each batch: zero the grads, loss = F.cross_entropy(model(x), y), backward, step.
    Returns the list of every batch's loss as a Python float, in order (epochs * batches entries).
    """
    raise NotImplementedError
