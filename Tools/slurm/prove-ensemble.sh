#!/bin/bash
# The end-to-end check of docs/cluster.md §6: a tiny 3-member ensemble trained as a Slurm job array
# (made by `retina-report slurm-script`) on the cluster of start-single-node.sh, waited for with
# squeue, then loaded as one ensemble (`retina-report inspect DIR`).
#
#   Tools/slurm/start-single-node.sh && Tools/slurm/prove-ensemble.sh [WORK_DIR]
#
# RETINA_REPORT selects the executable (default: this checkout's debug build). Each member uses the
# default architecture with a tiny recipe (256 samples, 1,400 simulated frames): about a second.
set -euo pipefail

repo=$(cd "$(dirname "$0")/../.." && pwd)
bin=${RETINA_REPORT:-$repo/.build/debug/retina-report}
export SLURM_CONF=${SLURM_CONF:-/tmp/retina-slurm/slurm.conf}
work=${1:-$(mktemp -d /tmp/retina-ensemble.XXXXXX)}
[ -x "$bin" ] || { echo "error: $bin not built (swift build)" >&2; exit 1; }
mkdir -p "$work"
cd "$work"

"$bin" slurm-script --seeds 1-3 --output-dir members --time 00:05:00 --cpus 2 --mem 2 \
    --samples 256 --batch-size 32 --train-frames 1000 --validation-frames 200 --test-frames 200 \
    --evaluate-every 128 --skip-phenomena > job.sh
echo "== job.sh" && cat job.sh

start=$(date +%s.%N)
job=$(sbatch --parsable job.sh)
echo "== submitted job array $job"
while [ -n "$(squeue -h -j "$job" -o %i 2>/dev/null)" ]; do
    squeue -h -j "$job" -o "%i %T %M" | sed 's/^/   /'
    sleep 1
done
end=$(date +%s.%N)
awk -v a="$start" -v b="$end" 'BEGIN { printf "== all tasks left the queue after %.1f s\n", b - a }'

echo "== finished tasks (jobcomp.log)"
grep -E "JobId=${job}_|ArrayJobId=${job} " "$(dirname "$SLURM_CONF")/jobcomp.log" | sed 's/^/   /' || true
for f in slurm-"${job}"_*.out; do echo "== $f"; sed 's/^/   /' "$f"; done

echo "== retina-report inspect members"
"$bin" inspect members
