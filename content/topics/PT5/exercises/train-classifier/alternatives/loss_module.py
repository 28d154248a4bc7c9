import torch
from torch import nn


def train_classifier(model, loader, epochs, lr):
    criterion = nn.CrossEntropyLoss()
    optimizer = torch.optim.Adam(params=model.parameters(), lr=lr)
    model.train()
    history = []
    for epoch in range(epochs):
        for inputs, targets in loader:
            loss = criterion(model(inputs), targets)
            loss.backward()
            optimizer.step()
            optimizer.zero_grad(set_to_none=True)   # clearing after the step works as well as before backward
            history.append(float(loss))
        print(f"epoch {epoch + 1}: last batch loss {history[-1]:.4f}")
    return history
