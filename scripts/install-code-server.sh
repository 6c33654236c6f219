#!/usr/bin/env bash
# Installs code-server 4.100.3 (VS Code 1.100.3's server and web workbench) into .vscode-test/,
# for the extension's integration and end-to-end tests. VS Code desktop cannot be downloaded on
# these machines; see README "Testing the extension". Idempotent: does nothing when installed.
set -euo pipefail
cd "$(dirname "$0")/.."
VERSION=4.100.3
DIR=.vscode-test/code-server-$VERSION
ENTRY=$DIR/node_modules/code-server/out/node/entry.js
if [[ -f $ENTRY ]]; then exit 0; fi
for tool in rg chromium; do
  if ! command -v "$tool" >/dev/null; then
    echo "install-code-server: '$tool' is missing; run: apt-get install -y chromium libkrb5-dev ripgrep" >&2
    exit 1
  fi
done
# @vscode/ripgrep inside code-server downloads rg from GitHub unless its cache already holds it.
TMP=${TMPDIR:-/tmp}
for cache in "$TMP"/vscode-ripgrep-cache-1.15.9 "$TMP"/vscode-ripgrep-cache-1.15.10 "$TMP"/vscode-ripgrep-cache-1.15.11 "$TMP"/vscode-ripgrep-cache-1.15.14; do
  mkdir -p "$cache"
  tar -czf "$cache/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz" -C "$(dirname "$(command -v rg)")" rg
done
mkdir -p "$DIR"
cd "$DIR"
[[ -f package.json ]] || echo '{"name":"code-server-for-tests","private":true}' > package.json
npm_config_yes=true npm_config_unsafe_perm=true npm install --no-audit --no-fund --no-save "code-server@$VERSION"
test -f node_modules/code-server/out/node/entry.js
