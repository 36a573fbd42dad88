#!/usr/bin/python3
"""Reference draws of NumPy's Generator(Philox(key=...)) for org.jdistarray.random.NumpyFixtureTest.

Run with Debian's numpy (/usr/bin/python3); the output is committed as
core/src/test/resources/org/jdistarray/random/numpy-philox.txt, and NumpyFixtureTest re-runs this script when
python3 with numpy is available and compares its output with the committed file.

One case per line: name, kind (f8: float64 bits in hex, f4: float32 bits in hex, i8: decimal integers), values.
"""
import struct

import numpy as np
from numpy.random import Generator, Philox


def f8(xs):
    return "f8 " + " ".join("%016x" % struct.unpack("<Q", struct.pack("<d", float(x)))[0] for x in xs)


def f4(xs):
    return "f4 " + " ".join("%08x" % struct.unpack("<I", struct.pack("<f", float(x)))[0] for x in xs)


def i8(xs):
    return "i8 " + " ".join(str(int(x)) for x in xs)


def u64(*words):
    # a key or counter as uint64 words: a Python list of big ints would go through float64 and lose bits
    return np.array(words, dtype=np.uint64)


def main():
    out = []
    out.append(("raw_1234_0", i8(Philox(key=u64(1234, 0)).random_raw(12).astype(object))))
    out.append(("raw_max_7", i8(Philox(key=u64(2**64 - 1, 7)).random_raw(9).astype(object))))
    out.append(("raw_carry", i8(Philox(key=u64(5, 6), counter=u64(2**64 - 1, 2**64 - 1, 0, 0)).random_raw(9)
                               .astype(object))))
    for seed in (0, 1, 1234, 2**63 + 5):
        out.append(("random_%d" % seed, f8(Generator(Philox(key=seed)).random(1000))))
    out.append(("random32_7", f4(Generator(Philox(key=7)).random(37, dtype=np.float32))))
    out.append(("uniform_11", f8(Generator(Philox(key=11)).uniform(-3.0, 5.5, 50))))
    out.append(("int_3_0_10", i8(Generator(Philox(key=3)).integers(0, 10, 100))))
    out.append(("int32_4_m1000_1000", i8(Generator(Philox(key=4)).integers(-1000, 1000, 100, dtype=np.int32))))
    out.append(("int_5_0_2p40", i8(Generator(Philox(key=5)).integers(0, 2**40, 50))))
    out.append(("int_6_m2p62_2p62", i8(Generator(Philox(key=6)).integers(-2**62, 2**62, 20))))
    out.append(("int_7_5_6", i8(Generator(Philox(key=7)).integers(5, 6, 10))))
    out.append(("int_8_0_2p32", i8(Generator(Philox(key=8)).integers(0, 2**32, 21))))
    out.append(("exp_inv_9", f8(Generator(Philox(key=9)).standard_exponential(100, method="inv"))))
    g = Generator(Philox(key=21))
    seq = [g.random(3, dtype=np.float32), g.random(2), g.random(3, dtype=np.float32), g.random(5),
           g.integers(0, 100, 3), g.random(1, dtype=np.float32)]
    out.append(("seq_21", f8(np.concatenate([s.astype(np.float64) for s in seq]))))
    out.append(("jumped_5_2", f8(Generator(Philox(key=5).jumped(2)).random(10))))
    for name, line in out:
        print(name, line)


if __name__ == "__main__":
    main()
