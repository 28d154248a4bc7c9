import torch


def fit_categorical(counts, steps=500, lr=0.5):
    # Ascent on J is plain SGD on -J.
    c = counts.double()
    theta = torch.zeros(len(c), dtype=torch.float64, requires_grad=True)
    opt = torch.optim.SGD([theta], lr=lr)
    for _ in range(steps):
        opt.zero_grad()
        loss = -(c * torch.log_softmax(theta, dim=0)).sum() / c.sum()
        loss.backward()
        opt.step()
    return theta.detach().clone()
