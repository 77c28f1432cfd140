#!/bin/bash
# Submit a sharded run and its merge:
#
#   RUN_DIR=/shared/medfund/luzhou-seed42 deploy/slurm/submit.sh [simulate options…]
#
# SCENARIO, PATHS, YEARS, SEED and MEDFUND are passed on to the jobs, with
# any further simulate options given here (--set, --shock, --sample,
# --employee-only); SHARDS (default 16) sets the array. The settings are
# kept in $RUN_DIR/medfund-slurm.env, so that deploy/slurm/rerun.sh runs a
# missing shard again with the very same ones. The environment is exported
# explicitly (--export=ALL), so an SBATCH_EXPORT=NONE of the cluster's
# defaults does not leave the jobs without RUN_DIR.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
: "${RUN_DIR:?set RUN_DIR to a folder on shared storage}"
export RUN_DIR SCENARIO=${SCENARIO:-luzhou} PATHS=${PATHS:-1000} YEARS=${YEARS:-10} SEED=${SEED:-42}
export SHARDS=${SHARDS:-16} MEDFUND=${MEDFUND:-medfund}
mkdir -p "$RUN_DIR"
{
    for v in SCENARIO PATHS YEARS SEED SHARDS MEDFUND; do printf '%s=%q\n' "$v" "${!v}"; done
    printf 'ARGS=('; printf '%q ' "$@"; printf ')\n'
} >"$RUN_DIR/medfund-slurm.env"

jobid=$(sbatch --parsable --export=ALL --array="0-$((SHARDS - 1))" "$here/shards.sbatch" "$@")
jobid=${jobid%%;*}   # "id;cluster" on a multi-cluster installation
echo "shards: job array $jobid (0-$((SHARDS - 1)))"
# afterany: the merge runs when every task has ended, however it ended, so
# that a failed or cancelled shard is named (and its re-run shown) in the
# merge's log instead of the merge waiting for ever.
merge=$(sbatch --parsable --export=ALL --dependency="afterany:$jobid" "$here/merge.sbatch")
echo "merge: job ${merge%%;*}, when every task of $jobid has ended"
