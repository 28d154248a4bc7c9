"""Returns the number (v·u)/‖u‖ (the signed length of the shadow) instead of the projected vector, which has shape (d,)."""
import torch


def project(v, u):
    return (v @ u) / u.norm()
