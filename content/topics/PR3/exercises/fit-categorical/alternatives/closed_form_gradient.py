import torch


def fit_categorical(counts, steps=500, lr=0.5):
    # dJ/dθ = c/N - softmax(θ); the frequencies come out float32 here, close enough.
    freq = counts / counts.sum()
    theta = torch.zeros(counts.shape[0], dtype=torch.float64)
    for _ in range(steps):
        theta = theta + lr * (freq - torch.softmax(theta, dim=0))
    return theta
