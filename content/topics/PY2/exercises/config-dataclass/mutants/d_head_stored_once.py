"""Your d_head is computed once in __post_init__ and goes stale when d_model changes: make it a @property that computes d_model // n_heads on each access."""
from dataclasses import dataclass, field


@dataclass
class Config:
    d_model: int = 64
    n_heads: int = 4
    d_vocab: int = 100
    layer_sizes: list[int] = field(default_factory=lambda: [64, 64])

    def __post_init__(self):
        if self.d_model % self.n_heads != 0:
            raise ValueError(f"d_model={self.d_model} is not divisible by n_heads={self.n_heads}")
        self.d_head = self.d_model // self.n_heads
