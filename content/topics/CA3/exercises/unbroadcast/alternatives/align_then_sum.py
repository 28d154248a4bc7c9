def unbroadcast(grad, shape):
    # Pad shape with leading 1s to grad's rank, sum every axis where it is 1 and grad is not, then drop the padding.
    padded = (1,) * (grad.dim() - len(shape)) + tuple(shape)
    axes = tuple(i for i, (want, have) in enumerate(zip(padded, grad.shape)) if want == 1 and have != 1)
    if axes:
        grad = grad.sum(dim=axes, keepdim=True)
    return grad.reshape(shape)
