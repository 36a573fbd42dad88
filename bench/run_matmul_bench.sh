#!/usr/bin/env bash
# Dense matmul benchmark: JDistArray's MatmulBenchmark (SUMMA, local products by cblas_dgemm of the BLAS it binds)
# at 1 and 2 ranks against the same BLAS's cblas_dgemm of the whole product on one core (bench/c/dgemm_bench.c),
# alternately in one job, Open MPI, ranks bound to cores.
#   bench/run_matmul_bench.sh                           # ROUNDS=2, MATMUL_REPS=3, ALGO_MATMUL_N=4096
#   ALGO_MATMUL_N=512 MATMUL_REPS=1 ROUNDS=1 bench/run_matmul_bench.sh   # smoke test
# Prints PEER lines, then GFLOP/s and the speedup of 2 ranks over the one-core BLAS. Environment: ROUNDS,
# MATMUL_REPS, ALGO_MATMUL_N, RANKS, BLAS_LIB (the C baseline's library), SKIP_BUILD=1.
set -uo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
ROUNDS=${ROUNDS:-2}
RANKS=${RANKS:-1 2}
export MATMUL_REPS=${MATMUL_REPS:-3} ALGO_MATMUL_N=${ALGO_MATMUL_N:-4096}
WORK=$(mktemp -d -t jdist-matmul-bench.XXXXXX)
OUT=$WORK/results.txt
if [ "${SKIP_BUILD:-0}" != 1 ]; then
    (cd "$ROOT" && mvn -o -q -B -Pbench -pl bench -am package -DskipTests) || exit 1
fi
CP="$ROOT/bench/target/classes:$(sed "s|$ROOT/core/target/jdistarray-core-[^:]*.jar|$ROOT/core/target/classes|" "$ROOT/bench/target/classpath.txt")"
gcc -O2 -o "$WORK/dgemm_bench" "$HERE/c/dgemm_bench.c" -ldl || exit 1
MPIRUN=(mpirun --bind-to core -x MATMUL_REPS -x ALGO_MATMUL_N); [ "$(id -u)" = 0 ] && MPIRUN+=(--allow-run-as-root)
echo "# matmul $(date -u '+%Y-%m-%d %H:%M UTC'), load $(cut -d' ' -f1-3 /proc/loadavg), rounds $ROUNDS" | tee -a "$OUT"
for round in $(seq "$ROUNDS"); do
    timeout 600 "$WORK/dgemm_bench" | grep '^PEER' | tee -a "$OUT"
    for np in $RANKS; do
        timeout 900 "${MPIRUN[@]}" -np "$np" java -Xmx6g -cp "$CP" org.jdistarray.bench.MatmulBenchmark 2>&1 \
            | grep '^PEER' | tee -a "$OUT"
    done
done
echo "# load after: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT"
awk '/^PEER / { delete f; for (i = 2; i <= NF; i++) { split($i, kv, "="); f[kv[1]] = kv[2] }
       lay = ""; if (match($0, /layout=[a-z0-9]+/)) lay = substr($0, RSTART + 7, RLENGTH - 7)
       k = f["impl"] " " f["ranks"] " " lay; v = f["seconds"] + 0
       if (!(k in best) || v < best[k]) { best[k] = v; gf[k] = f["gbs"] } }
     END { c = best["c_blas 1 "]
           if (c != "") printf "one-core cblas_dgemm: %.4g s, %s GFLOP/s\n", c, gf["c_blas 1 "]
           split("block blockcyclic64", lays, " ")
           for (li = 1; li <= 2; li++) for (r = 1; r <= 2; r++) { k = "jdistarray " r " " lays[li]
             if (k in best) printf "matmul %s ranks=%d: %.4g s, %s GFLOP/s, %.2fx the one-core BLAS (goal >= 1.6 at 2 ranks)\n", lays[li], r, best[k], gf[k], c / best[k] } }' "$OUT"
echo "raw results: $OUT"
