"""`mindspore.mindrecord`: MindRecord files, byte-compatible with MindSpore's (both ways)."""

from .filereader import FileReader
from .filewriter import FileWriter
from .tools import Cifar10ToMR, Cifar100ToMR, CsvToMR, ImageNetToMR, MnistToMR, TFRecordToMR

SUCCESS = 0
FAILED = 1

__all__ = ["FileWriter", "FileReader", "Cifar10ToMR", "Cifar100ToMR", "ImageNetToMR", "MnistToMR",
           "CsvToMR", "TFRecordToMR", "SUCCESS", "FAILED"]
