import einops


def weekly_zscore(temps):
    # Stay in the (week, day) table: keepdim statistics broadcast across the days of their own week.
    weeks = einops.rearrange(temps, "(w d) -> w d", d=7)
    centred = weeks - weeks.mean(dim=-1, keepdim=True)
    var = (centred ** 2).sum(dim=-1, keepdim=True) / (7 - 1)
    return einops.rearrange(centred / var.sqrt(), "w d -> (w d)")
