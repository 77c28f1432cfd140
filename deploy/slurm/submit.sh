#!/bin/bash
# Submit a sharded run and its merge:
#
#   RUN_DIR=/shared/medfund/luzhou-seed42 deploy/slurm/submit.sh
#
# SCENARIO, PATHS, YEARS, SEED and MEDFUND are passed on to the jobs
# (sbatch exports the environment); SHARDS (default 16) sets the array.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
: "${RUN_DIR:?set RUN_DIR to a folder on shared storage}"
export RUN_DIR
shards=${SHARDS:-16}
mkdir -p "$RUN_DIR"

jobid=$(sbatch --parsable --array="0-$((shards - 1))" "$here/shards.sbatch")
jobid=${jobid%%;*}   # "id;cluster" on a multi-cluster installation
echo "shards: job array $jobid (0-$((shards - 1)))"
merge=$(sbatch --parsable --dependency="afterok:$jobid" "$here/merge.sbatch")
echo "merge: job ${merge%%;*}, after every shard of $jobid succeeds"
