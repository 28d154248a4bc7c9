"""Composes only the last two maps: keep a running product over the whole list and put each new map on its left (`result = M @ result`)."""
import torch


def compose(maps):
    if len(maps) == 1:
        return maps[0].clone()
    return maps[-1] @ maps[-2]
