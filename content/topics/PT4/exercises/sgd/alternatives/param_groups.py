import torch


class SGD:
    """The layout torch.optim uses: parameter groups with their options, and per-parameter state."""

    def __init__(self, params, lr, momentum=0.0, weight_decay=0.0):
        self.param_groups = [dict(params=list(params), lr=lr, momentum=momentum, weight_decay=weight_decay)]
        self.state = {}

    def zero_grad(self):
        for group in self.param_groups:
            for p in group["params"]:
                if p.grad is not None:
                    p.grad.detach_()
                    p.grad.zero_()

    def step(self):
        with torch.no_grad():
            for group in self.param_groups:
                for p in group["params"]:
                    if p.grad is None:
                        continue
                    d_p = p.grad
                    if group["weight_decay"] != 0:
                        d_p = d_p.add(p, alpha=group["weight_decay"])
                    if group["momentum"] != 0:
                        buf = self.state.get(p)
                        if buf is None:
                            buf = self.state[p] = torch.clone(d_p).detach()
                        else:
                            buf.mul_(group["momentum"]).add_(d_p)
                        d_p = buf
                    p.add_(d_p, alpha=-group["lr"])
