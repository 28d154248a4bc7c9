import torch
import torch.nn.functional as F


def train_classifier(model: torch.nn.Module, loader, epochs: int, lr: float) -> list[float]:
    model.train()
    opt = torch.optim.Adam(model.parameters(), lr=lr)
    losses = []
    for _ in range(epochs):
        for x, y in loader:
            opt.zero_grad()
            loss = F.cross_entropy(model(x), y)   # logits in, the softmax is inside cross_entropy
            loss.backward()
            opt.step()
            losses.append(loss.item())
    return losses
