"""Uses `*` (entry-by-entry product) instead of `@`: composing linear maps is matrix multiplication."""
import torch


def compose(maps):
    result = maps[0].clone()
    for M in maps[1:]:
        result = M * result
    return result
