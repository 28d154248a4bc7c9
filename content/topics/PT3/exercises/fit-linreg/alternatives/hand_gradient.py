def fit_linreg(X, y, steps=500, lr=0.1):
    # The MSE gradient written out: dL/dw = 2/n X^T r, dL/db = 2/n sum(r), with r the residuals.
    n, d = X.shape
    w = X.new_zeros(d)
    b = X.new_zeros(())
    for _ in range(steps):
        r = X @ w + b - y
        w = w - lr * (2 / n) * (X.T @ r)
        b = b - lr * (2 / n) * r.sum()
    return w, b
