import torch


def evaluate(model, loader):
    mode = model.training
    model.eval()
    try:
        hits = 0
        with torch.inference_mode():
            for inputs, labels in loader:
                hits += int((model(inputs).argmax(1) == labels).sum())
    finally:
        model.train(mode)  # restored even if the loop raises
    return hits / len(loader.dataset)
