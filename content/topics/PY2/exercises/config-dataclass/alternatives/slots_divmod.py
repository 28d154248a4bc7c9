import dataclasses


@dataclasses.dataclass(slots=True)
class Config:
    d_model: int = 64
    n_heads: int = 4
    d_vocab: int = 100
    layer_sizes: list[int] = dataclasses.field(default_factory=lambda: list((64, 64)))

    def __post_init__(self) -> None:
        _, remainder = divmod(self.d_model, self.n_heads)
        if remainder != 0:
            raise ValueError(f"cannot split d_model {self.d_model} into {self.n_heads} equal heads")

    @property
    def d_head(self) -> int:
        quotient, _ = divmod(self.d_model, self.n_heads)
        return quotient
