/* jdist_kernels: the vectorised element loops of org.jdistarray.ops (JNI; NativeKernels.java is the other half).
 *
 * Java 17's C2 does not vectorise loops over off-heap memory, which is where JDistArray's arrays live; these loops
 * are the same formulas compiled by gcc for SSE2, AVX2 and AVX-512 (target_clones: the CPU picks at load time).
 * Every kernel computes exactly what its Java twin computes, bit for bit: the same IEEE operations in the same
 * order per element (built with -ffp-contract=off: no FMA; -fno-math-errno only drops errno for sqrt of a
 * negative), and the sum adds in the same 32 lanes and the same final tree as ReduceKernels.sumF64.
 * No allocation, no callbacks into the JVM, no state: every pointer comes from Java, checked there. */
#include <jni.h>
#include <math.h>
#include <stdint.h>
#include <string.h>

#define CLONES __attribute__((target_clones("avx512f", "avx2", "default")))

/* ---- the expression machine (FusedFloat64's native loop, float64 and float32) ----
 * A program is postfix: op = code & 0xff, operand index = code >> 8. Leaves push a pointer into a leaf array,
 * scalars push a value; every other op pops its operands and pushes its result, which goes into a tile on the
 * stack (or straight into the output for the program's last op). Tiles of TILE doubles stay in L1; the leaves and the
 * output of the tile PREFETCH_TILES ahead are prefetched a few lines per op, so that memory keeps streaming while the
 * tile is computed (without it the op passes and the memory traffic do not overlap: 0.64x of a hand-fused loop at
 * 2^25 against 1.0x with it, measured on the AVX-512 machine of bench/run_ufunc_bench.sh). Only for programs of at
 * least PREFETCH_MIN_OPS computing ops over at least PREFETCH_MIN_BYTES: in cache, or with little compute, the
 * prefetches cost more than the hardware prefetcher leaves to win (2026-12-03, a C harness over this machine:
 * a + b on 32768 doubles 15.1 us with them, 3.96 without, C's loop 4.1; sqrt(a) 19.7 / 7.6 / 7.8; a + b on 2^22 about
 * 4.4 / 2.3 ms; the 5-operation expression at 2^22 4.4 ms with them, 6.1 without). Two tiles ahead rather than one:
 * the 5-operation expression on 2^23 doubles 8.7-8.9 ms against 9.4-9.6 (three alternated runs; C's hand-fused loop
 * 8.8-9.9 ms in the same runs; four tiles ahead 9.4-9.5, eight 10.3-10.9). */
enum { OP_LEAF = 0, OP_SCALAR = 1, OP_ADD = 2, OP_SUB = 3, OP_MUL = 4, OP_DIV = 5,
       OP_SQRT = 6, OP_ABS = 7, OP_NEG = 8, OP_SQUARE = 9, OP_POS = 10 };
#define TILE 128
#define PREFETCH_TILES 2
#define PREFETCH_MIN_OPS 4
#define PREFETCH_MIN_BYTES (8L << 20)
#define MAX_DEPTH 8

/* The machine for one element type T (float64 and float32: the same code; float32 rounds every operation to float,
 * as the tile evaluator does, and its scalars arrive already cast to float32). */
#define MACHINE(T, SFX, SQRT, FABS)                                                                               \
    /* binary op of vectors a, b (or a scalar broadcast for sa/sb when the pointer is NULL) into r */            \
    CLONES static void binary_##SFX(int op, const T *a, T sa, const T *b, T sb, T *r, int n) {                   \
        switch (op) {                                                                                             \
        case OP_ADD:                                                                                              \
            if (a && b) for (int i = 0; i < n; i++) r[i] = a[i] + b[i];                                           \
            else if (a) for (int i = 0; i < n; i++) r[i] = a[i] + sb;                                             \
            else for (int i = 0; i < n; i++) r[i] = sa + b[i];                                                    \
            break;                                                                                                \
        case OP_SUB:                                                                                              \
            if (a && b) for (int i = 0; i < n; i++) r[i] = a[i] - b[i];                                           \
            else if (a) for (int i = 0; i < n; i++) r[i] = a[i] - sb;                                             \
            else for (int i = 0; i < n; i++) r[i] = sa - b[i];                                                    \
            break;                                                                                                \
        case OP_MUL:                                                                                              \
            if (a && b) for (int i = 0; i < n; i++) r[i] = a[i] * b[i];                                           \
            else if (a) for (int i = 0; i < n; i++) r[i] = a[i] * sb;                                             \
            else for (int i = 0; i < n; i++) r[i] = sa * b[i];                                                    \
            break;                                                                                                \
        default: /* OP_DIV */                                                                                     \
            if (a && b) for (int i = 0; i < n; i++) r[i] = a[i] / b[i];                                           \
            else if (a) for (int i = 0; i < n; i++) r[i] = a[i] / sb;                                             \
            else for (int i = 0; i < n; i++) r[i] = sa / b[i];                                                    \
            break;                                                                                                \
        }                                                                                                         \
    }                                                                                                             \
                                                                                                                  \
    CLONES static void unary_##SFX(int op, const T *a, T *r, int n) {                                            \
        switch (op) {                                                                                             \
        case OP_SQRT: for (int i = 0; i < n; i++) r[i] = SQRT(a[i]); break;                                      \
        case OP_ABS: for (int i = 0; i < n; i++) r[i] = FABS(a[i]); break;                                       \
        case OP_NEG: for (int i = 0; i < n; i++) r[i] = -a[i]; break;                                            \
        case OP_SQUARE: for (int i = 0; i < n; i++) r[i] = a[i] * a[i]; break;                                   \
        default: if (r != a) memmove(r, a, (size_t)n * sizeof(T)); break; /* OP_POS */                           \
        }                                                                                                         \
    }                                                                                                             \
                                                                                                                  \
    static T scalar_binary_##SFX(int op, T a, T b) {                                                             \
        switch (op) {                                                                                             \
        case OP_ADD: return a + b;                                                                                \
        case OP_SUB: return a - b;                                                                                \
        case OP_MUL: return a * b;                                                                                \
        default: return a / b;                                                                                    \
        }                                                                                                         \
    }                                                                                                             \
                                                                                                                  \
    static T scalar_unary_##SFX(int op, T a) {                                                                   \
        switch (op) {                                                                                             \
        case OP_SQRT: return SQRT(a);                                                                            \
        case OP_ABS: return FABS(a);                                                                             \
        case OP_NEG: return -a;                                                                                  \
        case OP_SQUARE: return a * a;                                                                            \
        default: return a;                                                                                        \
        }                                                                                                         \
    }                                                                                                             \
                                                                                                                  \
    /* Returns 0, or -1 for a malformed program (checked in Java too: this only guards the stack). */            \
    static int eval_##SFX(const int32_t *prog, int nops, T *const *leaves, int nleaves, const T *scalars, T *out, \
                          int64_t n) {                                                                            \
        T tiles[MAX_DEPTH][TILE] __attribute__((aligned(64)));                                                   \
        const T *vec[MAX_DEPTH];                                                                                  \
        T val[MAX_DEPTH];                                                                                         \
        const int lines = TILE * (int)sizeof(T) / 64;                                                            \
        const int streams = nleaves + 1;                                                                          \
        const int per_op = (lines * streams + nops - 1) / nops;                                                  \
        int computing = 0;                                                                                        \
        for (int k = 0; k < nops; k++) computing += (prog[k] & 0xff) > OP_SCALAR;                                \
        /* prefetching pays only where memory streams and there is compute to overlap it with (see above) */    \
        const int prefetching = computing >= PREFETCH_MIN_OPS                                                     \
                                && n * (int64_t)sizeof(T) * streams >= PREFETCH_MIN_BYTES;                       \
        for (int64_t s = 0; s < n; s += TILE) {                                                                  \
            const int m = n - s < TILE ? (int)(n - s) : TILE;                                                    \
            const int64_t ahead = s + (int64_t)PREFETCH_TILES * TILE;                                            \
            const int prefetch = prefetching && ahead + TILE <= n;                                                \
            int pf = 0, sp = 0;                                                                                   \
            for (int k = 0; k < nops; k++) {                                                                      \
                if (prefetch) {                                                                                   \
                    for (int q = 0; q < per_op && pf < lines * streams; q++, pf++) {                              \
                        const int stream = pf / lines;                                                            \
                        const T *base = stream < nleaves ? leaves[stream] : out;                                  \
                        __builtin_prefetch((const char *)(base + ahead) + (pf % lines) * 64, 0, 3);               \
                    }                                                                                             \
                }                                                                                                 \
                const int op = prog[k] & 0xff;                                                                    \
                const int arg = prog[k] >> 8;                                                                     \
                const int last = k == nops - 1;                                                                   \
                if (op == OP_LEAF || op == OP_SCALAR) {                                                           \
                    if (sp == MAX_DEPTH) return -1;                                                               \
                    if (op == OP_LEAF) { vec[sp] = leaves[arg] + s; }                                            \
                    else { vec[sp] = NULL; val[sp] = scalars[arg]; }                                             \
                    sp++;                                                                                         \
                    if (!last) continue;                                                                          \
                    /* a program that is one leaf or one scalar: copy or fill */                                 \
                    if (vec[0]) unary_##SFX(OP_POS, vec[0], out + s, m);                                         \
                    else for (int i = 0; i < m; i++) out[s + i] = val[0];                                        \
                    continue;                                                                                     \
                }                                                                                                 \
                if (op >= OP_SQRT) {                                                                              \
                    if (sp < 1) return -1;                                                                        \
                    const int t = sp - 1;                                                                         \
                    if (!vec[t]) {                                                                                \
                        val[t] = scalar_unary_##SFX(op, val[t]);                                                  \
                        if (last) for (int i = 0; i < m; i++) out[s + i] = val[t];                               \
                        continue;                                                                                 \
                    }                                                                                             \
                    T *r = last ? out + s : tiles[t];                                                             \
                    unary_##SFX(op, vec[t], r, m);                                                                \
                    vec[t] = r;                                                                                   \
                } else {                                                                                          \
                    if (sp < 2) return -1;                                                                        \
                    const int t = sp - 2;                                                                         \
                    sp--;                                                                                         \
                    if (!vec[t] && !vec[t + 1]) {                                                                 \
                        val[t] = scalar_binary_##SFX(op, val[t], val[t + 1]);                                     \
                        if (last) for (int i = 0; i < m; i++) out[s + i] = val[t];                               \
                        continue;                                                                                 \
                    }                                                                                             \
                    T *r = last ? out + s : tiles[t];                                                             \
                    binary_##SFX(op, vec[t], val[t], vec[t + 1], val[t + 1], r, m);                               \
                    vec[t] = r;                                                                                   \
                }                                                                                                 \
            }                                                                                                     \
        }                                                                                                         \
        return 0;                                                                                                 \
    }

MACHINE(double, f64, sqrt, fabs)
MACHINE(float, f32, sqrtf, fabsf)

/* ---- the float64 sum: 32 lanes (lane j adds elements j, j+32, ...), the tail into lane 0, then the halving tree
 * lane[j] += lane[j + w] for w = 16, 8, 4, 2, 1. Four AVX-512 (eight AVX2) accumulators: 8 adds per cycle in L1. */
CLONES static double sum_f64(const double *x, int64_t n) {
    double acc[32] = {0};
    int64_t i = 0;
    for (; i + 32 <= n; i += 32)
        for (int j = 0; j < 32; j++) acc[j] += x[i + j];
    for (; i < n; i++) acc[0] += x[i];
    for (int w = 16; w >= 1; w >>= 1)
        for (int j = 0; j < w; j++) acc[j] += acc[j + w];
    return acc[0];
}

/* ---- the sums of `rows` consecutive rows of `len` float64 each (a reduction over the last axis of a contiguous
 * block: one call instead of one per row), each row summed exactly as sum_f64 sums it. */
static void sum_rows_f64(const double *x, int64_t rows, int64_t len, double *out) {
    for (int64_t r = 0; r < rows; r++) out[r] = sum_f64(x + r * len, len);
}

/* ---- the 5-point Jacobi rows of StencilSweeps (rows contiguous): y = 0.25 * (((N + S) + W) + E) on the interior
 * columns [kLo, kHi) of every row whose global index is not the first or last; other cells copy x. */
CLONES static void jacobi5_rows(const double *x, double *y, int64_t first, int64_t s0, int64_t n, int64_t rows,
                                int64_t g_first, int64_t global_rows, int64_t k_lo, int64_t k_hi) {
    for (int64_t i = 0; i < rows; i++) {
        const int64_t gi = g_first + i;
        const double *row = x + first + i * s0;
        double *res = y + first + i * s0;
        if (gi == 0 || gi == global_rows - 1 || k_hi <= k_lo) {
            memcpy(res, row, (size_t)n * sizeof(double));
            continue;
        }
        if (k_lo > 0) res[0] = row[0];
        if (k_hi < n) res[k_hi] = row[k_hi];
        const double *north = row - s0, *south = row + s0;
        for (int64_t k = k_lo; k < k_hi; k++)
            res[k] = 0.25 * (north[k] + south[k] + row[k - 1] + row[k + 1]);
    }
}

/* ---- FusedAxpy's forms: alpha*x + y (op < 0), x op y, and (float64, y NULL) x op alpha / alpha op x.
 * type 0 float64, 1 float32 (alpha cast to float first, every operation rounded to float), 2 int64 (wrapping:
 * unsigned arithmetic, Java's bits). op: OP_ADD, OP_SUB, OP_MUL, OP_DIV (float64 scalar forms only). */
#define AXPY_FORMS(T, A)                                                                                   \
    do {                                                                                                   \
        const T *restrict_x = (const T *)x;                                                                \
        const T *yy = (const T *)y;                                                                        \
        T *rr = (T *)r;                                                                                    \
        const T a = (T)(A);                                                                                \
        switch (op) {                                                                                      \
        case OP_ADD: for (int64_t i = 0; i < n; i++) rr[i] = restrict_x[i] + yy[i]; break;                 \
        case OP_SUB: for (int64_t i = 0; i < n; i++) rr[i] = restrict_x[i] - yy[i]; break;                 \
        case OP_MUL: for (int64_t i = 0; i < n; i++) rr[i] = restrict_x[i] * yy[i]; break;                 \
        default: for (int64_t i = 0; i < n; i++) rr[i] = a * restrict_x[i] + yy[i]; break;                 \
        }                                                                                                  \
    } while (0)

CLONES static void axpy_forms(int type, int op, int scalar_first, const void *x, const void *y, void *r,
                              double alpha, int64_t alpha_long, int64_t n) {
    if (type == 0 && y == NULL) {
        const double *xs = (const double *)x;
        double *rr = (double *)r;
        const double a = alpha;
        switch (op) {
        case OP_ADD:
            if (scalar_first) for (int64_t i = 0; i < n; i++) rr[i] = a + xs[i];
            else for (int64_t i = 0; i < n; i++) rr[i] = xs[i] + a;
            break;
        case OP_SUB:
            if (scalar_first) for (int64_t i = 0; i < n; i++) rr[i] = a - xs[i];
            else for (int64_t i = 0; i < n; i++) rr[i] = xs[i] - a;
            break;
        case OP_MUL:
            if (scalar_first) for (int64_t i = 0; i < n; i++) rr[i] = a * xs[i];
            else for (int64_t i = 0; i < n; i++) rr[i] = xs[i] * a;
            break;
        default:
            if (scalar_first) for (int64_t i = 0; i < n; i++) rr[i] = a / xs[i];
            else for (int64_t i = 0; i < n; i++) rr[i] = xs[i] / a;
            break;
        }
        return;
    }
    if (type == 0) AXPY_FORMS(double, alpha);
    else if (type == 1) AXPY_FORMS(float, (float)alpha);
    else AXPY_FORMS(uint64_t, (uint64_t)alpha_long);
}

/* ---- JNI entry points (NativeKernels.java). Addresses are jlongs; the argument block of evalF64 is laid out by
 * NativeKernels: int32 program[nops], padding to 8, int64 leaves[nleaves], double scalars[...]. */
JNIEXPORT jint JNICALL Java_org_jdistarray_ops_NativeKernels_evalF64(JNIEnv *env, jclass cls, jlong prog, jint nops,
                                                                     jlong leaves, jint nleaves, jlong scalars,
                                                                     jlong out, jlong n) {
    (void)env; (void)cls;
    return eval_f64((const int32_t *)(intptr_t)prog, nops, (double *const *)(intptr_t)leaves, nleaves,
                    (const double *)(intptr_t)scalars, (double *)(intptr_t)out, n);
}

JNIEXPORT jint JNICALL Java_org_jdistarray_ops_NativeKernels_evalF32(JNIEnv *env, jclass cls, jlong prog, jint nops,
                                                                     jlong leaves, jint nleaves, jlong scalars,
                                                                     jlong out, jlong n) {
    (void)env; (void)cls;
    return eval_f32((const int32_t *)(intptr_t)prog, nops, (float *const *)(intptr_t)leaves, nleaves,
                    (const float *)(intptr_t)scalars, (float *)(intptr_t)out, n);
}

JNIEXPORT jdouble JNICALL Java_org_jdistarray_ops_NativeKernels_sumF64(JNIEnv *env, jclass cls, jlong x, jlong n) {
    (void)env; (void)cls;
    return sum_f64((const double *)(intptr_t)x, n);
}

JNIEXPORT void JNICALL Java_org_jdistarray_ops_NativeKernels_sumRowsF64(JNIEnv *env, jclass cls, jlong x, jlong rows,
                                                                       jlong len, jlong out) {
    (void)env; (void)cls;
    sum_rows_f64((const double *)(intptr_t)x, rows, len, (double *)(intptr_t)out);
}

JNIEXPORT void JNICALL Java_org_jdistarray_ops_NativeKernels_jacobi5Rows(JNIEnv *env, jclass cls, jlong x, jlong y,
                                                                        jlong first, jlong s0, jlong n, jlong rows,
                                                                        jlong gFirst, jlong globalRows, jlong kLo,
                                                                        jlong kHi) {
    (void)env; (void)cls;
    jacobi5_rows((const double *)(intptr_t)x, (double *)(intptr_t)y, first, s0, n, rows, gFirst, globalRows, kLo, kHi);
}

JNIEXPORT void JNICALL Java_org_jdistarray_ops_NativeKernels_axpy(JNIEnv *env, jclass cls, jint type, jint op,
                                                                 jboolean scalarFirst, jlong x, jlong y, jlong r,
                                                                 jdouble alpha, jlong alphaLong, jlong n) {
    (void)env; (void)cls;
    axpy_forms(type, op, scalarFirst, (const void *)(intptr_t)x, (const void *)(intptr_t)y, (void *)(intptr_t)r,
               alpha, alphaLong, n);
}

/* The kernel version Java checks before using the library (a stale library from an older build is not used). */
JNIEXPORT jint JNICALL Java_org_jdistarray_ops_NativeKernels_version(JNIEnv *env, jclass cls) {
    (void)env; (void)cls;
    return 1;
}
