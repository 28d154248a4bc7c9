def is_orthogonal(M, tol=1e-8):
    # Every pair of columns: dot product 1 with itself, 0 with any other.
    if len(M.shape) != 2 or M.shape[0] != M.shape[1]:
        return False
    d = M.shape[1]
    for i in range(d):
        for j in range(d):
            target = 1.0 if i == j else 0.0
            if abs(float(M[:, i] @ M[:, j]) - target) > tol:
                return False
    return True
