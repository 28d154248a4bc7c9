import torch


def compose(maps: list[torch.Tensor]) -> torch.Tensor:
    result = maps[0].clone()
    for M in maps[1:]:
        result = M @ result
    return result
