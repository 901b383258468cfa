#!/usr/bin/env bash
# Builds the five Lead Relay images, named as deploy/images.properties says
# (<registry>/<service>:<tag>), from the exec jars `./mvnw package` left in <service>/target.
# Usage: deploy/docker/build-images.sh [service...]   (all services when none is named)
# LEADRELAY_REGISTRY and LEADRELAY_IMAGE_TAG override the file's registry and tag, as in Compose.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"

property() {
  sed -n "s/^$1=//p" deploy/images.properties | tail -n 1
}

registry="${LEADRELAY_REGISTRY:-$(property registry)}"
tag="${LEADRELAY_IMAGE_TAG:-$(property tag)}"
jar_version="$(property jar-version)"
IFS=',' read -r -a services <<< "$(property services)"
if [ "$#" -gt 0 ]; then
  services=("$@")
fi

revision="$(git rev-parse HEAD 2>/dev/null || echo unknown)"
source_url="$(git remote get-url origin 2>/dev/null || true)"
created="$(date -u +%Y-%m-%dT%H:%M:%SZ)"

for service in "${services[@]}"; do
  jar="$service/target/$service-$jar_version-exec.jar"
  if [ ! -f "$jar" ]; then
    echo "missing $jar: run ./mvnw package first" >&2
    exit 1
  fi
  DOCKER_BUILDKIT=1 docker build \
    -f deploy/docker/Dockerfile \
    --build-arg SERVICE="$service" \
    --build-arg JAR_VERSION="$jar_version" \
    --build-arg VERSION="$tag" \
    --build-arg REVISION="$revision" \
    --build-arg CREATED="$created" \
    --build-arg SOURCE="$source_url" \
    -t "$registry/$service:$tag" \
    .
done
