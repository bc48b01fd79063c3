#!/usr/bin/env bash
# Local single-node Apache Kafka broker (KRaft combined mode, 127.0.0.1) for Talkwatch tests and CI.
# Jars come from Maven Central via scripts/kafka/pom.xml; no Docker, no tarball. See docs/kafka.md.
#
# Usage: bash scripts/kafka.sh start|stop|status|restart|logs [-f|N]
#
# Environment (all optional):
#   KAFKA_PORT=19092             broker (PLAINTEXT) port on 127.0.0.1
#   KAFKA_CONTROLLER_PORT=19093  KRaft controller port on 127.0.0.1
#   KAFKA_VERSION                org.apache.kafka:kafka_2.13 version to fetch and run (4.x); default:
#                                <kafka.version> in scripts/kafka/pom.xml, the single place to bump it
#   KAFKA_DATA_DIR=.kafka/data   broker data (log.dirs); relative paths are taken from the current dir
#   KAFKA_STATE_DIR=.kafka       pid, config and logs of this broker: another one lets a second broker
#                                (the fault drills' own) run beside the project's
#   KAFKA_FRESH=1                start: stop our broker if running, wipe the data dir, format anew
#   KAFKA_HEAP_OPTS="-Xms512m -Xmx512m"   JVM heap
#   KAFKA_OPTS=                  extra JVM options
#   KAFKA_START_TIMEOUT=90       seconds to wait for the broker to answer
#   KAFKA_STOP_TIMEOUT=30        seconds to wait after SIGTERM before SIGKILL
#
# Exit codes: 0 ok; 1 error; 2 usage; 3 (status) not running / not answering.
set -euo pipefail

SCRIPT_DIR=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd -P)
ROOT=$(cd -- "$SCRIPT_DIR/.." && pwd -P)

POM=$SCRIPT_DIR/kafka/pom.xml
if [[ -z ${KAFKA_VERSION:-} ]]; then
  KAFKA_VERSION=$(sed -n 's:.*<kafka\.version>\([^<]*\)</kafka\.version>.*:\1:p' "$POM" | head -n 1)
fi
KAFKA_PORT=${KAFKA_PORT:-19092}
KAFKA_CONTROLLER_PORT=${KAFKA_CONTROLLER_PORT:-19093}
KAFKA_HEAP_OPTS=${KAFKA_HEAP_OPTS:--Xms512m -Xmx512m}
KAFKA_OPTS=${KAFKA_OPTS:-}
KAFKA_START_TIMEOUT=${KAFKA_START_TIMEOUT:-90}
KAFKA_STOP_TIMEOUT=${KAFKA_STOP_TIMEOUT:-30}
case ${KAFKA_FRESH:-0} in
  1 | true | yes) KAFKA_FRESH=1 ;;
  *) KAFKA_FRESH=0 ;;
esac

STATE_DIR=${KAFKA_STATE_DIR:-$ROOT/.kafka}
case $STATE_DIR in
  /*) ;;
  *) STATE_DIR=$PWD/$STATE_DIR ;;
esac
LOG_DIR=$STATE_DIR/logs
PID_FILE=$STATE_DIR/kafka.pid
RUN_INFO=$STATE_DIR/kafka.run
CONF_FILE=$STATE_DIR/server.properties
LOCK_FILE=$STATE_DIR/kafka.lock
SERVER_LOG=$LOG_DIR/server.log
CONSOLE_LOG=$LOG_DIR/kafka.out

DATA_DIR=${KAFKA_DATA_DIR:-$STATE_DIR/data}
case $DATA_DIR in
  /*) ;;
  *) DATA_DIR=$PWD/$DATA_DIR ;;
esac

CACHE_DIR=$ROOT/.cache/kafka/$KAFKA_VERSION
LIBS_DIR=$CACHE_DIR/libs
LIBS_MARKER=$LIBS_DIR/.complete
LOG4J_CONF=$SCRIPT_DIR/kafka/log4j2.xml
PROBE=$SCRIPT_DIR/kafka/probe.mjs

# Marker on the broker's command line: lets stop/status tell our JVM from an unrelated process that
# happens to reuse a recorded PID.
PROC_MARKER="-Dtalkwatch.kafka.state=$STATE_DIR"

log() { printf 'kafka: %s\n' "$*"; }
warn() { printf 'kafka: warning: %s\n' "$*" >&2; }
die() {
  printf 'kafka: error: %s\n' "$*" >&2
  exit 1
}

usage() {
  sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d' | sed 's/^# \{0,1\}//'
}

is_uint() { [[ $1 =~ ^[0-9]+$ ]]; }

check_env() {
  [[ -n $KAFKA_VERSION ]] || die "no <kafka.version> in $POM and KAFKA_VERSION is not set"
  is_uint "$KAFKA_PORT" || die "KAFKA_PORT must be a port number (got '$KAFKA_PORT')"
  is_uint "$KAFKA_CONTROLLER_PORT" || die "KAFKA_CONTROLLER_PORT must be a port number (got '$KAFKA_CONTROLLER_PORT')"
  [[ $KAFKA_PORT != "$KAFKA_CONTROLLER_PORT" ]] || die "KAFKA_PORT and KAFKA_CONTROLLER_PORT must differ"
  is_uint "$KAFKA_START_TIMEOUT" || die "KAFKA_START_TIMEOUT must be whole seconds"
  is_uint "$KAFKA_STOP_TIMEOUT" || die "KAFKA_STOP_TIMEOUT must be whole seconds"
  # 3.x would need reload4j + slf4j-reload4j and a Log4j 1 config instead of log4j2.xml (docs/kafka.md)
  [[ $KAFKA_VERSION == 4.* ]] || die "KAFKA_VERSION=$KAFKA_VERSION: scripts/kafka/pom.xml and log4j2.xml are set up for Kafka 4.x only"
}

# --- processes ------------------------------------------------------------------------------------

read_pid() {
  local pid=''
  if [[ -f $PID_FILE ]]; then
    pid=$(tr -cd '0-9' <"$PID_FILE")
  fi
  printf '%s' "$pid"
}

# True when $1 is a live process whose command line carries our marker.
is_ours() {
  local pid=$1 args
  [[ -n $pid ]] || return 1
  alive "$pid" || return 1
  args=$(ps -ww -o args= -p "$pid" 2>/dev/null) || return 1
  [[ $args == *"$PROC_MARKER"* ]]
}

run_info() { # key -> value recorded at start (port, controller_port, version, data_dir)
  local key=$1
  [[ -f $RUN_INFO ]] || return 0
  sed -n "s/^${key}=//p" "$RUN_INFO" | head -n 1
}

port_open() {
  (: <"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

have_probe() {
  command -v node >/dev/null 2>&1 && [[ -d $ROOT/node_modules/kafkajs ]]
}

# Port open AND a metadata request (describeCluster) succeeds. Prints the probe's one-line summary.
answers() {
  local port=$1
  port_open "$port" || return 1
  if have_probe; then
    node "$PROBE" "$port" 3000 2>/dev/null
  else
    printf 'port %s open (node/kafkajs not installed: metadata not checked)\n' "$port"
  fi
}

# Size of server.log before this start, so failures show only what this run wrote.
LOG_OFFSET=0
mark_log() {
  LOG_OFFSET=0
  if [[ -f $SERVER_LOG ]]; then
    LOG_OFFSET=$(wc -c <"$SERVER_LOG" | tr -d ' ')
  fi
}

show_log_tail() {
  local n=${1:-60} size=0
  if [[ -f $SERVER_LOG ]]; then
    size=$(wc -c <"$SERVER_LOG" | tr -d ' ')
  fi
  if ((size < LOG_OFFSET)); then LOG_OFFSET=0; fi # rolled over
  if ((size > LOG_OFFSET)); then
    printf -- '----- last %s lines this run wrote to %s -----\n' "$n" "$SERVER_LOG" >&2
    tail -c +"$((LOG_OFFSET + 1))" "$SERVER_LOG" | tail -n "$n" >&2
  else
    printf -- '----- nothing new in %s -----\n' "$SERVER_LOG" >&2
  fi
  if [[ -s $CONSOLE_LOG ]]; then
    printf -- '----- last 20 lines of %s (JVM stdout/stderr) -----\n' "$CONSOLE_LOG" >&2
    tail -n 20 "$CONSOLE_LOG" >&2
  fi
  printf -- '-----\n' >&2
}

# Serialise start/stop of concurrent callers (e.g. parallel test jobs). fd 9 is closed for children.
take_lock() {
  mkdir -p "$STATE_DIR"
  command -v flock >/dev/null 2>&1 || return 0 # e.g. macOS without util-linux: no locking
  exec 9>"$LOCK_FILE"
  if ! flock -w 300 9; then
    die "another scripts/kafka.sh is busy (lock $LOCK_FILE held for 300 s)"
  fi
}

# Alive and not a zombie (a reaped-late zombie still answers kill -0).
alive() {
  local stat
  kill -0 "$1" 2>/dev/null || return 1
  stat=$(ps -o stat= -p "$1" 2>/dev/null) || return 1
  [[ -n $stat && $stat != Z* ]]
}

# SIGTERM, wait, SIGKILL. Only for a PID that is_ours.
terminate() {
  local pid=$1 waited=0 killed=0
  log "stopping broker (pid $pid, SIGTERM)"
  kill -TERM "$pid" 2>/dev/null || true
  while alive "$pid"; do
    if ((killed == 0 && waited >= KAFKA_STOP_TIMEOUT * 10)); then
      warn "broker still alive after ${KAFKA_STOP_TIMEOUT}s, sending SIGKILL"
      kill -KILL "$pid" 2>/dev/null || true
      killed=$waited
    elif ((killed > 0 && waited - killed >= 100)); then
      die "pid $pid survived SIGKILL for 10s"
    fi
    sleep 0.1
    waited=$((waited + 1))
  done
  rm -f "$PID_FILE"
  log "stopped after $(awk "BEGIN { printf \"%.1f\", $waited / 10 }")s"
}

# --- jars -----------------------------------------------------------------------------------------

libs_stamp() {
  local sum
  if command -v sha256sum >/dev/null 2>&1; then
    sum=$(sha256sum "$POM")
  else
    sum=$(shasum -a 256 "$POM")
  fi
  printf 'kafka_2.13=%s pom-sha256=%s\n' "$KAFKA_VERSION" "${sum%% *}"
}

ensure_libs() {
  local stamp tmp started=$SECONDS
  stamp=$(libs_stamp)
  if [[ -f $LIBS_MARKER && -f $LIBS_DIR/kafka_2.13-$KAFKA_VERSION.jar && "$(cat "$LIBS_MARKER")" == "$stamp" ]]; then
    return 0
  fi
  command -v mvn >/dev/null 2>&1 || die "Maven (mvn) is needed to fetch Kafka $KAFKA_VERSION jars; install it or fill $LIBS_DIR"
  log "fetching org.apache.kafka:kafka_2.13:$KAFKA_VERSION and runtime deps with Maven into ${LIBS_DIR#"$ROOT"/}"
  mkdir -p "$CACHE_DIR"
  tmp=$CACHE_DIR/libs.tmp.$$
  rm -rf "$tmp"
  if ! mvn -B -Dstyle.color=never -f "$POM" \
    -Dkafka.version="$KAFKA_VERSION" \
    dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory="$tmp" \
    </dev/null >"$CACHE_DIR/maven.log" 2>&1 9>&-; then
    rm -rf "$tmp"
    grep -E '\[(ERROR|WARNING)\]' "$CACHE_DIR/maven.log" | head -n 30 >&2 || tail -n 30 "$CACHE_DIR/maven.log" >&2
    die "Maven could not fetch Kafka $KAFKA_VERSION (network? does the version exist?); full output in $CACHE_DIR/maven.log"
  fi
  [[ -f $tmp/kafka_2.13-$KAFKA_VERSION.jar ]] || {
    rm -rf "$tmp"
    die "Maven finished but kafka_2.13-$KAFKA_VERSION.jar is missing"
  }
  printf '%s\n' "$stamp" >"$tmp/.complete"
  rm -rf "$LIBS_DIR"
  mv "$tmp" "$LIBS_DIR"
  log "fetched $(find "$LIBS_DIR" -name '*.jar' | wc -l | tr -d ' ') jars in $((SECONDS - started))s"
}

# --- java -----------------------------------------------------------------------------------------

JAVA=
find_java() {
  if [[ -n ${JAVA_HOME:-} && -x $JAVA_HOME/bin/java ]]; then
    JAVA=$JAVA_HOME/bin/java
  else
    JAVA=$(command -v java || true)
  fi
  [[ -n $JAVA ]] || die "java not found (Kafka $KAFKA_VERSION needs Java 17+); set JAVA_HOME or PATH"
  local version major
  version=$("$JAVA" -version 2>&1 | sed -n 's/.*version "\([^"]*\)".*/\1/p' | head -n 1)
  major=${version%%.*}
  if [[ $major == 1 ]]; then major=$(cut -d. -f2 <<<"$version"); fi
  if [[ $KAFKA_VERSION == 4.* ]] && is_uint "$major" && ((major < 17)); then
    die "Kafka $KAFKA_VERSION needs Java 17+, found $version at $JAVA"
  fi
}

jvm_opts() { # fills array JVM_OPTS
  local heap=() extra=()
  read -r -a heap <<<"$KAFKA_HEAP_OPTS"
  read -r -a extra <<<"$KAFKA_OPTS"
  JVM_OPTS=(
    "$PROC_MARKER"
    "${heap[@]}"
    -server -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:InitiatingHeapOccupancyPercent=35
    -XX:+ExplicitGCInvokesConcurrent -XX:+ExitOnOutOfMemoryError
    -Djava.awt.headless=true
    "-Dkafka.logs.dir=$LOG_DIR"
    "-Dlog4j2.configurationFile=$LOG4J_CONF"
    "${extra[@]}"
  )
}

# --- config and storage ---------------------------------------------------------------------------

write_config() {
  mkdir -p "$LOG_DIR"
  cat >"$CONF_FILE" <<EOF
# Generated by scripts/kafka.sh on each start; edit the script, not this file.
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:${KAFKA_CONTROLLER_PORT}
listeners=PLAINTEXT://127.0.0.1:${KAFKA_PORT},CONTROLLER://127.0.0.1:${KAFKA_CONTROLLER_PORT}
advertised.listeners=PLAINTEXT://127.0.0.1:${KAFKA_PORT}
inter.broker.listener.name=PLAINTEXT
controller.listener.names=CONTROLLER
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
log.dirs=${DATA_DIR}

# single node: every internal topic at replication factor 1 / min ISR 1
# (otherwise consumer groups fail with "group coordinator is not available")
default.replication.factor=1
min.insync.replicas=1
offsets.topic.replication.factor=1
offsets.topic.num.partitions=10
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
transaction.state.log.num.partitions=10
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1

# tests: groups form at once; applications create their topics with the admin client
group.initial.rebalance.delay.ms=0
auto.create.topics.enable=false
delete.topic.enable=true
num.partitions=1
num.network.threads=2
num.io.threads=4
log.retention.hours=168
EOF
}

format_storage_if_needed() {
  if [[ -f $DATA_DIR/meta.properties ]]; then
    return 0
  fi
  if [[ -d $DATA_DIR ]] && [[ -n "$(ls -A "$DATA_DIR")" ]]; then
    die "$DATA_DIR is not empty but has no meta.properties; refusing to format it (use KAFKA_FRESH=1 or another KAFKA_DATA_DIR)"
  fi
  mkdir -p "$DATA_DIR"
  local cluster_id
  cluster_id=$("$JAVA" -cp "$LIBS_DIR/*" "-Dlog4j2.configurationFile=$LOG4J_CONF" "-Dkafka.logs.dir=$LOG_DIR" \
    kafka.tools.StorageTool random-uuid 9>&- 2>>"$LOG_DIR/format.log" | tail -n 1)
  [[ $cluster_id =~ ^[A-Za-z0-9_-]{22}$ ]] || die "StorageTool random-uuid returned '$cluster_id' (see $LOG_DIR/format.log)"
  log "formatting ${DATA_DIR} (cluster id $cluster_id)"
  if ! "$JAVA" -cp "$LIBS_DIR/*" "-Dlog4j2.configurationFile=$LOG4J_CONF" "-Dkafka.logs.dir=$LOG_DIR" \
    kafka.tools.StorageTool format -t "$cluster_id" -c "$CONF_FILE" 9>&- >>"$LOG_DIR/format.log" 2>&1; then
    tail -n 20 "$LOG_DIR/format.log" >&2
    die "formatting $DATA_DIR failed (see $LOG_DIR/format.log)"
  fi
}

wipe_data() {
  [[ -d $DATA_DIR ]] || return 0
  case $DATA_DIR in
    / | "$HOME" | "$ROOT" | "$STATE_DIR") die "refusing to wipe $DATA_DIR" ;;
  esac
  if [[ ! -f $DATA_DIR/meta.properties ]] && [[ -n "$(ls -A "$DATA_DIR")" ]]; then
    die "refusing to wipe $DATA_DIR: not a Kafka data dir (no meta.properties)"
  fi
  log "KAFKA_FRESH=1: wiping $DATA_DIR"
  rm -rf "$DATA_DIR"
}

# --- commands -------------------------------------------------------------------------------------

# Wait for pid $1 to answer on port $2; on failure stop it, print the log tail, exit 1.
wait_ready() {
  local pid=$1 port=$2 started=$3 deadline summary warmed
  deadline=$((started + KAFKA_START_TIMEOUT))
  while :; do
    if ! alive "$pid"; then
      rm -f "$PID_FILE"
      show_log_tail 60
      die "broker process $pid exited during startup"
    fi
    if summary=$(answers "$port"); then
      if have_probe; then
        # wake the group and producer-id/transaction coordinators so the first test does not hit
        # "coordinator is loading" retries on a fresh data dir
        if warmed=$(node "$PROBE" "$port" 3000 --warmup 2>&1); then
          summary=$warmed
        else
          warn "coordinator warm-up failed, continuing (the broker answers): $warmed"
        fi
      fi
      log "Kafka $KAFKA_VERSION ready on 127.0.0.1:$port (pid $pid) in $((SECONDS - started))s: $summary"
      return 0
    fi
    if ((SECONDS >= deadline)); then
      show_log_tail 60
      warn "broker did not answer on 127.0.0.1:$port within ${KAFKA_START_TIMEOUT}s; stopping it"
      terminate "$pid" >&2 || true
      die "start timed out (raise KAFKA_START_TIMEOUT or check the log above)"
    fi
    sleep 0.5
  done
}

cmd_start() {
  check_env
  local started=$SECONDS pid running_port running_data running_version summary
  take_lock

  pid=$(read_pid)
  if is_ours "$pid"; then
    running_port=$(run_info port)
    running_port=${running_port:-$KAFKA_PORT}
    running_data=$(run_info data_dir)
    running_version=$(run_info version)
    if [[ $KAFKA_FRESH == 1 ]]; then
      terminate "$pid"
    elif [[ $running_port != "$KAFKA_PORT" ]]; then
      die "our broker (pid $pid) already runs on port $running_port, not $KAFKA_PORT; run 'bash scripts/kafka.sh stop' first"
    elif [[ -n $running_data && $running_data != "$DATA_DIR" ]]; then
      die "our broker (pid $pid) already runs with data dir $running_data, not $DATA_DIR; run 'bash scripts/kafka.sh stop' first"
    elif summary=$(answers "$running_port"); then
      if [[ -n $running_version && $running_version != "$KAFKA_VERSION" ]]; then
        warn "the running broker is Kafka $running_version, not KAFKA_VERSION=$KAFKA_VERSION (stop it to switch)"
      fi
      log "already running on 127.0.0.1:$running_port (pid $pid), reusing it: $summary"
      return 0
    else
      log "broker pid $pid is running but not answering yet; waiting"
      wait_ready "$pid" "$running_port" "$started"
      return 0
    fi
  elif [[ -n $pid ]]; then
    log "removing stale pid file (pid $pid is gone)"
    rm -f "$PID_FILE"
  fi

  if port_open "$KAFKA_PORT"; then
    if summary=$(answers "$KAFKA_PORT"); then
      [[ $KAFKA_FRESH != 1 ]] || die "KAFKA_FRESH=1 but the broker on port $KAFKA_PORT was not started by this script (no pid in $PID_FILE); stop it first"
      warn "a Kafka broker not started by this script answers on 127.0.0.1:$KAFKA_PORT; reusing it ($summary)"
      return 0
    fi
    die "port $KAFKA_PORT is in use by something that is not a Kafka broker; set KAFKA_PORT"
  fi
  if port_open "$KAFKA_CONTROLLER_PORT"; then
    die "controller port $KAFKA_CONTROLLER_PORT is in use; set KAFKA_CONTROLLER_PORT"
  fi

  if [[ $KAFKA_FRESH == 1 ]]; then
    wipe_data
  fi
  find_java
  ensure_libs
  write_config
  format_storage_if_needed

  local JVM_OPTS=()
  jvm_opts
  : >"$CONSOLE_LOG"
  mark_log
  log "starting Kafka $KAFKA_VERSION (KRaft, node 1) on 127.0.0.1:$KAFKA_PORT, controller :$KAFKA_CONTROLLER_PORT, data ${DATA_DIR}"
  local launcher=(nohup)
  if command -v setsid >/dev/null 2>&1; then
    launcher+=(setsid)
  fi
  # Detached: own session, stdin closed, output to a file, lock fd closed so it is not held by the JVM.
  "${launcher[@]}" "$JAVA" "${JVM_OPTS[@]}" -cp "$LIBS_DIR/*" kafka.Kafka "$CONF_FILE" \
    </dev/null >>"$CONSOLE_LOG" 2>&1 9>&- &
  pid=$!
  printf '%s\n' "$pid" >"$PID_FILE"
  printf 'port=%s\ncontroller_port=%s\nversion=%s\ndata_dir=%s\n' \
    "$KAFKA_PORT" "$KAFKA_CONTROLLER_PORT" "$KAFKA_VERSION" "$DATA_DIR" >"$RUN_INFO"
  wait_ready "$pid" "$KAFKA_PORT" "$started"
}

cmd_stop() {
  check_env
  local pid port
  take_lock
  pid=$(read_pid)
  if is_ours "$pid"; then
    terminate "$pid"
    return 0
  fi
  if [[ -n $pid ]]; then
    log "not running (removing stale pid file for pid $pid)"
    rm -f "$PID_FILE"
  else
    log "not running (no $PID_FILE)"
  fi
  port=$(run_info port)
  port=${port:-$KAFKA_PORT}
  if port_open "$port"; then
    warn "something still listens on 127.0.0.1:$port but was not started by this script; left alone"
  fi
  return 0
}

cmd_status() {
  check_env
  local pid port summary
  pid=$(read_pid)
  if is_ours "$pid"; then
    port=$(run_info port)
    port=${port:-$KAFKA_PORT}
    if summary=$(answers "$port"); then
      log "running: Kafka $(run_info version) on 127.0.0.1:$port (pid $pid, data $(run_info data_dir)): $summary"
      return 0
    fi
    log "pid $pid is running but not answering on 127.0.0.1:$port (starting, or unhealthy: bash scripts/kafka.sh logs)"
    return 3
  fi
  if summary=$(answers "$KAFKA_PORT"); then
    log "a broker not started by this script answers on 127.0.0.1:$KAFKA_PORT: $summary"
    return 0
  fi
  log "not running"
  return 3
}

cmd_logs() {
  local arg=${1:-200}
  [[ -f $SERVER_LOG ]] || die "no log yet at $SERVER_LOG"
  if [[ $arg == -f ]]; then
    exec tail -n 50 -F "$SERVER_LOG"
  fi
  is_uint "$arg" || die "usage: kafka.sh logs [-f|N]"
  tail -n "$arg" "$SERVER_LOG"
}

main() {
  local cmd=${1:-}
  shift || true
  case $cmd in
    start) cmd_start ;;
    stop) cmd_stop ;;
    restart)
      cmd_stop
      exec 9>&-
      cmd_start
      ;;
    status) cmd_status ;;
    logs) cmd_logs "$@" ;;
    -h | --help | help) usage ;;
    *)
      [[ -z $cmd ]] || printf 'kafka: unknown command: %s\n\n' "$cmd" >&2
      usage >&2
      exit 2
      ;;
  esac
}

main "$@"
