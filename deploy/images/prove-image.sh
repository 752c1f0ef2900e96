#!/usr/bin/env bash
# Proof that an image built here actually starts: load it into podman, run it the way Kubernetes
# will (non-root user from the image, read-only root filesystem, only /tmp writable) and wait for
# its liveness endpoint. Used by .ci/run; needs podman and runc (Debian packages).
#   deploy/images/prove-image.sh [app]     default: gateway (needs nothing else to become live)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
app="${1:-gateway}"
port=18080
name="image-proof-$app"
[[ -f "$app/target/image/$app.tar" ]] || deploy/images/build-images.sh "$app"
image=$(podman load -q -i "$app/target/image/$app.tar" | sed -n 's/^Loaded image: //p' | tail -1)
podman rm -f "$name" >/dev/null 2>&1 || true
trap 'podman logs --tail 30 "$name" 2>&1 || true; podman rm -f "$name" >/dev/null 2>&1 || true' EXIT
# podman on these machines needs runc and explicit ulimits (ENVIRONMENT.md).
podman run -d --name "$name" --runtime runc --ulimit nofile=1024:1024 --ulimit nproc=4096:4096 \
  --network host --read-only --tmpfs /tmp:rw,size=256m --memory 768m \
  -e SERVER_PORT=$port -e LOG_FORMAT= "$image" >/dev/null
user=$(podman inspect -f '{{.Config.User}}' "$name")
[[ "$user" == "10001:10001" ]] || { echo "prove-image: $image runs as '$user', expected 10001:10001" >&2; exit 1; }
for _ in $(seq 1 90); do
  if [[ "$(curl -s -m 2 "http://localhost:$port/actuator/health/liveness")" == *'"UP"'* ]]; then
    echo "prove-image: $image started (user $user, read-only root) and is live on :$port"
    trap 'podman rm -f "$name" >/dev/null 2>&1 || true' EXIT
    exit 0
  fi
  sleep 1
done
echo "prove-image: $image did not become live within 90 s" >&2
exit 1
