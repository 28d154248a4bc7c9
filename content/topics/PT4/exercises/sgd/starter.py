import torch


class SGD:
    """Stochastic gradient descent with momentum and weight decay, step for step like torch.optim.SGD
    (dampening 0, nesterov False), which you may not use here.

    params: an iterable of tensors (for example model.parameters(), a generator: keep a list).
    step(), for each parameter p with a gradient, under torch.no_grad():
        g = p.grad + weight_decay * p
        if momentum != 0:  b = g on the first step, else b = momentum * b + g;  g = b
        p -= lr * g
    step() must not change p.grad. zero_grad() sets every p.grad to None.
    """

    def __init__(self, params, lr: float, momentum: float = 0.0, weight_decay: float = 0.0):
        raise NotImplementedError

    def zero_grad(self):
        raise NotImplementedError

    def step(self):
        raise NotImplementedError
