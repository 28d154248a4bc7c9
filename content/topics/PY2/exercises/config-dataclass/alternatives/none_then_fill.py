from dataclasses import dataclass
from typing import Optional


@dataclass
class Config:
    d_model: int = 64
    n_heads: int = 4
    d_vocab: int = 100
    layer_sizes: Optional[list] = None  # filled in below, a fresh list each time

    def __post_init__(self):
        if self.layer_sizes is None:
            self.layer_sizes = [64, 64]
        if self.d_model % self.n_heads:
            raise ValueError("n_heads must divide d_model")

    @property
    def d_head(self):
        return int(self.d_model / self.n_heads)
