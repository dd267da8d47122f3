#!/usr/bin/env bash
# The GPU check (docs/gpu.md): counterfair's DistilBERT-shaped audit on WebGPU and on the CPUs of a
# bare Linux x64 GPU machine (a driver; no Node, no Vulkan loader, no network), in one short call.
#
#   scripts/gpu-check.sh pack [--out DIR] [--xz-level 0-9, default 6] [--debs DIR]
#       here, after `npm run build`: writes DIR (default reports/gpu-check), under 64 MiB: the
#       archive (Node, the bundled CLI, the Linux x64 native modules, the measuring script), the
#       Vulkan loader's .deb files and this script. --debs takes the .deb files from a folder
#       instead of `apt-get download`.
#
#   scripts/gpu-check.sh run [--dir DIR] [--out DIR] [--shape base|tiny] [--templates N] [--timeout S]
#       there, with DIR (default: this script's folder when it holds the archive, else
#       reports/gpu-check): unpacks into a temporary folder, makes the Vulkan loader loadable
#       (from the system, else from the .deb files, unpacked privately and found through
#       LD_LIBRARY_PATH), builds the model, runs the audit on webgpu and on cpu, and writes
#       gpu-check.json into --out (default: $OUT when set, else DIR/out). --shape tiny and
#       --templates N make a small run for trying the check on a machine without a GPU; each
#       audit is stopped after --timeout seconds (default 300).
#       GPU_CHECK_VULKAN=system unpacks the .deb files into / instead (root only; for when the
#       private copy is not found by the driver), as a container's own packages would be.
set -euo pipefail

die() { echo "gpu-check: $*" >&2; exit 2; }

command="${1:-}"
[ $# -gt 0 ] && shift
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

case "$command" in
  pack)
    cd "$here/.."
    exec node --import tsx scripts/gpu-check/pack.ts "$@"
    ;;
  run) ;;
  *) die "usage: gpu-check.sh pack [--out DIR] [--xz-level N] [--debs DIR] | run [--dir DIR] [--out DIR] [--shape base|tiny] [--templates N]" ;;
esac

dir="" out="" shape="base" templates="" timeout="300"
while [ $# -gt 0 ]; do
  case "$1" in
    --dir) dir="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    --shape) shape="$2"; shift 2 ;;
    --templates) templates="$2"; shift 2 ;;
    --timeout) timeout="$2"; shift 2 ;;
    *) die "unknown option $1" ;;
  esac
done
if [ -z "$dir" ]; then
  if [ -f "$here/counterfair-gpu-check.tar.xz" ]; then dir="$here"; else dir="$here/../reports/gpu-check"; fi
fi
dir="$(cd "$dir" && pwd)" || die "no folder $dir"
archive="$dir/counterfair-gpu-check.tar.xz"
[ -f "$archive" ] || die "$archive is missing: run scripts/gpu-check.sh pack first"
out="${out:-${OUT:-$dir/out}}"
mkdir -p "$out"
out="$(cd "$out" && pwd)"

[ "$(uname -s)-$(uname -m)" = "Linux-x86_64" ] || die "the archive holds Linux x64 binaries; this is $(uname -s)-$(uname -m)"
work="$(mktemp -d "${TMPDIR:-/tmp}/counterfair-gpu-check.XXXXXX")"
trap 'rm -rf "$work"' EXIT

# Unpack: xz where there is one, else Python's lzma.
started=$SECONDS
if command -v xz >/dev/null 2>&1; then
  xz -dc "$archive" | tar -xf - -C "$work"
elif command -v python3 >/dev/null 2>&1; then
  python3 -c 'import sys, tarfile; tarfile.open(sys.argv[1], "r:xz").extractall(sys.argv[2])' "$archive" "$work"
else
  die "neither xz nor python3 is there to unpack $archive"
fi
root="$work/counterfair-gpu-check"
echo "gpu-check: unpacked in $((SECONDS - started)) s" >&2

# Vulkan: Dawn (onnxruntime's WebGPU) loads libvulkan.so.1, which loads the driver's ICD.
vulkan="none"
if ldconfig -p 2>/dev/null | grep -q 'libvulkan\.so\.1 '; then
  vulkan="system loader"
elif ls "$dir"/vulkan/*.deb >/dev/null 2>&1; then
  if [ "${GPU_CHECK_VULKAN:-private}" = "system" ]; then
    [ "$(id -u)" -eq 0 ] || die "GPU_CHECK_VULKAN=system needs root"
    for f in "$dir"/vulkan/*.deb; do dpkg -x "$f" /; done
    ldconfig
    vulkan="carried packages, unpacked into /"
  else
    for f in "$dir"/vulkan/*.deb; do dpkg-deb -x "$f" "$work/vulkan"; done
    export LD_LIBRARY_PATH="$work/vulkan/usr/lib/x86_64-linux-gnu${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
    vulkan="carried packages, unpacked privately"
  fi
  vulkan="$vulkan ($(cd "$dir/vulkan" && ls -- *.deb | sed 's/_amd64\.deb$//' | tr '\n' ' ' | sed 's/ $//'))"
fi
# The driver's Vulkan ICD, where a container mounts NVIDIA's driver but not its ICD file.
if [ -z "${VK_DRIVER_FILES:-}${VK_ICD_FILENAMES:-}" ] && ! ls /usr/share/vulkan/icd.d/*.json /etc/vulkan/icd.d/*.json >/dev/null 2>&1; then
  for icd in /usr/local/nvidia/share/vulkan/icd.d/nvidia_icd.json /usr/local/nvidia/icd.d/nvidia_icd.json; do
    if [ -f "$icd" ]; then export VK_DRIVER_FILES="$icd"; vulkan="$vulkan; ICD $icd"; break; fi
  done
fi
gpu=""
if command -v nvidia-smi >/dev/null 2>&1; then
  gpu="$(nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader 2>/dev/null | head -1 || true)"
fi

"$root/node" "$root/check/check.mjs" --app "$root/app" --bench "$root/check/bench.json" --work "$work/run" \
  --out "$out/gpu-check.json" --shape "$shape" ${templates:+--templates "$templates"} --timeout "$timeout" \
  --vulkan "$vulkan" --gpu "$gpu"
