#!/usr/bin/env bash
# Performance report: runs the platform's benchmarks side by side in one run against the running
# platform and writes docs/performance.md (generated; the machine described, each figure next to its
# goal with met / not met). Phases, in this order (the event phase's burst of registrations keeps the
# member-service busy for a while, so it comes after the donations):
#   gateway     bench/gateway-overhead.sh  gateway vs direct vs nginx: throughput ratio, added p99
#   donations   bench/donations.sh         donation ingest rate and p99, totals exact
#   events      bench/EventPropagation.java  a write's response → the consumer's read model (p50/p99)
#   import      bench/member-import.sh     member import rate, extrapolated to 100,000 rows
#   compliance  bench/compliance.sh        compliance query latency (in-process, not the platform)
# and, during donations and import, the resident memory of every platform part (its whole process
# group, as ./platform status counts it), sampled every second: peak per part and peak of the sum.
#
# Needs `./platform up` (demo data on). The benchmark phases hold /tmp/mvn.lock so that no Maven
# build shares the cores meanwhile (compliance.sh takes the lock itself: it runs Maven). A phase that
# fails is reported as failed and the report carries on. Takes about 12 minutes with the defaults.
#
# Knobs (environment):
#   PHASES="gateway donations events import compliance"   a subset makes a report marked PARTIAL
#   GATEWAY_ROUNDS=2 GATEWAY_DURATION=10s GATEWAY_WARMUP=120  (bench/gateway-overhead.sh ROUNDS, DURATION,
#   GATEWAY_BARE=1                                             WARMUP_SECONDS, BARE: 0 leaves out the bare
#                                                              Spring Cloud Gateway, the floor of the goal)
#   EVENT_RATE=200 EVENT_DURATION=30 EVENT_TIMEOUT=60         (bench/EventPropagation.java RATE, DURATION, TIMEOUT)
#   EVENT_DRAIN_WAIT=180   seconds to wait for the consumers to catch up with party.members first
#   DONATION_DURATION=30s DONATION_CONNECTIONS=32             (bench/donations.sh DURATION, CONNECTIONS)
#   IMPORT_ROWS=20000 (100000 for the goal's size) IMPORT_REGION=<fresh per minute>   (member-import.sh)
#   COMPLIANCE_ROUNDS=100                                     (bench/compliance.sh ROUNDS)
#   OUT=docs/performance.md   RENDER_ONLY=1 (write the report again from the last run's outputs)
set -uo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT" || exit 1

PHASES=${PHASES:-gateway donations events import compliance}
GATEWAY_ROUNDS=${GATEWAY_ROUNDS:-2}
GATEWAY_DURATION=${GATEWAY_DURATION:-10s}
GATEWAY_WARMUP=${GATEWAY_WARMUP:-120}
GATEWAY_BARE=${GATEWAY_BARE:-1}
EVENT_RATE=${EVENT_RATE:-200}
EVENT_DURATION=${EVENT_DURATION:-30}
EVENT_TIMEOUT=${EVENT_TIMEOUT:-60}
EVENT_DRAIN_WAIT=${EVENT_DRAIN_WAIT:-180}
DONATION_DURATION=${DONATION_DURATION:-30s}
DONATION_CONNECTIONS=${DONATION_CONNECTIONS:-32}
IMPORT_ROWS=${IMPORT_ROWS:-20000}
# A region per minute: the import's id numbers are new, so every row is created (a re-run with the
# same numbers would only skip existing members and look faster than an import is).
IMPORT_REGION=${IMPORT_REGION:-$(printf '7%05d' $(($(date +%s) / 60 % 100000)))}
COMPLIANCE_ROUNDS=${COMPLIANCE_ROUNDS:-100}
OUT=${OUT:-docs/performance.md}
WORK=$ROOT/.platform/bench/report
LOCK=/tmp/mvn.lock
PARTS=(kafka mongo redis keycloak member-service activity-service honor-service donation-service gateway)

say() { printf '[%s] %s\n' "$(date -u +%T)" "$*" >&2; }
die() { say "report: $*"; exit 1; }
has_phase() { [[ " $PHASES " == *" $1 "* ]]; }

if [[ ${RENDER_ONLY:-0} != 1 ]]; then
  status=$(./platform status 2>&1) || true
  for part in "${PARTS[@]}"; do
    grep -Eq "^$part +running .*healthy" <<<"$status" || die "$part is not running and healthy; start the platform first:
$status"
  done
fi
if [[ ${RENDER_ONLY:-0} != 1 ]]; then
  rm -rf "$WORK"
fi
mkdir -p "$WORK"
started=$(date -u +%Y-%m-%dT%H:%M:%SZ)
t_start=$SECONDS
load_before=$(cut -d' ' -f1-3 /proc/loadavg)

# run_phase NAME LOCKED COMMAND... → stdout to $WORK/NAME.out, stderr to $WORK/NAME.log, rc and seconds kept.
declare -A RC TOOK
run_phase() {
  local name=$1 locked=$2 t0=$SECONDS
  shift 2
  say "phase $name ..."
  # Inside the lock, first note when the phase really began and the machine's load then (others'
  # work shares the cores: the report shows it next to the phase).
  local began="echo \"\$(date -u +%T) \$(cut -d' ' -f1 /proc/loadavg)\" >\"$WORK/$name.began\"; exec \"\$@\""
  if [[ $locked == locked ]]; then
    # -o: the lock's descriptor is not handed down, so a process the phase leaves running (the
    # gateway restored by gateway-overhead.sh and donations.sh) does not hold the lock for ever.
    flock -o "$LOCK" bash -c "$began" - "$@" >"$WORK/$name.out" 2>"$WORK/$name.log"
  else
    bash -c "$began" - "$@" >"$WORK/$name.out" 2>"$WORK/$name.log"
  fi
  RC[$name]=$?
  TOOK[$name]=$((SECONDS - t0))
  echo "${RC[$name]}" >"$WORK/$name.rc"
  echo "$(date -u +%T) $(cut -d' ' -f1 /proc/loadavg)" >"$WORK/$name.ended"
  say "phase $name: exit ${RC[$name]} after ${TOOK[$name]} s"
}

# Memory sampler: every second, the RSS of each part's process group (pids re-read from
# .platform/run, so a restarted gateway is followed); keeps the peak per part and of the sum.
start_sampler() {
  python3 - "$ROOT/.platform/run" "$WORK/memory-$1.tsv" "${PARTS[@]}" <<'PY' &
import os, sys, time, signal
run, out, parts = sys.argv[1], sys.argv[2], sys.argv[3:]
peak = {p: 0 for p in parts}
peak_sum = [0]
def write(*_):
    with open(out, "w") as f:
        for p in parts:
            f.write(f"{p}\t{peak[p]}\n")
        f.write(f"SUM\t{peak_sum[0]}\n")
    sys.exit(0)
signal.signal(signal.SIGTERM, write)
while True:
    groups = {}
    for p in parts:
        try:
            groups[int(open(f"{run}/{p}.pid").read().strip())] = p
        except (OSError, ValueError):
            pass
    kb = {p: 0 for p in parts}
    for d in os.listdir("/proc"):
        if not d.isdigit():
            continue
        try:
            stat = open(f"/proc/{d}/stat").read()
            pgrp = int(stat.rsplit(") ", 1)[1].split()[2])
            if pgrp not in groups:
                continue
            for line in open(f"/proc/{d}/status"):
                if line.startswith("VmRSS:"):
                    kb[groups[pgrp]] += int(line.split()[1])
        except (OSError, IndexError, ValueError):
            continue
    for p in parts:
        peak[p] = max(peak[p], kb[p])
    peak_sum[0] = max(peak_sum[0], sum(kb.values()))
    time.sleep(1)
PY
  SAMPLER=$!
}
stop_sampler() { kill -TERM "$SAMPLER" 2>/dev/null; wait "$SAMPLER" 2>/dev/null; }

# Before a phase that needs the register: wait (at most a minute) until the member list answers
# through the gateway — after the event phase's burst of registrations the member-service is busy
# for a while, and a benchmark's set-up call would fail on it.
settle() {
  local i code
  for ((i = 0; i < 30; i++)); do
    code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 \
      -H "Authorization: Bearer $(./platform token committee committee-pass 2>/dev/null)" \
      'http://127.0.0.1:8080/api/members?size=1') || true
    [[ $code == 200 ]] && return
    say "the member list answers $code through the gateway; waiting ..."
    sleep 2
  done
}

# Sum of the honor-service's consumer lag on party.members (its Prometheus endpoint is public).
# How many party.members records the three consumers of member registrations (activity-, honor-,
# donation-service) have yet to read, together.
members_lag() {
  local port
  for port in 8082 8083 8084; do
    curl -fsS --max-time 5 "http://127.0.0.1:$port/actuator/prometheus" 2>/dev/null
  done | awk 'index($0, "kafka_consumer_fetch_manager_records_lag{") == 1 && index($0, "topic=\"party.members\"") && $2 != "NaN" {
      s += $2 } END {printf "%d", s}'
}

# The MongoDB driver for the event benchmark, which reads the consumers' processed_events: the
# jars a build of this repository has put into the local Maven repository.
mongo_driver_classpath() {
  local repo=${MAVEN_REPO:-$HOME/.m2/repository}/org/mongodb artifact jar cp=""
  for artifact in mongodb-driver-sync mongodb-driver-core bson; do
    jar=$(ls "$repo/$artifact"/*/"$artifact"-*.jar 2>/dev/null | grep -v -e sources -e javadoc | sort -V | tail -1)
    [[ -n $jar ]] || { echo "no $artifact in $repo (run ./mvnw verify once)" >&2; return 1; }
    cp+=${cp:+:}$jar
  done
  echo "$cp"
}

# ---------------------------------------------------------------------------------------------
# Phases
# ---------------------------------------------------------------------------------------------

# RENDER_ONLY=1: no phase runs, the report is written again from the last run's outputs (a knob
# for changing the report's wording without taking the platform for minutes).
if [[ ${RENDER_ONLY:-0} == 1 ]]; then
  for p in $PHASES; do [[ -f $WORK/$p.rc ]] && RC[$p]=$(cat "$WORK/$p.rc"); done
  EVENT_LAG_AT_START=$(cat "$WORK/events.lag" 2>/dev/null)
  PHASES_TO_RUN=""
else
  PHASES_TO_RUN=$PHASES
fi
runs() { [[ " $PHASES_TO_RUN " == *" $1 "* ]]; }

if runs gateway; then
  run_phase gateway locked env DOC=- ROUNDS="$GATEWAY_ROUNDS" DURATION="$GATEWAY_DURATION" \
    WARMUP_SECONDS="$GATEWAY_WARMUP" BARE="$GATEWAY_BARE" bench/gateway-overhead.sh
fi

if runs donations; then
  settle
  start_sampler donations
  run_phase donations locked env DOC=- DURATION="$DONATION_DURATION" CONNECTIONS="$DONATION_CONNECTIONS" \
    bench/donations.sh
  stop_sampler
fi

if runs events; then
  # A backlog of member events (an earlier import, say) would be measured as propagation latency:
  # give the consumer a bounded time to catch up, and report the lag it started with.
  for ((i = 0; i < EVENT_DRAIN_WAIT; i += 5)); do
    lag=$(members_lag)
    [[ -n $lag && $lag -lt 50 ]] && break
    say "the consumers are $lag party.members events behind; waiting ..."
    sleep 5
  done
  EVENT_LAG_AT_START=$(members_lag)
  echo "$EVENT_LAG_AT_START" >"$WORK/events.lag"
  run_phase events locked env RATE="$EVENT_RATE" DURATION="$EVENT_DURATION" TIMEOUT="$EVENT_TIMEOUT" \
    java -cp "$(mongo_driver_classpath)" bench/EventPropagation.java
fi


if runs import; then
  settle
  start_sampler import
  run_phase import locked env DOC=- ROWS="$IMPORT_ROWS" REGION="$IMPORT_REGION" bench/member-import.sh
  stop_sampler
fi

if runs compliance; then
  # compliance.sh takes /tmp/mvn.lock itself (it runs Maven): not nested here.
  run_phase compliance unlocked env ROUNDS="$COMPLIANCE_ROUNDS" OUT="$WORK/compliance-table.txt" bench/compliance.sh
fi

# ---------------------------------------------------------------------------------------------
# The report
# ---------------------------------------------------------------------------------------------

if [[ ${RENDER_ONLY:-0} == 1 && -f $WORK/meta ]]; then
  read -r started took load_before <"$WORK/meta"
else
  took=$((SECONDS - t_start))
  echo "$started $took $load_before" >"$WORK/meta"
fi

verdict() { [[ $1 == 1 ]] && echo "**met**" || echo "**not met**"; }
failed_phase() { echo "phase failed (exit ${RC[$1]:-?}); its last lines: \`$(tail -3 "$WORK/$1.log" | tr '\n`|' '  /' | cut -c1-400)\`"; }
skipped_or_failed() { # phase → prints a line and returns 0 when there are no figures
  if ! has_phase "$1"; then echo "Not run in this report (PHASES=\"$PHASES\")."; return 0; fi
  if [[ -z ${RC[$1]:-} ]]; then echo "Not run: the run stopped before this phase (see the note at the top)."; return 0; fi
  if [[ ${RC[$1]} != 0 ]]; then failed_phase "$1"; return 0; fi
  return 1
}

section_gateway() {
  skipped_or_failed gateway && return
  # Median rows: | **median** | **target** | req/s | p50 | p99 | ratio | added |
  local table; table=$(grep -F '**median**' "$WORK/gateway.out")
  read -r d_rps g_rps n_rps b_rps <<<"$(awk -F'|' '{gsub(/[ *]/, "", $3); gsub(/ /, "", $4); r[$3] = $4}
    END {print r["direct"], r["gateway"], r["nginx"], (("bare" in r) ? r["bare"] : "-")}' <<<"$table")"
  read -r d_p99 g_p99 n_p99 <<<"$(awk -F'|' '{gsub(/[ *]/, "", $3); p = $6; gsub(/[ ms]/, "", p); r[$3] = p}
    END {print r["direct"], r["gateway"], r["nginx"]}' <<<"$table")"
  local met; met=$(awk -v g="$g_rps" -v n="$n_rps" 'BEGIN {print (g >= n) ? 1 : 0}')
  cat <<EOF
\`GET /api/me\` with a client-credentials token, \`wrk -c32 -d$GATEWAY_DURATION\`, $GATEWAY_ROUNDS rounds alternating
direct (:8081), gateway (:8080, rate limit and bulkhead raised out of the way, the limiter's Redis
round trip kept) and nginx (:8090)$([[ $b_rps != - ]] && echo ", and a bare Spring Cloud Gateway (:8095,
\`bench/bare-gateway\`: one route, no security, limiter, circuit breaker or observations)"), after
${GATEWAY_WARMUP} s of warm-up; medians of the rounds:

| target | req/s | p50 | p99 | ratio to direct | added p99 vs direct |
|---|---:|---:|---:|---:|---:|
$(sed 's/| \*\*median\*\* //; s/\*\*//g' <<<"$table")

| goal | measured | |
|---|---|---|
| gateway overhead ≤ nginx's: gateway/direct ≥ nginx/direct | $(awk -v g="$g_rps" -v n="$n_rps" -v d="$d_rps" -v b="$b_rps" 'BEGIN {printf "%.2f vs %.2f", g / d, n / d
  if (b != "-") printf " (a bare Spring Cloud Gateway: %.2f)", b / d }') | $(verdict "$met") |

Added latency at p99: gateway $(awk -v a="$g_p99" -v b="$d_p99" 'BEGIN {printf "%+.2f", a - b}') ms, nginx $(awk -v a="$n_p99" -v b="$d_p99" 'BEGIN {printf "%+.2f", a - b}') ms
over direct.$([[ $b_rps != - ]] && awk -v b="$b_rps" -v n="$n_rps" -v d="$d_rps" 'BEGIN {
  printf " The bare Spring Cloud Gateway reached %.2f× direct: what any gateway built on it costs on\nthis machine before it does anything of its own (%s nginx'"'"'s %.2f×).", b / d, (b >= n ? "≥" : "below"), n / d }')
All rounds: \`.platform/bench/report/gateway.out\` of the run; the standalone, longer
run is [performance/gateway-overhead.md](performance/gateway-overhead.md).
EOF
}

section_events() {
  skipped_or_failed events && return
  local line; line=$(grep '^RESULT ' "$WORK/events.out" | tail -1)
  [[ -n $line ]] || { echo "no RESULT line: $(tail -3 "$WORK/events.log")"; return; }
  declare -A r
  local kv
  for kv in ${line#RESULT }; do r[${kv%%=*}]=${kv#*=}; done
  local met; met=$(awk -v p="${r[p99]}" -v t="${r[timed_out]}" -v c="${r[created_per_s]}" -v rate="${r[rate]}" \
    'BEGIN {print (p != "-" && p + 0 < 500 && t == 0 && c >= 0.95 * rate) ? 1 : 0}')
  local consumer rows=""
  for consumer in honor activity donation; do
    rows+="| $consumer-service | ${r[${consumer}_seen]} | ${r[${consumer}_timed_out]} | ${r[${consumer}_p50]} ms | ${r[${consumer}_p99]} ms | ${r[${consumer}_max]} ms |"$'\n'
  done
  cat <<EOF
Members registered on the member-service (\`POST /api/members\`, :8081) at ${r[rate]}/s for ${r[duration]} s, each
201's arrival noted. Every consumer of \`party.member.registered.v1\` records the events it has applied in
its \`processed_events\`, with the time its read model showed the event (\`processedAt\`, taken when the
effect's write is done); after the writes the benchmark reads those records (one query per consumer
per second) and measures, for every registration, the time from its 201 to each consumer's
\`processedAt\`: the outbox relay, Kafka and the consumer. Nothing polls the services while the writes
run. The consumers started ${EVENT_LAG_AT_START:-?} \`party.members\` events behind (after up to
${EVENT_DRAIN_WAIT} s waiting for them).

| registrations | per s | write p50 | write p99 |
|---:|---:|---:|---:|
| ${r[created]} (${r[rejected]} refused, ${r[skipped]} not sent) | ${r[created_per_s]} | ${r[write_p50]} ms | ${r[write_p99]} ms |

| consumer | applied | not within ${EVENT_TIMEOUT} s | propagation p50 | p99 | max |
|---|---:|---:|---:|---:|---:|
${rows}
| goal | measured | |
|---|---|---|
| event propagation p99 < 500 ms at 200 events/s | p99 ${r[p99]} ms (slowest consumer: ${r[slowest]}, ${r[seen]} of ${r[sampled]} applied) at ${r[created_per_s]} registrations/s; ${r[timed_out]} not within ${EVENT_TIMEOUT} s | $(verdict "$met") |
EOF
}

section_donations() {
  if ! has_phase donations; then echo "Not run in this report (PHASES=\"$PHASES\")."; return; fi
  # | when | duration | connections | donations/s | p50 | p99 | non-201 | stored | count | total | expected | reconciliation | exact |
  local row; row=$(grep -E '^\| [0-9]{4}-' "$WORK/donations.out" | tail -1)
  [[ -n $row ]] || { failed_phase donations; return; }
  local rps p50 p99 non201 exact
  IFS='|' read -r _ _ _ _ rps p50 p99 non201 _ _ _ _ _ exact _ <<<"$row"
  rps=$(xargs <<<"$rps"); p50=$(xargs <<<"$p50"); p99=$(xargs <<<"$p99"); non201=$(xargs <<<"$non201"); exact=$(xargs <<<"$exact")
  local met; met=$(awk -v r="$rps" -v p="$p99" -v e="$exact" 'BEGIN {print (r >= 1000 && p < 100 && e == "yes") ? 1 : 0}')
  cat <<EOF
\`POST /api/donations\` through the gateway (rate limit raised), every request with its own
Idempotency-Key and every 10th a retry of the previous one, \`wrk -c$DONATION_CONNECTIONS -d$DONATION_DURATION\` after a
10 s warm-up; then the campaign's progress, the stored donations and the reconciliation compared:

$(grep -E '^\|' "$WORK/donations.out")

| goal | measured | |
|---|---|---|
| donations ≥ 1,000/s with p99 < 100 ms (totals exact) | $rps/s, p99 $p99 ms, non-201 $non201, exact: $exact | $(verdict "$met") |
$([[ ${RC[donations]:-?} != 0 ]] && echo && failed_phase donations)
EOF
}

section_import() {
  skipped_or_failed import && return
  # | date | rows | file | seconds s | rate rows/s | created | skipped | peak MiB |
  local row; row=$(grep -E '^\| [0-9]{4}-' "$WORK/import.out" | tail -1)
  local rows size secs rate created skipped peak
  IFS='|' read -r _ _ rows size secs rate created skipped peak _ <<<"$row"
  rows=$(xargs <<<"$rows"); secs=$(xargs <<<"${secs% s }"); rate=$(xargs <<<"${rate% rows/s }")
  created=$(xargs <<<"$created"); skipped=$(xargs <<<"$skipped"); size=$(xargs <<<"$size"); peak=$(xargs <<<"$peak")
  local extrapolated; extrapolated=$(awk -v r="$rate" 'BEGIN {printf "%.0f", 100000 / r}')
  local met; met=$(awk -v e="$extrapolated" 'BEGIN {print (e < 60) ? 1 : 0}')
  local label="extrapolated linearly from $rows rows, not measured at 100,000"
  [[ $rows == 100000 ]] && label="measured"
  cat <<EOF
One CSV of $rows members ($size, id numbers of region $IMPORT_REGION: all new) uploaded to
\`/api/members/import\` of the member-service into unit-c's branches; time until the job is COMPLETED.

| rows | time | rate | created | skipped (already there) | member-service peak RSS | 100,000 rows at this rate |
|---:|---:|---:|---:|---:|---:|---:|
| $rows | $secs s | $rate rows/s | $created | $skipped | $peak | $extrapolated s ($label) |

| goal | measured | |
|---|---|---|
| import 100,000 members < 60 s | $extrapolated s ($label) | $(verdict "$met") |

The import's events reach the other services later (the outbox relay drains them after the job);
earlier full-size runs and the analysis: [performance/member-import.md](performance/member-import.md).
EOF
}

section_compliance() {
  skipped_or_failed compliance && return
  local city; city=$(grep -E '^\| [0-9]{4}-' "$WORK/compliance.out" | grep -i 'city' | awk -F'|' '{gsub(/ /, "", $6); print $6}' | sort -g | tail -1)
  local met; met=$(awk -v p="$city" 'BEGIN {print (p != "" && p + 0 < 200) ? 1 : 0}')
  cat <<EOF
\`GET /api/compliance\` of the activity-service over HTTP with a signed token, 2,000 organisations with
23 months of held counts, $COMPLIANCE_ROUNDS requests per query after a warm-up. This phase runs the service
in-process against the test infrastructure (\`ComplianceBenchmarkIT\` through Maven: embedded Kafka, the
MongoDB wire-protocol emulator in memory), not against the running platform.

$(grep -E '^\|' "$WORK/compliance.out")

| goal | measured | |
|---|---|---|
| whole-city compliance query p95 < 200 ms (goal of \`bench/compliance.sh\`) | slowest whole-city p95 ${city:-?} ms | $(verdict "$met") |
EOF
}

section_memory() {
  local phase files=()
  for phase in donations import; do [[ -s $WORK/memory-$phase.tsv ]] && files+=("$WORK/memory-$phase.tsv"); done
  ((${#files[@]})) || { echo "Not sampled in this report (neither the donations nor the import phase ran)."; return; }
  local sum; sum=$(awk -F'\t' '$1 == "SUM" && $2 > m {m = $2} END {print m + 0}' "${files[@]}")
  local met; met=$(awk -v s="$sum" 'BEGIN {print (s < 4 * 1024 * 1024) ? 1 : 0}')
  echo "Resident memory (VmRSS) of each part's whole process group (Keycloak's launcher and its JVM,"
  echo "the MongoDB emulator, ...), sampled every second while the donations and the import ran; peak"
  echo "per part and per phase, and the peak of the sum at one instant:"
  echo
  echo "| part | during donations | during import |"
  echo "|---|---:|---:|"
  for part in "${PARTS[@]}" SUM; do
    local d i
    d=$(awk -F'\t' -v p="$part" '$1 == p {printf "%d MiB", $2 / 1024}' "$WORK/memory-donations.tsv" 2>/dev/null)
    i=$(awk -F'\t' -v p="$part" '$1 == p {printf "%d MiB", $2 / 1024}' "$WORK/memory-import.tsv" 2>/dev/null)
    if [[ $part == SUM ]]; then
      echo "| **whole platform (peak of the sum)** | **${d:-—}** | **${i:-—}** |"
    else
      echo "| $part | ${d:-—} | ${i:-—} |"
    fi
  done
  echo
  echo "| goal | measured | |"
  echo "|---|---|---|"
  echo "| whole platform < 4 GiB RSS under load | $(awk -v s="$sum" 'BEGIN {printf "%.2f GiB", s / 1048576}') | $(verdict "$met") |"
  echo
  echo "The load generators (wrk, the import's curl, this script) are not counted."
}

cpu=$(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo)
mem=$(awk '/^MemTotal:/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo)
java_version=$("${JAVA_HOME:+$JAVA_HOME/bin/}java" -version 2>&1 | head -1)
os=$(. /etc/os-release 2>/dev/null && echo "$PRETTY_NAME")
kernel=$(uname -r)
partial=""
for p in gateway donations events import compliance; do has_phase "$p" || partial=yes; done
for p in $PHASES; do [[ ${RC[$p]:-1} == 0 ]] || partial=yes; done
partial_note=""
[[ -n $partial ]] && partial_note="> **PARTIAL REPORT** — not every phase ran or succeeded (PHASES=\"$PHASES\"; exit codes:$(
  for p in $PHASES; do printf ' %s %s' "$p" "${RC[$p]:-?}"; done)). Figures below are from the phases that did.
"
rm -f "$WORK"/section-*
mkdir -p "$(dirname "$OUT")"
{
  cat <<EOF
# Performance report

<!-- GENERATED by bench/report.sh — do not edit; run \`bench/report.sh\` (platform up) to regenerate. -->

$partial_note
Generated by \`bench/report.sh\` on $started (UTC), in $((took / 60)) min $((took % 60)) s.

- Machine: $cpu, $(nproc) cores, $mem RAM; $os (kernel $kernel); $java_version.
- Everything runs on this one machine: the platform (\`./platform up\`: Kafka, the MongoDB wire-protocol
  emulator, Redis, Keycloak, four services, the gateway), the load generators and — because the
  machine is shared — possibly other work; load average at the start: $load_before.
- Phases run one after another, each holding \`/tmp/mvn.lock\` so no Maven build runs meanwhile; knobs
  used: GATEWAY_ROUNDS=$GATEWAY_ROUNDS GATEWAY_DURATION=$GATEWAY_DURATION EVENT_RATE=$EVENT_RATE EVENT_DURATION=$EVENT_DURATION
  DONATION_DURATION=$DONATION_DURATION IMPORT_ROWS=$IMPORT_ROWS COMPLIANCE_ROUNDS=$COMPLIANCE_ROUNDS.

## Summary

| goal | measured | |
|---|---|---|
EOF
  # Each section's own goal rows (the line after its "| goal |" header pair).
  summary_rows=$(
    for s in gateway events donations import compliance memory; do
      "section_$s" >"$WORK/section-$s.md" 2>"$WORK/section-$s.err"
      awk '/^\| goal \| measured/ {g = 1; next} g && /^\|---/ {next} g && /^\|/ {print; next} {g = 0}' "$WORK/section-$s.md"
    done
  )
  if [[ -n $summary_rows ]]; then echo "$summary_rows"; else echo "| (no phase produced figures) | | |"; fi
  echo
  echo
  echo "Phases (UTC; a phase waits for \`/tmp/mvn.lock\` first; load average: 1-minute, 2 cores):"
  echo
  echo "| phase | began | load then | ended | load then | exit |"
  echo "|---|---|---:|---|---:|---:|"
  for p in $PHASES; do
    read -r b bl <"$WORK/$p.began" 2>/dev/null || { b="—"; bl="—"; }
    read -r e el <"$WORK/$p.ended" 2>/dev/null || { e="—"; el="—"; }
    echo "| $p | $b | $bl | $e | $el | ${RC[$p]:-not run} |"
  done
  echo
  echo "## Gateway vs direct"; echo; cat "$WORK/section-gateway.md"; echo
  echo "## Event propagation"; echo; cat "$WORK/section-events.md"; echo
  echo "## Donation ingest"; echo; cat "$WORK/section-donations.md"; echo
  echo "## Member import"; echo; cat "$WORK/section-import.md"; echo
  echo "## Compliance query latency"; echo; cat "$WORK/section-compliance.md"; echo
  echo "## Memory of every process under load"; echo; cat "$WORK/section-memory.md"; echo
} >"$OUT"
say "wrote $OUT (phase outputs in $WORK)"
