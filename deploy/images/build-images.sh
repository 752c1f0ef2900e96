#!/usr/bin/env bash
# Build the applications' OCI images as tar files with Jib, offline (ADR 0007).
#   deploy/images/build-images.sh [app ...]      default: all five applications
# Output: <app>/target/image/<app>.tar (docker-archive; `podman load -i …`, or push with skopeo).
# IMAGE_BASE=<image> uses another base (e.g. eclipse-temurin:17-jre when a registry is reachable);
# by default the Java runtime base is made from this machine's JDK first.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
apps=("$@")
((${#apps[@]})) || apps=(gateway member-service activity-service honor-service donation-service)
base_args=()
if [[ -n "${IMAGE_BASE:-}" ]]; then
  base_args=(-Dimage.base="$IMAGE_BASE")
else
  python3 deploy/images/make-java-runtime-base.py target/base-image/java-runtime.tar
fi
modules=$(IFS=,; echo "${apps[*]}")
# install, not package: the second run builds only the apps, and resolves their sibling modules
# (platform-core, web-console) from the local repository — on a fresh machine they are nowhere else.
./mvnw -B -ntp -q -pl "$modules" -am install -DskipTests "${base_args[@]}"
./mvnw -B -ntp -q -pl "$modules" com.google.cloud.tools:jib-maven-plugin:buildTar "${base_args[@]}"
for app in "${apps[@]}"; do ls -l "$app/target/image/$app.tar"; done
