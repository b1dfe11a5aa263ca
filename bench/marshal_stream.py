"""Read a file of concatenated marshal objects at the speed of marshal.loads.

`marshal.load(stream)` calls the stream's readinto once per type code and string: about
130 us a benchmark document, ten times marshal.loads on the same bytes, and at a million
documents minutes of the timed index build. Here a compiled scan finds where each object
ends in a large buffer, and each one is decoded from its own slice.
"""
import marshal

import numba
import numpy as np

CHUNK_BYTES = 16 * 2**20
FLAG_REF = 0x80
# Type codes by what follows them (Python/marshal.c): nothing, fixed bytes, a 1-byte length,
# a 4-byte length, a 1-byte or 4-byte item count, or the items of a dict up to NULL ("0").
_NOTHING = b"0NFTS."
_FIXED = {ord("i"): 4, ord("r"): 4, ord("g"): 8, ord("y"): 16}
_SHORT_SIZE = b"zZfx"
_LONG_SIZE = b"stuaA"
_SHORT_COUNT = b")"
_LONG_COUNT = b"([<>"


def _table():
    """Return per type code: 0 unknown, 1 nothing, 2 fixed, 3/4 short/long size, ..."""
    kind, width = np.zeros(128, dtype=np.int8), np.zeros(128, dtype=np.int8)
    for code in _NOTHING:
        kind[code] = 1
    for code, size in _FIXED.items():
        kind[code], width[code] = 2, size
    for code in _SHORT_SIZE:
        kind[code] = 3
    for code in _LONG_SIZE:
        kind[code] = 4
    for code in _SHORT_COUNT:
        kind[code] = 5
    for code in _LONG_COUNT:
        kind[code] = 6
    kind[ord("{")] = 7
    kind[ord("l")] = 8     # an int32 digit count (signed), then 2 bytes a digit
    return kind, width


KIND, WIDTH = _table()


@numba.njit(cache=True)
def _int32(buf, pos):
    value = buf[pos] | (buf[pos + 1] << 8) | (buf[pos + 2] << 16) | (np.int64(buf[pos + 3]) << 24)
    return value - (1 << 32) if value >= (1 << 31) else value


@numba.njit(cache=True)
def _ends(buf, start, kind, width, out):
    """Fill `out` with the end offsets of whole objects from `start`; return how many."""
    stack = np.zeros(256, dtype=np.int64)   # items left per open container, -1 for a dict
    found, pos, size = 0, start, len(buf)
    while found < len(out):
        depth, begin, complete = 0, pos, False
        while pos < size:
            code = buf[pos] & 0x7F
            pos += 1
            k = kind[code]
            done = True
            if k == 0:
                return -1 - found       # a type code documents never hold (code objects)
            if k == 2:
                pos += width[code]
            elif k == 3:
                if pos >= size:
                    break
                pos += 1 + buf[pos]
            elif k == 4 or k == 6 or k == 8:
                if pos + 4 > size:
                    pos = size + 1
                    break
                n = _int32(buf, pos)
                pos += 4
                if k == 4:
                    pos += n
                elif k == 8:
                    pos += 2 * (n if n >= 0 else -n)
                elif n > 0:
                    stack[depth] = n
                    depth += 1
                    done = False
            elif k == 5:
                if pos >= size:
                    break
                n = buf[pos]
                pos += 1
                if n > 0:
                    stack[depth] = n
                    depth += 1
                    done = False
            elif k == 7:
                stack[depth] = -1
                depth += 1
                done = False
            elif code == 48 and depth > 0 and stack[depth - 1] == -1:   # "0" closes a dict
                depth -= 1
            while done and depth > 0 and stack[depth - 1] > 0:
                stack[depth - 1] -= 1
                if stack[depth - 1] == 0:
                    depth -= 1
                else:
                    done = False
            if done and depth == 0:
                complete = pos <= size
                break
        if not complete:
            pos = begin
            break
        out[found] = pos
        found += 1
    return found


def iter_objects(path):
    """Yield each object of a file written by repeated marshal.dump, in order."""
    with open(path, "rb") as stream:
        yield from _objects(stream)


def _objects(stream):
    pending = b""
    ends = np.zeros(65536, dtype=np.int64)
    while True:
        chunk = stream.read(CHUNK_BYTES)
        buffer = pending + chunk if pending else chunk
        if not buffer:
            return
        view, start = memoryview(buffer), 0
        array = np.frombuffer(buffer, dtype=np.uint8)
        while True:
            found = _ends(array, start, KIND, WIDTH, ends)
            if found < 0:
                raise ValueError("not a stream of marshal data this reader knows")
            for end in ends[:found].tolist():
                yield marshal.loads(view[start:end])
                start = end
            if found < len(ends):
                break
        pending = buffer[start:]
        if not chunk:
            if pending:
                raise EOFError("marshal data ends inside an object")
            return
