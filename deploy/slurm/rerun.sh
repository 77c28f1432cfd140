#!/bin/bash
# Run shards of a run again, with the settings submit.sh kept, and merge
# again after them:
#
#   deploy/slurm/rerun.sh /shared/medfund/luzhou-seed42 7 [11 …]
#
# The shard count is the run's (MEDFUND_SHARD_COUNT), and the array's task
# ids are the shard indices, so the re-run cannot write a shard of another
# count.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
RUN_DIR=${1:?usage: rerun.sh RUN_DIR SHARD [SHARD…]}
shift
[ $# -gt 0 ] || { echo "usage: rerun.sh RUN_DIR SHARD [SHARD…]" >&2; exit 2; }
env_file="$RUN_DIR/medfund-slurm.env"
[ -f "$env_file" ] || { echo "$env_file: not found (was the run submitted with submit.sh?)" >&2; exit 2; }
# shellcheck disable=SC1090
source "$env_file"
export RUN_DIR SCENARIO PATHS YEARS SEED SHARDS MEDFUND MEDFUND_SHARD_COUNT="$SHARDS"
array=$(IFS=,; echo "$*")
jobid=$(sbatch --parsable --export=ALL --array="$array" "$here/shards.sbatch" "${ARGS[@]}")
jobid=${jobid%%;*}
echo "shards $array of $SHARDS: job array $jobid"
merge=$(sbatch --parsable --export=ALL --dependency="afterany:$jobid" "$here/merge.sbatch")
echo "merge: job ${merge%%;*}, when every task of $jobid has ended"
