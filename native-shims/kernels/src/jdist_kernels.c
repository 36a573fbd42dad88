/* jdist_kernels: the vectorised element loops of org.jdistarray.ops (JNI; NativeKernels.java is the other half).
 *
 * Java 17's C2 does not vectorise loops over off-heap memory, which is where JDistArray's arrays live; these loops
 * are the same formulas compiled by gcc for SSE2, AVX2 and AVX-512 (target_clones: the CPU picks at load time).
 * Every kernel computes exactly what its Java twin computes, bit for bit: the same IEEE operations in the same
 * order per element (built with -ffp-contract=off: no FMA; -fno-math-errno only drops errno for sqrt of a
 * negative), and the sum adds in the same 32 lanes and the same final tree as ReduceKernels.sumF64.
 * No allocation, no callbacks into the JVM, no state: every pointer comes from Java, checked there (openExpr, which
 * loads a loop compiled by ExprCompiler and may throw, is the one entry point that uses the JNI environment). */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif /* sysconf(_SC_LEVEL3_CACHE_SIZE) */
#include <dlfcn.h>
#include <jni.h>
#include <math.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>

#define CLONES __attribute__((target_clones("avx512f", "avx2", "default")))

/* ---- the expression machine (FusedFloat64's native loop, float64 and float32) ----
 * A program is postfix: op = code & 0xff, operand index = code >> 8. Leaves push a pointer into a leaf array,
 * scalars push a value; every other op pops its operands and pushes its result. The program is decoded once per call:
 * the stack is simulated, operations on scalars only are folded, and an operation whose operand is the result of the
 * instruction just before is fused with it when the pair has a loop of its own ((x f y) g z, z g (x f y), u(x) g z,
 * u(x f y)), so that the intermediate stays in a register. What is left is a list of instructions, each one element
 * loop called through a pointer, whose operands are leaves, tiles (TILE_BYTES of an intermediate, in L1) or scalars
 * (a fused loop reads a scalar from a tile filled with it) and whose result goes to a tile or, for the last one,
 * straight into the output. The loops then run tile by tile; a loop over a whole tile has a constant trip count.
 * Why: the stack walk per tile and per op, the branches on operand kinds and a pass over L1 per operation made the
 * first machine 0.25-0.55x of a hand-fused loop wherever the data was in cache (L1 to L3) and 0.7-0.94x from memory;
 * this one is 0.4-0.75x in cache and 0.95-1.0x from memory (2026-12-03, bench/run_machine_bench.sh, which compiles
 * this file: sqrt(a*a + b*b)*c - d; the table is in core/README.md).
 * The leaves and the output of the tile PREFETCH_TILES ahead are prefetched a few lines per instruction, so that
 * memory keeps streaming while the tile is computed (without it the passes and the memory traffic do not overlap:
 * 0.64x of a hand-fused loop at 2^25 against 1.0x with it). Only for programs of at least PREFETCH_MIN_OPS computing
 * ops over more than PREFETCH_MIN_BYTES of streams (or twice the last-level cache if the C library knows it): in
 * cache, or with little compute, the prefetches cost more than the hardware prefetcher leaves to win (a + b on 32768
 * doubles 15.1 us with them, 3.96 without, C's loop 4.1; the 5-operation expression on 2^18 doubles, 10 MB of streams
 * in L3: 290-330 us with them, 166-172 without). Tiles of 512 bytes, six ahead (3 KB): with 1 KB tiles a fused
 * instruction issues 20 prefetches at once and the stream stalls (the 5-operation expression on 2^23 doubles 0.65-0.75x
 * of the hand-fused loop with 1 KB tiles two or four ahead, 0.94-0.97x with 512-byte tiles six ahead; float32 at 2^25
 * 0.73x against 0.92-0.95x). */
enum { OP_LEAF = 0, OP_SCALAR = 1, OP_ADD = 2, OP_SUB = 3, OP_MUL = 4, OP_DIV = 5,
       OP_SQRT = 6, OP_ABS = 7, OP_NEG = 8, OP_SQUARE = 9, OP_POS = 10 };
#ifndef TILE_BYTES
#define TILE_BYTES 512
#endif
#ifndef PREFETCH_TILES
#define PREFETCH_TILES 6
#endif
#define PREFETCH_MIN_OPS 4
#ifndef PREFETCH_MIN_BYTES
#define PREFETCH_MIN_BYTES (64L << 20)
#endif
#define MAX_DEPTH 8
#define MAX_OPS 64
#define MAX_CONST 8 /* tiles holding a scalar of a fused loop */

/* an operand of a decoded instruction: a leaf (its index), a tile (its index) or a scalar (its value) */
enum { SRC_LEAF = 0, SRC_TILE = 1, SRC_SCALAR = 2 };
/* the instruction kinds: one op (vector or scalar operands), or two fused ops (vector operands only) */
enum { K_ONE = 0, K_BBL = 1, K_BBR = 2, K_UBL = 3, K_BU = 4 };

static int64_t prefetch_from = 0; /* set on first use, or by NativeKernels.prefetchFrom (tests) */

static int64_t prefetch_min_bytes(void) {
    if (prefetch_from == 0) {
        long llc = sysconf(_SC_LEVEL3_CACHE_SIZE);
        prefetch_from = llc > 0 && 2 * (int64_t)llc > PREFETCH_MIN_BYTES ? 2 * (int64_t)llc : PREFETCH_MIN_BYTES;
    }
    return prefetch_from;
}

/* the element loops of one element type: r[i] = EXPR for i < n; a whole tile (n == TILE) with a constant count */
#define LOOP(T, EXPR)                                                                                         \
    if (n == (int)(TILE_BYTES / sizeof(T)))                                                                   \
        for (int i = 0; i < (int)(TILE_BYTES / sizeof(T)); i++) r[i] = (EXPR);                                \
    else                                                                                                      \
        for (int i = 0; i < n; i++) r[i] = (EXPR);
#define KSIG(T) (const T *x, const T *y, const T *z, T sx, T sy, T *r, int n)
#define UNUSED (void)x; (void)y; (void)z; (void)sx; (void)sy
/* the four binary and four unary ops (twice: a macro does not expand inside itself) */
#define BIN_A(X, ...) X(add, +, __VA_ARGS__) X(sub, -, __VA_ARGS__) X(mul, *, __VA_ARGS__) X(div, /, __VA_ARGS__)
#define BIN_B(X, ...) X(add, +, __VA_ARGS__) X(sub, -, __VA_ARGS__) X(mul, *, __VA_ARGS__) X(div, /, __VA_ARGS__)
#define UN_A(X, ...) X(sqrt, SQ, __VA_ARGS__) X(abs, AB, __VA_ARGS__) X(neg, NG, __VA_ARGS__) X(square, SR, __VA_ARGS__)
#define UN_B(X, ...) X(sqrt, SQ, __VA_ARGS__) X(abs, AB, __VA_ARGS__) X(neg, NG, __VA_ARGS__) X(square, SR, __VA_ARGS__)
#define SQ_f64(v) sqrt(v)
#define SQ_f32(v) sqrtf(v)
#define AB_f64(v) fabs(v)
#define AB_f32(v) fabsf(v)
#define NG_f64(v) (-(v))
#define NG_f32(v) (-(v))
#define SR_f64(v) ((v) * (v))
#define SR_f32(v) ((v) * (v))
#define APPLY(U, SFX, v) U##_##SFX(v)
/* one op: vector-vector, vector-scalar, scalar-vector; unary; copy */
#define K_BIN(F, FO, T, SFX)                                                                                  \
    CLONES static void k_vv_##F##_##SFX KSIG(T) { UNUSED; LOOP(T, x[i] FO y[i]) }                             \
    CLONES static void k_vs_##F##_##SFX KSIG(T) { UNUSED; LOOP(T, x[i] FO sy) }                               \
    CLONES static void k_sv_##F##_##SFX KSIG(T) { UNUSED; LOOP(T, sx FO y[i]) }
#define K_UN(U, UO, T, SFX) CLONES static void k_u_##U##_##SFX KSIG(T) { UNUSED; LOOP(T, APPLY(UO, SFX, x[i])) }
/* two ops fused: (x f y) g z and z g (x f y); u(x) g z; u(x f y) */
#define K_BB2(G, GO, F, FO, T, SFX)                                                                           \
    CLONES static void k_bbl_##F##_##G##_##SFX KSIG(T) { UNUSED; LOOP(T, (x[i] FO y[i]) GO z[i]) }            \
    CLONES static void k_bbr_##F##_##G##_##SFX KSIG(T) { UNUSED; LOOP(T, z[i] GO (x[i] FO y[i])) }
#define K_BB(F, FO, T, SFX) BIN_B(K_BB2, F, FO, T, SFX)
#define K_UB2(G, GO, U, UO, T, SFX)                                                                           \
    CLONES static void k_ubl_##U##_##G##_##SFX KSIG(T) { UNUSED; LOOP(T, APPLY(UO, SFX, x[i]) GO z[i]) }
#define K_UB(U, UO, T, SFX) BIN_B(K_UB2, U, UO, T, SFX)
#define K_BU2(U, UO, F, FO, T, SFX)                                                                           \
    CLONES static void k_bu_##F##_##U##_##SFX KSIG(T) { UNUSED; LOOP(T, APPLY(UO, SFX, x[i] FO y[i])) }
#define K_BU(F, FO, T, SFX) UN_B(K_BU2, F, FO, T, SFX)
/* the tables, indexed [f][g], [u][g], [f][u] with ops counted from OP_ADD (binary) and OP_SQRT (unary) */
#define R_BIN(F, FO, SFX) {k_vv_##F##_##SFX, k_vs_##F##_##SFX, k_sv_##F##_##SFX},
#define R_UN(U, UO, SFX) k_u_##U##_##SFX,
#define R_BBL2(G, GO, F, SFX) k_bbl_##F##_##G##_##SFX,
#define R_BBL(F, FO, SFX) {BIN_B(R_BBL2, F, SFX)},
#define R_BBR2(G, GO, F, SFX) k_bbr_##F##_##G##_##SFX,
#define R_BBR(F, FO, SFX) {BIN_B(R_BBR2, F, SFX)},
#define R_UB2(G, GO, U, SFX) k_ubl_##U##_##G##_##SFX,
#define R_UB(U, UO, SFX) {BIN_B(R_UB2, U, SFX)},
#define R_BU2(U, UO, F, SFX) k_bu_##F##_##U##_##SFX,
#define R_BU(F, FO, SFX) {UN_B(R_BU2, F, SFX)},

/* The machine for one element type T (float64 and float32: the same code; float32 rounds every operation to float,
 * as the tile evaluator does, and its scalars arrive already cast to float32). Fusing changes no result: every
 * operation is still rounded to T, in the same order (no FMA: -ffp-contract=off). */
#define MACHINE(T, SFX, SQRT)                                                                                 \
    BIN_A(K_BIN, T, SFX)                                                                                      \
    UN_A(K_UN, T, SFX)                                                                                        \
    BIN_A(K_BB, T, SFX)                                                                                       \
    UN_A(K_UB, T, SFX)                                                                                        \
    BIN_A(K_BU, T, SFX)                                                                                       \
    CLONES static void k_u_pos_##SFX KSIG(T) { UNUSED; LOOP(T, x[i]) }                                        \
    typedef void (*kern_##SFX) KSIG(T);                                                                       \
    static const kern_##SFX ONE_BIN_##SFX[4][3] = {BIN_A(R_BIN, SFX)};                                        \
    static const kern_##SFX ONE_UN_##SFX[5] = {UN_A(R_UN, SFX) k_u_pos_##SFX};                                \
    static const kern_##SFX BBL_##SFX[4][4] = {BIN_A(R_BBL, SFX)};                                            \
    static const kern_##SFX BBR_##SFX[4][4] = {BIN_A(R_BBR, SFX)};                                            \
    static const kern_##SFX UBL_##SFX[4][4] = {UN_A(R_UB, SFX)};                                              \
    static const kern_##SFX BU_##SFX[4][4] = {BIN_A(R_BU, SFX)};                                              \
                                                                                                              \
    typedef struct { int src, idx; T val; } opnd_##SFX;                                                       \
    /* one decoded instruction: kind, ops (f inner or only, g outer), operands x, y (of f) and z, result tile  \
     * (-1: the output) */                                                                                    \
    typedef struct { int kind, f, g, dst; opnd_##SFX x, y, z; } ins_##SFX;                                    \
    /* what the tile loop calls: the loop, its operands' bases and whether they advance with the tile */      \
    typedef struct { kern_##SFX fn; const T *x, *y, *z; T *r; int64_t xs, ys, zs, rs; T sx, sy; } run_##SFX; \
                                                                                                              \
    static T scalar_op_##SFX(int op, T a, T b) {                                                              \
        switch (op) {                                                                                         \
        case OP_ADD: return a + b;                                                                            \
        case OP_SUB: return a - b;                                                                            \
        case OP_MUL: return a * b;                                                                            \
        case OP_DIV: return a / b;                                                                            \
        case OP_SQRT: return SQRT(a);                                                                         \
        case OP_ABS: return AB_##SFX(a);                                                                      \
        case OP_NEG: return -a;                                                                               \
        case OP_SQUARE: return a * a;                                                                         \
        default: return a;                                                                                    \
        }                                                                                                     \
    }                                                                                                         \
                                                                                                              \
    /* Fuses the new one-op instruction *in (whose operand `which`, 0 = x or 1 = y, is the previous one's       \
     * result) into *prev when a loop for the pair exists and its scalars fit in the constant tiles. */        \
    static int fuse_##SFX(ins_##SFX *prev, const ins_##SFX *in, int which, int *nconst) {                     \
        if (prev->kind != K_ONE || prev->f == OP_POS || in->f == OP_POS) return 0;                            \
        const int pu = prev->f >= OP_SQRT, nu = in->f >= OP_SQRT;                                             \
        int kind;                                                                                             \
        if (nu) { if (pu) return 0; kind = K_BU; }                                                            \
        else if (which == 0) kind = pu ? K_UBL : K_BBL;                                                       \
        else { if (pu) return 0; kind = K_BBR; }                                                              \
        const opnd_##SFX z = nu ? prev->x : which == 0 ? in->y : in->x;                                       \
        const int scalars = (prev->x.src == SRC_SCALAR) + (!pu && prev->y.src == SRC_SCALAR)                  \
                            + (!nu && z.src == SRC_SCALAR);                                                   \
        if (*nconst + scalars > MAX_CONST) return 0;                                                          \
        *nconst += scalars;                                                                                   \
        prev->g = in->f;                                                                                      \
        prev->kind = kind;                                                                                    \
        prev->dst = in->dst;                                                                                  \
        if (!nu) prev->z = z;                                                                                 \
        return 1;                                                                                             \
    }                                                                                                         \
                                                                                                              \
    /* Simulates the stack once: the instructions (their count), or -1 for a malformed program (checked in Java  \
     * too: this only guards the stack). *result is the program's value: a tile (the last instruction writes the \
     * output), a leaf (copied) or a scalar (filled). */                                                      \
    static int decode_##SFX(const int32_t *prog, int nops, int nleaves, const T *scalars, ins_##SFX *ins,    \
                            opnd_##SFX *result, int *computing) {                                             \
        opnd_##SFX st[MAX_DEPTH];                                                                             \
        int sp = 0, ni = 0, nconst = 0;                                                                       \
        *computing = 0;                                                                                       \
        if (nops < 1 || nops > MAX_OPS) return -1;                                                            \
        for (int k = 0; k < nops; k++) {                                                                      \
            const int op = prog[k] & 0xff, arg = prog[k] >> 8, last = k == nops - 1;                         \
            if (op == OP_LEAF || op == OP_SCALAR) {                                                           \
                if (sp == MAX_DEPTH || arg < 0 || (op == OP_LEAF && arg >= nleaves)) return -1;               \
                st[sp].src = op == OP_LEAF ? SRC_LEAF : SRC_SCALAR;                                           \
                st[sp].idx = arg;                                                                             \
                st[sp].val = op == OP_SCALAR ? scalars[arg] : 0;                                              \
                sp++;                                                                                         \
                continue;                                                                                     \
            }                                                                                                 \
            if (op > OP_POS) return -1;                                                                       \
            const int unary = op >= OP_SQRT;                                                                  \
            if (sp < (unary ? 1 : 2)) return -1;                                                              \
            const int t = sp - (unary ? 1 : 2);                                                               \
            opnd_##SFX *a = &st[t], *b = &st[t + 1];                                                          \
            *computing += 1;                                                                                  \
            if (a->src == SRC_SCALAR && (unary || b->src == SRC_SCALAR)) {                                    \
                a->val = scalar_op_##SFX(op, a->val, unary ? 0 : b->val);                                     \
            } else {                                                                                          \
                ins_##SFX in = {K_ONE, op, 0, last ? -1 : t, *a, {SRC_SCALAR, 0, 0}, {SRC_SCALAR, 0, 0}};     \
                if (!unary) in.y = *b;                                                                        \
                /* the top of the stack, if a tile, is the last instruction's result; else the operand below */ \
                const int which = !unary && b->src == SRC_TILE ? 1 : a->src == SRC_TILE ? 0 : -1;             \
                if (which < 0 || ni == 0 || !fuse_##SFX(&ins[ni - 1], &in, which, &nconst)) ins[ni++] = in;   \
                a->src = SRC_TILE;                                                                            \
                a->idx = t;                                                                                   \
            }                                                                                                 \
            sp -= unary ? 0 : 1;                                                                              \
        }                                                                                                     \
        if (sp != 1) return -1;                                                                               \
        *result = st[0];                                                                                      \
        return ni;                                                                                            \
    }                                                                                                         \
                                                                                                              \
    /* an operand's base and step: a leaf advances with the tile, a tile does not, a scalar of a fused loop is   \
     * the next constant tile (filled here) */                                                                \
    static const T *base_##SFX(opnd_##SFX o, int fused, T *const *leaves, T (*tiles)[TILE_BYTES / sizeof(T)], \
                               int *nconst, int64_t *step) {                                                  \
        *step = o.src == SRC_LEAF;                                                                            \
        if (o.src == SRC_LEAF) return leaves[o.idx];                                                          \
        if (o.src == SRC_TILE) return tiles[o.idx];                                                           \
        if (!fused) return tiles[0]; /* not read: the scalar goes by value */                                 \
        T *c = tiles[MAX_DEPTH + (*nconst)++];                                                                \
        for (int i = 0; i < (int)(TILE_BYTES / sizeof(T)); i++) c[i] = o.val;                                 \
        return c;                                                                                             \
    }                                                                                                         \
                                                                                                              \
    /* Returns 0, or -1 for a malformed program. */                                                          \
    static int eval_##SFX(const int32_t *prog, int nops, T *const *leaves, int nleaves, const T *scalars,    \
                          T *out, int64_t n) {                                                                \
        enum { TILE_N = TILE_BYTES / sizeof(T) };                                                             \
        ins_##SFX ins[MAX_OPS];                                                                               \
        run_##SFX rn[MAX_OPS];                                                                                \
        opnd_##SFX result;                                                                                    \
        T tiles[MAX_DEPTH + MAX_CONST][TILE_N] __attribute__((aligned(64)));                                  \
        int computing;                                                                                        \
        const int ni = decode_##SFX(prog, nops, nleaves, scalars, ins, &result, &computing);                 \
        if (ni < 0) return -1;                                                                                \
        if (result.src == SRC_LEAF) { /* a program that is one leaf: copy */                                 \
            if (out != leaves[result.idx]) memmove(out, leaves[result.idx], (size_t)n * sizeof(T));          \
            return 0;                                                                                         \
        }                                                                                                     \
        if (result.src == SRC_SCALAR) { /* a program of scalars only: fill */                                \
            for (int64_t i = 0; i < n; i++) out[i] = result.val;                                              \
            return 0;                                                                                         \
        }                                                                                                     \
        int nconst = 0;                                                                                       \
        for (int k = 0; k < ni; k++) {                                                                        \
            const ins_##SFX *in = &ins[k];                                                                    \
            run_##SFX *x = &rn[k];                                                                            \
            const int fused = in->kind != K_ONE;                                                              \
            const int f = in->f >= OP_SQRT ? in->f - OP_SQRT : in->f - OP_ADD;                                \
            const int g = in->g >= OP_SQRT ? in->g - OP_SQRT : in->g - OP_ADD;                                \
            switch (in->kind) {                                                                               \
            case K_ONE:                                                                                       \
                x->fn = in->f >= OP_SQRT ? ONE_UN_##SFX[f]                                                    \
                        : ONE_BIN_##SFX[f][in->x.src == SRC_SCALAR ? 2 : in->y.src == SRC_SCALAR ? 1 : 0];    \
                break;                                                                                        \
            case K_BBL: x->fn = BBL_##SFX[f][g]; break;                                                       \
            case K_BBR: x->fn = BBR_##SFX[f][g]; break;                                                       \
            case K_UBL: x->fn = UBL_##SFX[f][g]; break;                                                       \
            default: x->fn = BU_##SFX[f][g]; break;                                                           \
            }                                                                                                 \
            x->x = base_##SFX(in->x, fused, leaves, tiles, &nconst, &x->xs);                                  \
            x->y = base_##SFX(in->y, fused && in->kind != K_UBL, leaves, tiles, &nconst, &x->ys);             \
            x->z = base_##SFX(in->z, fused && in->kind != K_BU, leaves, tiles, &nconst, &x->zs);              \
            x->sx = in->x.val;                                                                                \
            x->sy = in->y.val;                                                                                \
            x->r = in->dst < 0 ? out : tiles[in->dst];                                                        \
            x->rs = in->dst < 0;                                                                              \
        }                                                                                                     \
        const int streams = nleaves + 1;                                                                      \
        /* prefetching pays only where memory streams and there is compute to overlap it with (see above); it  \
         * runs on half tiles (fewer prefetches at a time) */                                                 \
        const int prefetching = computing >= PREFETCH_MIN_OPS                                                 \
                                && n * (int64_t)sizeof(T) * streams > prefetch_min_bytes();                   \
        const int tile = prefetching ? TILE_N / 2 : TILE_N;                                                   \
        const int lines = tile * (int)sizeof(T) / 64;                                                         \
        const int per_ins = (lines * streams + ni - 1) / ni;                                                  \
        for (int64_t s = 0; s < n; s += tile) {                                                               \
            const int m = n - s < tile ? (int)(n - s) : tile;                                                 \
            const int64_t ahead = s + (int64_t)PREFETCH_TILES * tile;                                         \
            const int prefetch = prefetching && ahead + tile <= n;                                            \
            int pf = 0;                                                                                       \
            for (int k = 0; k < ni; k++) {                                                                    \
                if (prefetch) {                                                                               \
                    for (int q = 0; q < per_ins && pf < lines * streams; q++, pf++) {                         \
                        const int stream = pf / lines;                                                        \
                        const T *b = stream < nleaves ? leaves[stream] : out;                                 \
                        __builtin_prefetch((const char *)(b + ahead) + (pf % lines) * 64, 0, 3);              \
                    }                                                                                         \
                }                                                                                             \
                const run_##SFX *x = &rn[k];                                                                  \
                x->fn(x->x + s * x->xs, x->y + s * x->ys, x->z + s * x->zs, x->sx, x->sy, x->r + s * x->rs, m); \
            }                                                                                                 \
        }                                                                                                     \
        return 0;                                                                                             \
    }

MACHINE(double, f64, sqrt)
MACHINE(float, f32, sqrtf)

/* ---- the float64 sum: 32 lanes (lane j adds elements j, j+32, ...), the tail into lane 0, then the halving tree
 * lane[j] += lane[j + w] for w = 16, 8, 4, 2, 1. Four AVX-512 (eight AVX2) accumulators: 8 adds per cycle in L1.
 * Written with explicit 8-wide vectors (lanes 0-7, 8-15, 16-23, 24-31) so that the tree stays in registers: an
 * array of 32 lanes made GCC spill them and reload narrower pieces (store-forwarding stalls at every row of a
 * sum over the last axis). The same additions in the same order as the lane array: the same bits. */
typedef double v8d_t __attribute__((vector_size(64)));
typedef double v4d_t __attribute__((vector_size(32)));
typedef double v2d_t __attribute__((vector_size(16)));

static inline __attribute__((always_inline)) double sum32_f64(const double *x, int64_t n) {
    v8d_t a0 = {0}, a1 = a0, a2 = a0, a3 = a0;
    int64_t i = 0;
    for (; i + 32 <= n; i += 32) {
        v8d_t t0, t1, t2, t3;
        memcpy(&t0, x + i, 64);
        memcpy(&t1, x + i + 8, 64);
        memcpy(&t2, x + i + 16, 64);
        memcpy(&t3, x + i + 24, 64);
        a0 += t0;
        a1 += t1;
        a2 += t2;
        a3 += t3;
    }
    double l0 = a0[0];
    for (; i < n; i++) l0 += x[i];
    a0[0] = l0;
    a0 += a2; /* w = 16 */
    a1 += a3;
    a0 += a1; /* w = 8 */
    v4d_t lo, hi;
    memcpy(&lo, &a0, 32);
    memcpy(&hi, (const char *)&a0 + 32, 32);
    lo += hi; /* w = 4 */
    v2d_t l2, h2;
    memcpy(&l2, &lo, 16);
    memcpy(&h2, (const char *)&lo + 16, 16);
    l2 += h2;            /* w = 2 */
    return l2[0] + l2[1]; /* w = 1 */
}

CLONES static double sum_f64(const double *x, int64_t n) { return sum32_f64(x, n); }

/* ---- the sums of `rows` consecutive rows of `len` float64 each (a reduction over the last axis of a contiguous
 * block: one call instead of one per row), each row summed exactly as sum_f64 sums it (inlined: no call per row). */
CLONES static void sum_rows_f64(const double *x, int64_t rows, int64_t len, double *out) {
    for (int64_t r = 0; r < rows; r++) out[r] = sum32_f64(x + r * len, len);
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
    else if (op >= 0 || (uint64_t)alpha_long == 0 || __builtin_popcountll((uint64_t)alpha_long) > 2)
        AXPY_FORMS(uint64_t, (uint64_t)alpha_long);
    else {
        /* int64 alpha*x + y with one or two bits set in alpha (2, 3, 4, 5, 6, 8, 9, 10, 12, ...): shifts and adds, as
         * a compiler makes of a constant, the same bits mod 2^64. AVX2 has no 64-bit vector multiply: the generic loop
         * takes three 32x32 products an element, and on one core it streams slower (z = 3*x + y at 2^25 in the JVM:
         * 0.88-0.90x of C's loop with the 3 compiled in, 1.07-1.09x of C's loop with the 3 read at run time). */
        const uint64_t a = (uint64_t)alpha_long, *xs = (const uint64_t *)x, *ys = (const uint64_t *)y;
        uint64_t *rs = (uint64_t *)r;
        const int lo = __builtin_ctzll(a), hi = 63 - __builtin_clzll(a);
        if (lo == hi) {
            for (int64_t i = 0; i < n; i++) rs[i] = (xs[i] << lo) + ys[i];
        } else {
            for (int64_t i = 0; i < n; i++) rs[i] = (xs[i] << lo) + (xs[i] << hi) + ys[i];
        }
    }
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

/* A loop compiled by ExprCompiler (out[i] = the program over the leaves and scalars of NativeKernels' argument block),
 * called at its address: a JNI call (tens of ns), where JNA's would cost microseconds. */
typedef void (*expr_f64_t)(double *const *, const double *, double *, int64_t);
typedef void (*expr_f32_t)(float *const *, const float *, float *, int64_t);

/* Loads a compiled loop's library (never unloaded: its loop may be called until the JVM ends) and returns the address
 * of its jdist_expr; throws IllegalStateException with dlerror's text if it cannot. */
JNIEXPORT jlong JNICALL Java_org_jdistarray_ops_NativeKernels_openExpr(JNIEnv *env, jclass cls, jstring path) {
    (void)cls;
    const char *p = (*env)->GetStringUTFChars(env, path, NULL);
    if (p == NULL) return 0; /* OutOfMemoryError pending */
    void *h = dlopen(p, RTLD_NOW | RTLD_LOCAL);
    (*env)->ReleaseStringUTFChars(env, path, p);
    void *f = h == NULL ? NULL : dlsym(h, "jdist_expr");
    if (f == NULL) {
        const char *why = dlerror();
        jclass ise = (*env)->FindClass(env, "java/lang/IllegalStateException");
        if (ise != NULL) (*env)->ThrowNew(env, ise, why != NULL ? why : "dlopen/dlsym failed");
        return 0;
    }
    return (jlong)(intptr_t)f;
}

JNIEXPORT void JNICALL Java_org_jdistarray_ops_NativeKernels_callF64(JNIEnv *env, jclass cls, jlong fn, jlong leaves,
                                                                    jlong scalars, jlong out, jlong n) {
    (void)env; (void)cls;
    ((expr_f64_t)(intptr_t)fn)((double *const *)(intptr_t)leaves, (const double *)(intptr_t)scalars,
                               (double *)(intptr_t)out, n);
}

JNIEXPORT void JNICALL Java_org_jdistarray_ops_NativeKernels_callF32(JNIEnv *env, jclass cls, jlong fn, jlong leaves,
                                                                    jlong scalars, jlong out, jlong n) {
    (void)env; (void)cls;
    ((expr_f32_t)(intptr_t)fn)((float *const *)(intptr_t)leaves, (const float *)(intptr_t)scalars,
                               (float *)(intptr_t)out, n);
}

/* The bytes of streams (leaves and output of one call) above which the expression machine prefetches; bytes > 0 sets
 * it (tests reach the prefetching branch with small arrays). Returns the value before. */
JNIEXPORT jlong JNICALL Java_org_jdistarray_ops_NativeKernels_prefetchFrom(JNIEnv *env, jclass cls, jlong bytes) {
    (void)env; (void)cls;
    const int64_t before = prefetch_min_bytes();
    if (bytes > 0) prefetch_from = bytes;
    return before;
}

/* The kernel version Java checks before using the library (a stale library from an older build is not used). */
JNIEXPORT jint JNICALL Java_org_jdistarray_ops_NativeKernels_version(JNIEnv *env, jclass cls) {
    (void)env; (void)cls;
    return 3;
}
