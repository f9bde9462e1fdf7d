#!/usr/bin/env bash
# Starts a Flink 1.19 session cluster on 127.0.0.1 from voicegen's own shaded jar: a JobManager
# (REST on 8081) and a TaskManager process. Returns when the TaskManager has registered.
#   run-configs/flink-cluster/start.sh                 JobManager + one TaskManager
#   run-configs/flink-cluster/start.sh taskmanager     one more TaskManager (e.g. after one died)
# Environment (all optional):
#   VOICEGEN_JAR        the jar to run (default pipeline/target/voicegen.jar, built when missing)
#   FLINK_CLUSTER_DIR   pid files and logs (default /tmp/voicegen-flink-cluster)
#   FLINK_REST_PORT, FLINK_RPC_PORT, FLINK_BLOB_PORT   ports (default 8081, 6123, 6124)
#   FLINK_TM_JAVA_OPTS  extra JVM options for TaskManagers
#   FLINK_TM_JVM_MEMORY the TaskManager's -Xmx/-XX:MaxDirectMemorySize/-XX:MaxMetaspaceSize, matching
#                       the memory sizes of the configuration (default: those of flink-conf.yaml here)
#   FLINK_CONF_DIR      another configuration folder (run-configs/flink-gpu for GPU workers)
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
HOME_DIR="$(cd "$HERE/../.." && pwd)"
# TaskManagers load the models: their native memory on huge pages, as bin/voicegen's
. "$HOME_DIR/bin/native-env.sh"
JAR="${VOICEGEN_JAR:-$HOME_DIR/pipeline/target/voicegen.jar}"
CONF_DIR="${FLINK_CONF_DIR:-$HERE}"
STATE="${FLINK_CLUSTER_DIR:-/tmp/voicegen-flink-cluster}"
REST_PORT="${FLINK_REST_PORT:-8081}"
RPC_PORT="${FLINK_RPC_PORT:-6123}"
BLOB_PORT="${FLINK_BLOB_PORT:-6124}"
WHAT="${1:-all}"
# what Flink's own scripts open on Java 17 (env.java.opts.all of Flink 1.19's default configuration)
JAVA17_OPENS=(--add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.net=ALL-UNNAMED
  --add-opens=java.base/java.io=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED
  --add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/java.lang.reflect=ALL-UNNAMED
  --add-opens=java.base/java.text=ALL-UNNAMED --add-opens=java.base/java.time=ALL-UNNAMED
  --add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.util.concurrent=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent.locks=ALL-UNNAMED
  --add-exports=java.base/sun.net.util=ALL-UNNAMED --add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED)
DYNAMIC=(-D "rest.port=$REST_PORT" -D "jobmanager.rpc.port=$RPC_PORT" -D "blob.server.port=$BLOB_PORT")

if [ ! -f "$JAR" ]; then
  echo "start.sh: building $JAR ..." >&2
  (cd "$HOME_DIR" && mvn -q -B -DskipTests install) >&2
fi
# the cluster's temporary files (Flink's io.tmp.dirs, espeak-ng's WAVs, s3a buffers) stay in
# $STATE/tmp: a killed TaskManager's leftovers are removed by stop.sh, not left in /tmp
mkdir -p "$STATE/logs" "$STATE/tmp"

start_jobmanager() {
  if [ -f "$STATE/jobmanager.pid" ] && kill -0 "$(cat "$STATE/jobmanager.pid")" 2>/dev/null; then
    echo "start.sh: a JobManager is already running (pid $(cat "$STATE/jobmanager.pid"))" >&2
    exit 1
  fi
  java -Xms640m -Xmx640m -XX:MaxMetaspaceSize=256m "${JAVA17_OPENS[@]}" -Djava.io.tmpdir="$STATE/tmp" \
    -Dvoicegen.logDir="$STATE/logs/jobmanager" -Dlog.file="$STATE/logs/jobmanager.log" \
    -cp "$JAR" org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint \
    --configDir "$CONF_DIR" "${DYNAMIC[@]}" \
    >"$STATE/logs/jobmanager.out" 2>&1 &
  echo $! >"$STATE/jobmanager.pid"
  for _ in $(seq 1 120); do
    if curl -sf "http://127.0.0.1:$REST_PORT/config" >/dev/null 2>&1; then
      return 0
    fi
    kill -0 "$(cat "$STATE/jobmanager.pid")" 2>/dev/null || {
      echo "start.sh: the JobManager exited; see $STATE/logs/jobmanager.out" >&2
      exit 1
    }
    sleep 1
  done
  echo "start.sh: the JobManager's REST API did not answer on $REST_PORT; see $STATE/logs" >&2
  exit 1
}

start_taskmanager() {
  local n
  n=1
  while [ -e "$STATE/taskmanager-$n.pid" ] || [ -e "$STATE/logs/taskmanager-$n.out" ]; do n=$((n + 1)); done
  # heap = framework + task heap, direct = framework + task off-heap + network (flink-conf.yaml)
  java ${FLINK_TM_JVM_MEMORY:--Xms1024m -Xmx1024m -XX:MaxDirectMemorySize=576m -XX:MaxMetaspaceSize=256m} \
    "${JAVA17_OPENS[@]}" -Djava.io.tmpdir="$STATE/tmp" ${FLINK_TM_JAVA_OPTS:-} \
    -Dvoicegen.logDir="$STATE/logs/taskmanager-$n" -Dlog.file="$STATE/logs/taskmanager-$n.log" \
    -cp "$JAR" org.apache.flink.runtime.taskexecutor.TaskManagerRunner \
    --configDir "$CONF_DIR" "${DYNAMIC[@]}" \
    >"$STATE/logs/taskmanager-$n.out" 2>&1 &
  echo $! >"$STATE/taskmanager-$n.pid"
  for _ in $(seq 1 120); do
    # its own log says so: counting TaskManagers races with the JobManager dropping a dead one
    if grep -q "Successful registration at resource manager" "$STATE/logs/taskmanager-$n.out" 2>/dev/null; then
      echo "start.sh: TaskManager $n (pid $(cat "$STATE/taskmanager-$n.pid")) registered;" \
        "REST on http://127.0.0.1:$REST_PORT" >&2
      return 0
    fi
    kill -0 "$(cat "$STATE/taskmanager-$n.pid")" 2>/dev/null || {
      echo "start.sh: TaskManager $n exited; see $STATE/logs/taskmanager-$n.out" >&2
      exit 1
    }
    sleep 1
  done
  echo "start.sh: TaskManager $n did not register within 120 s; see $STATE/logs" >&2
  exit 1
}

case "$WHAT" in
  all) start_jobmanager; start_taskmanager ;;
  jobmanager) start_jobmanager ;;
  taskmanager) start_taskmanager ;;
  *) echo "usage: start.sh [all|jobmanager|taskmanager]" >&2; exit 2 ;;
esac
