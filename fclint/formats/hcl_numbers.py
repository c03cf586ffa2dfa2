"""HCL numbers as Terraform reads them: exact decimals (`1e3` is the integer 1000, `-1e999` an
integer of a thousand digits), and the exponent tree-sitter-hcl cannot read without a fraction."""

from __future__ import annotations

import math
import re
from fractions import Fraction

_NUMERAL = re.compile(r"([-+]?)(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?")
# `1e3`: HCL's grammar takes an exponent after any digits, tree-sitter-hcl's only after a
# fraction (it reads `1` and then a syntax error at `e3`). Outside a word or a fraction.
_BARE_EXPONENT = re.compile(rb"(?<![\w.])\d+([eE][+-]?)\d")
DIGITS = 4000  # Python prints no integer longer than 4,300 digits; larger ones are infinite here


def number(text: str) -> int | float:
    """The number `text` writes, exactly: an int when it is whole (`3.0`, `1e3`, `1e999`), a
    float when it is not; infinity past 4,000 digits, as JSON's reader gives for `1e999`."""
    match = _NUMERAL.fullmatch(text)
    if match is None:
        return float(text)
    sign, whole = match.group(1), match.group(2)
    fraction, exponent = match.group(3) or "", match.group(4) or "0"
    digits = (whole + fraction).lstrip("0")
    if not digits:
        return 0
    negative = sign == "-"
    if len(exponent.lstrip("+-")) > 8:  # 1e999999999: no number of that size is read
        scale = 10**9 if exponent[0] != "-" else -(10**9)
    else:
        scale = int(exponent)
    scale -= len(fraction)
    size = len(digits) + scale  # digits before the decimal point
    if size > DIGITS:
        return -math.inf if negative else math.inf
    if len(digits) > DIGITS or size < -300:  # a fraction beyond exact reading: not whole
        value = float(text)
        tiny = -5e-324 if negative else 5e-324  # the float nearest 1e-999 that is not 0
        return value if value and not value.is_integer() else tiny
    exact = Fraction(int(digits), 10**-scale) if scale < 0 else Fraction(int(digits) * 10**scale)
    if negative:
        exact = -exact
    if exact.denominator == 1:
        return int(exact)
    near = float(exact)  # 1.0000000000000000001 is no integer, though the nearest float is
    if near.is_integer():
        near = math.nextafter(near, math.copysign(math.inf, exact - near))
    return near


def mask_exponents(source: bytes) -> bytes:
    """`source` with each exponent after bare digits written as digits, the same length, for
    tree-sitter: it then reads `1e3` as one number, whose text is read from `source`."""
    if b"e" not in source and b"E" not in source:
        return source
    return _BARE_EXPONENT.sub(lambda m: m.group(0)[: m.start(1) - m.start()]
                              + b"0" * len(m.group(1)) + m.group(0)[-1:], source)
