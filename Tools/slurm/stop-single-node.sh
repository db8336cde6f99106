#!/bin/bash
# Stops the daemons Tools/slurm/start-single-node.sh started, by their pid files: slurmd, slurmctld,
# and munged only if that script started it. Leaves $SLURM_DIR (logs, state) for inspection.
set -uo pipefail
SLURM_DIR=${SLURM_DIR:-/tmp/retina-slurm}

stop() {   # stop NAME PIDFILE
    local pidfile=$2 pid
    [ -s "$pidfile" ] || { echo "$1: no pid file $pidfile" >&2; return 0; }
    pid=$(cat "$pidfile")
    if kill -0 "$pid" 2>/dev/null; then
        kill "$pid"
        for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        if kill -0 "$pid" 2>/dev/null; then echo "$1 (pid $pid) still running after 5 s" >&2; return 1; fi
        echo "$1 (pid $pid) stopped" >&2
    else
        echo "$1 (pid $pid) was not running" >&2
    fi
}

stop slurmd "$SLURM_DIR/slurmd.pid"
stop slurmctld "$SLURM_DIR/slurmctld.pid"
if [ -s "$SLURM_DIR/munged.started-here.pid" ]; then
    stop munged "$SLURM_DIR/munged.started-here.pid" && rm -f "$SLURM_DIR/munged.started-here.pid"
fi
