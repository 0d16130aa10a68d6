#!/usr/bin/env bash
# Installs (Debian apt) and starts the services the tests need: PostgreSQL, mosquitto and
# Chromium (receiver), and scikit-learn (the import-sklearn test). Idempotent and fast when
# everything is already there.
# Writes connection details to .ci/services.env (sourced by .ci/run, read by the tests).
# Loopback only: PostgreSQL and mosquitto listen on 127.0.0.1.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ENV_FILE="$HERE/services.env"
STATE_DIR="${SERVICES_STATE_DIR:-/tmp/espruino-gestures-services}"
PG_USER=gestures
PG_PASSWORD=gestures
PG_DB=gestures_test
PG_PORT="${PG_PORT:-5432}"
MQTT_PORT="${MQTT_PORT:-1883}"

log() { echo "[services] $*"; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    log "need root (or sudo) for: $*"; return 1; fi
}

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

wait_port() {
  local port=$1 name=$2 i
  for i in $(seq 1 60); do
    if port_open "$port"; then return 0; fi
    sleep 0.5
  done
  log "$name did not start listening on 127.0.0.1:$port"; return 1
}

# --- install what is missing ---------------------------------------------------------
missing=()
command -v pg_ctlcluster >/dev/null && ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1 \
  || missing+=(postgresql)
[ -x /usr/sbin/mosquitto ] || missing+=(mosquitto)
[ -x /usr/bin/chromium ] || missing+=(chromium fonts-liberation fonts-dejavu-core)
# scikit-learn: the import-sklearn test trains forests with it, the training bench compares with it.
/usr/bin/python3 -c 'import sklearn' >/dev/null 2>&1 || missing+=(python3-sklearn)

if [ ${#missing[@]} -gt 0 ]; then
  log "installing: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  as_root apt-get update -qq
  # policy-rc.d 101: the packages' own service starts are skipped (no init system in CI
  # containers); this script starts what it needs itself.
  restore_policy=0
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    as_root sh -c 'printf "#!/bin/sh\nexit 101\n" > /usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d'
    restore_policy=1
  fi
  as_root apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  if [ $restore_policy -eq 1 ]; then as_root rm -f /usr/sbin/policy-rc.d; fi
fi

# --- PostgreSQL ------------------------------------------------------------------------
PG_VERSION="$(ls /usr/lib/postgresql | sort -V | tail -1)"
if ! pg_lsclusters -h | awk '{print $1" "$2}' | grep -q "^$PG_VERSION main$"; then
  log "creating PostgreSQL $PG_VERSION cluster"
  as_root pg_createcluster "$PG_VERSION" main --port "$PG_PORT" >/dev/null
fi
if ! pg_lsclusters -h | awk -v v="$PG_VERSION" '$1==v && $2=="main" {print $4}' | grep -q online; then
  log "starting PostgreSQL $PG_VERSION"
  as_root pg_ctlcluster "$PG_VERSION" main start
fi
PG_PORT="$(pg_lsclusters -h | awk -v v="$PG_VERSION" '$1==v && $2=="main" {print $3}')"
wait_port "$PG_PORT" PostgreSQL

psql_admin() { as_root runuser -u postgres -- psql -p "$PG_PORT" -v ON_ERROR_STOP=1 -qtA "$@"; }
if [ "$(psql_admin -c "select 1 from pg_roles where rolname='$PG_USER'")" != "1" ]; then
  psql_admin -c "create role $PG_USER login password '$PG_PASSWORD' createdb"
fi
if [ "$(psql_admin -c "select 1 from pg_database where datname='$PG_DB'")" != "1" ]; then
  psql_admin -c "create database $PG_DB owner $PG_USER"
fi

# --- mosquitto -------------------------------------------------------------------------
if ! port_open "$MQTT_PORT"; then
  log "starting mosquitto on 127.0.0.1:$MQTT_PORT"
  mkdir -p "$STATE_DIR"
  # Anonymous on loopback only: the tests exercise the receiver, not broker auth.
  cat > "$STATE_DIR/mosquitto.conf" <<EOF
listener $MQTT_PORT 127.0.0.1
allow_anonymous true
persistence false
log_dest file $STATE_DIR/mosquitto.log
EOF
  chmod 755 "$STATE_DIR"; touch "$STATE_DIR/mosquitto.log"; chmod 666 "$STATE_DIR/mosquitto.log"
  /usr/sbin/mosquitto -d -c "$STATE_DIR/mosquitto.conf"
  wait_port "$MQTT_PORT" mosquitto
fi

# --- Chromium --------------------------------------------------------------------------
/usr/bin/chromium --version >/dev/null 2>&1 || { log "chromium does not run"; exit 1; }

cat > "$ENV_FILE" <<EOF
RECEIVER_TEST_PG_URL=postgres://$PG_USER:$PG_PASSWORD@127.0.0.1:$PG_PORT/$PG_DB
RECEIVER_TEST_MQTT_URL=mqtt://127.0.0.1:$MQTT_PORT
RECEIVER_TEST_CHROMIUM=/usr/bin/chromium
EOF
log "ready: $(tr '\n' ' ' < "$ENV_FILE")"
