import torch


def weekly_zscore(temps):
    weeks = temps.view(-1, 7)
    std, mean = torch.std_mean(weeks, dim=1, correction=1)
    # repeat_interleave copies each weekly value 7 times in a row: w0 x7, w1 x7, ...
    return (temps - mean.repeat_interleave(7)) / std.repeat_interleave(7)
