"""`mindspore.train.summary`: `SummaryRecord` (see `summary_record`)."""

from .summary_record import SummaryRecord

__all__ = ["SummaryRecord"]
