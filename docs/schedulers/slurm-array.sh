#!/usr/bin/env bash
# A folder of map specs (a 1,000-page atlas, say) refreshed as a Slurm job array of 10 tasks. Each task builds its shard, detected from
# SLURM_ARRAY_TASK_ID / SLURM_ARRAY_TASK_COUNT / SLURM_ARRAY_TASK_MIN, and writes its own manifest part; a
# dependent job folds the parts. The folder must be on a file system every node sees.
#   sbatch docs/schedulers/slurm-array.sh
#   sbatch --dependency=afterok:<jobid> --wrap 'sahelmap build --merge Maps'
# The shard selection is tested (Tests/BuildTests/ShardTests); this script has not been run on a cluster here. Shards
# split items: the pages of one atlas are dealt round-robin like separate maps.
#SBATCH --job-name=sahelmap-atlas
#SBATCH --array=0-9
#SBATCH --cpus-per-task=2
#SBATCH --mem=4G
#SBATCH --time=00:30:00
set -euo pipefail
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-1640908800}   # reproducible map dates
sahelmap build --jobs "${SLURM_CPUS_PER_TASK:-2}" Maps
