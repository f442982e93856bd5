#!/usr/bin/env bash
# The replica's base image without a registry: debootstrap a minimal Debian 12 from the mirror this
# machine's apt already uses, keep its apt sources (so image builds reach the same mirror), and
# import the root file system as IMAGE. Needs root and debootstrap. Usage: build-base-image.sh [IMAGE]
set -euo pipefail
IMAGE="${1:-debian:bookworm-slim}"
if [[ $(id -u) -ne 0 ]]; then echo "building $IMAGE with debootstrap needs root: sudo bash $0 $IMAGE" >&2; exit 1; fi
command -v debootstrap >/dev/null || { apt-get update -qq && apt-get install -y -qq debootstrap >/dev/null; }
sources=""
for f in /etc/apt/sources.list.d/debian.sources /etc/apt/sources.list.d/*.sources /etc/apt/sources.list; do
  [[ -f $f ]] && grep -Eq 'debian(/| |$)' "$f" && { sources=$f; break; }
done
mirror=""
if [[ -n $sources ]]; then
  mirror=$(grep -Eo '(URIs:|deb) +[a-z]+://[^ ]+/debian/?( |$)' "$sources" | head -n1 | awk '{print $2}')
fi
mirror="${MHA_DEBIAN_MIRROR:-${mirror:-http://deb.debian.org/debian}}"
rootfs=$(mktemp -d /tmp/mha-rootfs.XXXXXX)
trap 'rm -rf "$rootfs"' EXIT
echo "debootstrap bookworm from $mirror"
debootstrap --variant=minbase bookworm "$rootfs" "$mirror" > /tmp/mha-debootstrap.log 2>&1 || { tail -n 30 /tmp/mha-debootstrap.log >&2; exit 1; }
if [[ -n $sources ]]; then
  rm -f "$rootfs/etc/apt/sources.list"
  case $sources in
    *.sources) cp "$sources" "$rootfs/etc/apt/sources.list.d/" ;;
    *) cp "$sources" "$rootfs/etc/apt/sources.list" ;;
  esac
fi
rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/*
tar -C "$rootfs" -c . | docker import - "$IMAGE" >/dev/null
echo "built $IMAGE with debootstrap"
