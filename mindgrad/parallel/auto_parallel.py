"""`mindspore.parallel.auto_parallel.AutoParallel`: a Cell wrapper holding a parallel configuration; it calls the
network as is (mindgrad runs it data-parallel over JAX devices)."""

from __future__ import annotations

from ..nn.cell import Cell

__all__ = ["AutoParallel"]


class AutoParallel(Cell):
    """`AutoParallel(network, parallel_mode="semi_auto")`; the configuration methods record their settings."""

    def __init__(self, network: Cell, parallel_mode: str = "semi_auto") -> None:
        super().__init__(auto_prefix=False)
        if parallel_mode not in ("semi_auto", "sharding_propagation", "recursive_programming"):
            raise ValueError(f"For 'AutoParallel', the 'parallel_mode' should be 'semi_auto', "
                             f"'sharding_propagation' or 'recursive_programming', but got {parallel_mode!r}.")
        self.network = network
        self.parallel_mode = parallel_mode
        self.settings: dict = {}

    def construct(self, *args, **kwargs):
        return self.network(*args, **kwargs)

    def _record(self, key: str, value) -> None:
        self.settings[key] = value

    def save_param_strategy_file(self, file_path: str) -> None:
        self._record("save_param_strategy_file", file_path)

    def load_param_strategy_file(self, file_path: str) -> None:
        self._record("load_param_strategy_file", file_path)

    def dataset_strategy(self, config) -> None:
        self._record("dataset_strategy", config)

    def hsdp(self, shard_size: int = -1, threshold: int = 64, optimizer_level: str = "level1") -> None:
        self._record("hsdp", (shard_size, threshold, optimizer_level))

    def pipeline(self, stages: int = 1, output_broadcast: bool = False, interleave: bool = False,
                 scheduler: str = "1f1b") -> None:
        self._record("pipeline", (stages, output_broadcast, interleave, scheduler))

    def full_batch(self, full_batch: bool = True) -> None:
        self._record("full_batch", full_batch)

    def no_init_parameters_in_compile(self) -> None:
        self._record("no_init_parameters_in_compile", True)
