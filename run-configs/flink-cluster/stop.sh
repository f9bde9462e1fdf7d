#!/usr/bin/env bash
# Stops every process start.sh started (TaskManagers, then the JobManager) and waits until they
# are gone: SIGTERM, then SIGKILL after 20 s. Leaves no process behind.
#   FLINK_CLUSTER_DIR   the folder start.sh used (default /tmp/voicegen-flink-cluster)
set -uo pipefail
STATE="${FLINK_CLUSTER_DIR:-/tmp/voicegen-flink-cluster}"
shopt -s nullglob
pids=()
for f in "$STATE"/taskmanager-*.pid "$STATE"/jobmanager.pid; do
  pid="$(cat "$f")"
  if kill -0 "$pid" 2>/dev/null; then
    kill "$pid" 2>/dev/null
    pids+=("$pid")
  fi
  rm -f "$f"
done
for pid in "${pids[@]}"; do
  for _ in $(seq 1 40); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.5
  done
  if kill -0 "$pid" 2>/dev/null; then
    echo "stop.sh: $pid did not stop on SIGTERM; killing it" >&2
    kill -9 "$pid" 2>/dev/null
  fi
done
# temporary files of the stopped processes (also those of a TaskManager that was killed)
rm -rf "$STATE/tmp"
echo "stop.sh: stopped ${#pids[@]} process(es)" >&2
