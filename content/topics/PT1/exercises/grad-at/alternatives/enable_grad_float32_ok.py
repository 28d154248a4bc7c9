import torch


def grad_at(f, x):
    # Works even if the caller switched gradients off; copies x so its flags stay untouched.
    with torch.enable_grad():
        x2 = torch.tensor(x.tolist(), dtype=x.dtype, requires_grad=True)
        y = f(x2)
        y.backward()
    return x2.grad.detach()
