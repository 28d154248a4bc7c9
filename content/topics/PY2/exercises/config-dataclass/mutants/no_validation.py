"""Config(d_model=50, n_heads=4) is accepted: __post_init__ must raise ValueError when d_model % n_heads != 0."""
from dataclasses import dataclass, field


@dataclass
class Config:
    d_model: int = 64
    n_heads: int = 4
    d_vocab: int = 100
    layer_sizes: list[int] = field(default_factory=lambda: [64, 64])

    def __post_init__(self):
        pass

    @property
    def d_head(self) -> int:
        return self.d_model // self.n_heads
