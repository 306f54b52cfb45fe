#!/usr/bin/env bash
# The last step: reports an upload that failed (code scanning off, or no security-events: write) in the job summary
# instead of failing the job, then fails the job when sfmeta-lint found problems at or above fail-on.
#   SFMETA_EXIT_CODE       the lint step's exit-code
#   SFMETA_FAIL_ON         the fail-on input
#   SFMETA_UPLOAD_OUTCOME  the upload step's outcome: success, failure, or skipped/empty when it did not run
set -euo pipefail
if [ "${SFMETA_UPLOAD_OUTCOME:-}" = failure ]; then
  echo "Code scanning: the SARIF upload failed (its step's log says why). Code scanning must be enabled for the repository (private and internal repositories need GitHub Code Security) and the job needs \`security-events: write\` (and \`actions: read\` in a private repository). The findings are in the annotations and in this summary." >> "$GITHUB_STEP_SUMMARY"
  echo "::warning title=sfmeta-lint::The SARIF upload to code scanning failed; the job summary says what to check."
fi
if [ "$SFMETA_EXIT_CODE" = 1 ]; then
  echo "::error title=sfmeta-lint::sfmeta-lint found problems at or above '$SFMETA_FAIL_ON'."
  exit 1
fi
