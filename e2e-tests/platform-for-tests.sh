#!/usr/bin/env bash
# Brings the platform up for the end-to-end tests and down again afterwards — but only what the
# tests started: a platform a developer already runs is reused and left running.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
marker="$here/target/platform-started-by-tests"
mkdir -p "$here/target"

# The browser tests drive Debian's Chromium; install it (and its driver) if this machine lacks it.
ensure_chromium() {
  if ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1; then
    echo "e2e: installing chromium and chromium-driver (Debian packages) for the browser tests"
    apt-get update -qq && apt-get install -y -qq chromium chromium-driver
  fi
}

case "${1:-}" in
  start)
    ensure_chromium
    if "$root/platform" status 2>/dev/null | grep -q '^gateway .*running'; then
      echo "e2e: reusing the running platform (left running afterwards)"
      rm -f "$marker"
    else
      # The reactor has just built every jar; never rebuild from inside the build. A notice day of
      # 20 seconds lets the July-1 scenario's commendation reach approval within the run.
      PLATFORM_NO_BUILD=1 HONOR_NOTICE_DAY_LENGTH="${HONOR_NOTICE_DAY_LENGTH:-20s}" "$root/platform" up
      touch "$marker"
    fi
    ;;
  stop)
    if [[ -f "$marker" ]]; then
      "$root/platform" down
      rm -f "$marker"
    fi
    ;;
  *)
    echo "usage: $0 start|stop" >&2
    exit 2
    ;;
esac
