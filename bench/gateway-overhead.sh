#!/usr/bin/env bash
# Gateway overhead benchmark: one authenticated endpoint (GET /api/me with a real Keycloak JWT),
# measured three ways in one run, alternated round by round:
#   direct   the member-service itself            http://127.0.0.1:8081
#   gateway  Spring Cloud Gateway in front of it  http://127.0.0.1:8080
#   nginx    Debian's nginx in front of it        http://127.0.0.1:8090 (the reference proxy)
#
# Needs the platform running (`./platform up`). The script
#   - installs wrk and nginx from Debian when missing (apt-get; run as root);
#   - restarts the gateway with the per-caller rate limit raised out of the way (the Redis round
#     trip of the limiter stays in the measured path: it is part of the production gateway) and
#     restores the normal gateway on exit;
#   - runs its own nginx (not the system service) under .platform/bench/nginx/ and stops it on exit;
#   - warms the JVMs up, measures, prints a Markdown table and writes it, with the machine and the
#     parameters, into docs/performance/gateway-overhead.md between the GENERATED markers (text
#     outside the markers is kept).
#
# Knobs (environment):
#   ROUNDS=3             measurement rounds (each: direct, gateway, nginx)
#   DURATION=15s         wrk duration per measurement
#   CONNECTIONS=32       wrk connections
#   THREADS=2            wrk threads
#   WARMUP_SECONDS=180   total warm-up, split over the three targets in 10 s slices (a minute
#                        each: the gateway JIT-warms slowest; with 20 s it was still ~40 % below its
#                        warm rate in the first round)
#   GATEWAY_JAVA_OPTS=   extra JVM options for the benchmarked gateway (appended to the platform's
#                        default app JVM options), e.g. "-Dreactor.netty.ioWorkerCount=2"
#   GATEWAY_ENV=         extra environment for the benchmarked gateway, e.g.
#                        "SPRING_CLOUD_GATEWAY_SERVER_WEBFLUX_HTTPCLIENT_POOL_MAX_CONNECTIONS=64"
#   DOC=docs/performance/gateway-overhead.md   where to write the table ("-" = don't write)
#   RESTORE_GATEWAY=1    set to 0 to leave the benchmark gateway running at the end
#   BARE=0               set to 1 to measure a fourth target in the same rounds: a bare Spring Cloud
#                        Gateway (bench/bare-gateway: one route, no security, no limiter, no circuit
#                        breaker, no observations) on :8095 with the gateway's JVM options — the floor
#                        of any gateway built on it, on this machine (built with Maven on first use)
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"

ROUNDS=${ROUNDS:-3}
DURATION=${DURATION:-15s}
CONNECTIONS=${CONNECTIONS:-32}
THREADS=${THREADS:-2}
WARMUP_SECONDS=${WARMUP_SECONDS:-180}
GATEWAY_JAVA_OPTS=${GATEWAY_JAVA_OPTS:-}
GATEWAY_ENV=${GATEWAY_ENV:-}
DOC=${DOC:-docs/performance/gateway-overhead.md}
RESTORE_GATEWAY=${RESTORE_GATEWAY:-1}
BARE=${BARE:-0}
BARE_PORT=8095

TOKEN_URL=http://localhost:8180/realms/party/protocol/openid-connect/token
CLIENT_ID=city-data-exchange
CLIENT_SECRET=city-data-exchange-secret
ENDPOINT=/api/me
NGINX_PORT=8090
NGINX_DIR=$ROOT/.platform/bench/nginx
BENCH_DIR=$ROOT/.platform/bench
TARGETS=(direct gateway nginx)
declare -A URL=(
  [direct]=http://127.0.0.1:8081$ENDPOINT
  [gateway]=http://127.0.0.1:8080$ENDPOINT
  [nginx]=http://127.0.0.1:$NGINX_PORT$ENDPOINT
  [bare]=http://127.0.0.1:$BARE_PORT$ENDPOINT
)
[[ $BARE == 1 ]] && TARGETS+=(bare)

say() { printf '%s\n' "$*" >&2; }
die() { say "gateway-overhead: $*"; exit 1; }

# ---------------------------------------------------------------------------------------------
# Tools and platform
# ---------------------------------------------------------------------------------------------

# wrk and nginx from Debian, when missing.
missing=()
command -v wrk >/dev/null || missing+=(wrk)
command -v nginx >/dev/null || [[ -x /usr/sbin/nginx ]] || missing+=(nginx)
if ((${#missing[@]})); then
  say "installing ${missing[*]} from Debian ..."
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi
NGINX=$(command -v nginx || echo /usr/sbin/nginx)

# The platform must be running: the service, the gateway, Keycloak (tokens) and Redis (limiter).
status=$(./platform status 2>&1) || true
for part in member-service gateway keycloak redis; do
  grep -Eq "^$part +running .*healthy" <<<"$status" ||
    die "$part is not running and healthy; start the platform first with ./platform up
$status"
done

mkdir -p "$BENCH_DIR"

# ---------------------------------------------------------------------------------------------
# Clean-up: stop our nginx, restore the normal gateway
# ---------------------------------------------------------------------------------------------

GATEWAY_RESTARTED=0
cleanup() {
  local rc=$?
  set +e
  if [[ -f $BENCH_DIR/bare-gateway.pid ]]; then
    say "stopping the bare gateway ..."
    kill "$(cat "$BENCH_DIR/bare-gateway.pid")" 2>/dev/null
    rm -f "$BENCH_DIR/bare-gateway.pid"
  fi
  if [[ -f $NGINX_DIR/nginx.pid ]]; then
    say "stopping the benchmark nginx ..."
    kill -QUIT "$(cat "$NGINX_DIR/nginx.pid")" 2>/dev/null
    for _ in {1..50}; do [[ -f $NGINX_DIR/nginx.pid ]] || break; sleep 0.1; done
  fi
  if ((GATEWAY_RESTARTED)) && [[ $RESTORE_GATEWAY == 1 ]]; then
    say "restoring the normal gateway ..."
    ./platform down gateway >&2
    env -u RATE_LIMIT_PER_SECOND -u RATE_LIMIT_BURST -u JAVA_OPTS PLATFORM_NO_BUILD=1 \
      ./platform up gateway >&2 || say "WARNING: the gateway did not come back; run ./platform up gateway"
  fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---------------------------------------------------------------------------------------------
# The benchmark gateway: rate limit out of the way (Redis round trip kept), optional JVM options
# ---------------------------------------------------------------------------------------------

# The platform's default JVM options for the apps (so GATEWAY_JAVA_OPTS only adds to them).
DEFAULT_APP_JAVA_OPTS=$(sed -n 's/^DEFAULT_APP_JAVA_OPTS="\(.*\)"$/\1/p' platform)
DEFAULT_APP_JAVA_OPTS="$DEFAULT_APP_JAVA_OPTS $(sed -n 's/^GATEWAY_EXTRA_JAVA_OPTS="\(.*\)"$/\1/p' platform)"
say "restarting the gateway for the benchmark (rate limit 100000000/s${GATEWAY_JAVA_OPTS:+, JVM +$GATEWAY_JAVA_OPTS}${GATEWAY_ENV:+, $GATEWAY_ENV}) ..."
./platform down gateway >&2
GATEWAY_RESTARTED=1
# The route's CircuitBreaker filter brings a Resilience4j semaphore bulkhead (default: 25 concurrent
# calls per service, more are answered 503 at once). Like the rate limit it is raised, not removed:
# the semaphore stays in the measured path, only its limit is out of the way of wrk's connections.
BULKHEAD_OPTS="-Dresilience4j.bulkhead.configs.default.max-concurrent-calls=100000"
gw_env=(RATE_LIMIT_PER_SECOND=100000000 RATE_LIMIT_BURST=100000000 PLATFORM_NO_BUILD=1)
gw_env+=(JAVA_OPTS="$DEFAULT_APP_JAVA_OPTS $BULKHEAD_OPTS${GATEWAY_JAVA_OPTS:+ $GATEWAY_JAVA_OPTS}")
# shellcheck disable=SC2206  # GATEWAY_ENV is a list of NAME=VALUE words on purpose
[[ -n $GATEWAY_ENV ]] && gw_env+=($GATEWAY_ENV)
env "${gw_env[@]}" ./platform up gateway >&2

# ---------------------------------------------------------------------------------------------
# Our own nginx: a fair, well-configured reference proxy (upstream keepalive, no access log)
# ---------------------------------------------------------------------------------------------

mkdir -p "$NGINX_DIR"/{logs,temp/client,temp/proxy,temp/fastcgi,temp/uwsgi,temp/scgi}
if [[ -f $NGINX_DIR/nginx.pid ]] && kill -0 "$(cat "$NGINX_DIR/nginx.pid")" 2>/dev/null; then
  kill -QUIT "$(cat "$NGINX_DIR/nginx.pid")"; sleep 1 # a leftover of an interrupted run
fi
cat >"$NGINX_DIR/nginx.conf" <<EOF
# Generated by bench/gateway-overhead.sh: reverse proxy in front of the member-service.
worker_processes auto;
pid $NGINX_DIR/nginx.pid;
error_log $NGINX_DIR/logs/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path $NGINX_DIR/temp/client;
  proxy_temp_path $NGINX_DIR/temp/proxy;
  fastcgi_temp_path $NGINX_DIR/temp/fastcgi;
  uwsgi_temp_path $NGINX_DIR/temp/uwsgi;
  scgi_temp_path $NGINX_DIR/temp/scgi;
  upstream member_service {
    server 127.0.0.1:8081;
    keepalive 64;             # reuse upstream connections
    keepalive_requests 100000;
  }
  server {
    listen 127.0.0.1:$NGINX_PORT;
    keepalive_requests 100000;
    location / {
      proxy_pass http://member_service;
      proxy_http_version 1.1; # needed for upstream keepalive
      proxy_set_header Connection "";
      proxy_set_header Host \$host;
      proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto \$scheme;
    }
  }
}
EOF
"$NGINX" -t -q -p "$NGINX_DIR" -e "$NGINX_DIR/logs/error.log" -c "$NGINX_DIR/nginx.conf"
"$NGINX" -p "$NGINX_DIR" -e "$NGINX_DIR/logs/error.log" -c "$NGINX_DIR/nginx.conf" # daemonizes, writes nginx.pid

# ---------------------------------------------------------------------------------------------
# The bare gateway (BARE=1): the same JVM options as the benchmark gateway, nothing but a route
# ---------------------------------------------------------------------------------------------

if [[ $BARE == 1 ]]; then
  bare_jar=bench/bare-gateway/target/bare-gateway-0.1.0-SNAPSHOT.jar
  if [[ ! -f $bare_jar ]]; then
    say "building the bare gateway (bench/bare-gateway) ..."
    ./mvnw -q -B -f bench/bare-gateway/pom.xml package -DskipTests >&2
  fi
  # shellcheck disable=SC2086  # the JVM options are a list of words
  "${JAVA_HOME:+$JAVA_HOME/bin/}java" $DEFAULT_APP_JAVA_OPTS${GATEWAY_JAVA_OPTS:+ $GATEWAY_JAVA_OPTS} \
    -jar "$bare_jar" --server.port=$BARE_PORT >"$BENCH_DIR/bare-gateway.log" 2>&1 &
  echo $! >"$BENCH_DIR/bare-gateway.pid"
  for _ in {1..120}; do
    curl -s -o /dev/null "http://127.0.0.1:$BARE_PORT/" && break
    kill -0 "$(cat "$BENCH_DIR/bare-gateway.pid")" 2>/dev/null || die "the bare gateway did not start:
$(tail -20 "$BENCH_DIR/bare-gateway.log")"
    sleep 1
  done
fi

# ---------------------------------------------------------------------------------------------
# Measuring
# ---------------------------------------------------------------------------------------------

# A fresh access token (client credentials; tokens live 300 s, so one per measurement).
token() {
  curl -fsS -d grant_type=client_credentials -d client_id="$CLIENT_ID" \
    -d client_secret="$CLIENT_SECRET" "$TOKEN_URL" |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])'
}

# Every target must answer 200 before we measure anything.
t=$(token)
for target in "${TARGETS[@]}"; do
  code=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $t" "${URL[$target]}")
  [[ $code == 200 ]] || die "$target (${URL[$target]}) answered $code, not 200"
done

# Latency text from wrk (e.g. 812.00us, 1.52ms, 1.01s) to milliseconds.
to_ms() {
  awk -v v="$1" 'BEGIN {
    n = v + 0; u = v; sub(/^[0-9.]+/, "", u)
    if (u == "us") n /= 1000; else if (u == "s") n *= 1000; else if (u == "m") n *= 60000
    printf "%.2f", n }'
}

# run_wrk TARGET DURATION -> prints "rps p50_ms p99_ms"; fails loudly on errors or non-2xx.
run_wrk() {
  local target=$1 duration=$2 out
  # A generous timeout: a slow answer belongs in the latency figures, not among the errors.
  out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$duration" --timeout "${WRK_TIMEOUT:-10s}" --latency \
    -H "Authorization: Bearer $(token)" "${URL[$target]}" 2>&1) || die "wrk failed on $target:
$out"
  if grep -Eq 'Non-2xx or 3xx responses|Socket errors' <<<"$out"; then
    die "$target: wrk saw errors or non-2xx responses; a benchmark of errors is worthless:
$out"
  fi
  local rps p50 p99
  rps=$(awk '/^Requests\/sec:/ {print $2}' <<<"$out")
  p50=$(awk '$1 == "50%" {print $2}' <<<"$out")
  p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
  [[ -n $rps && -n $p50 && -n $p99 ]] || die "$target: could not parse wrk output:
$out"
  printf '%s %s %s\n' "$rps" "$(to_ms "$p50")" "$(to_ms "$p99")"
}

# Warm-up: alternate the three targets in 10 s slices until WARMUP_SECONDS are spent.
slices=$(((WARMUP_SECONDS + 9) / 10))
say "warming up for $((slices * 10)) s (alternating ${TARGETS[*]}) ..."
for ((i = 0; i < slices; i++)); do
  target=${TARGETS[i % ${#TARGETS[@]}]}
  result=$(run_wrk "$target" 10s)
  read -r rps _ _ <<<"$result"
  say "  warm-up $target: $rps req/s"
done

# Measurement rounds.
declare -A RPS P50 P99
for ((r = 1; r <= ROUNDS; r++)); do
  for target in "${TARGETS[@]}"; do
    result=$(run_wrk "$target" "$DURATION") # a failure here stops the script (set -e)
    read -r "RPS[$r,$target]" "P50[$r,$target]" "P99[$r,$target]" <<<"$result"
    say "  round $r $target: ${RPS[$r,$target]} req/s, p50 ${P50[$r,$target]} ms, p99 ${P99[$r,$target]} ms"
  done
done

# ---------------------------------------------------------------------------------------------
# Report
# ---------------------------------------------------------------------------------------------

median() { printf '%s\n' "$@" | sort -g | awk '{a[NR] = $1} END {
  if (NR % 2) print a[(NR + 1) / 2]; else printf "%.2f\n", (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }

# row LABEL TARGET RPS P50 P99 DIRECT_RPS DIRECT_P99
row() {
  awk -v l="$1" -v t="$2" -v rps="$3" -v p50="$4" -v p99="$5" -v drps="$6" -v dp99="$7" 'BEGIN {
    plain = t; gsub(/\*/, "", plain)
    added = (plain == "direct") ? "—" : sprintf("%+.2f ms", p99 - dp99)
    printf "| %s | %s | %.0f | %.2f ms | %.2f ms | %.2f× | %s |\n", l, t, rps, p50, p99, rps / drps, added }'
}

table=$(
  echo "| round | target | req/s | p50 | p99 | ratio to direct | added p99 vs direct |"
  echo "|---|---|---:|---:|---:|---:|---:|"
  for ((r = 1; r <= ROUNDS; r++)); do
    for target in "${TARGETS[@]}"; do
      row "$r" "$target" "${RPS[$r,$target]}" "${P50[$r,$target]}" "${P99[$r,$target]}" \
        "${RPS[$r,direct]}" "${P99[$r,direct]}"
    done
  done
  declare -A M_RPS M_P50 M_P99
  for target in "${TARGETS[@]}"; do
    rs=() p5=() p9=()
    for ((r = 1; r <= ROUNDS; r++)); do
      rs+=("${RPS[$r,$target]}"); p5+=("${P50[$r,$target]}"); p9+=("${P99[$r,$target]}")
    done
    M_RPS[$target]=$(median "${rs[@]}"); M_P50[$target]=$(median "${p5[@]}"); M_P99[$target]=$(median "${p9[@]}")
  done
  for target in "${TARGETS[@]}"; do
    row "**median**" "**$target**" "${M_RPS[$target]}" "${M_P50[$target]}" "${M_P99[$target]}" \
      "${M_RPS[direct]}" "${M_P99[direct]}"
  done
  echo
  awk -v g="${M_RPS[gateway]}" -v n="${M_RPS[nginx]}" -v d="${M_RPS[direct]}" \
    -v gp="${M_P99[gateway]}" -v dp="${M_P99[direct]}" 'BEGIN {
    printf "Goal (medians): gateway/direct %.2f %s nginx/direct %.2f — %s; gateway added p99 %.2f ms %s 5 ms — %s.\n",
      g / d, (g >= n ? "≥" : "<"), n / d, (g >= n ? "met" : "not met"),
      gp - dp, (gp - dp <= 5 ? "≤" : ">"), (gp - dp <= 5 ? "met" : "not met") }'
)

cpu=$(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo)
# The Java the platform runs the apps with (JAVA_HOME or java on the PATH, as ./platform does).
java_version=$("${JAVA_HOME:+$JAVA_HOME/bin/}java" -version 2>&1 | head -1 || echo unknown)
section=$(
  cat <<EOF
Generated by \`bench/gateway-overhead.sh\` on $(date -Is).

- Machine: $(nproc) cores ($cpu), $(free -g | awk '/^Mem:/ {print $2}') GiB RAM (\`free -g\`); wrk, the gateway,
  nginx, the member-service and the rest of the platform all share these cores.
- Java: $java_version; wrk: $(wrk -v 2>&1 | head -1 | awk '{print $1, $2}'); nginx: $("$NGINX" -v 2>&1 | sed 's/^nginx version: //').
- Endpoint: \`GET $ENDPOINT\` with \`Authorization: Bearer <client-credentials token of $CLIENT_ID>\`
  (a fresh token per measurement), via direct \`:8081\`, gateway \`:8080\`, nginx \`:$NGINX_PORT\`.
- Parameters: \`wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency\`, $ROUNDS rounds (direct, gateway, nginx in turn),
  $((slices * 10)) s warm-up alternating the targets; gateway with \`RATE_LIMIT_PER_SECOND=100000000
  RATE_LIMIT_BURST=100000000\` (the limiter's Redis round trip stays in the path) and the
  circuit breaker's bulkhead raised (\`$BULKHEAD_OPTS\`); gateway JVM options
  \`$DEFAULT_APP_JAVA_OPTS $BULKHEAD_OPTS${GATEWAY_JAVA_OPTS:+ $GATEWAY_JAVA_OPTS}\`${GATEWAY_ENV:+, gateway environment \`$GATEWAY_ENV\`}.
- nginx: Debian's, \`worker_processes auto\`, upstream \`keepalive 64\`, \`proxy_http_version 1.1\`,
  \`proxy_set_header Connection ""\`, \`access_log off\`.
$([[ $BARE == 1 ]] && printf '%s\n' "- bare: \`bench/bare-gateway\` on \`:$BARE_PORT\`, Spring Cloud Gateway with one route and nothing else (no security, JWT, limiter, circuit breaker or observations), the gateway's JVM options.")

$table
EOF
)

printf '\n%s\n' "$table"

if [[ $DOC != - ]]; then
  BEGIN='<!-- BEGIN GENERATED by bench/gateway-overhead.sh -->'
  END='<!-- END GENERATED by bench/gateway-overhead.sh -->'
  mkdir -p "$(dirname "$DOC")"
  if [[ ! -f $DOC ]]; then
    printf '# Gateway overhead\n\nRun `bench/gateway-overhead.sh` (platform running) to regenerate the table.\n\n%s\n%s\n' \
      "$BEGIN" "$END" >"$DOC"
  fi
  grep -qF "$BEGIN" "$DOC" || printf '\n%s\n%s\n' "$BEGIN" "$END" >>"$DOC"
  # Replace what is between the markers; keep everything else.
  SECTION=$section BEGIN=$BEGIN END=$END python3 - "$DOC" <<'PY'
import os, sys
path = sys.argv[1]
text = open(path, encoding="utf-8").read()
b, e = os.environ["BEGIN"], os.environ["END"]
head, rest = text.split(b, 1)
_, tail = rest.split(e, 1)
open(path, "w", encoding="utf-8").write(head + b + "\n" + os.environ["SECTION"] + "\n" + e + tail)
PY
  say "wrote $DOC"
fi
