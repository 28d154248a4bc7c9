"""The weekly statistics are tiled (week 0, week 1, ..., week 0, week 1, ...) instead of repeated per day: use "w -> (w d)", so each week's value is copied 7 times in a row; "(d w)" interleaves them."""
import einops


def weekly_zscore(temps):
    weeks = einops.rearrange(temps, "(w d) -> w d", d=7)
    mean = einops.reduce(weeks, "w d -> w", "mean")
    std = weeks.std(dim=1)
    mean_per_day = einops.repeat(mean, "w -> (d w)", d=7)
    std_per_day = einops.repeat(std, "w -> (d w)", d=7)
    return (temps - mean_per_day) / std_per_day
