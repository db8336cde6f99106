#!/usr/bin/env bash
# Interrupts a real `retina-report run` N times at random moments (SIGINT and SIGTERM alternately)
# and checks every time: the exit status is 128 + signal (130 / 143; 0 if the run finished first),
# and nothing is left behind in the output folder (no partial run folder, no temporary file, no
# run folder unless the run completed). Prints one line per interrupt and a summary; exits 1 if
# any interrupt was not clean.
#
# Usage: Tools/interrupt_check.sh [N=20] [BINARY=.build/release/retina-report] [MAX_DELAY_S=8] [SEED=1]
# (A crashing binary is slow to fail: the Swift runtime's backtracer symbolicates for up to a minute.)
# Runs `run --phenomena osr --ig-steps 300` (the issue's reproduction) on the shipped model.
set -uo pipefail
cd "$(dirname "$0")/.."
n=${1:-20}
binary=${2:-.build/release/retina-report}
max_delay=${3:-8}
RANDOM=${4:-1}
model=Assets/model/bncnn-groundtruth.safetensors
[ -x "$binary" ] || { echo "no executable at $binary (swift build -c release)" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
clean=0 interrupted=0 completed=0
for i in $(seq 1 "$n"); do
    out="$work/out$i"
    mkdir -p "$out"
    if (( i % 2 )); then sig=INT; expected=130; else sig=TERM; expected=143; fi
    # Delay: 0.05 s … max_delay s, from bash's seeded RANDOM (drawn here: a $(…) subshell reseeds it).
    r=$RANDOM
    delay=$(awk -v r="$r" -v m="$max_delay" 'BEGIN { printf "%.2f", 0.05 + (r / 32767) * (m - 0.05) }')
    "$binary" run --model "$model" --phenomena osr --ig-steps 300 --output "$out" --run-id r --quiet \
        >"$work/stdout$i" 2>"$work/stderr$i" &
    pid=$!
    sleep "$delay"
    kill -s "$sig" "$pid" 2>/dev/null
    wait "$pid"
    status=$?
    left=$(cd "$out" && find . -mindepth 1 -maxdepth 1 | sort | tr '\n' ' ')
    verdict=clean
    if [ "$status" -eq 0 ]; then
        completed=$((completed + 1))
        [ "$left" = "./r " ] || verdict="NOT CLEAN (completed, but left: $left)"
    elif [ "$status" -eq "$expected" ]; then
        interrupted=$((interrupted + 1))
        [ -z "$left" ] || verdict="NOT CLEAN (left: $left)"
    else
        verdict="NOT CLEAN (exit $status, expected $expected; stderr: $(tail -c 300 "$work/stderr$i" | tr '\n' ' '))"
    fi
    [ "$verdict" = clean ] && clean=$((clean + 1))
    printf '%2d SIG%-4s after %5ss: exit %3d, %s\n' "$i" "$sig" "$delay" "$status" "$verdict"
done
echo "$clean/$n clean ($interrupted interrupted with 130/143, $completed finished before the signal)"
[ "$clean" -eq "$n" ]
