#!/usr/bin/env bash
# Donation benchmark: sustained POST /api/donations through the gateway (:8080), every request with
# its own Idempotency-Key (and every REPEAT_EVERY-th request a retry of the previous key, as a client
# that lost a response would send), then proof that the totals are exact:
#   - progress count/total of the benchmark campaign == donations stored (list total) × amount,
#   - reconciliation (every total recomputed from the entries) reports no difference,
#   - no donation left uncounted (pendingDonations == 0).
#
# Needs the platform running (`./platform up`, demo data on: member-service's demo city provides the
# members). The script
#   - installs wrk from Debian when missing (apt-get; run as root);
#   - restarts the gateway with the per-caller rate limit and the bulkhead raised out of the way
#     (one committee token sends everything; the limiter's Redis round trip stays in the path) and
#     restores the normal gateway on exit (RESTORE_GATEWAY=0 leaves it);
#   - creates a campaign of its own (bench-<timestamp>, whole city, open for a day), so numbers never
#     mix with the demo campaign;
#   - warms up, measures, prints a Markdown table and, unless DOC=-, writes it between the
#     GENERATED markers of docs/services/donation-service.md.
#
# Knobs (environment):
#   DURATION=30s  CONNECTIONS=32  THREADS=2  WARMUP=10s  AMOUNT=1.00  REPEAT_EVERY=10 (0 = no retries)
#   GATEWAY=http://127.0.0.1:8080   DOC=docs/services/donation-service.md   RESTORE_GATEWAY=1
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"

DURATION=${DURATION:-30s}
CONNECTIONS=${CONNECTIONS:-32}
THREADS=${THREADS:-2}
WARMUP=${WARMUP:-10s}
AMOUNT=${AMOUNT:-1.00}
REPEAT_EVERY=${REPEAT_EVERY:-10}
GATEWAY=${GATEWAY:-http://127.0.0.1:8080}
DOC=${DOC:-docs/services/donation-service.md}
RESTORE_GATEWAY=${RESTORE_GATEWAY:-1}
TOKEN_URL=${TOKEN_URL:-http://localhost:8180/realms/party/protocol/openid-connect/token}
BENCH_DIR=$ROOT/.platform/bench/donations

say() { printf '%s\n' "$*" >&2; }
die() { say "donations: $*"; exit 1; }

command -v wrk >/dev/null || {
  say "installing wrk from Debian ..."
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
}
command -v jq >/dev/null || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq jq >/dev/null

status=$(./platform status 2>&1) || true
for part in member-service donation-service gateway keycloak redis; do
  grep -Eq "^$part +running .*healthy" <<<"$status" ||
    die "$part is not running and healthy; start the platform first with ./platform up
$status"
done
mkdir -p "$BENCH_DIR"

GATEWAY_RESTARTED=0
cleanup() {
  local rc=$?
  set +e
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

# Same way bench/gateway-overhead.sh does it: the platform's JVM options plus a bulkhead out of the way.
DEFAULT_APP_JAVA_OPTS=$(sed -n 's/^DEFAULT_APP_JAVA_OPTS="\(.*\)"$/\1/p' platform)
DEFAULT_APP_JAVA_OPTS="$DEFAULT_APP_JAVA_OPTS $(sed -n 's/^GATEWAY_EXTRA_JAVA_OPTS="\(.*\)"$/\1/p' platform)"
say "restarting the gateway with the rate limit raised for the benchmark ..."
./platform down gateway >&2
GATEWAY_RESTARTED=1
env RATE_LIMIT_PER_SECOND=100000000 RATE_LIMIT_BURST=100000000 PLATFORM_NO_BUILD=1 \
  JAVA_OPTS="$DEFAULT_APP_JAVA_OPTS -Dresilience4j.bulkhead.configs.default.max-concurrent-calls=100000" \
  ./platform up gateway >&2

token() {
  curl -fsS -d grant_type=password -d client_id=platform-cli -d username=committee -d password=committee-pass \
    "$TOKEN_URL" | jq -r .access_token
}
api() { # method path [body]
  local t; t=$(token)
  if [[ $# -ge 3 ]]; then
    curl -sS -X "$1" -H "Authorization: Bearer $t" -H 'Content-Type: application/json' -d "$3" "$GATEWAY$2"
  else
    curl -sS -X "$1" -H "Authorization: Bearer $t" "$GATEWAY$2"
  fi
}

# Party members of the demo city who may donate (full or probationary, active).
members=$(api GET '/api/members?size=200&status=ACTIVE' |
  jq -r '[.content[] | select(.stage == "FULL" or .stage == "PROBATIONARY") | .id] | join(" ")')
[[ -n $members ]] || die "no active party members found through $GATEWAY/api/members (demo data on?)"

CAMPAIGN=bench-$(date +%s)
now=$(date -u +%Y-%m-%dT%H:%M:%SZ)
until=$(date -u -d '+1 day' +%Y-%m-%dT%H:%M:%SZ)
created=$(api POST /api/donation-campaigns "{\"id\":\"$CAMPAIGN\",\"name\":\"benchmark\",\"purpose\":\"benchmark\",
  \"organiser\":\"bench\",\"participatingOrganizationId\":\"city\",\"opensAt\":\"$(date -u -d '-1 min' +%Y-%m-%dT%H:%M:%SZ)\",
  \"closesAt\":\"$until\"}")
[[ $(jq -r .id <<<"$created") == "$CAMPAIGN" ]] || die "could not create the benchmark campaign: $created"

# The wrk script: unique keys per thread and run, members in turn, optional retries of the last key.
LUA=$BENCH_DIR/donations.lua
{
  printf 'local members = {'
  for m in $members; do printf '"%s",' "$m"; done
  printf '}\n'
  cat <<LUA
local campaign, amount, repeatEvery = "$CAMPAIGN", "$AMOUNT", $REPEAT_EVERY
local token, run = os.getenv("BENCH_TOKEN"), os.getenv("BENCH_RUN")
-- threadId (set by setup) and failed (read by done) must be globals: wrk's thread:set/get see only those.
failed = 0
local counter, lastKey, lastBody = 0, nil, nil
local threads = {}
function setup(thread)
  thread:set("threadId", #threads + 1)
  table.insert(threads, thread)
end
function request()
  counter = counter + 1
  local key, body
  if repeatEvery > 0 and lastKey ~= nil and counter % repeatEvery == 0 then
    key, body = lastKey, lastBody
  else
    key = run .. "-" .. (threadId or 0) .. "-" .. counter
    body = string.format('{"campaignId":"%s","memberId":"%s","amount":"%s","channel":"ONLINE"}',
      campaign, members[(counter % #members) + 1], amount)
  end
  lastKey, lastBody = key, body
  return wrk.format("POST", "/api/donations", {["Content-Type"] = "application/json",
    ["Authorization"] = "Bearer " .. token, ["Idempotency-Key"] = key}, body)
end
function response(status, headers, body)
  if status ~= 201 then failed = failed + 1 end
end
function done(summary, latency, requests)
  local f = 0
  for _, t in ipairs(threads) do f = f + t:get("failed") end
  io.write(string.format("NON201 %d\n", f))
end
LUA
} >"$LUA"

run_wrk() { # duration → wrk output
  BENCH_TOKEN=$(token) BENCH_RUN="r$RANDOM$RANDOM" wrk -t"$THREADS" -c"$CONNECTIONS" -d"$1" --timeout 10s --latency \
    -s "$LUA" "$GATEWAY/api/donations" 2>&1
}
to_ms() {
  awk -v v="$1" 'BEGIN { n = v + 0; u = v; sub(/^[0-9.]+/, "", u)
    if (u == "us") n /= 1000; else if (u == "s") n *= 1000; else if (u == "m") n *= 60000; printf "%.1f", n }'
}

say "warming up for $WARMUP ..."
run_wrk "$WARMUP" >/dev/null
say "measuring for $DURATION with $CONNECTIONS connections ..."
out=$(run_wrk "$DURATION")
say "$out"
rps=$(awk '/^Requests\/sec:/ {print $2}' <<<"$out")
p50=$(to_ms "$(awk '$1 == "50%" {print $2}' <<<"$out")")
p99=$(to_ms "$(awk '$1 == "99%" {print $2}' <<<"$out")")
non201=$(awk '/^NON201/ {print $2}' <<<"$out")
errors=$(grep -E 'Socket errors' <<<"$out" || true)

# Exactness: wait until every stored donation is counted, then compare the three views.
say "checking the totals ..."
for _ in $(seq 1 60); do
  progress=$(api GET "/api/donation-campaigns/$CAMPAIGN/progress")
  [[ $(jq -r .pendingDonations <<<"$progress") == 0 ]] && break
  sleep 1
done
stored=$(api GET "/api/donations?campaignId=$CAMPAIGN&size=1" | jq -r .totalElements)
count=$(jq -r .count <<<"$progress")
total=$(jq -r .total <<<"$progress")
expected=$(awk -v n="$stored" -v a="$AMOUNT" 'BEGIN { printf "%.2f", n * a }')
report=$(api POST "/api/donation-campaigns/$CAMPAIGN/reconciliation" '{}')
consistent=$(jq -r .consistent <<<"$report")
exact=no
[[ $count == "$stored" && $total == "$expected" && $consistent == true ]] && exact=yes

table=$(cat <<MD
| when (UTC) | duration | connections | donations/s | p50 ms | p99 ms | non-201 | stored | progress count | total | expected | reconciliation | exact |
|---|---|---|---|---|---|---|---|---|---|---|---|---|
| $(date -u +%Y-%m-%dT%H:%MZ) | $DURATION | $CONNECTIONS | $rps | $p50 | $p99 | ${non201:-?} | $stored | $count | $total | $expected | $consistent | $exact |
MD
)
printf '%s\n' "$table"
[[ -z $errors ]] || say "wrk: $errors"
[[ $exact == yes ]] || say "TOTALS NOT EXACT: $(jq -c '{differences, invariantViolations, pendingDonations}' <<<"$report")"

if [[ $DOC != - && -f $DOC ]]; then
  python3 - "$DOC" "$table" "$(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB; REPEAT_EVERY=$REPEAT_EVERY, AMOUNT=$AMOUNT" <<'PY'
import sys, re
path, table, machine = sys.argv[1], sys.argv[2], sys.argv[3]
text = open(path, encoding="utf-8").read()
block = "<!-- GENERATED by bench/donations.sh -->\n" + table + "\n\nMachine: " + machine + "\n<!-- END GENERATED -->"
if "<!-- GENERATED by bench/donations.sh -->" in text:
    text = re.sub(r"<!-- GENERATED by bench/donations.sh -->.*?<!-- END GENERATED -->", lambda m: block, text, flags=re.S)
else:
    text = text.rstrip("\n") + "\n\n" + block + "\n"
open(path, "w", encoding="utf-8").write(text)
PY
  say "results written to $DOC"
fi
[[ $exact == yes ]]
