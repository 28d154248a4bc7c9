def rotate_qk(W_Q, W_K, R):
    # (x R) W_new = x W for every x means R W_new = W, and R⁻¹ = Rᵀ.
    return (W_Q.T @ R).T, (W_K.T @ R).T
