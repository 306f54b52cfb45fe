#!/usr/bin/env bash
# Installs the action's own sfmeta-lint where the runner checked the action out ($GITHUB_ACTION_PATH): the code of
# the ref in `uses:`, never a package from the registry. Release tags carry the compiled dist/, so only the production
# dependencies are installed, from the lockfile; a ref without dist/ (a branch, a commit of main) is compiled here.
set -euo pipefail
cd "$GITHUB_ACTION_PATH"
npm_flags=(--ignore-scripts --no-audit --no-fund --prefer-offline --loglevel=error)
if [ -f dist/cli/index.js ]; then
  npm ci --omit=dev "${npm_flags[@]}"
else
  echo "::notice title=sfmeta-lint::This ref of the action has no compiled dist/ (release tags have one): compiling it."
  npm ci "${npm_flags[@]}"
  npm run compile --silent
fi
node bin/sfmeta-lint.js --version
