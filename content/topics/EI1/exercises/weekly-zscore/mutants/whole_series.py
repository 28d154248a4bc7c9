"""You normalised by the mean and std of the whole series: each day should be compared with its own week (reduce over the day-of-week axis only)."""


def weekly_zscore(temps):
    return (temps - temps.mean()) / temps.std()
