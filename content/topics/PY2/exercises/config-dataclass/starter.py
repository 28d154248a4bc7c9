from dataclasses import dataclass, field


@dataclass
class Config:
    """d_model=64, n_heads=4, d_vocab=100, layer_sizes=[64, 64] (a new list per instance).

    d_head: a property, d_model // n_heads (int). __post_init__ raises ValueError if d_model % n_heads.
    """

    def __post_init__(self):
        raise NotImplementedError
