"""`mindspore.dataset.core.validator_helpers`: the integer bounds the dataset API validates against."""

UINT8_MAX = 255
INT32_MIN = -2147483648
INT32_MAX = 2147483647
UINT32_MAX = 4294967295
INT64_MAX = 9223372036854775807
