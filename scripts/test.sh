#!/usr/bin/env bash
# `make test`: every test, against real parts, on this machine.
#  1. web: type check, lint, unit tests (Vitest), production build
#  2. C++ build (preset main), then CTest: unit, storage contract (SQLite and a real
#     PostgreSQL started here), transport, integration tests against a running kelisim
#  3. browser tests: a real kelisim with demo data, driven in Debian's Chromium; then the
#     media tests: Chromium, kelisim, Janus and coturn in network namespaces
#  4. unit and storage tests again under ASan + UBSan (clang)
#  5. a short libFuzzer run of every fuzz target
# Ends with one line "N passed, M failed"; exits non-zero when anything failed.
set -uo pipefail
cd "$(dirname "$0")/.."
root=$PWD
passed=0
failed=0
failures=()
work=$(mktemp -d /tmp/kelisim-test.XXXXXX)
chmod 755 "$work"
pg_dir="$work/pg"
server_pid=""

cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null
  [ -d "$pg_dir" ] && scripts/stop-postgres.sh "$pg_dir" >/dev/null 2>&1
  rm -rf "$work"
}
trap cleanup EXIT

step() { printf '\n==== %s ====\n' "$*"; }
count() { # count NAME PASSED FAILED
  passed=$((passed + $2))
  failed=$((failed + $3))
  if [ "$3" -gt 0 ]; then failures+=("$1 ($3 failed)"); fi
  printf -- '---- %s: %d passed, %d failed\n' "$1" "$2" "$3"
}
# Runs a command that is one test; counts 1 passed or 1 failed.
single() { # single NAME command...
  local name=$1
  shift
  if "$@"; then count "$name" 1 0; else count "$name" 0 1; fi
}
# Runs ctest in a build dir and counts its tests.
run_ctest() { # run_ctest NAME BUILD_DIR [ctest args]
  local name=$1 dir=$2
  shift 2
  local log="$work/ctest-$name.log"
  (cd "$dir" && ctest --output-on-failure --timeout 300 -j2 "$@") 2>&1 | tee "$log" | grep -vE '^ +Start|Test +#[0-9]+: .* Passed' || true
  local total fails
  total=$(grep -Eo 'tests passed, [0-9]+ tests failed out of [0-9]+' "$log" | grep -Eo '[0-9]+$' || echo 0)
  fails=$(grep -Eo 'tests passed, [0-9]+ tests failed' "$log" | grep -Eo '[0-9]+ tests failed' | grep -Eo '^[0-9]+' || echo 0)
  if [ -z "$total" ] || [ "$total" = 0 ]; then count "$name" 0 1; return; fi
  count "$name" $((total - fails)) "$fails"
}

step "set-up"
if ! scripts/install-deps.sh; then
  echo "install-deps failed"
  echo "0 passed, 1 failed"
  exit 1
fi

step "C++ formatting (clang-format)"
unformatted=$(git ls-files 'src/*.cpp' 'src/*.hpp' 'tests/*.cpp' 'tests/*.hpp' | xargs clang-format --dry-run 2>&1 | grep -c 'warning:' || true)
if [ "$unformatted" = 0 ]; then count "clang-format" 1 0; else
  echo "clang-format: $unformatted places differ; run 'make format'"
  count "clang-format" 0 1
fi

step "web: type check, lint, unit tests, build"
(cd web && npm run --silent typecheck) && tc=0 || tc=1
count "web typecheck" $((1 - tc)) $tc
(cd web && npm run --silent lint) && ln=0 || ln=1
count "web lint" $((1 - ln)) $ln
vitest_log="$work/vitest.log"
# CI=true makes vitest colour its output even into a pipe: ask for none and strip any left.
(cd web && NO_COLOR=1 FORCE_COLOR=0 npx vitest run --reporter=default 2>&1) |
  sed -E 's/\x1b\[[0-9;]*m//g' | tee "$vitest_log"
vp=$(grep -E '^ +Tests ' "$vitest_log" | grep -Eo '[0-9]+ passed' | grep -Eo '[0-9]+' || echo 0)
vf=$(grep -E '^ +Tests ' "$vitest_log" | grep -Eo '[0-9]+ failed' | grep -Eo '[0-9]+' || echo 0)
[ -z "$vp" ] && vp=0
[ -z "$vf" ] && vf=0
[ "$vp" = 0 ] && [ "$vf" = 0 ] && vf=1
count "web unit tests (vitest)" "$vp" "$vf"
single "web build" bash -c 'cd web && npm run --silent build'

step "C++ build (preset main)"
cmake --preset main >/dev/null && cmake --build build/main
build_rc=$?
count "C++ build" $((build_rc == 0 ? 1 : 0)) $((build_rc == 0 ? 0 : 1))

step "PostgreSQL for the storage and integration tests"
mkdir -p "$pg_dir"
if pg_url=$(scripts/start-postgres.sh "$pg_dir"); then
  export KELISIM_TEST_PG_URL="$pg_url"
  echo "PostgreSQL at $pg_url"
  count "start PostgreSQL" 1 0
else
  count "start PostgreSQL" 0 1
fi

if [ $build_rc -eq 0 ]; then
  step "C++ tests: unit, storage (SQLite + PostgreSQL), transport, integration"
  run_ctest "ctest (main)" build/main

  step "browser tests (Chromium)"
  e2e_dir="$work/e2e"
  mkdir -p "$e2e_dir"
  demo_password="Demo-$(head -c 6 /dev/urandom | od -An -tx1 | tr -d ' \n')"
  build/main/kelisim seed-demo --database "sqlite:$e2e_dir/k.db" --password "$demo_password" \
    --password-hash minimal >/dev/null
  build/main/kelisim serve --database "sqlite:$e2e_dir/k.db" --data-dir "$e2e_dir" \
    --static-dir web/dist --listen 127.0.0.1:0 --port-file "$e2e_dir/port" \
    --public-url http://127.0.0.1:0 \
    --password-hash minimal --sign-in-per-minute 1000 --sign-up-per-minute 1000 \
    --intake-per-minute 1000 --offer-timeout-seconds 120 --mail-poll-ms 200 \
    --media-engine off 2>"$e2e_dir/server.log" &
  server_pid=$!
  for _ in $(seq 100); do [ -s "$e2e_dir/port" ] && break; sleep 0.1; done
  e2e_log="$work/e2e.log"
  (cd web && KELISIM_URL="http://127.0.0.1:$(cat "$e2e_dir/port")" \
    KELISIM_DEMO_PASSWORD="$demo_password" KELISIM_DATA_DIR="$e2e_dir" npm run --silent e2e) 2>&1 | tee "$e2e_log"
  ep=$(grep -E '^e2e: [0-9]+ passed, [0-9]+ failed' "$e2e_log" | grep -Eo '[0-9]+ passed' | grep -Eo '[0-9]+')
  ef=$(grep -E '^e2e: [0-9]+ passed, [0-9]+ failed' "$e2e_log" | grep -Eo '[0-9]+ failed' | grep -Eo '[0-9]+')
  [ -z "$ep" ] && ep=0
  [ -z "$ef" ] && ef=1
  count "browser tests" "$ep" "$ef"
  kill -TERM "$server_pid" 2>/dev/null
  wait "$server_pid"
  single "server exits 0 on SIGTERM after browser tests" test $? -eq 0
  server_pid=""
fi

if [ $build_rc -eq 0 ]; then
  step "media browser tests (Chromium, Janus, coturn in network namespaces)"
  media_log="$work/media-e2e.log"
  scripts/test-media.sh build/main 2>&1 | tee "$media_log"
  mp=$(grep -cE '^ok - ' "$media_log")
  mf=$(grep -cE '^not ok - ' "$media_log")
  grep -qE '^media e2e: [0-9]+ passed' "$media_log" || mf=$((mf + 1))
  count "media browser tests" "$mp" "$mf"
fi

step "unit and storage tests under ASan + UBSan (clang)"
if cmake --preset asan-ubsan >/dev/null && cmake --build build/asan-ubsan; then
  ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 run_ctest "ctest (asan-ubsan)" build/asan-ubsan
else
  count "asan-ubsan build" 0 1
fi

step "fuzzing: a short run of every target"
fuzz_seconds=${KELISIM_FUZZ_SECONDS:-20}
if cmake --preset fuzz >/dev/null && cmake --build build/fuzz --target fuzz_targets; then
  for target in build/fuzz/*_fuzz; do
    [ -x "$target" ] || continue
    name=$(basename "$target")
    corpus="$work/corpus-$name"
    mkdir -p "$corpus"
    [ -d "tests/fuzz/corpus/${name%_fuzz}" ] && cp -r "tests/fuzz/corpus/${name%_fuzz}/." "$corpus/"
    if "$target" -max_total_time="$fuzz_seconds" -print_final_stats=0 \
      -artifact_prefix="$work/" "$corpus" >"$work/$name.log" 2>&1; then
      count "fuzz $name (${fuzz_seconds}s)" 1 0
    else
      grep -vE '^#[0-9]|^\s+NEW_FUNC|Uses: ' "$work/$name.log" | tail -40
      for crash in "$work"/crash-* "$work"/leak-* "$work"/timeout-*; do
        [ -f "$crash" ] && { echo "input (hex):"; od -An -tx1 "$crash" | head -10; }
      done
      count "fuzz $name (${fuzz_seconds}s)" 0 1
    fi
  done
else
  count "fuzz build" 0 1
fi

echo
if [ ${#failures[@]} -gt 0 ]; then
  echo "Failed:"
  printf '  - %s\n' "${failures[@]}"
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
