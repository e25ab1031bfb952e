#!/usr/bin/env bash
# Times the CLI on one core, as the README's "CLI throughput" table reports it: a 400-row `pesq --cases` file, the
# same rows four times over (1600; the difference between the two runs is the warmed cost of a pair through the CLI,
# start-up and JIT excluded), a 100-file `pesq --clean --degraded` folder run, a 100-file `evaluate` run and a
# one-pair call, each REPS times, printing the median process CPU time (user + system) and wall time, the cost per
# pair or file, and the `pesq --cases` cost as a fraction of the ITU reference C code's 33-36 ms per 3.5 s wideband
# pair on one core of the 2-core development machine (measured there, idle; the reference is not built here).
# The pairs are 3.5 s crops (four offsets) of the 25 VoiceBank samples, written once to WORK by python3's standard
# wave module. Runs of different binaries or settings are comparable only when interleaved on a quiet machine; on a
# shared one, CPU time is the fairer figure (wall time includes waiting for the core).
# usage: tools/cli-throughput.sh PERCEPTOR_BINARY [REPS] [WORK]
#   CPU=N pins to core N (default 1); environment variables pass through, e.g.
#   DOTNET_TieredCompilation=0 tools/cli-throughput.sh artifacts/bin/Perceptor.Cli/release_linux-x64/perceptor 5
set -euo pipefail
bin="$1"; reps="${2:-5}"; work="${3:-/tmp/perceptor-throughput}"; core="${CPU:-1}"
data="${PERCEPTOR_TEST_DATA:-$(dirname "$0")/../../shared/data}/voicebank-samples"
if [[ ! -f "$work/cases1600.csv" ]]; then
  mkdir -p "$work/clean" "$work/noisy"
  python3 - "$data" "$work" <<'PY'
import os, sys, wave
src, out = sys.argv[1], sys.argv[2]
for name in sorted(os.listdir(f"{src}/clean")):
    signals = {}
    for kind in ("clean", "noisy"):
        with wave.open(f"{src}/{kind}/{name}") as w:
            rate, frames = w.getframerate(), w.readframes(w.getnframes())
            signals[kind] = frames
    length, total = int(3.5 * rate), len(signals["clean"]) // 2
    for k in range(4):
        offset = 0 if total <= length else k * (total - length) // 3
        for kind, frames in signals.items():
            with wave.open(f"{out}/{kind}/{name[:-4]}_{k}.wav", "wb") as w:
                w.setnchannels(1); w.setsampwidth(2); w.setframerate(rate)
                w.writeframes(frames[2 * offset:2 * (offset + length)])
files = sorted(os.listdir(f"{out}/clean"))
for rows, path in ((400, "cases.csv"), (1600, "cases1600.csv")):
    with open(f"{out}/{path}", "w") as f:
        f.write("id,ref,deg,fs,mode\n")
        for i in range(rows):
            f.write(f"c{i},clean/{files[i % len(files)]},noisy/{files[i % len(files)]},16000,wb\n")
PY
fi

median() { sort -g | awk '{ a[NR] = $1 } END { print (NR % 2 ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2) }'; }
# run ARGS...: one timed run; appends the wall and CPU (user + system) seconds to the arrays named by WALL_OF, CPU_OF.
run() {
  /usr/bin/time -f "%e %U %S" -o "$work/time.txt" taskset -c "$core" "$bin" "$@" > /dev/null 2>&1 || true
  read -r w u s < <(tail -n 1 "$work/time.txt")
  local -n wall_list="$WALL_OF" cpu_list="$CPU_OF"
  wall_list+=("$w"); cpu_list+=("$(awk -v u="$u" -v s="$s" 'BEGIN { print u + s }')")
}
# report NAME ITEMS WALL_ARRAY CPU_ARRAY: sets CPU_S and WALL_S to the medians and prints a line (ms per item when ITEMS > 1).
report() {
  local name="$1" items="$2"; local -n wall_list="$3" cpu_list="$4"
  CPU_S=$(printf '%s\n' "${cpu_list[@]}" | median); WALL_S=$(printf '%s\n' "${wall_list[@]}" | median)
  awk -v n="$name" -v k="$items" -v c="$CPU_S" -v w="$WALL_S" -v r="$reps" 'BEGIN {
    printf "%-36s cpu %6.2f s, wall %6.2f s", n, c, w
    if (k > 1) printf "  = %5.1f ms cpu, %5.1f ms wall per item", 1000 * c / k, 1000 * w / k
    printf "  (median of %d)\n", r }'
}
# measure NAME ITEMS ARGS...: REPS runs of one command, then its report line.
measure() {
  local name="$1" items="$2"; shift 2
  local wall=() cpu=()
  WALL_OF=wall CPU_OF=cpu
  for ((r = 0; r < reps; r++)); do run "$@"; done
  report "$name" "$items" wall cpu
}
echo "binary $bin, core $core, $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
# The 400- and 1600-row runs alternate, so that a busy spell on a shared machine falls on both sides of the difference.
w400=(); c400=(); w1600=(); c1600=()
for ((r = 0; r < reps; r++)); do
  WALL_OF=w400 CPU_OF=c400 run pesq --cases "$work/cases.csv" --threads 1 --out "$work/cases-out.csv"
  WALL_OF=w1600 CPU_OF=c1600 run pesq --cases "$work/cases1600.csv" --threads 1 --out "$work/cases-out.csv"
done
report "pesq --cases (400 pairs)" 400 w400 c400
cases_cpu="$CPU_S"
report "pesq --cases (1600 pairs)" 1600 w1600 c1600
awk -v a="$cases_cpu" -v b="$CPU_S" 'BEGIN {
  warm = 1000 * (b - a) / 1200; cli = 1000 * a / 400
  printf "warmed pair through the CLI (1600 - 400 rows): %.1f ms cpu; the 400-row run, %.1f ms a pair, is %.2fx that\n", warm, cli, cli / warm
  printf "400-row run per pair / ITU reference (33-36 ms a pair on an idle machine): %.2f-%.2f (fair only when idle)\n", cli / 36, cli / 33 }'
measure "pesq --clean --degraded (100 files)" 100 pesq --clean "$work/clean" --degraded "$work/noisy" --threads 1 --out "$work/folder-out.csv"
measure "evaluate (100 files)" 100 evaluate --clean "$work/clean" --enhanced "$work/noisy" -j 1 --out "$work/evaluation"
measure "one pair" 1 pesq "$work/clean/p232_003_0.wav" "$work/noisy/p232_003_0.wav"
