#!/usr/bin/env bash
# The action's first step: checks Node, and names npm's cache folder and the action's lockfile hash, so that the
# next step (actions/cache) can restore the packages the install step needs. setup-node cannot key a cache on a file
# outside the workspace, which is where the action lives ($GITHUB_ACTION_PATH).
set -euo pipefail
major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
if [ "$major" -lt 20 ]; then
  echo "::error title=sfmeta-lint::sfmeta-lint needs Node.js 20 or later on the runner (found: $(node --version 2>/dev/null || echo none)). Add actions/setup-node before this action."
  exit 1
fi
lock_hash=$(node -e 'const { createHash } = require("node:crypto"); const { readFileSync } = require("node:fs");
process.stdout.write(createHash("sha256").update(readFileSync(process.argv[1])).digest("hex"))' "$GITHUB_ACTION_PATH/package-lock.json")
{
  echo "npm-cache=$(npm config get cache)"
  echo "lock-hash=$lock_hash"
} >> "$GITHUB_OUTPUT"
