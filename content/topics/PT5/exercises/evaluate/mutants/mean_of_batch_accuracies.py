"""The accuracy is the mean of the per-batch accuracies: when the last batch is smaller, its examples weigh more than the others. Count correct predictions and examples over the whole loader, then divide."""
import torch


def evaluate(model: torch.nn.Module, loader) -> float:
    was_training = model.training
    model.eval()                       # dropout off, batch norm uses its running statistics
    accs = []
    with torch.no_grad():              # no graph: less memory, and nothing to backprop by accident
        for x, y in loader:
            pred = model(x).argmax(dim=-1)
            accs.append((pred == y).float().mean().item())
    model.train(was_training)          # leave the model as we found it
    return sum(accs) / len(accs)
