#!/usr/bin/env bash
# Member import benchmark: N members (default 100,000) in one CSV of the member form, uploaded to
# /api/members/import of the running platform; measures the time until the job is COMPLETED and
# the member-service's peak resident memory, and writes both to docs/performance/member-import.md.
#
# Needs `./platform up`. Knobs: ROWS=100000, REGION=650101 (first six digits of the id numbers), TARGET=unit-c (organisation imported into; its
# branches take the rows round-robin), DOC=docs/performance/member-import.md ("-": don't write).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

ROWS=${ROWS:-100000}
REGION=${REGION:-650101}  # another region (e.g. 650102) imports fresh members into a register that has the first run's
TARGET=${TARGET:-unit-c}
DOC=${DOC:-docs/performance/member-import.md}
WORK=.platform/bench/import
SERVICE=http://127.0.0.1:8081

die() { printf 'member-import: %s\n' "$*" >&2; exit 1; }
curl -sf "$SERVICE/actuator/health/readiness" >/dev/null || die "member-service is not ready: run ./platform up first"
mkdir -p "$WORK"
token=$(./platform token committee committee-pass)
[[ -n $token ]] || die "no token from Keycloak"

branches=$(curl -sf -H "Authorization: Bearer $token" "$SERVICE/api/organizations/$TARGET/subtree" \
  | grep -o '"id":"[^"]*","version":[0-9]*,"name":"[^"]*","type":"BRANCH"' | sed 's/"id":"\([^"]*\)".*/\1/' | tr '\n' ' ')
[[ -n $branches ]] || die "no branches under $TARGET"

csv="$WORK/members-$REGION-$ROWS.csv"
# Distinct, valid citizen id numbers: a birth date per 1000 rows, the row's sequence within it,
# and the GB 11643 check character (ISO 7064 MOD 11-2). Region 650101 keeps them apart from the
# demo city's and the tests' numbers.
awk -v rows="$ROWS" -v region="$REGION" -v branches="$branches" -v seed="$RANDOM" 'BEGIN {
  split(branches, b, " "); nb = length(b)
  split("7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2", w, " "); split("1 0 X 9 8 7 6 5 4 3 2", c, " ")
  print "姓名,性别,公民身份号码,人员类别,所在党支部,入党日期,转正日期,联系电话"
  for (i = 0; i < rows; i++) {
    day = int(i / 1000); y = 1960 + int(day / 336); m = 1 + int((day % 336) / 28); d = 1 + day % 28
    id = sprintf("%s%04d%02d%02d%03d", region, y, m, d, i % 1000)
    s = 0; for (k = 1; k <= 17; k++) s += substr(id, k, 1) * w[k]
    id = id c[s % 11 + 1]
    sex = (i % 2) ? "男" : "女"
    printf "导入党员%06d,%s,%s,正式党员,%s,2000-07-01,2001-07-01,139%08d\n", i, sex, id, b[i % nb + 1], i
  }
}' > "$csv"
size=$(du -h "$csv" | cut -f1)
echo "member-import: $ROWS rows ($size) into $TARGET ($branches)"

pid=$(cat .platform/run/member-service.pid)
peak=0
start=$(date +%s.%N)
location=$(curl -sf -D - -o "$WORK/job.json" -H "Authorization: Bearer $token" \
  -F "file=@$csv;filename=members.csv" "$SERVICE/api/members/import?organizationId=$TARGET" \
  | awk 'tolower($1) == "location:" {print $2}' | tr -d '\r')
[[ -n $location ]] || die "upload refused: $(cat "$WORK/job.json")"
status=VALIDATING
while [[ $status == VALIDATING || $status == IMPORTING ]]; do
  sleep 1
  rss=$(awk '/VmRSS/ {print $2}' "/proc/$pid/status" 2>/dev/null || echo 0)
  (( rss > peak )) && peak=$rss
  # Tokens live 5 minutes and a busy service may answer 503 for a moment: retry, don't give up.
  job=$(curl -sf -H "Authorization: Bearer $(./platform token committee committee-pass)" "$SERVICE$location") \
    || { echo "member-import: progress not readable right now, retrying" >&2; continue; }
  status=$(sed 's/.*"status":"\([A-Z]*\)".*/\1/' <<<"$job")
  echo "  $(date +%T) $status processed $(grep -o '"processedRows":[0-9]*' <<<"$job" | cut -d: -f2)" >&2
done
end=$(date +%s.%N)
seconds=$(awk -v a="$start" -v b="$end" 'BEGIN {printf "%.1f", b - a}')
created=$(grep -o '"created":[0-9]*' <<<"$job" | cut -d: -f2)
skipped=$(grep -o '"skippedExisting":[0-9]*' <<<"$job" | cut -d: -f2)
[[ $status == COMPLETED ]] || die "job ended $status: $job"
rate=$(awk -v n="$ROWS" -v s="$seconds" 'BEGIN {printf "%.0f", n / s}')
summary="| $(date -u +%F) | $ROWS | $size | $seconds s | $rate rows/s | $created | $skipped | $((peak / 1024)) MiB |"
echo "$summary"
if [[ $DOC != - ]]; then
  echo "$summary" >> "$DOC"
fi
