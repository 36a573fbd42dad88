package org.jdistarray.random;

import java.util.ArrayList;
import java.util.List;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.core.source64.Philox4x64;
import org.jdistarray.array.DistArray;
import org.jdistarray.array.DistArrays;
import org.jdistarray.dist.Distribution;
import org.jdistarray.protocol.DType;

/**
 * NumPy's {@code numpy.random.Generator(numpy.random.Philox(key=...))} for distributed arrays: one Philox4x64-10
 * stream, and element {@code i} (global C-order index) of an array of {@code n} elements is drawn from the stream's
 * draws {@code [p + i·k, p + i·k + k)} after the {@code p} draws earlier calls took ({@code k} = draws per element).
 * So every rank computes exactly its own elements, and the array is the same bit for bit for any number of ranks and
 * any distribution. Successive calls continue the stream as NumPy's do ({@code g.random(d1); g.random(d2)} equals
 * {@code g.random(n1); g.random(n2)} in NumPy).
 *
 * <p>A generator is a mutable value held by every rank: every call that draws is <b>collective</b> (the ranks
 * check, with one small all-reduce, that they pass the same generator state and arguments) and advances every
 * rank's copy alike. Not thread-safe: one generator per rank (per thread rank).
 *
 * <p>Seed to key: {@link #philox(long)} uses the seed as the 128-bit Philox key {@code (seed, 0)} (the seed's 64
 * bits unsigned), counter 0: NumPy's {@code Philox(key=seed)}, <i>not</i> {@code Philox(seed)} (which hashes the seed
 * with a {@code SeedSequence}).
 */
public final class Generator {
    private final long key0;
    private final long key1;
    private final long[] counter;
    private final PhiloxCipher cipher;
    private long position;
    private long pendingHalf = -1;

    private Generator(long key0, long key1, long[] counter) {
        this.key0 = key0;
        this.key1 = key1;
        this.counter = counter.clone();
        this.cipher = new PhiloxCipher(key0, key1, counter[0], counter[1], counter[2], counter[3]);
    }

    /** <b>Not collective.</b> NumPy's {@code Generator(Philox(key=seed))}: key {@code (seed, 0)}, counter 0. */
    public static Generator philox(long seed) {
        return new Generator(seed, 0, new long[4]);
    }

    /**
     * <b>Not collective.</b> NumPy's {@code Generator(Philox(seed))} (an integer seed, no {@code key=}): the key is
     * {@code SeedSequence(seed).generate_state(2, np.uint64)} ({@link SeedSequence}), counter 0. The usual way to seed
     * from an integer in NumPy; {@link #philox(long)} is NumPy's {@code Philox(key=seed)} instead.
     *
     * @throws IllegalArgumentException if {@code seed} is negative (NumPy: "expected non-negative integer")
     */
    public static Generator seeded(long seed) {
        return seeded(new SeedSequence(seed));
    }

    /** <b>Not collective.</b> NumPy's {@code Generator(Philox(seedSequence))}: key {@code generate_state(2, uint64)}. */
    public static Generator seeded(SeedSequence seeds) {
        long[] key = seeds.generateState64(2);
        return new Generator(key[0], key[1], new long[4]);
    }

    /** <b>Not collective.</b> NumPy's {@code Generator(Philox(key=[key0, key1]))}, counter 0. */
    public static Generator philox(long key0, long key1) {
        return new Generator(key0, key1, new long[4]);
    }

    /**
     * <b>Not collective.</b> A fresh generator on the same key whose counter is {@code jumps · 2^128} past this
     * generator's start: NumPy's {@code Philox(key=k).jumped(jumps)} (from a fresh bit generator). Streams
     * {@code jumps = 1, 2, ...} do not overlap for fewer than 2^128 blocks each.
     *
     * @throws IllegalArgumentException if {@code jumps} is negative
     */
    public Generator jumped(long jumps) {
        if (jumps < 0) {
            throw new IllegalArgumentException("jumped: jumps must be >= 0, got " + jumps);
        }
        long c2 = counter[2] + jumps;
        long c3 = counter[3] + (Long.compareUnsigned(c2, counter[2]) < 0 ? 1 : 0);
        return new Generator(key0, key1, new long[] {counter[0], counter[1], c2, c3});
    }

    /**
     * <b>Not collective.</b> {@code n} independent streams {@code jumped(1), ..., jumped(n)}: e.g. one per rank for a
     * Monte Carlo loop ({@code g.split(comm.size()).get(comm.rank()).toProvider()}).
     *
     * @throws IllegalArgumentException if {@code n} is negative
     */
    public List<Generator> split(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("split: n must be >= 0, got " + n);
        }
        List<Generator> out = new ArrayList<>(n);
        for (int i = 1; i <= n; i++) {
            out.add(jumped(i));
        }
        return out;
    }

    /**
     * <b>Not collective.</b> A sequential Apache Commons RNG {@code Philox4x64} positioned at this generator's next
     * 64-bit draw: its {@code nextLong()} values are this stream's next words, for local sampling with Commons RNG's
     * samplers. Independent of this generator afterwards.
     */
    public UniformRandomProvider toProvider() {
        long block = position >>> 2;
        long c0 = counter[0] + block;
        long carry = Long.compareUnsigned(c0, counter[0]) < 0 ? 1 : 0;
        long c1 = counter[1] + carry;
        carry = carry != 0 && c1 == 0 ? 1 : 0;
        long c2 = counter[2] + carry;
        long c3 = counter[3] + (carry != 0 && c2 == 0 ? 1 : 0);
        Philox4x64 p = new Philox4x64(new long[] {key0, key1, c0, c1, c2, c3});
        for (int i = 0; i < (int) (position & 3); i++) {
            p.nextLong();
        }
        return p;
    }

    /** <b>Not collective.</b> The number of 64-bit draws (words) taken from the stream so far. */
    public long position() {
        return position;
    }

    /** <b>Collective.</b> NumPy's {@code random(size)}: float64 in [0, 1), {@code (word >>> 11) · 2^-53}. */
    public DistArray random(Distribution dist) {
        return random(dist, DType.FLOAT64);
    }

    /**
     * <b>Collective.</b> NumPy's {@code random(size, dtype)}: float64 as {@link #random(Distribution)}; float32
     * {@code (x >>> 8) · 2^-24} of 32-bit draws (the low, then the high half of each word), as NumPy.
     *
     * @throws IllegalArgumentException for another dtype
     */
    public DistArray random(Distribution dist, DType dtype) {
        requireFloat("random", dtype);
        if (dtype == DType.FLOAT32) {
            return draw32("random", dist, dtype, d -> new Sampler.UniformFloat(d));
        }
        return draw64("random", dist, dtype, 1, d -> new Sampler.Uniform(d, 0, 1));
    }

    /**
     * <b>Collective.</b> NumPy's {@code uniform(low, high, size)}: {@code low + (high - low) · u}, float64 (bit for
     * bit NumPy's).
     *
     * @throws IllegalArgumentException if {@code high - low} is not finite
     */
    public DistArray uniform(Distribution dist, double low, double high) {
        double range = high - low;
        if (!Double.isFinite(range)) {
            throw new IllegalArgumentException("uniform: high - low must be finite (low " + low + ", high " + high
                    + ")");
        }
        return draw64("uniform", dist, DType.FLOAT64, 1, d -> new Sampler.Uniform(d, low, range),
                Double.doubleToLongBits(low), Double.doubleToLongBits(high));
    }

    /**
     * <b>Collective.</b> Standard normal float64 by Box–Muller on the word pair {@code (2k, 2k+1)} of element pair
     * {@code k}: two words per pair of elements, not NumPy's ziggurat (whose data-dependent draws cannot be addressed
     * by element), so the values differ from NumPy's; the distribution is the same.
     */
    public DistArray standardNormal(Distribution dist) {
        return normal(dist, 0, 1, DType.FLOAT64);
    }

    /** <b>Collective.</b> {@link #standardNormal(Distribution)} in float64 or float32 (the float64 value rounded). */
    public DistArray standardNormal(Distribution dist, DType dtype) {
        return normal(dist, 0, 1, dtype);
    }

    /** <b>Collective.</b> {@code loc + scale · z} with {@code z} as {@link #standardNormal(Distribution)}. */
    public DistArray normal(Distribution dist, double loc, double scale) {
        return normal(dist, loc, scale, DType.FLOAT64);
    }

    private DistArray normal(Distribution dist, double loc, double scale, DType dtype) {
        requireFloat("normal", dtype);
        if (!(scale >= 0)) {
            throw new IllegalArgumentException("scale < 0");
        }
        return draw64("normal", dist, dtype, 2, d -> new Sampler.Normal(d, loc, scale),
                Double.doubleToLongBits(loc), Double.doubleToLongBits(scale));
    }

    /**
     * <b>Collective.</b> Standard exponential by inversion, {@code -ln(1 - u)} on one word per element: NumPy's
     * {@code standard_exponential(method='inv')} (up to the last-bit rounding of {@code log}), not its default
     * ziggurat.
     */
    public DistArray standardExponential(Distribution dist) {
        return exponential(dist, 1.0, DType.FLOAT64);
    }

    /** <b>Collective.</b> {@link #standardExponential(Distribution)} in float64 or float32 (rounded). */
    public DistArray standardExponential(Distribution dist, DType dtype) {
        return exponential(dist, 1.0, dtype);
    }

    /** <b>Collective.</b> {@code scale · standardExponential}: NumPy's {@code exponential(scale)} by inversion. */
    public DistArray exponential(Distribution dist, double scale) {
        return exponential(dist, scale, DType.FLOAT64);
    }

    private DistArray exponential(Distribution dist, double scale, DType dtype) {
        requireFloat("exponential", dtype);
        if (!(scale >= 0)) {
            throw new IllegalArgumentException("scale < 0");
        }
        return draw64("exponential", dist, dtype, 1, d -> new Sampler.Exponential(d, scale),
                Double.doubleToLongBits(scale));
    }

    /** <b>Collective.</b> NumPy's {@code integers(low, high, size)}: int64 in {@code [low, high)}. */
    public DistArray integers(Distribution dist, long low, long high) {
        return integers(dist, low, high, DType.INT64);
    }

    /**
     * <b>Collective.</b> NumPy's {@code integers(low, high, size, dtype)} for int64 and int32: Lemire's bounded
     * multiply-shift on one 32-bit draw per element when {@code high - low <= 2^32} and one 64-bit draw otherwise,
     * as NumPy; a rejected draw (probability below {@code (high - low) / 2^32}, resp. {@code / 2^64}) is redrawn
     * from a side stream addressed by the element, where NumPy takes the stream's next draw, so the values equal
     * NumPy's up to the first rejection.
     *
     * @throws IllegalArgumentException if {@code low >= high}, a bound is out of the dtype's range, or the dtype is
     *     not int64 or int32
     */
    public DistArray integers(Distribution dist, long low, long high, DType dtype) {
        if (dtype != DType.INT64 && dtype != DType.INT32) {
            throw new IllegalArgumentException("integers: unsupported dtype " + dtype + " (int64 or int32)");
        }
        if (dtype == DType.INT32 && (low < Integer.MIN_VALUE || low > Integer.MAX_VALUE)) {
            throw new IllegalArgumentException("low is out of bounds for int32");
        }
        if (dtype == DType.INT32 && (high - 1 > Integer.MAX_VALUE || high <= Integer.MIN_VALUE)) {
            throw new IllegalArgumentException("high is out of bounds for int32");
        }
        if (low >= high) {
            throw new IllegalArgumentException("low >= high");
        }
        long rng = high - low - 1;
        if (rng == 0) {
            return draw64("integers", dist, dtype, 0, d -> new Sampler.Integers(d, low, rng), low, high);
        }
        if (Sampler.Integers.half(rng)) {
            return draw32("integers", dist, dtype, d -> new Sampler.Integers(d, low, rng), low, high);
        }
        return draw64("integers", dist, dtype, 1, d -> new Sampler.Integers(d, low, rng), low, high);
    }

    /**
     * <b>Collective.</b> A random permutation of {@code 0, ..., n - 1} over a 1-D distribution of {@code n} elements
     * (int64): a keyed pseudorandom bijection (see the README), so each rank computes its own elements with no
     * exchange and the result is the same for any rank count and layout. Not NumPy's values (NumPy shuffles with
     * Fisher–Yates). Takes one draw from the stream, so successive permutations differ.
     *
     * @throws IllegalArgumentException if the distribution is not 1-D
     */
    public DistArray permutation(Distribution dist) {
        if (dist == null || dist.ndim() != 1) {
            throw new IllegalArgumentException("permutation: need a 1-D distribution, got "
                    + (dist == null ? "null" : dist.ndim() + "-D"));
        }
        long n = dist.globalSize();
        verify("permutation", dist, DType.INT64, n);
        DistArray a = DistArrays.empty(dist, DType.INT64);
        RandomFill.fill(a, new Sampler.Permutation(new Draws(cipher, position, pendingHalf), n));
        position++;
        return a;
    }

    /**
     * <b>Collective.</b> NumPy's {@code permutation(x)} for an array: a new array over the same distribution with its
     * rows (axis 0) permuted, {@code out[i, ...] = a[perm(i), ...]}, {@code perm} the bijection of
     * {@link #permutation(Distribution)} over {@code shape[0]} (so for a 1-D array {@code g.permutation(a)} of
     * {@code arange(n)} equals {@code g.permutation(dist)} from the same state). The values move between ranks in one
     * all-to-all exchange on the library's private communicator; the result is the same for any rank count and
     * layout. Takes one draw from the stream. Caller must close the result.
     *
     * @throws IllegalArgumentException if the array is 0-d or has padding
     */
    public DistArray permutation(DistArray a) {
        checkPermutable("permutation", a);
        long n = a.distribution().shape()[0];
        verify("permutation(array)", a.distribution(), a.dtype(), n);
        DistArray out = Permuted.of(a, new Sampler.Permutation(new Draws(cipher, position, pendingHalf), n));
        position++;
        return out;
    }

    /**
     * <b>Collective.</b> NumPy's {@code shuffle(x)}: permutes the rows (axis 0) of {@code a} in place, with the same
     * permutation {@link #permutation(DistArray)} would apply from the same state (so the result equals
     * {@code permutation(a)}'s; the same for any rank count and layout). Takes one draw from the stream.
     *
     * @throws IllegalArgumentException if the array is 0-d or has padding
     */
    public void shuffle(DistArray a) {
        checkPermutable("shuffle", a);
        long n = a.distribution().shape()[0];
        verify("shuffle", a.distribution(), a.dtype(), n);
        Permuted.into(a, new Sampler.Permutation(new Draws(cipher, position, pendingHalf), n), a);
        position++;
    }

    private static void checkPermutable(String op, DistArray a) {
        if (a == null || a.ndim() == 0) {
            // NumPy: "x must be an integer or at least 1-dimensional" / "shuffle: a 0-d array"
            throw new IllegalArgumentException(op + ": x must be an integer or at least 1-dimensional"
                    + (a == null ? " (got null)" : " (got a 0-d array)"));
        }
        if (a.distribution().isPadded()) {
            throw new IllegalArgumentException(op + ": the array has padding; permute an array without it");
        }
    }

    private interface SamplerFactory {
        Sampler make(Draws d);
    }

    /** A call taking {@code perElement} 64-bit draws per element (2 for a pair of normals: rounded up to pairs). */
    private DistArray draw64(String op, Distribution dist, DType dtype, int perElement, SamplerFactory f,
                             long... args) {
        verify(op, dist, dtype, args);
        long n = dist.globalSize();
        DistArray a = DistArrays.empty(dist, dtype);
        RandomFill.fill(a, f.make(new Draws(cipher, position, pendingHalf)));
        long used = perElement == 2 ? 2 * ((n + 1) / 2) : perElement * n;
        position += used;
        return a;
    }

    /** A call taking one 32-bit draw per element. */
    private DistArray draw32(String op, Distribution dist, DType dtype, SamplerFactory f, long... args) {
        verify(op, dist, dtype, args);
        long n = dist.globalSize();
        DistArray a = DistArrays.empty(dist, dtype);
        RandomFill.fill(a, f.make(new Draws(cipher, position, pendingHalf)));
        if (n > 0) {
            long fresh = pendingHalf >= 0 ? n - 1 : n; // draws from fresh words, from the low half of word `position`
            pendingHalf = -1;
            if (fresh > 0) {
                long end = 2 * position + fresh; // exclusive 32-bit index
                position = (end + 1) >>> 1;
                if ((end & 1) == 1) {
                    pendingHalf = position - 1;
                }
            }
        }
        return a;
    }

    private void verify(String op, Distribution dist, DType dtype, long... args) {
        if (dist == null || dtype == null) {
            throw new IllegalArgumentException(op + ": the distribution and dtype are required");
        }
        long[] all = new long[args.length + 8];
        all[0] = key0;
        all[1] = key1;
        all[2] = counter[0] ^ counter[1];
        all[3] = counter[2];
        all[4] = counter[3];
        all[5] = position;
        all[6] = pendingHalf;
        all[7] = dtype.ordinal();
        System.arraycopy(args, 0, all, 8, args.length);
        dist.context().verify("random." + op, 0, all);
    }

    private static void requireFloat(String op, DType dtype) {
        if (dtype != DType.FLOAT64 && dtype != DType.FLOAT32) {
            throw new IllegalArgumentException(op + ": unsupported dtype " + dtype + " (float64 or float32)");
        }
    }
}
