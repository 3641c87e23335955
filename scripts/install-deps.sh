#!/usr/bin/env bash
# install-deps.sh — installs, with apt-get, the Debian 12 packages aslcheck needs and the machine lacks.
set -euo pipefail

packages=(
  g++ cmake ninja-build ccache pkg-config make
  libsimdjson-dev librapidcheck-dev libgtest-dev libgmock-dev libbenchmark-dev
  libboost-dev libboost-regex-dev libfmt-dev libcli11-dev libssl-dev
  clang libclang-rt-14-dev
  chromium  # the report.html end-to-end test opens the report headless
  libxml2-utils  # xmllint: the junit.xml tests check well-formedness
  libboost-filesystem-dev  # Boost.Process (v1, Boost 1.74) for the alsf and command targets' workers
  python3-yaml  # the aws target's template.yaml is checked offline (tests/harness/scripted_task_test.py)
  libsnappy-dev zlib1g-dev  # SNAPPY and GZIP pages of the PARQUET ItemReader (oracles/parquet)
  libgoogle-perftools-dev  # tcmalloc_minimal, the aslcheck program's allocator (CMake ASLCHECK_ALLOCATOR)
  awscli  # Debian's AWS CLI 2.9: the end-to-end tests run /usr/bin/aws against `aslcheck serve` (Beast/Asio are in libboost-dev)
)
# Node and npm run the alsf target (aws-local-stepfunctions). A node already on PATH (for example
# a newer one from another repository) is kept; only a machine without one gets Debian's.
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  packages+=(nodejs npm)
fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "install-deps: installing ${missing[*]}"
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then sudo="sudo"; else
    echo "install-deps: not root and no sudo; install these packages first: ${missing[*]}" >&2
    exit 2
  fi
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
