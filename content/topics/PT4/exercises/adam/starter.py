import torch


class Adam:
    """Adam, step for step like torch.optim.Adam (amsgrad False), which you may not use here.

    params: an iterable of tensors (keep a list). State per parameter: m and v, zeros at the start; a step
    counter t shared by all parameters, t = 1 at the first step. step(), under torch.no_grad():
        t += 1 (once per step() call)
        for each p with a gradient:
            g = p.grad + weight_decay * p                 (L2 added to the gradient, as torch.optim.Adam)
            m = beta1 * m + (1 - beta1) * g
            v = beta2 * v + (1 - beta2) * g * g
            m_hat = m / (1 - beta1 ** t);  v_hat = v / (1 - beta2 ** t)
            p -= lr * m_hat / (sqrt(v_hat) + eps)
    step() must not change p.grad. zero_grad() sets every p.grad to None.
    """

    def __init__(self, params, lr: float = 1e-3, betas=(0.9, 0.999), eps: float = 1e-8, weight_decay: float = 0.0):
        raise NotImplementedError

    def zero_grad(self):
        raise NotImplementedError

    def step(self):
        raise NotImplementedError
