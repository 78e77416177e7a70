#!/bin/sh
# run.sh of the bundle bin/gpu-bundle makes (not run from the project): the GPU measurement on a bare Linux machine.
# ./run.sh [--small] [--device D:N]. Finds the vendor's OpenCL library itself (NVIDIA: libnvidia-opencl.so.1 beside
# libcuda.so.1, wherever the driver is mounted) unless OCL_ICD_VENDORS is set, prints the devices, checks device
# logits against the CPU backend, then benchmarks Qwen3-0.6B/1.7B-shaped models it writes (needs ~10 GB of disk in
# $WORK, default ./work, and about 16 GB of RAM). --small: a tiny model and short runs (for a CPU OpenCL device).
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
WORK=${WORK:-$HERE/work}
small=""
device=""
while [ $# -gt 0 ]; do
  case "$1" in
    --small) small="--small" ;;
    --device) device="$2"; shift ;;
    *) echo "usage: run.sh [--small] [--device driver:device]" >&2; exit 2 ;;
  esac
  shift
done

# 1. the vendor's OpenCL library for the ICD loader we ship
if [ -z "${OCL_ICD_VENDORS:-}" ]; then
  vendors="$HERE/vendors"
  mkdir -p "$vendors"
  rm -f "$vendors"/*.icd
  found=""
  for d in $(ldconfig -p 2>/dev/null | sed -n 's/.*libcuda\.so\.1.* => \(.*\)\/libcuda\.so\.1$/\1/p') \
      /usr/lib/x86_64-linux-gnu /usr/lib64 /usr/lib /usr/local/nvidia/lib64 /usr/local/nvidia/lib \
      /usr/local/cuda/lib64 /run/nvidia/driver/usr/lib/x86_64-linux-gnu /usr/lib/wsl/lib; do
    if [ -e "$d/libnvidia-opencl.so.1" ]; then
      found="$d/libnvidia-opencl.so.1"
      break
    fi
  done
  if [ -z "$found" ]; then
    # the driver may be mounted elsewhere (containers): look for libcuda.so.1 and take its neighbour
    cuda=$(find / -xdev \( -path /proc -o -path /sys \) -prune -o -name libcuda.so.1 -print 2>/dev/null | head -1)
    if [ -n "$cuda" ] && [ -e "$(dirname "$cuda")/libnvidia-opencl.so.1" ]; then
      found="$(dirname "$cuda")/libnvidia-opencl.so.1"
    fi
  fi
  if [ -n "$found" ]; then
    echo "$found" > "$vendors/nvidia.icd"
    echo "run.sh: NVIDIA OpenCL library: $found"
  fi
  # keep any ICDs the system registers (PoCL, other vendors)
  for f in /etc/OpenCL/vendors/*.icd; do
    [ -e "$f" ] && cp "$f" "$vendors/"
  done
  if [ -z "$(ls "$vendors" 2>/dev/null)" ]; then
    echo "run.sh: no OpenCL driver found (no libnvidia-opencl.so.1 beside libcuda.so.1, /etc/OpenCL/vendors empty)" >&2
    exit 1
  fi
  OCL_ICD_VENDORS="$vendors"
  export OCL_ICD_VENDORS
fi
echo "run.sh: OCL_ICD_VENDORS=$OCL_ICD_VENDORS: $(cat "$OCL_ICD_VENDORS"/*.icd 2>/dev/null | tr '\n' ' ')"
LD_LIBRARY_PATH="$HERE/lib${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
export LD_LIBRARY_PATH

# 2. TornadoVM's JVM flags for this location; the JVM starts in an empty folder (the argfile puts "." on the
#    module path)
TORNADOVM_HOME="$HERE/tornadovm"
export TORNADOVM_HOME
sed "s|\${TORNADOVM_HOME}|$TORNADOVM_HOME|g" "$TORNADOVM_HOME/tornado-argfile.template" > "$TORNADOVM_HOME/tornado-argfile"
mkdir -p "$WORK/models" "$WORK/run"
cd "$WORK/run"
cp=""
for j in "$HERE"/app/*.jar; do
  cp="${cp:+$cp:}$j"
done
mem=${BENCH_HEAP:-8g}
# signal chaining: an OpenCL driver's LLVM may install signal handlers that would replace the JVM's (docs/gpu.md)
LD_PRELOAD="$HERE/jdk/lib/libjsig.so${LD_PRELOAD:+:$LD_PRELOAD}"
export LD_PRELOAD
exec "$HERE/jdk/bin/java" @"$TORNADOVM_HOME/tornado-argfile" -Dtornado.recover.bailout=False \
  -Dtornado.tvm.maxbytecodesize=1048576 --add-modules jdk.incubator.vector -Xmx"$mem" \
  ${device:+-Dengine.device=$device} -cp "$cp" io.corpusforge.inference.tornado.GpuBench "$WORK/models" $small
