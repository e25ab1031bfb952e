#!/usr/bin/env bash
# Times the CLI on one core, as the README's "CLI throughput" table reports it: a 400-row `pesq --cases` file, a
# 100-file `pesq --clean --degraded` folder run, a 100-file `evaluate` run and a one-pair call, each REPS times,
# printing the median process CPU time (user + system) and wall time. The pairs are 3.5 s crops (four offsets) of the
# 25 VoiceBank samples, written once to WORK by python3's standard wave module.
# usage: tools/cli-throughput.sh PERCEPTOR_BINARY [REPS] [WORK]   (environment variables pass through, e.g.
#        DOTNET_TieredCompilation=0 tools/cli-throughput.sh ...)
set -euo pipefail
bin="$1"; reps="${2:-3}"; work="${3:-/tmp/perceptor-throughput}"
data="${PERCEPTOR_TEST_DATA:-$(dirname "$0")/../../shared/data}/voicebank-samples"
if [[ ! -f "$work/cases.csv" ]]; then
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
with open(f"{out}/cases.csv", "w") as f:
    f.write("id,ref,deg,fs,mode\n")
    for i in range(400):
        f.write(f"c{i},clean/{files[i % len(files)]},noisy/{files[i % len(files)]},16000,wb\n")
PY
fi

median() { sort -g | awk '{ a[NR] = $1 } END { print (NR % 2 ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2) }'; }
measure() {
  local name="$1"; shift
  local cpu=() wall=()
  for ((r = 0; r < reps; r++)); do
    /usr/bin/time -f "%e %U %S" -o "$work/time.txt" taskset -c 0 "$bin" "$@" > /dev/null 2>&1 || true
    read -r w u s < <(tail -n 1 "$work/time.txt")
    wall+=("$w"); cpu+=("$(awk -v u="$u" -v s="$s" 'BEGIN { print u + s }')")
  done
  echo "$name: cpu $(printf '%s\n' "${cpu[@]}" | median) s, wall $(printf '%s\n' "${wall[@]}" | median) s (median of $reps)"
}
measure "pesq --cases (400 pairs)" pesq --cases "$work/cases.csv" --threads 1 --out "$work/cases-out.csv"
measure "pesq folders (100 files)" pesq --clean "$work/clean" --degraded "$work/noisy" --threads 1 --out "$work/folder-out.csv"
measure "evaluate (100 files)" evaluate --clean "$work/clean" --enhanced "$work/noisy" -j 1 --out "$work/evaluation"
measure "one pair" pesq "$work/clean/p232_003_0.wav" "$work/noisy/p232_003_0.wav"
