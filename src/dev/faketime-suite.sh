#!/usr/bin/env bash
# Runs .ci/run's two Maven steps (verify, then -Pscenarios test) on a fresh clone of this repository's HEAD with the
# system clock moved to another day: the check that no verdict depends on the real date.
#
#   src/dev/faketime-suite.sh '2026-12-31 09:00' '2027-01-01 02:00' '2028-03-01 03:00'   # one run per date, in turn
#
# Pick hours too, not only days: from 00:00 to 05:00 UTC the sandbox's default owner (America/New_York) is still on
# the day before, so a test that takes UTC's date for the owner's fails only then (CI found one at 00:23 UTC).
# Needs Debian's faketime (libfaketime 0.9.10) and Maven's repository filled (the steps run offline), and the tools
# .ci/run installs. Each date's run starts at that instant (UTC) and its clock ticks on from there: one offset for
# every process (Maven, the test JVMs, PostgreSQL), so they agree on "now". The monotonic clocks move by the same
# offset on purpose: with FAKETIME_DONT_FAKE_MONOTONIC=1 the JVM's timed waits break under libfaketime 0.9.10
# (Object.wait(1) returns at once, Thread.sleep(1) takes 20 ms), which makes a suite several times slower.
# Logs and a summary per date go to ${FAKETIME_OUT:-/tmp/faketime-suite}. FAKETIME_VERIFY_ONLY=1 leaves out the scenarios
# (to check a change to the default suite's tests only); FAKETIME_SCENARIOS_ONLY=1 runs only them (to start them just
# before a midnight they should cross).
set -uo pipefail
command -v faketime >/dev/null || { echo "faketime-suite: no faketime: apt-get install faketime" >&2; exit 1; }
[ $# -gt 0 ] || { echo "usage: $0 'YYYY-MM-DD hh:mm' ..." >&2; exit 2; }
repo=$(git -C "$(dirname "$0")" rev-parse --show-toplevel)
out=${FAKETIME_OUT:-/tmp/faketime-suite}
mkdir -p "$out"
failed=0
for day in "$@"; do
	start=$(date -u -d "$day" +%s) || exit 2
	tag=$(date -u -d "@$start" +%Y%m%d-%H%M)
	clone="$out/clone-$tag"
	rm -rf "$clone" && git clone -q "$repo" "$clone"
	offset=$(( start - $(date -u +%s) ))
	summary="$out/$tag.txt"
	{
		echo "commit $(git -C "$clone" rev-parse --short HEAD), started $(date -u '+%F %T') UTC, offset ${offset} s"
		echo "the clock under faketime: $(faketime -f "+$offset" date -u '+%F %T') UTC"
	} > "$summary"
	steps=("verify" "-Pscenarios test")
	[ "${FAKETIME_VERIFY_ONLY:-0}" = 1 ] && steps=("verify")
	[ "${FAKETIME_SCENARIOS_ONLY:-0}" = 1 ] && steps=("-Pscenarios test")
	for step in "${steps[@]}"; do
		log="$out/$tag-${step//[^a-z]/}.log"
		began=$(date +%s)
		# shellcheck disable=SC2086 # the step is two words on purpose
		(cd "$clone" && faketime -f "+$offset" ./mvnw -o -B -ntp $step) > "$log" 2>&1
		rc=$?
		[ $rc -eq 0 ] || failed=1
		echo "./mvnw $step: exit $rc in $(( $(date +%s) - began )) s" >> "$summary"
		grep -E "Tests run: [0-9]+, Failures: [0-9]+, Errors: [0-9]+, Skipped: [0-9]+$|<<< FAIL|BUILD" "$log" >> "$summary"
	done
	echo "ended $(date -u '+%F %T') UTC" >> "$summary"
	cat "$summary"
done
exit $failed
