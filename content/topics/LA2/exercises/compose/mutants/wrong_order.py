"""Multiplies in list order, M0 @ M1 @ ...: that applies the LAST map first. "M0 then M1" is M1 @ M0; each new map goes on the left."""
import torch


def compose(maps):
    result = maps[0].clone()
    for M in maps[1:]:
        result = result @ M
    return result
