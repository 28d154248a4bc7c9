import torch
import einops


def weekly_zscore(temps: torch.Tensor) -> torch.Tensor:
    weeks = einops.rearrange(temps, "(w d) -> w d", d=7)
    mean = einops.reduce(weeks, "w d -> w", "mean")
    std = weeks.std(dim=1)
    mean_per_day = einops.repeat(mean, "w -> (w d)", d=7)
    std_per_day = einops.repeat(std, "w -> (w d)", d=7)
    return (temps - mean_per_day) / std_per_day
