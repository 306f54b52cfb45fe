#!/usr/bin/env bash
# The lint step: runs the action's sfmeta-lint on the workspace, writes annotations, the job summary and SARIF, and
# decides whether the SARIF can be uploaded. Inputs arrive as environment variables, never as expressions in the script.
#   SFMETA_PATHS          files or folders, one per line (names may contain spaces)
#   SFMETA_FAIL_ON        error | warning | note | never
#   SFMETA_BASELINE       a baseline file, or empty
#   SFMETA_CHANGED_SINCE  a git ref, or empty
#   SFMETA_UPLOAD         'true' to upload the SARIF to code scanning
# Outputs: exit-code (0 clean, 1 findings that fail the run, 2 could not run), sarif-file, upload ('true' or 'false').
# Exit 2 fails this step at once, so that no later step (the upload) adds a second error; 1 fails the last step.
set -uo pipefail
summary() { echo "$*" >> "$GITHUB_STEP_SUMMARY"; }

sarif="${RUNNER_TEMP:-${TMPDIR:-/tmp}}/sfmeta-lint.sarif"
rm -f "$sarif"
args=(--format github --output "sarif=$sarif" --output "markdown=$GITHUB_STEP_SUMMARY" --fail-on "$SFMETA_FAIL_ON")
[ -n "$SFMETA_BASELINE" ] && args+=(--baseline "$SFMETA_BASELINE")
[ -n "$SFMETA_CHANGED_SINCE" ] && args+=(--changed-since "$SFMETA_CHANGED_SINCE")
paths=()
while IFS= read -r line || [ -n "$line" ]; do
  line="${line%$'\r'}"
  line="${line#"${line%%[![:space:]]*}"}"
  line="${line%"${line##*[![:space:]]}"}"
  [ -n "$line" ] && paths+=("$line")
done <<< "$SFMETA_PATHS"
[ "${#paths[@]}" -eq 0 ] && paths=(.)

status=0
node "$GITHUB_ACTION_PATH/bin/sfmeta-lint.js" "${args[@]}" -- "${paths[@]}" || status=$?
{
  echo "exit-code=$status"
  echo "sarif-file=$sarif"
} >> "$GITHUB_OUTPUT"
if [ "$status" -ne 0 ] && [ "$status" -ne 1 ]; then
  echo "upload=false" >> "$GITHUB_OUTPUT"
  summary "**sfmeta-lint could not run** (exit code $status): see the message in the log of this step."
  echo "::error title=sfmeta-lint::sfmeta-lint could not run (exit code $status); the message above says why."
  exit 2
fi

# Whether the token can write code scanning results. On a pull request from a fork (or from a deleted one), the
# workflow token is read-only: the upload would fail the job. pull_request_target runs with the base repository's token.
head_repo=""
if [ "${GITHUB_EVENT_NAME:-}" != pull_request_target ] && [ -f "${GITHUB_EVENT_PATH:-}" ]; then
  head_repo=$(node -e 'const event = JSON.parse(require("node:fs").readFileSync(process.argv[1], "utf8"));
const pr = event.pull_request;
process.stdout.write(pr ? (pr.head && pr.head.repo && pr.head.repo.full_name) || "(a deleted fork)" : "")' "$GITHUB_EVENT_PATH")
fi
upload=false
if [ "$SFMETA_UPLOAD" != true ]; then
  summary "Code scanning: the SARIF report was not uploaded (\`upload-sarif: $SFMETA_UPLOAD\`)."
elif [ ! -s "$sarif" ]; then
  summary "Code scanning: sfmeta-lint wrote no SARIF report, so nothing was uploaded."
elif [ -n "$head_repo" ] && [ "$head_repo" != "${GITHUB_REPOSITORY:-}" ]; then
  summary "Code scanning: upload skipped. This pull request comes from the fork $head_repo, whose workflow token cannot write code scanning results; the findings are in the annotations and in this summary."
else
  upload=true
fi
echo "upload=$upload" >> "$GITHUB_OUTPUT"
exit 0
