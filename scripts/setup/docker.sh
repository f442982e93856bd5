#!/usr/bin/env bash
# Docker Engine for the local replica: install it if missing, start dockerd if it is not running,
# then make sure the base image debian:bookworm-slim exists (pull, else sim/base/build-base-image.sh
# builds it with debootstrap from the machine's own apt mirror: there may be no registry). Idempotent.
set -euo pipefail
IMAGE="${MHA_BASE_IMAGE:-debian:bookworm-slim}"
SOCKET=/var/run/docker.sock
as_root() { if [[ $(id -u) -ne 0 ]]; then echo "$1 (needs root: run 'sudo bash $0')" >&2; exit 1; fi; }

if ! command -v dockerd >/dev/null; then
  as_root "Docker Engine is not installed"
  export DEBIAN_FRONTEND=noninteractive
  if ! { apt-get update -qq && apt-get install -y -qq docker.io; } > /tmp/mha-docker-apt.log 2>&1; then
    tail -n 30 /tmp/mha-docker-apt.log >&2; exit 1
  fi
fi

if ! docker info >/dev/null 2>&1; then
  as_root "The Docker daemon is not running"
  if ! pgrep -x dockerd >/dev/null; then
    nohup dockerd > /var/log/dockerd.log 2>&1 &
  fi
  for _ in $(seq 1 60); do [[ -S $SOCKET ]] && docker info >/dev/null 2>&1 && break; sleep 0.5; done
  docker info >/dev/null 2>&1 || { echo "dockerd did not start; last lines of /var/log/dockerd.log:" >&2; tail -n 20 /var/log/dockerd.log >&2; exit 1; }
fi
echo "docker engine running ($(docker version --format '{{.Server.Version}}'))"

if docker image inspect "$IMAGE" >/dev/null 2>&1; then echo "base image $IMAGE present"; exit 0; fi
if timeout 60 docker pull "$IMAGE" >/dev/null 2>&1; then echo "pulled $IMAGE"; exit 0; fi

as_root "No registry reachable and $IMAGE is missing"
exec bash "$(dirname "${BASH_SOURCE[0]}")/../../sim/base/build-base-image.sh" "$IMAGE"
