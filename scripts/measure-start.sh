#!/usr/bin/env bash
# Measures the cold start of MailMedic to a shown main window, reproducibly: N runs of the
# launcher with --smoke-test-window (which prints "mailmedic: main window shown" once the Stage
# is shown, then exits), under Xvfb unless $DISPLAY is set. For each run it takes the time from
# starting the launcher to that line ("shown"), to the process' exit ("exit"), and the CPU time
# of the process (user+sys). It prints min and median of each, and the load average before and
# after: on a box shared with other work the wall clock grows with the load, so prefer the
# minimum over many runs and quote the load with it.
#
#   scripts/measure-start.sh [-n RUNS] [-w WARMUP] [-v] [LAUNCHER...]
#     LAUNCHER   default /opt/mailmedic/bin/MailMedic (the installed .deb). Several launchers
#                (say, two app images built before and after a change) are measured in turns,
#                one run of each per round, so that a change in the load hits them alike.
#     -n RUNS    measured runs of each (default 10)
#     -w WARMUP  unmeasured runs of each first (default 1: the first run after an install
#                fills the page cache and ~/.openjfx/cache)
#     -v         prints every run
#   JAVA_TOOL_OPTIONS="-XX:TieredStopAtLevel=1" scripts/measure-start.sh   tries a JVM option
#                without rebuilding (the JVM reads it; jpackage's launcher ignores JDK_JAVA_OPTIONS)
set -euo pipefail

RUNS=10
WARMUP=1
VERBOSE=0
LAUNCHERS=()
while [[ $# -gt 0 ]]; do
    case $1 in
        -n) RUNS=$2; shift 2 ;;
        -w) WARMUP=$2; shift 2 ;;
        -v) VERBOSE=1; shift ;;
        -h|--help) sed -n '2,21p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        -*) echo "measure-start: unknown option $1 (see --help)" >&2; exit 2 ;;
        *) LAUNCHERS+=("$1"); shift ;;
    esac
done
[[ ${#LAUNCHERS[@]} -gt 0 ]] || LAUNCHERS=(/opt/mailmedic/bin/MailMedic)
for l in "${LAUNCHERS[@]}"; do
    [[ -x $l ]] || { echo "measure-start: $l is not an executable launcher" >&2; exit 2; }
done

TMP=$(mktemp -d)
XVFB_PID=
cleanup() {
    [[ -n $XVFB_PID ]] && kill "$XVFB_PID" 2>/dev/null || true
    rm -rf "$TMP"
}
trap cleanup EXIT

if [[ -z ${DISPLAY:-} ]]; then
    command -v Xvfb >/dev/null || { echo "measure-start: no \$DISPLAY and no Xvfb (scripts/install-build-deps.sh installs it)" >&2; exit 2; }
    for n in $(seq 121 160); do
        [[ -e /tmp/.X11-unix/X$n || -e /tmp/.X$n-lock ]] || { num=$n; break; }
    done
    [[ -n ${num:-} ]] || { echo "measure-start: no free X display number between :121 and :160" >&2; exit 2; }
    Xvfb ":$num" -screen 0 1280x800x24 -nolisten tcp > "$TMP/xvfb.log" 2>&1 &
    XVFB_PID=$!
    for _ in $(seq 50); do [[ -S /tmp/.X11-unix/X$num ]] && break; sleep 0.2; done
    [[ -S /tmp/.X11-unix/X$num ]] || { echo "measure-start: Xvfb did not start: $(cat "$TMP/xvfb.log")" >&2; exit 2; }
    export DISPLAY=:$num
fi

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

# One run of launcher $1: "shown_ms exit_ms cpu_ms". The launcher's stdout is read line by line
# as it comes, so "shown" is when the line arrives, not when the process ends.
one_run() {
    local launcher=$1 t0 t1 line cpu TIMEFORMAT='%U %S'
    rm -f "$TMP/shown"
    t0=$(now_ms)
    { time "$launcher" --smoke-test-window 2> "$TMP/err" | {
        while IFS= read -r line; do
            [[ $line == *'main window shown'* ]] && echo $(( $(now_ms) - t0 )) > "$TMP/shown"
        done
        true
    }; } 2> "$TMP/time"
    t1=$(now_ms)
    [[ -s $TMP/shown ]] || { echo "measure-start: $launcher did not report the window shown: $(cat "$TMP/err")" >&2; exit 1; }
    cpu=$(tail -1 "$TMP/time" | awk '{printf "%d", ($1 + $2) * 1000}')
    echo "$(cat "$TMP/shown") $((t1 - t0)) $cpu"
}

stats() {  # file column -> "min median"
    cut -d' ' -f"$2" "$1" | sort -n | awk '{a[NR]=$1} END {m = (NR%2 ? a[(NR+1)/2] : int((a[NR/2]+a[NR/2+1])/2)); print a[1], m}'
}

LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
for _ in $(seq "$WARMUP"); do
    for l in "${LAUNCHERS[@]}"; do one_run "$l" > /dev/null; done
done
for k in "${!LAUNCHERS[@]}"; do : > "$TMP/runs$k"; done
for i in $(seq "$RUNS"); do
    for k in "${!LAUNCHERS[@]}"; do
        r=$(one_run "${LAUNCHERS[$k]}")
        echo "$r" >> "$TMP/runs$k"
        [[ $VERBOSE -eq 1 ]] && echo "   run $i, ${LAUNCHERS[$k]}: shown ${r%% *} ms  (exit, cpu: ${r#* } ms)"
    done
done
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)
echo "runs:      $RUNS of each (after $WARMUP warm-up)${JAVA_TOOL_OPTIONS:+, JAVA_TOOL_OPTIONS=$JAVA_TOOL_OPTIONS}"
for k in "${!LAUNCHERS[@]}"; do
    read -r s_min s_med < <(stats "$TMP/runs$k" 1)
    read -r e_min e_med < <(stats "$TMP/runs$k" 2)
    read -r c_min c_med < <(stats "$TMP/runs$k" 3)
    echo "${LAUNCHERS[$k]}"
    echo "  shown:   min $s_min ms, median $s_med ms   (start of the launcher to the window shown)"
    echo "  exit:    min $e_min ms, median $e_med ms"
    echo "  cpu:     min $c_min ms, median $c_med ms   (user+sys)"
done
echo "load avg:  $LOAD_BEFORE before, $LOAD_AFTER after, on $(nproc) cores"
