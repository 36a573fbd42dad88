#!/usr/bin/env bash
# Communicator benchmark: JDistArray (MpiCommunicator) on both its bindings vs C MPI, same operations, same job.
# Under Open MPI each round runs C, JDistArray on JNA (-Djdistarray.mpi.binding=jna), and, when Open MPI's Java
# bindings are on the class path (bin/install-deps builds them), JDistArray on JNI (binding=jni) followed by the same
# calls made directly through Open MPI's Java API (impl=ompi_java, the floor of any JNI path). MPICH: C and JNA.
#   bench/run_comm_bench.sh             # Open MPI: 2 ranks, PEER_REPS=15, ROUNDS=2 (C, Java, C, Java, ...)
#   MPI=mpich bench/run_comm_bench.sh   # MPICH: C built with mpicc.mpich, both under mpiexec.mpich
#   MPI=both bench/run_comm_bench.sh    # Open MPI, then MPICH; ratios for each
# Prints PEER lines (shared baseline format) and the ratios of the medians (best round of each) per MPI.
# Ranks are bound to cores under both launchers (Open MPI's default for np <= cores; hydra: -bind-to core).
# Environment: MPI (openmpi|mpich|both), PEER_REPS, COMM_LATENCY_CALLS, COMM_BANDWIDTH_CALLS, ROUNDS, NP (default 2),
# SKIP_BUILD=1, WAIT_IDLE=<seconds> (before each run, wait up to that long for 2 s under 8 % CPU busy; prints
# "# idle (x% busy)" or "# NOT idle (x% busy)").
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
MPI=${MPI:-openmpi}
NP=${NP:-2}
ROUNDS=${ROUNDS:-2}
export PEER_REPS=${PEER_REPS:-15} COMM_LATENCY_CALLS=${COMM_LATENCY_CALLS:-20000} COMM_BANDWIDTH_CALLS=${COMM_BANDWIDTH_CALLS:-10}
WORK=$(mktemp -d -t jdist-comm-bench.XXXXXX)

if [ "${SKIP_BUILD:-0}" != 1 ]; then
    (cd "$ROOT" && mvn -q -B -Pbench -pl bench -am package -DskipTests)
fi
CP="$ROOT/bench/target/classes:$(cat "$ROOT/bench/target/classpath.txt")"
# Open MPI's Java bindings: on the classpath when core's ompi-java profile found them in ~/.m2
has_jni=0; case "$CP" in *mpi-java-*.jar*) has_jni=1 ;; esac
[ "$has_jni" = 1 ] || echo "# Open MPI's Java bindings not found (bin/install-deps builds them): JNA and C only" >&2

# first command of the list that exists
first() { for c in "$@"; do command -v "$c" >/dev/null 2>&1 && { echo "$c"; return; }; done; return 1; }

# CPU busy percent over 2 s, from /proc/stat
busy() {
    local a b
    read -r _ a1 a2 a3 a4 a5 a6 a7 _ < /proc/stat; sleep 2; read -r _ b1 b2 b3 b4 b5 b6 b7 _ < /proc/stat
    a=$(( (b1 - a1) + (b2 - a2) + (b3 - a3) + (b5 - a5) + (b6 - a6) + (b7 - a7) )); b=$(( a + b4 - a4 ))
    echo $(( b > 0 ? 100 * a / b : 0 ))
}

wait_idle() {
    [ "${WAIT_IDLE:-0}" -gt 0 ] || return 0
    local deadline=$(( $(date +%s) + WAIT_IDLE )) pct
    while :; do
        pct=$(busy)
        if [ "$pct" -lt 8 ]; then echo "# idle (${pct}% busy)" | tee -a "$1"; return 0; fi
        if [ "$(date +%s)" -ge "$deadline" ]; then echo "# NOT idle (${pct}% busy)" | tee -a "$1"; return 0; fi
    done
}

# one line per op: C, then every Java variant (jdistarray/jna, jdistarray/jni, ompi_java) with its ratio to C
ratios() {
    awk -v mpi="$2" '
    /^PEER / {
        delete f
        for (i = 2; i <= NF; i++) { split($i, kv, "="); f[kv[1]] = kv[2] }
        impl = f["impl"]; if ("binding" in f) impl = impl "/" f["binding"]
        k = impl SUBSEP f["op"]
        if (!(k in best) || f["seconds"] + 0 < best[k]) { best[k] = f["seconds"] + 0; gbs[k] = f["gbs"] }
        if (!(k in fast) || f["min"] + 0 < fast[k]) fast[k] = f["min"] + 0
        ops[f["op"]] = 1; impls[impl] = 1
    }
    END {
        n = split("jdistarray/jna jdistarray/jni ompi_java", order, " ")
        for (op in ops) {
            c = best["c_mpi" SUBSEP op]
            if (c == "") continue
            if (op == "sendrecv8m") line = sprintf("%s %s: C %s GB/s", mpi, op, gbs["c_mpi" SUBSEP op])
            else line = sprintf("%s %s: C %.3f us", mpi, op, c * 1e6)
            cf = fast["c_mpi" SUBSEP op]
            for (i = 1; i <= n; i++) {
                j = best[order[i] SUBSEP op]
                if (j == "") continue
                if (op == "sendrecv8m") line = line sprintf(", %s %s GB/s (%.0f%% of C)", order[i], gbs[order[i] SUBSEP op], 100 * c / j)
                else line = line sprintf(", %s %.3f us (%.2fx C; fastest rep %.2fx)", order[i], j * 1e6, j / c,
                                         fast[order[i] SUBSEP op] / cf)
            }
            print line
        }
    }' "$1"
}

# run_one openmpi|mpich: build the C twin with that MPI's compiler, run C and Java alternately under its launcher
run_one() {
    local mpi=$1 cc launcher out="$WORK/results-$1.txt"
    local -a run java_opts
    if [ "$mpi" = mpich ]; then
        cc=$(first mpicc.mpich) || { echo "mpicc.mpich not found: install mpich libmpich-dev" >&2; return 1; }
        launcher=$(first mpiexec.mpich mpirun.mpich) || { echo "mpiexec.mpich not found: install mpich" >&2; return 1; }
        run=("$launcher" -bind-to core -genv PEER_REPS "$PEER_REPS" -genv COMM_LATENCY_CALLS "$COMM_LATENCY_CALLS"
             -genv COMM_BANDWIDTH_CALLS "$COMM_BANDWIDTH_CALLS" -np "$NP")
    else
        cc=$(first mpicc.openmpi mpicc) || { echo "mpicc.openmpi not found: install libopenmpi-dev" >&2; return 1; }
        launcher=$(first mpirun.openmpi mpirun) || { echo "mpirun.openmpi not found: install openmpi-bin" >&2; return 1; }
        run=("$launcher")
        [ "$(id -u)" = 0 ] && run+=(--allow-run-as-root)
        [ "$NP" -gt "$(nproc)" ] && run+=(--oversubscribe)
        run+=(-x PEER_REPS -x COMM_LATENCY_CALLS -x COMM_BANDWIDTH_CALLS -np "$NP")
    fi
    java_opts=(-XX:+UseSerialGC "-Djdistarray.mpi=$mpi")
    "$cc" -O2 -o "$WORK/comm_bench_$mpi" "$HERE/c/comm_bench.c"
    echo "# comm bench $mpi $(date -u '+%Y-%m-%d %H:%M UTC'), load $(cut -d' ' -f1-3 /proc/loadavg), np=$NP reps=$PEER_REPS rounds=$ROUNDS" | tee "$out"
    for round in $(seq "$ROUNDS"); do
        wait_idle "$out"
        timeout 300 "${run[@]}" "$WORK/comm_bench_$mpi" | tee -a "$out"
        wait_idle "$out"
        timeout 300 "${run[@]}" java "${java_opts[@]}" -Djdistarray.mpi.binding=jna -cp "$CP" \
            org.jdistarray.bench.CommBenchmark | tee -a "$out"
        if [ "$mpi" = openmpi ] && [ "$has_jni" = 1 ]; then
            wait_idle "$out"
            timeout 300 "${run[@]}" java "${java_opts[@]}" -Djdistarray.mpi.binding=jni -Dbench.ompiJava=true \
                -cp "$CP" org.jdistarray.bench.CommBenchmark | tee -a "$out"
        fi
    done
    echo "# load after: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$out"
}

case "$MPI" in
    openmpi|mpich) impls=("$MPI") ;;
    both) impls=(openmpi mpich) ;;
    *) echo "MPI must be openmpi, mpich or both (got '$MPI')" >&2; exit 2 ;;
esac
for m in "${impls[@]}"; do
    run_one "$m"
done

echo
echo "# ratios (best median over rounds): jdistarray / c_mpi"
for m in "${impls[@]}"; do
    ratios "$WORK/results-$m.txt" "$m"
done
echo "raw results: $WORK/results-*.txt"
