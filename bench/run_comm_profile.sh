#!/usr/bin/env bash
# Where the time of a one-double all-reduce goes (Open MPI, 2 ranks): the C twin and JDistArray on its JNI path, each
# at MPI thread levels single and serialized, with the PMPI interposer c/pmpi_allreduce_time.c preloaded. For every
# run it prints the PEER line (per-call time) and each rank's PMPI line: the median time inside MPI_Allreduce and
# outside it (the caller's code between two calls: for Java, the Java loop, the JNI transition and the binding's C
# stub). Then one summary line per case: best median per-call time over the rounds, its ratio to C at MPI_Init's
# default level (single), and the inside/outside split of that round.
#   bench/run_comm_profile.sh            # ROUNDS=3, PEER_REPS=10, COMM_LATENCY_CALLS=20000
# Environment: ROUNDS, PEER_REPS, COMM_LATENCY_CALLS, SKIP_BUILD=1.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
ROUNDS=${ROUNDS:-3}
export PEER_REPS=${PEER_REPS:-10} COMM_LATENCY_CALLS=${COMM_LATENCY_CALLS:-20000}
WORK=$(mktemp -d -t jdist-comm-profile.XXXXXX)
if [ "${SKIP_BUILD:-0}" != 1 ]; then
    (cd "$ROOT" && mvn -q -B -Pbench -pl bench -am package -DskipTests)
fi
CP="$ROOT/bench/target/classes:$(cat "$ROOT/bench/target/classpath.txt")"
case "$CP" in *mpi-java-*.jar*) ;; *) echo "Open MPI's Java bindings not on the class path (bin/install-deps builds them)" >&2; exit 1 ;; esac
mpicc.openmpi -O2 -o "$WORK/comm_bench" "$HERE/c/comm_bench.c"
mpicc.openmpi -O2 -shared -fPIC -o "$WORK/libpmpi.so" "$HERE/c/pmpi_allreduce_time.c"
run=(mpirun.openmpi -x PEER_REPS -x COMM_LATENCY_CALLS -x "LD_PRELOAD=$WORK/libpmpi.so" -np 2)
[ "$(id -u)" = 0 ] && run=(mpirun.openmpi --allow-run-as-root "${run[@]:1}")
out="$WORK/results.txt"
echo "# comm profile $(date -u '+%Y-%m-%d %H:%M UTC'), load $(cut -d' ' -f1-3 /proc/loadavg), rounds=$ROUNDS" | tee "$out"
levels=(single:0 serialized:2)
for round in $(seq "$ROUNDS"); do
    for lv in "${levels[@]}"; do
        name=${lv%%:*} num=${lv##*:}
        echo "CASE c/$name" | tee -a "$out"
        timeout 300 "${run[@]}" -x "COMM_THREAD_LEVEL=$num" "$WORK/comm_bench" allreduce8 | tee -a "$out"
        echo "CASE jni/$name" | tee -a "$out"
        timeout 300 "${run[@]}" java -XX:+UseSerialGC -Djdistarray.mpi=openmpi -Djdistarray.mpi.binding=jni \
            "-Djdistarray.mpi.threadLevel=$name" -cp "$CP" org.jdistarray.bench.CommBenchmark allreduce8 | tee -a "$out"
    done
done
echo "# load after: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$out"
echo
echo "# allreduce8 (best median per call over rounds; inside/outside MPI_Allreduce: medians of that round, rank 0)"
awk '
/^CASE / { c = $2; next }
/^PEER / { for (i = 2; i <= NF; i++) { split($i, kv, "="); if (kv[1] == "seconds") s = kv[2] + 0 }; cur = s; next }
/^PMPI rank=0/ {
    for (i = 2; i <= NF; i++) { split($i, kv, "="); f[kv[1]] = kv[2] }
    if (!(c in best) || cur < best[c]) { best[c] = cur; inn[c] = f["inside_med_ns"]; outt[c] = f["outside_med_ns"] }
    order[c] = 1
}
END {
    base = best["c/single"]
    n = split("c/single c/serialized jni/single jni/serialized", o, " ")
    for (i = 1; i <= n; i++) if (o[i] in best)
        printf "%-15s %.3f us (%.2fx C single)  inside %s ns, outside %s ns\n", o[i], best[o[i]] * 1e6,
               best[o[i]] / base, inn[o[i]], outt[o[i]]
}' "$out"
echo "raw results: $out"
