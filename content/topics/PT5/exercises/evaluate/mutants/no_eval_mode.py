"""The model is not switched to eval mode, so dropout stays active: evaluation becomes random and pessimistic. Call model.eval() first (and restore the mode afterwards)."""
import torch


def evaluate(model: torch.nn.Module, loader) -> float:
    was_training = model.training
    correct, total = 0, 0
    with torch.no_grad():              # no graph: less memory, and nothing to backprop by accident
        for x, y in loader:
            pred = model(x).argmax(dim=-1)
            correct += (pred == y).sum().item()
            total += y.numel()
    model.train(was_training)          # leave the model as we found it
    return correct / total
