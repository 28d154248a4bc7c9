def unbroadcast(grad, shape):
    while grad.dim() > len(shape):
        grad = grad.sum(dim=0)
    for axis in range(len(shape)):
        if shape[axis] == 1 and grad.shape[axis] > 1:
            grad = grad.sum(dim=axis, keepdim=True)
    return grad
