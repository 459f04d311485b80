#!/usr/bin/env bash
# A real Apache Kafka broker for tests and trials: one KRaft node on loopback.
#
#   scripts/kafka.sh start    fetch the server jars (once), format (once), start, wait until it answers
#   scripts/kafka.sh stop     stop it cleanly
#   scripts/kafka.sh status   say whether it runs
#
# The jars are Apache Kafka's own (org.apache.kafka:kafka_2.13, see scripts/kafka/pom.xml),
# fetched from Maven Central into .kafka/lib-<version>. Kafka 4.4.0, the newest 4.x, works
# with Debian's librdkafka 2.0.2 (transactional producer, read_committed consumer, admin
# API), so we use it.
# Settings: HUZHU_KAFKA_PORT (default 19092; the controller uses the next port),
# HUZHU_KAFKA_VERSION (default 4.4.0).
set -euo pipefail
cd "$(dirname "$0")/.."
PORT="${HUZHU_KAFKA_PORT:-19092}"
CONTROLLER_PORT=$((PORT + 1))
VERSION="${HUZHU_KAFKA_VERSION:-4.4.0}"
LIB="$PWD/.kafka/lib-$VERSION"
ROOT="$PWD/.kafka/$PORT"  # one broker per port: tests may run a second one
DATA="$ROOT/data"
PIDFILE="$ROOT/broker.pid"
LOG="$ROOT/broker.log"

fetch_jars() {
  [ -f "$LIB/.complete" ] && return 0
  command -v mvn >/dev/null || { echo "kafka.sh: Maven (mvn) is needed to fetch the broker" >&2; exit 1; }
  command -v java >/dev/null || { echo "kafka.sh: Java 17+ is needed to run the broker" >&2; exit 1; }
  echo "kafka.sh: fetching Apache Kafka $VERSION's server jars from Maven Central" >&2
  rm -rf "$LIB"
  mvn -q -B -f scripts/kafka/pom.xml dependency:copy-dependencies \
    -Dkafka.version="$VERSION" -DoutputDirectory="$LIB" -DincludeScope=runtime >&2
  touch "$LIB/.complete"
}

write_config() {
  mkdir -p "$ROOT"
  cat > "$ROOT/server.properties" <<CONF
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$CONTROLLER_PORT
listeners=PLAINTEXT://127.0.0.1:$PORT,CONTROLLER://127.0.0.1:$CONTROLLER_PORT
advertised.listeners=PLAINTEXT://127.0.0.1:$PORT
controller.listener.names=CONTROLLER
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
log.dirs=$DATA
num.partitions=1
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
group.initial.rebalance.delay.ms=0
CONF
}

running() { [ -f "$PIDFILE" ] && kill -0 "$(cat "$PIDFILE")" 2>/dev/null; }

port_answers() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

wait_port() {
  for _ in $(seq 1 120); do
    # Our own broker must be the one answering.
    if port_answers "$PORT" && running; then sleep 1; running && return 0; fi
    running || { echo "kafka.sh: the broker died; see $LOG" >&2; tail -20 "$LOG" >&2; exit 1; }
    sleep 0.5
  done
  echo "kafka.sh: the broker did not answer on port $PORT within 60 s; see $LOG" >&2
  exit 1
}

start() {
  if running; then echo "kafka.sh: already running (pid $(cat "$PIDFILE")) on 127.0.0.1:$PORT"; return 0; fi
  if port_answers "$PORT" || port_answers "$CONTROLLER_PORT"; then
    echo "kafka.sh: port $PORT or $CONTROLLER_PORT is taken by another process; set HUZHU_KAFKA_PORT" >&2
    exit 1
  fi
  fetch_jars
  mkdir -p "$ROOT"
  write_config
  # A stopped broker starts again on its data (the topics are the record); a new
  # one is formatted first.
  if [ ! -f "$DATA/meta.properties" ]; then
    local id
    id=$(java -cp "$LIB/*" kafka.tools.StorageTool random-uuid 2>/dev/null | tail -1)
    java -cp "$LIB/*" kafka.tools.StorageTool format -t "$id" -c "$ROOT/server.properties" >"$LOG" 2>&1
  fi
  nohup java -Xms256m -Xmx768m -cp "$LIB/*" kafka.Kafka "$ROOT/server.properties" >>"$LOG" 2>&1 &
  echo $! > "$PIDFILE"
  wait_port
  echo "kafka.sh: broker running on 127.0.0.1:$PORT (pid $(cat "$PIDFILE"))"
}

stop() {
  running || { rm -f "$PIDFILE"; echo "kafka.sh: not running"; return 0; }
  local pid
  pid=$(cat "$PIDFILE")
  kill "$pid"
  for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
  kill -0 "$pid" 2>/dev/null && kill -9 "$pid"
  rm -f "$PIDFILE"
  echo "kafka.sh: stopped"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) if running; then echo "running on 127.0.0.1:$PORT"; else echo "not running"; exit 1; fi ;;
  *) echo "usage: scripts/kafka.sh start|stop|status" >&2; exit 2 ;;
esac
