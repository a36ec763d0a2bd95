#!/bin/sh
# What the Linux packages do at install and removal besides copying files, written once for
# the .deb (resources/postinst, prerm) and the .rpm (resources/mailmedic.spec: %post, %preun).
# BuildInstallers.java stages this file next to the jars, so it is installed as
# /opt/mailmedic/lib/app/install-hooks.sh, and the package scripts run
#   sh /opt/mailmedic/lib/app/install-hooks.sh configure   after registering the menu entry
#   sh /opt/mailmedic/lib/app/install-hooks.sh remove      before the files are removed
# Every step is tolerant: a package must never stay half-installed because of one of them.
#
# configure
#  1. /usr/bin/mailmedic points to the launcher, for the command line (unless that name is
#     already taken by something that is not our link).
#  2. MailMedic is offered for .eml/.msg files under "Open with" but never made their default:
#     xdg-desktop-menu also writes the .desktop file's MIME types into defaults.list, where an
#     app listed alone becomes the default. Our entry is taken out of that list again
#     (mimeinfo.cache, which "Open with" reads, keeps it).
#  3. The class-data-sharing archive (a faster start, see installer/README.md) is dumped from
#     the class list the build recorded, at the installed paths: the JVM refuses an archive
#     made for other paths, so it cannot be built beforehand. If that fails MailMedic starts
#     without it, only slower.
# remove
#     undoes 1 and 3 (files the package manager does not know about would keep the install
#     folder alive).

# jpackage installs into <install-dir>/<package>; --install-dir /opt is pinned in common.cfg.
PACKAGE=mailmedic
APP_ROOT=/opt/$PACKAGE
APP_DIR=$APP_ROOT/lib/app
DESKTOP_ID=$PACKAGE-MailMedic.desktop

link_command() {
    if [ ! -e /usr/bin/mailmedic ] || [ -L /usr/bin/mailmedic ]; then
        ln -sf "$APP_ROOT/bin/MailMedic" /usr/bin/mailmedic
    fi
}

unlink_command() {
    if [ -L /usr/bin/mailmedic ] && [ "$(readlink /usr/bin/mailmedic)" = "$APP_ROOT/bin/MailMedic" ]; then
        rm -f /usr/bin/mailmedic
    fi
}

forget_default_handler() {
    for f in /usr/share/applications/defaults.list /usr/local/share/applications/defaults.list; do
        [ -f "$f" ] && grep -q "$DESKTOP_ID" "$f" || continue
        awk -v id="$DESKTOP_ID" '
            index($0, id) && /^[^[=][^=]*=/ {
                eq = index($0, "="); key = substr($0, 1, eq - 1)
                n = split(substr($0, eq + 1), apps, ";"); kept = ""
                for (i = 1; i <= n; i++) if (apps[i] != "" && apps[i] != id) kept = kept (kept == "" ? "" : ";") apps[i]
                if (kept != "") print key "=" kept
                next
            }
            { print }' "$f" > "$f.mailmedic-tmp" && cat "$f.mailmedic-tmp" > "$f"
        rm -f "$f.mailmedic-tmp"
    done
}

dump_cds_archive() {
    java="$APP_ROOT/lib/runtime/bin/java"
    [ -x "$java" ] && [ -f "$APP_DIR/mailmedic.classlist" ] || return 0
    # The class path exactly as the launcher will give it (order matters to the JVM).
    cp=$(sed -n 's/^app\.classpath=//p' "$APP_DIR/MailMedic.cfg" | sed "s|[\$]APPDIR|$APP_DIR|" | paste -sd: -)
    rm -f "$APP_DIR/mailmedic.jsa"
    if timeout 300 "$java" -Xshare:dump -XX:SharedClassListFile="$APP_DIR/mailmedic.classlist" \
            -XX:SharedArchiveFile="$APP_DIR/mailmedic.jsa" -cp "$cp" \
            -Xlog:disable -Xlog:all=error:stderr >/dev/null 2>&1; then
        chmod 0644 "$APP_DIR/mailmedic.jsa"
    else
        rm -f "$APP_DIR/mailmedic.jsa"
        echo "$PACKAGE: note: no class-data-sharing archive; MailMedic will start a little slower" >&2
    fi
}

case "$1" in
    configure)
        link_command || echo "$PACKAGE: note: /usr/bin/mailmedic could not be created" >&2
        forget_default_handler || true
        dump_cds_archive || true
        ;;
    remove)
        unlink_command || true
        rm -f "$APP_DIR/mailmedic.jsa"
        ;;
    *)
        echo "usage: sh $0 configure|remove" >&2
        exit 2
        ;;
esac
exit 0
