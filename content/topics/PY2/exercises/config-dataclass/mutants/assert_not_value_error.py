"""Your validation uses assert, which raises AssertionError (and is skipped under python -O): raise ValueError with a message instead."""
from dataclasses import dataclass, field


@dataclass
class Config:
    d_model: int = 64
    n_heads: int = 4
    d_vocab: int = 100
    layer_sizes: list[int] = field(default_factory=lambda: [64, 64])

    def __post_init__(self):
        assert self.d_model % self.n_heads == 0, "d_model must be divisible by n_heads"

    @property
    def d_head(self) -> int:
        return self.d_model // self.n_heads
