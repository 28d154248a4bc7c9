"""Computes B v: that turns coordinates INTO a vector. To get coordinates from a vector, go the other way: c = B⁻¹ v."""
import torch


def coords(B, v):
    return B @ v
