#!/bin/bash
# Starts a one-node Slurm cluster on this machine (Debian 12: slurm-wlm 22.05 + munge), as root,
# without systemd and without cgroups, for trying `retina-report slurm-script` end to end
# (docs/cluster.md §5). Everything Slurm writes — configuration, state, spool, pid files, logs — goes
# to $SLURM_DIR (default /tmp/retina-slurm); /etc is only touched by apt and by munge's key.
#
#   Tools/slurm/start-single-node.sh          # installs slurm-wlm and munge with apt if missing
#   export SLURM_CONF=/tmp/retina-slurm/slurm.conf
#   sinfo; sbatch job.sh; squeue
#   Tools/slurm/stop-single-node.sh
#
# The node gets this machine's CPUs and memory as `slurmd -C` reports them, one partition
# `local`, and jobs are run by slurmd itself as root (proctrack/linuxproc, task/none). Finished jobs
# are logged to $SLURM_DIR/jobcomp.log (there is no accounting database, so `sacct` has nothing).
set -euo pipefail

SLURM_DIR=${SLURM_DIR:-/tmp/retina-slurm}
[ "$(id -u)" = 0 ] || { echo "error: run as root (slurmd runs jobs as root here)" >&2; exit 1; }

if ! command -v slurmctld >/dev/null || ! command -v slurmd >/dev/null || ! command -v munged >/dev/null; then
    echo "installing slurm-wlm and munge with apt" >&2
    apt-get update -q
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q slurm-wlm munge
fi

mkdir -p "$SLURM_DIR"/{state,spool}
conf="$SLURM_DIR/slurm.conf"
host=$(hostname -s)

# --- munge: a key readable only by munge, its run and log folders, the daemon as user munge.
if [ ! -s /etc/munge/munge.key ]; then mungekey --create; fi
chown munge:munge /etc/munge/munge.key && chmod 400 /etc/munge/munge.key
mkdir -p /run/munge /var/log/munge /var/lib/munge
chown munge:munge /run/munge /var/log/munge /var/lib/munge
if [ -s /run/munge/munged.pid ] && kill -0 "$(cat /run/munge/munged.pid)" 2>/dev/null; then
    echo "munged already running (pid $(cat /run/munge/munged.pid)); left as it is" >&2
else
    su -s /bin/sh munge -c /usr/sbin/munged
    cp /run/munge/munged.pid "$SLURM_DIR/munged.started-here.pid"
fi
munge -n | unmunge >/dev/null || { echo "error: munge does not round-trip a credential (munge -n | unmunge)" >&2; exit 1; }

# --- slurm.conf: this host as controller and only node.
node=$(slurmd -C | head -n 1)   # NodeName=<host> CPUs=… Boards=… … RealMemory=…
case "$node" in NodeName=*) ;; *) echo "error: slurmd -C printed '$node'" >&2; exit 1 ;; esac
cat > "$conf" <<CONF
# Written by Tools/slurm/start-single-node.sh: a one-node cluster for testing, no cgroups.
ClusterName=retina-local
SlurmctldHost=$host
AuthType=auth/munge
SlurmUser=root
SlurmdUser=root
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/filetxt
JobCompLoc=$SLURM_DIR/jobcomp.log
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
MpiDefault=none
ReturnToService=2
MailProg=/bin/true
StateSaveLocation=$SLURM_DIR/state
SlurmdSpoolDir=$SLURM_DIR/spool
SlurmctldPidFile=$SLURM_DIR/slurmctld.pid
SlurmdPidFile=$SLURM_DIR/slurmd.pid
SlurmctldLogFile=$SLURM_DIR/slurmctld.log
SlurmdLogFile=$SLURM_DIR/slurmd.log
$node State=UNKNOWN
PartitionName=local Nodes=$host Default=YES MaxTime=INFINITE State=UP
CONF
export SLURM_CONF="$conf"

# --- the daemons (both fork into the background and write their pid files).
slurmctld -f "$conf" -L "$SLURM_DIR/slurmctld.log"
slurmd -f "$conf" -L "$SLURM_DIR/slurmd.log"

for _ in $(seq 1 60); do
    state=$(sinfo -h -o %T 2>/dev/null | head -n 1 || true)
    if [ "$state" = idle ]; then
        echo "slurm: node $host idle (config $conf)" >&2
        echo "export SLURM_CONF=$conf"
        exit 0
    fi
    sleep 0.5
done
echo "error: the node did not become idle within 30 s (state '${state:-none}'); see $SLURM_DIR/slurmctld.log and slurmd.log" >&2
exit 1
