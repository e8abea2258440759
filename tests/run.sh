#!/usr/bin/env bash
# Run the whole test suite: builds first (tools/build.sh), then
#   - the test tools' own tests (python),
#   - native unit tests of the core under ASan/UBSan (build/native),
#   - the Windows tests under wine64 (build/x86_64): ACM rules, decode matrix,
#   - the i686 static checks (build/i686): export table and imports,
#   - the fuzzers' bounded runs and crash regressions (build/fuzz, label fuzz).
# Ends with one line "N passed, N failed" over all of them; exits non-zero on any failure.
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
bash tools/build.sh || { echo "build failed"; echo "0 passed, 1 failed"; exit 1; }

passed=0 failed=0
count() { # count CTEST_DIR [CTEST_ARGS...]: run ctest and add its totals
  local dir=$1 log
  shift
  log=$(mktemp)
  (cd "$dir" && ctest -j2 --output-on-failure --timeout 1200 "$@") 2>&1 | tee "$log"
  local total fails
  total=$(sed -n 's/.*tests passed, \([0-9]*\) tests failed out of \([0-9]*\).*/\2/p' "$log" | tail -1)
  fails=$(sed -n 's/.*tests passed, \([0-9]*\) tests failed out of \([0-9]*\).*/\1/p' "$log" | tail -1)
  if [ -z "$total" ]; then failed=$((failed + 1)); else
    passed=$((passed + total - fails)); failed=$((failed + fails)); fi
  rm -f "$log"
}

echo "== test tools"
if python3 -m unittest discover -s tests/tools -p 'test_*.py' 2>&1 | tail -3; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
echo "== native core (ASan + UBSan)"
count build/native
echo "== x86_64 under Wine"
count build/x86_64
echo "== i686 (static checks; no wine32 here)"
count build/i686

if [ "${FFACM_SKIP_FUZZ:-0}" != 1 ]; then
  echo "== fuzzers (bounded runs + crash regressions)"
  count build/fuzz -L fuzz
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
