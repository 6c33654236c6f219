#!/usr/bin/env bash
# One set-up command for a fresh machine of this kind (Debian, Node 20, npm registry reachable):
# the system packages the browser, VS Code and cluster tests need (Open MPI's mpiexec, Slurm and
# munge, iproute2 for network namespaces), Debian's mpi4py and numpy (for /usr/bin/python3: the
# anchors `npm run bench` measures us against), the npm dependencies (whose `prepare` builds
# dist/), and code-server 4.100.3 for the tests inside a real VS Code.
set -euo pipefail
cd "$(dirname "$0")/.."
missing=()
command -v chromium >/dev/null || missing+=(chromium)
command -v rg >/dev/null || missing+=(ripgrep)
dpkg -s libkrb5-dev >/dev/null 2>&1 || missing+=(libkrb5-dev)
command -v mpiexec >/dev/null || missing+=(openmpi-bin)
for pkg in python3-mpi4py python3-numpy; do dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg"); done
command -v slurmctld >/dev/null || missing+=(slurm-wlm)
command -v munged >/dev/null || missing+=(munge)
command -v ip >/dev/null || missing+=(iproute2)
if ((${#missing[@]})); then
  SUDO=$([[ $(id -u) == 0 ]] && echo "" || echo sudo)
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}"
fi
npm ci --no-audit --no-fund
bash scripts/install-code-server.sh
