"""Your standard deviation divides by 7 (the biased one, `unbiased=False` or `correction=0`): this exercise asks for the unbiased one, dividing by 6 (torch.std's default)."""
import einops


def weekly_zscore(temps):
    weeks = einops.rearrange(temps, "(w d) -> w d", d=7)
    mean = weeks.mean(dim=1, keepdim=True)
    std = weeks.std(dim=1, correction=0, keepdim=True)
    return einops.rearrange((weeks - mean) / std, "w d -> (w d)")
