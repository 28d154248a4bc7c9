def moments(values, probs):
    mean = values.new_zeros(())
    for x, p in zip(values, probs):
        mean = mean + p * x
    var = values.new_zeros(())
    for x, p in zip(values, probs):
        var = var + p * (x - mean) ** 2
    return mean, var, var ** 0.5
