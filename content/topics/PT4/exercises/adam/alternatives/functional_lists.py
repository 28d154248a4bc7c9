import torch


class Adam:
    def __init__(self, params, lr=0.001, betas=(0.9, 0.999), eps=1e-08, weight_decay=0):
        self.params = list(params)
        self.lr = lr
        self.b1, self.b2 = betas
        self.eps = eps
        self.wd = weight_decay
        self.moments = {}  # id(p) -> (m, v), made on the first step with a gradient
        self.t = 0

    def zero_grad(self):
        for p in self.params:
            p.grad = None

    def step(self):
        self.t += 1
        with torch.no_grad():
            for p in self.params:
                if p.grad is None:
                    continue
                g = p.grad + self.wd * p if self.wd else p.grad
                m, v = self.moments.get(id(p), (0.0, 0.0))
                m = self.b1 * m + (1 - self.b1) * g
                v = self.b2 * v + (1 - self.b2) * g ** 2
                self.moments[id(p)] = (m, v)
                m_hat = m / (1 - self.b1 ** self.t)
                v_hat = v / (1 - self.b2 ** self.t)
                p.sub_(self.lr * m_hat / (torch.sqrt(v_hat) + self.eps))
