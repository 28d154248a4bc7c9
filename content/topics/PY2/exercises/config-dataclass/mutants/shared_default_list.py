"""All your Config instances share one layer_sizes list (the factory returns the same module-level list each time): return a new list from the factory, field(default_factory=lambda: [64, 64])."""
from dataclasses import dataclass, field


@dataclass
class Config:
    d_model: int = 64
    n_heads: int = 4
    d_vocab: int = 100
    layer_sizes: list[int] = field(default_factory=lambda: DEFAULT_SIZES)

    def __post_init__(self):
        if self.d_model % self.n_heads != 0:
            raise ValueError(f"d_model={self.d_model} is not divisible by n_heads={self.n_heads}")

    @property
    def d_head(self) -> int:
        return self.d_model // self.n_heads


DEFAULT_SIZES = [64, 64]
