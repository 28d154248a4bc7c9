import torch


class SGD:
    # The "velocity" form: v = mu v + lr g, p = p - v. With a fixed lr it takes exactly torch's steps.
    def __init__(self, params, lr, momentum=0.0, weight_decay=0.0):
        self.params = [p for p in params]
        self.lr = lr
        self.momentum = momentum
        self.weight_decay = weight_decay
        self.velocity = [torch.zeros_like(p) for p in self.params]

    def zero_grad(self):
        for p in self.params:
            p.grad = None

    def step(self):
        for p, v in zip(self.params, self.velocity):
            if p.grad is None:
                continue
            g = p.grad.data + self.weight_decay * p.data
            v.copy_(self.momentum * v + self.lr * g)  # on the first step v is 0, so v = lr g
            p.data = p.data - v
