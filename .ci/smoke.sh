#!/usr/bin/env bash
# Starts the built production server on a free port with a fresh embedded database and signs in as ops.
set -euo pipefail
port=$(node -e 'const s=require("net").createServer().listen(0,()=>{console.log(s.address().port);s.close()})')
dir=$(mktemp -d)
export NODE_ENV=production PORT=$port PGLITE_DIR="$dir/pglite" OPS_EMAIL=ops@ci.test OPS_PASSWORD=ci-ops-password AUTH_SECRET=ci-secret-$RANDOM$RANDOM
npx next start -p "$port" >"$dir/server.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true; rm -rf "$dir"' EXIT
for _ in $(seq 1 60); do
  curl -sf -o /dev/null "http://127.0.0.1:$port/signin" && break
  sleep 1
done
ready=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/api/ready")
[ "$ready" = 200 ] || { echo "smoke: /api/ready answered $ready"; cat "$dir/server.log"; exit 1; }
body='{"query":"mutation { signIn(email: \"ops@ci.test\", password: \"ci-ops-password\") { token user { email } } }"}'
answer=$(curl -s -X POST "http://127.0.0.1:$port/api/graphql" -H 'content-type: application/json' -d "$body")
echo "$answer" | grep -q '"email":"ops@ci.test"' || { echo "smoke sign-in failed: $answer"; cat "$dir/server.log"; exit 1; }
echo "smoke: signed in as ops on port $port"
