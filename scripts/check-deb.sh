#!/usr/bin/env bash
# Builds the Linux .deb, installs it with dpkg -i, checks the installed app the way a user
# meets it, then removes it. Run as root on Debian/Ubuntu from anywhere in the project;
# .ci/run calls it after the tests. Exits non-zero, with the reason, at the first failed check.
#
#   scripts/check-deb.sh            build with `mvn -Pinstaller package`, then check
#   scripts/check-deb.sh X.deb      check an already built package
#
# Checks: the package installs; the launcher prints its version; `analyze --json` on two sample
# files prints one JSON document naming both with their kind; the window opens under Xvfb
# (--smoke-test-window) and JavaFX writes no ~/.openjfx/cache; postinst's class-data-sharing
# archive exists and is used; the package removes cleanly. Prints the figures: package size, installed size, start times.
set -Eeuo pipefail
cd "$(dirname "$0")/.."

PKG=mailmedic
APP_ROOT=/opt/mailmedic
LAUNCHER=$APP_ROOT/bin/MailMedic
SAMPLES=src/main/resources/org/mailmedic/samples
START_RUNS=${START_RUNS:-5}

T_ALL=$SECONDS
step() { printf '\n== [check-deb %s] %s\n' "$(date -u +%H:%M:%S)" "$*"; }
ok() { printf '   ok: %s\n' "$*"; }
fail() { printf '\ncheck-deb: FAILED: %s\n' "$*" >&2; exit 1; }
# Anything else that fails still says where and what.
trap 'fail "line $LINENO: \"$BASH_COMMAND\" exited $?"' ERR

TMP=$(mktemp -d)
XVFB_PID=
cleanup() {
    [[ -n $XVFB_PID ]] && kill "$XVFB_PID" 2>/dev/null || true
    if dpkg-query -W -f='${Status}' "$PKG" 2>/dev/null | grep -q 'installed'; then
        echo "check-deb: removing $PKG after a failure" >&2
        dpkg -r "$PKG" >/dev/null 2>&1 || true
    fi
    rm -rf "$TMP"
}
trap cleanup EXIT

[[ $(id -u) -eq 0 ]] || fail "run as root: it installs and removes a package"

# --- build -------------------------------------------------------------------------------
if [[ $# -ge 1 ]]; then
    DEB=$1
else
    step "building the .deb: mvn -B -Pinstaller package -Dinstaller.types=deb -DskipTests (tests ran before)"
    t=$SECONDS
    rm -f target/installer/${PKG}_*.deb
    mvn -B -ntp -q -Pinstaller package -Dinstaller.types=deb -DskipTests || fail "mvn -Pinstaller package failed (see above)"
    T_BUILD=$((SECONDS - t))
    DEB=$(ls target/installer/${PKG}_*.deb 2>/dev/null | head -1) || true
    [[ -n $DEB ]] || fail "no target/installer/${PKG}_*.deb after the build"
    ok "built $DEB in ${T_BUILD} s"
fi
[[ -f $DEB ]] || fail "$DEB: no such file"
dpkg-deb --info "$DEB" >/dev/null 2>&1 || fail "$DEB is not a readable .deb"
VERSION=$(dpkg-deb --field "$DEB" Version | sed 's/-[^-]*$//')
DEB_BYTES=$(stat -c %s "$DEB")
DEB_INSTALLED_KB=$(dpkg-deb --field "$DEB" Installed-Size)
dpkg-deb --field "$DEB" Depends | grep -q 'libgtk-3-0' || fail "the package does not depend on libgtk-3-0"
ok "version $VERSION, depends on libgtk-3-0"

# --- install -----------------------------------------------------------------------------
step "installing with dpkg -i (its dependencies first, through scripts/install-build-deps.sh)"
t=$SECONDS
scripts/install-build-deps.sh --deps-of "$DEB"
if dpkg-query -W -f='${Status}' "$PKG" 2>/dev/null | grep -q 'installed'; then
    echo "   a previous $PKG is installed: removing it first"
    dpkg -r "$PKG" >/dev/null
fi
dpkg -i "$DEB" || fail "dpkg -i $DEB failed"
dpkg-query -W -f='${Status}' "$PKG" | grep -q 'install ok installed' || fail "$PKG is not fully installed: $(dpkg-query -W -f='${Status}' "$PKG")"
T_INSTALL=$((SECONDS - t))
[[ -x $LAUNCHER ]] || fail "$LAUNCHER is missing or not executable"
[[ $(readlink /usr/bin/mailmedic) == "$LAUNCHER" ]] || fail "/usr/bin/mailmedic does not point to $LAUNCHER"
INSTALLED_BYTES=$(du -sb "$APP_ROOT" | cut -f1)
ok "installed in ${T_INSTALL} s; $APP_ROOT holds $((INSTALLED_BYTES / 1000000)) MB"

# --- --version ---------------------------------------------------------------------------
step "mailmedic --version"
out=$(timeout 60 mailmedic --version) || fail "mailmedic --version exited $?"
echo "   $out"
[[ $out == "MailMedic $VERSION" ]] || fail "--version printed \"$out\", expected \"MailMedic $VERSION\""
ok "--version"

# --- analyze --json ----------------------------------------------------------------------
step "mailmedic analyze --json on a sample mail log and a sample bounce"
log=$SAMPLES/throttling/maillog
eml=$SAMPLES/starttls/gmail-bounce.eml
if [[ ! -f $log ]]; then
    log=$TMP/maillog
    echo "   ($SAMPLES/throttling/maillog not in this checkout: using a small inline log)"
    cat > "$log" <<'EOF'
Nov 27 10:00:01 mail sendmail[1234]: 4ARA01aB001234: to=<a@isp.example>, delay=00:00:02, xdelay=00:00:02, mailer=esmtp, pri=120000, relay=mx.isp.example. [192.0.2.10], dsn=4.0.0, stat=Deferred: 421 Too many messages
Nov 27 10:05:01 mail sendmail[1235]: 4ARA05aB001235: to=<b@isp.example>, delay=00:00:02, xdelay=00:00:02, mailer=esmtp, pri=120000, relay=mx.isp.example. [192.0.2.10], dsn=4.0.0, stat=Deferred: 421 Too many messages
EOF
fi
if [[ ! -f $eml ]]; then
    eml=$TMP/gmail-bounce.eml
    echo "   ($SAMPLES/starttls/gmail-bounce.eml not in this checkout: using a small inline bounce)"
    cat > "$eml" <<'EOF'
From: Mail Delivery Subsystem <mailer-daemon@googlemail.com>
To: sender@example.com
Subject: Delivery Status Notification (Failure)
Date: Fri, 27 Nov 2026 10:00:00 +0000
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status; boundary="b1"

--b1
Content-Type: text/plain

** Message not delivered **
Your message couldn't be delivered to user@example.net because the remote server
did not accept TLS: TLS Negotiation failed, the certificate doesn't match the host.

--b1
Content-Type: message/delivery-status

Reporting-MTA: dns; googlemail.com

Final-Recipient: rfc822; user@example.net
Action: failed
Status: 4.7.5
Remote-MTA: dns; mx.example.net
Diagnostic-Code: smtp; TLS Negotiation failed, starttls error

--b1--
EOF
fi
timeout 120 mailmedic analyze "$log" "$eml" --json > "$TMP/analyze.json" 2> "$TMP/analyze.err" \
    || fail "mailmedic analyze exited $? ($(cat "$TMP/analyze.err"))"
jq -e . "$TMP/analyze.json" >/dev/null || fail "analyze --json did not print one JSON document: $(head -c 300 "$TMP/analyze.json")"
jq -e '.files | length == 2' "$TMP/analyze.json" >/dev/null || fail "analyze --json should list 2 files: $(cat "$TMP/analyze.json")"
jq -e 'all(.files[]; .problem == null and .kind != "unknown")' "$TMP/analyze.json" >/dev/null \
    || fail "analyze --json could not use a sample: $(cat "$TMP/analyze.json")"
jq -r '.files[] | "   \(.file): \(.kindLabel)"' "$TMP/analyze.json"
ok "analyze --json"

# --- the window under Xvfb ---------------------------------------------------------------
step "the window under Xvfb: mailmedic --smoke-test-window"
for n in $(seq 90 120); do
    [[ -e /tmp/.X11-unix/X$n || -e /tmp/.X$n-lock ]] || { DISPLAY_NUM=$n; break; }
done
[[ -n ${DISPLAY_NUM:-} ]] || fail "no free X display number between :90 and :120"
Xvfb ":$DISPLAY_NUM" -screen 0 1280x800x24 -nolisten tcp > "$TMP/xvfb.log" 2>&1 &
XVFB_PID=$!
for _ in $(seq 50); do [[ -S /tmp/.X11-unix/X$DISPLAY_NUM ]] && break; sleep 0.2; done
[[ -S /tmp/.X11-unix/X$DISPLAY_NUM ]] || fail "Xvfb did not start: $(cat "$TMP/xvfb.log")"
export DISPLAY=:$DISPLAY_NUM
# The desktop file's launcher, not just the binary: what the menu entry runs.
desktop=$(ls $APP_ROOT/lib/*.desktop 2>/dev/null | head -1) || true
[[ -n $desktop ]] && grep -q "^Exec=$LAUNCHER" "$desktop" || fail "no menu entry (.desktop) pointing to $LAUNCHER"
grep -q '^MimeType=.*message/rfc822' "$desktop" || fail "$desktop lacks the .eml MIME type"

smoke() { timeout 120 "$LAUNCHER" --smoke-test-window > "$TMP/smoke.out" 2> "$TMP/smoke.err"; }
smoke || fail "--smoke-test-window exited $?: $(cat "$TMP/smoke.out" "$TMP/smoke.err")"
grep -q 'mailmedic: main window shown' "$TMP/smoke.out" || fail "the window was not reported shown: $(cat "$TMP/smoke.out" "$TMP/smoke.err")"
ok "main window shown"

# JavaFX's native libraries are files in the runtime's lib/ (installer/BuildInstallers.java), so
# JavaFX loads them from there: nothing extracted into ~/.openjfx/cache, no digest at each start.
# Checked with a home of its own (Java takes user.home from the password file, not $HOME; the
# launcher passes JAVA_TOOL_OPTIONS to its JVM), so that a cache left by anything else does not
# count. The build before this change wrote 8 files there.
[[ -f $APP_ROOT/lib/runtime/lib/libglass.so ]] || fail "the runtime lacks JavaFX's libglass.so in lib/"
mkdir -p "$TMP/home"
JAVA_TOOL_OPTIONS="-Duser.home=$TMP/home" timeout 120 "$LAUNCHER" --smoke-test-window > "$TMP/smoke.out" 2> "$TMP/smoke.err" \
    || fail "--smoke-test-window with a fresh home exited $?: $(cat "$TMP/smoke.out" "$TMP/smoke.err")"
grep -q 'mailmedic: main window shown' "$TMP/smoke.out" || fail "the window was not reported shown with a fresh home: $(cat "$TMP/smoke.out" "$TMP/smoke.err")"
[[ ! -e $TMP/home/.openjfx ]] || fail "JavaFX still extracts its native libraries: $(find "$TMP/home/.openjfx" -type f | head -3)"
ok "JavaFX's native libraries load from the runtime (no ~/.openjfx/cache written)"

# --- start time, with and without the class-data-sharing archive ---------------------------
step "start to a shown window, $START_RUNS runs each (the figure of merit; a busy box inflates it)"
jsa=$APP_ROOT/lib/app/mailmedic.jsa
if [[ -f $APP_ROOT/lib/app/mailmedic.classlist ]]; then
    [[ -f $jsa ]] || fail "postinst did not create $jsa"
    # Proof that the archive is used, not merely present.
    n_shared=$(timeout 120 "$APP_ROOT/lib/runtime/bin/java" -XX:SharedArchiveFile="$jsa" -Xlog:class+load=info \
        -cp "$(sed -n 's/^app\.classpath=//p' $APP_ROOT/lib/app/MailMedic.cfg | sed "s|[\$]APPDIR|$APP_ROOT/lib/app|" | paste -sd: -)" \
        org.mailmedic.Main --version | grep -c 'shared objects file' || true)
    [[ $n_shared -gt 100 ]] || fail "the JVM does not use $jsa ($n_shared classes from it)"
    ok "postinst's archive is used ($n_shared classes of --version come from it)"
else
    echo "   no class list in the package (built without a display): no archive to check"
fi
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : int((a[NR/2]+a[NR/2+1])/2))}'; }
# One line per run: wall-clock ms, then CPU ms (user+sys). On a box shared with other work the
# wall clock grows with the load; the CPU time much less, so both are reported.
time_runs() {
    local i TIMEFORMAT='%R %U %S'
    for i in $(seq "$START_RUNS"); do
        { time smoke; } 2> "$TMP/time" || fail "--smoke-test-window failed during timing"
        tail -1 "$TMP/time" | awk '{printf "%d %d\n", $1 * 1000, ($2 + $3) * 1000}'
    done
}
time_runs > "$TMP/runs-cds"
START_CDS=$(cut -d' ' -f1 "$TMP/runs-cds" | median)
CPU_CDS=$(cut -d' ' -f2 "$TMP/runs-cds" | median)
echo "   with the archive:    median ${START_CDS} ms wall, ${CPU_CDS} ms CPU   (runs: $(cut -d' ' -f1 "$TMP/runs-cds" | paste -sd' ' -))"
if [[ -f $jsa ]]; then
    mv "$jsa" "$jsa.off"
    time_runs > "$TMP/runs-nocds"
    mv "$jsa.off" "$jsa"
    START_NOCDS=$(cut -d' ' -f1 "$TMP/runs-nocds" | median)
    CPU_NOCDS=$(cut -d' ' -f2 "$TMP/runs-nocds" | median)
    echo "   without the archive: median ${START_NOCDS} ms wall, ${CPU_NOCDS} ms CPU   (runs: $(cut -d' ' -f1 "$TMP/runs-nocds" | paste -sd' ' -))"
fi
echo "   (load average now: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores)"
kill "$XVFB_PID" 2>/dev/null || true
XVFB_PID=

# --- remove ------------------------------------------------------------------------------
step "removing the package"
dpkg -r "$PKG" >/dev/null || fail "dpkg -r $PKG failed"
[[ ! -e /usr/bin/mailmedic ]] || fail "/usr/bin/mailmedic is left behind"
[[ ! -e $APP_ROOT ]] || fail "$APP_ROOT is left behind: $(find $APP_ROOT | head -5)"
ok "removed; nothing left in $APP_ROOT or /usr/bin"

step "installer figures"
awk -v b="$DEB_BYTES" -v f="$DEB" 'BEGIN { printf "   .deb size:        %.1f MB (%s)\n", b / 1e6, f }'
printf '   installed size:   %s MB in %s (control says %s MB; the rest is postinst'"'"'s archive)\n' \
    "$((INSTALLED_BYTES / 1000000))" "$APP_ROOT" "$((DEB_INSTALLED_KB / 1000))"
printf '   start to window:  %s ms with class-data sharing, %s ms without (median of %s; CPU %s vs %s ms)\n' \
    "$START_CDS" "${START_NOCDS:-n/a}" "$START_RUNS" "$CPU_CDS" "${CPU_NOCDS:-n/a}"
printf '   time:             build %s s, install %s s, whole check %s s\n' "${T_BUILD:-0}" "$T_INSTALL" "$((SECONDS - T_ALL))"
echo "check-deb: all installer checks passed"
