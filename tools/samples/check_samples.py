#!/usr/bin/env python3
"""Check the generated sample cases: line syntax, queue-id life cycles, the BT ceiling,
MIME structure of the .eml files, and cross-references between log and bounce.

    python3 tools/samples/check_samples.py [--out DIR]

Prints per-day statistics; exits 1 on the first class of problems found.
"""

import argparse
import collections
import datetime as dt
import email
import email.policy
import os
import re
import sys

PFX = r"(?P<ts>(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) [ 1-3]\d \d\d:\d\d:\d\d) mail "
QID = r"(?P<qid>[0-9A-F]{10,11})"
DELAY = r"delay=\d+(?:\.\d+)?, delays=\d+(?:\.\d+)?/\d+(?:\.\d+)?/\d+(?:\.\d+)?/\d+(?:\.\d+)?"
HOSTIP = r"[A-Za-z0-9.-]+\[(?:192\.0\.2|198\.51\.100|203\.0\.113)\.\d{1,3}\]"

POSTFIX = [
    ("connect", r"postfix/(?:submission/)?smtpd\[\d+\]: connect from " + HOSTIP + "$"),
    ("disconnect", r"postfix/(?:submission/)?smtpd\[\d+\]: disconnect from " + HOSTIP +
     r"(?: (?:ehlo|starttls|auth|mail|rcpt|data|quit)=\d+(?:/\d+)?)+ commands=\d+(?:/\d+)?$"),
    ("client", r"postfix/(?:submission/)?smtpd\[\d+\]: " + QID + r": client=" + HOSTIP +
     r"(?:, sasl_method=PLAIN, sasl_username=[a-z]+@harbourbooks\.co\.uk)?$"),
    ("noqueue", r"postfix/smtpd\[\d+\]: NOQUEUE: reject: RCPT from " + HOSTIP + r": [45]\d\d [45]\.\d\.\d+ .+; "
     r"from=<[^>]+> to=<[^>]+> proto=ESMTP helo=<[^>]+>$"),
    ("warning", r"postfix/smtpd\[\d+\]: warning: hostname \S+ does not resolve to address \S+: Name or service not known$"),
    ("spf", r"policyd-spf\[\d+\]: prepend Received-SPF: (?:Pass|None|Softfail) \(mailfrom\) identity=mailfrom; "
     r"client-ip=\S+; helo=\S+; envelope-from=\S+; receiver=<UNKNOWN> $"),
    ("spfreject", r"policyd-spf\[\d+\]: 550 5\.7\.23 Message rejected due to: SPF fail - not authorized\. Please see "
     r"http://www\.openspf\.net/Why\?s=mfrom;id=\S+;ip=\S+;r=<UNKNOWN>$"),
    ("pickup", r"postfix/pickup\[\d+\]: " + QID + r": uid=33 from=<orders@harbourbooks\.co\.uk>$"),
    ("cleanup", r"postfix/cleanup\[\d+\]: " + QID + r": message-id=<[^<>\s]+@[^<>\s]+>$"),
    ("dkim", r"opendkim\[812\]: " + QID + r": DKIM-Signature field added \(s=mail2026, d=harbourbooks\.co\.uk\)$"),
    ("active", r"postfix/qmgr\[1187\]: " + QID + r": from=<(?P<from>[^>]*)>, size=\d+, nrcpt=1 \(queue active\)$"),
    ("removed", r"postfix/qmgr\[1187\]: " + QID + r": removed$"),
    ("expired", r"postfix/qmgr\[1187\]: " + QID + r": from=<[^>]+>, status=expired, returned to sender$"),
    ("ndr", r"postfix/bounce\[\d+\]: " + QID + r": sender non-delivery notification: (?P<nqid>[0-9A-F]{10,11})$"),
    ("delivery", r"postfix/(?P<agent>smtp|local)\[\d+\]: " + QID + r": to=<(?P<to>[^>]+)>(?:, orig_to=<(?P<orig>[^>]+)>)?, "
     r"relay=(?P<relay>local|none|" + HOSTIP + r":25), " + DELAY +
     r", dsn=(?P<dsn>[245]\.\d\.\d+), status=(?P<status>sent|deferred|bounced) \((?P<text>.+)\)$"),
]
POSTFIX = [(n, re.compile(PFX + r)) for n, r in POSTFIX]

SENDMAIL_QID = r"(?P<qid>[0-9A-Za-x]{8}\d{6})"
SENDMAIL = [
    ("start", r"sm-mta\[\d+\]: starting daemon \(8\.17\.1\.9\): SMTP\+queueing@00:10:00$"),
    ("unsafe", r"sm-mta\[\d+\]: STARTTLS=server: file /etc/mail/tls/sendmail\.pem unsafe: No such file or directory$"),
    ("tlsok", r"sm-mta\[\d+\]: STARTTLS=server, relay=\S+ \[[\d.]+\], version=TLSv1\.3, verify=NOT, "
     r"cipher=TLS_AES_256_GCM_SHA384, bits=256/256$"),
    ("tlsfail", r"sm-mta\[\d+\]: STARTTLS=server, error: accept failed=-1, reason=no shared cipher, SSL_error=1, "
     r"errno=0, retry=-1, relay=(?P<relay>\S+ \[[\d.]+\])$"),
    ("nomail", r"sm-mta\[(?P<pid>\d+)\]: " + SENDMAIL_QID + r": (?P<relay>(?:\S+ )?\[[\d.]+\]) did not issue "
     r"MAIL/EXPN/VRFY/ETRN during connection to MTA-v4$"),
    ("from", r"sm-mta\[(?P<pid>\d+)\]: " + SENDMAIL_QID + r": from=<[^>]+>, size=\d+, class=0, nrcpts=[01](?:, msgid=<[^>]+>)?"
     r"(?:, bodytype=8BITMIME)?, proto=ESMTPS?, daemon=MTA-v4, relay=(?:\S+ )?\[[\d.]+\]$"),
    ("to", r"sm-mta\[\d+\]: " + SENDMAIL_QID + r": to=<[a-z]+@kestrel-design\.co\.uk>, ctladdr=<[a-z]+@kestrel-design\.co\.uk> "
     r"\(\d+/\d+\), delay=\d\d:\d\d:\d\d, xdelay=\d\d:\d\d:\d\d, mailer=local, pri=\d+, dsn=2\.0\.0, stat=Sent$"),
    ("reject", r"sm-mta\[\d+\]: " + SENDMAIL_QID + r": ruleset=check_rcpt, arg1=<[^>]+>, relay=\[[\d.]+\], "
     r"reject=550 5\.7\.1 <[^>]+>\.\.\. Relaying denied\. Proper authentication required\.$"),
]
SENDMAIL = [(n, re.compile(PFX + r)) for n, r in SENDMAIL]

MON = {m: i + 1 for i, m in enumerate("Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split())}


def ts(s):
    return dt.datetime(2026, MON[s[:3]], int(s[4:6]), int(s[7:9]), int(s[10:12]), int(s[13:15]))


class Fail(Exception):
    pass


def need(cond, msg):
    if not cond:
        raise Fail(msg)


def check_lines(path, rules):
    parsed = []
    last = None
    with open(path, "rb") as fh:
        raw = fh.read()
    need(b"\r" not in raw, "%s: CR found (LF line endings wanted)" % path)
    raw.decode("ascii")
    for n, line in enumerate(raw.decode().split("\n")[:-1], 1):
        for name, rx in rules:
            m = rx.match(line)
            if m:
                break
        else:
            raise Fail("%s:%d: no rule matches: %s" % (path, n, line))
        t = ts(m.group("ts"))
        need(last is None or t >= last, "%s:%d: time goes backwards" % (path, n))
        last = t
        parsed.append((n, name, m, t, line))
    return parsed


def pid_of(line):
    return int(re.search(r"\[(\d+)\]:", line).group(1))


def prog_of(line):
    return re.search(r" mail (\S+)\[", line).group(1)


def check_pids(parsed, path):
    """A PID may be reused only by the same program (within a file this short)."""
    owner = {}
    for n, name, m, t, line in parsed:
        p, prog = pid_of(line), prog_of(line)
        if owner.setdefault(p, prog) != prog:
            raise Fail("%s:%d: pid %d used by %s and %s" % (path, n, p, owner[p], prog))


def check_throttling(d):
    path = os.path.join(d, "maillog")
    parsed = check_lines(path, POSTFIX)
    check_pids(parsed, path)
    life = collections.defaultdict(list)
    for n, name, m, t, line in parsed:
        if "qid" in m.groupdict() and m.group("qid"):
            life[m.group("qid")].append((n, name, m, t))
    # queue-id life cycles
    ndr_of = {}
    for qid, ev in life.items():
        names = [e[1] for e in ev]
        if "removed" in names:
            need(names[-1] == "removed" and names.count("removed") == 1, "%s: lines after 'removed'" % qid)
        if "expired" in names:
            i = names.index("expired")
            need(names[i - 1] == "delivery" and ev[i - 1][2].group("status") == "deferred",
                 "%s: expiry not right after a deferral" % qid)
            need(names[i + 1:] == ["ndr", "removed"], "%s: expired must be followed by bounce + removed" % qid)
            ndr_of[qid] = ev[i + 1][2].group("nqid")
            need(ev[i][3] - life[qid][0][3] >= dt.timedelta(days=5), "%s: expired before 5 days" % qid)
        for (a, b) in zip(ev, ev[1:]):
            if b[1] == "delivery" and a[1] != "active" and not (a[1] == "disconnect"):
                raise Fail("%s: line %d: delivery without a preceding 'queue active'" % (qid, b[0]))
    for oq, nq in ndr_of.items():
        names = [e[1] for e in life[nq]]
        need(names[0] == "cleanup" and names[1] == "active" and names[-1] == "removed", "%s: NDR life cycle" % nq)
    # BT statistics from the log
    bt = [(t, m) for n, name, m, t, line in parsed if name == "delivery" and m.group("to").endswith("@btinternet.com")]
    sent = sorted(t for t, m in bt if m.group("status") == "sent")
    for i, t in enumerate(sent):
        j = i
        while j + 1 < len(sent) and sent[j + 1] - t < dt.timedelta(hours=24):
            j += 1
        need(j - i + 1 <= 49, "more than 49 BT acceptances within 24 h starting %s" % t)
    for t, m in bt:
        if m.group("status") == "deferred":
            need(m.group("text") == "host mx.bt.lon5.cpcloud.co.uk[198.51.100.49] said: 421 Too many messages "
                                    "(DailyLimit) from 203.0.113.25 (in reply to MAIL FROM command)", "BT deferral text")
            need(m.group("dsn") == "4.0.0", "BT deferral dsn")
    first_bt = {}
    for n, name, m, t, line in parsed:
        if name == "delivery" and m.group("to").endswith("@btinternet.com") and m.group("qid") not in first_bt:
            first_bt[m.group("qid")] = t
    expired = {}
    for n, name, m, t, line in parsed:
        if name == "expired":
            expired[m.group("qid")] = t
    bt_expired = [q for q in expired if q in first_bt]
    days = sorted({t.date() for t, m in bt})
    print("throttling/maillog: %d lines" % len(parsed))
    print("  day         new-to-BT  BT-sent  BT-deferred-lines  BT-expired  backlog-at-midnight")
    for day in days:
        new = sum(1 for q, t in first_bt.items() if t.date() == day)
        s = sum(1 for t, m in bt if t.date() == day and m.group("status") == "sent")
        df = sum(1 for t, m in bt if t.date() == day and m.group("status") == "deferred")
        ex = sum(1 for q in bt_expired if expired[q].date() == day)
        end = dt.datetime.combine(day, dt.time(23, 59, 59))
        done = {m.group("qid") for t, m in bt if t <= end and m.group("status") == "sent"} | \
               {q for q in bt_expired if expired[q] <= end}
        backlog = sum(1 for q, t in first_bt.items() if t <= end and q not in done)
        print("  %s   %9d  %7d  %17d  %10d  %19d" % (day, new, s, df, ex, backlog))
    print("  BT totals: sent %d, deferral lines %d, expired %d" % (
        len(sent), sum(1 for t, m in bt if m.group("status") == "deferred"), len(bt_expired)))
    other = collections.Counter(m.group("status") for n, name, m, t, line in parsed
                                if name == "delivery" and not m.group("to").endswith("@btinternet.com"))
    print("  other deliveries:", dict(other))
    print("  forwarded (orig_to) lines:", sum(1 for n, name, m, t, line in parsed if name == "delivery" and m.group("orig")))
    print("  line kinds:", dict(collections.Counter(name for n, name, m, t, line in parsed)))
    return parsed, life, ndr_of


def walk(msg, depth=0, out=None):
    out = [] if out is None else out
    out.append("  " * depth + msg.get_content_type())
    if msg.is_multipart() and msg.get_content_type() != "message/delivery-status":
        for p in msg.get_payload():
            walk(p, depth + 1, out)
    return out


def check_bounce_postfix(d, parsed, life, ndr_of):
    path = os.path.join(d, "bounce-expired.eml")
    raw = open(path, "rb").read()
    need(b"\r" not in raw, "CR in eml")
    msg = email.message_from_bytes(raw, policy=email.policy.default)
    tree = walk(msg)
    need(tree == ["multipart/report", "  text/plain", "  message/delivery-status", "  text/rfc822-headers"],
         "bounce-expired.eml structure: %s" % tree)
    need(msg.get_param("report-type") == "delivery-status", "report-type")
    parts = msg.get_payload()
    ds = parts[1].get_payload()
    per_msg, per_rcpt = ds[0], ds[1]
    qid = per_msg["X-Postfix-Queue-ID"]
    need(per_msg["Reporting-MTA"] == "dns; mail.harbourbooks.co.uk", "Reporting-MTA")
    need(per_rcpt["Action"] == "failed" and per_rcpt["Status"] == "4.0.0", "Action/Status")
    need(per_rcpt["Remote-MTA"] == "dns; mx.bt.lon5.cpcloud.co.uk", "Remote-MTA")
    need(per_rcpt["Diagnostic-Code"] == "smtp; 421 Too many messages (DailyLimit) from 203.0.113.25", "Diagnostic-Code")
    rcpt = per_rcpt["Final-Recipient"].split("; ")[1]
    need(qid in ndr_of, "bounce queue id %s is not an expired message in the log" % qid)
    ev = life[qid]
    need(any(e[1] == "delivery" and e[2].group("to") == rcpt for e in ev), "recipient not in log for %s" % qid)
    arrival = ev[0][3]
    need(per_msg["Arrival-Date"].startswith(arrival.strftime("%a, %d %b %Y %H:%M:%S").replace(", 0", ",  ")) or
         per_msg["Arrival-Date"].startswith(arrival.strftime("%a, %d %b %Y %H:%M:%S")), "Arrival-Date vs log")
    nq = ndr_of[qid]
    need(nq in msg["Received"], "NDR queue id in Received")
    need(msg["Message-Id"] == "<%s.%s@mail.harbourbooks.co.uk>" % (life[nq][0][3].strftime("%Y%m%d%H%M%S"), nq),
         "Message-Id vs log")
    hdrs = email.message_from_string(parts[2].get_payload(), policy=email.policy.default)
    need(hdrs["Subject"] == "Your order HB-10482 has shipped", "original Subject")
    need("d=harbourbooks.co.uk" in hdrs["DKIM-Signature"] and "s=mail2026" in hdrs["DKIM-Signature"], "DKIM d=/s=")
    need(qid in hdrs["Received"], "original Received id")
    need(hdrs["Message-ID"] in [e[2].group(0).split("message-id=")[1] for e in ev if e[1] == "cleanup"][0],
         "Message-ID vs cleanup line")
    # size= of the NDR equals the queued NDR (the message without the three delivery headers)
    queued = raw.split(b"\n", 3)[3]
    size_line = [e for e in life[nq] if e[1] == "active"][0][2].group(0)
    need(("size=%d," % len(queued)) in size_line, "NDR size= %s vs %d" % (size_line, len(queued)))
    print("throttling/bounce-expired.eml: %s; queue id %s, recipient %s, arrival %s, NDR %s" % (
        " > ".join(x.strip() for x in tree), qid, rcpt, arrival, nq))
    return qid, rcpt, nq


def check_starttls(d):
    path = os.path.join(d, "maillog")
    parsed = check_lines(path, SENDMAIL)
    check_pids_sendmail(parsed, path)
    kinds = collections.Counter(name for n, name, m, t, line in parsed)
    print("starttls/maillog: %d lines" % len(parsed))
    print("  line kinds:", dict(kinds))
    # every TLS failure is followed (same pid) by 'did not issue MAIL'
    for (n, name, m, t, line), nxt in zip(parsed, parsed[1:]):
        if name == "tlsfail":
            need(nxt[1] == "nomail" and pid_of(nxt[4]) == pid_of(line), "%s:%d: tlsfail not followed by nomail" % (path, n))
        if name in ("nomail", "from"):
            qid = m.group("qid")
            need(qid.endswith("%06d" % int(m.group("pid"))), "%s:%d: queue id does not end in the pid" % (path, n))
            need(qid[0] == "6" and qid[1] == "A", "%s:%d: queue id year/month" % (path, n))
    restart = [t for n, name, m, t, line in parsed if name == "start"]
    need(len(restart) == 1, "one daemon start")
    need(not [1 for n, name, m, t, line in parsed if name == "tlsok" and t > restart[0]], "TLS success after restart")
    need(not [1 for n, name, m, t, line in parsed if name == "tlsfail" and t < restart[0]], "TLS failure before restart")
    g = [(t, m.group("relay")) for n, name, m, t, line in parsed if name == "tlsfail" and "google.com" in m.group("relay")]
    other = [(t, m.group("relay")) for n, name, m, t, line in parsed if name == "tlsfail" and "google.com" not in m.group("relay")]
    print("  Google TLS failures: %d (first %s, last %s); other senders' TLS failures (then plain text): %d" % (
        len(g), g[0][0], g[-1][0], len(other)))
    return parsed


def check_pids_sendmail(parsed, path):
    seen = {}
    for n, name, m, t, line in parsed:
        p = pid_of(line)
        seen.setdefault(p, []).append(t)
    for p, ts_ in seen.items():
        need(max(ts_) - min(ts_) < dt.timedelta(minutes=2) or len(ts_) <= 3, "%s: pid %d reused over a long span" % (path, p))


def check_gmail_bounce(d, parsed):
    path = os.path.join(d, "gmail-bounce.eml")
    raw = open(path, "rb").read()
    need(b"\r" not in raw, "CR in eml")
    msg = email.message_from_bytes(raw, policy=email.policy.default)
    tree = walk(msg)
    need(tree == ["multipart/report", "  multipart/related", "    multipart/alternative", "      text/plain",
                  "      text/html", "    image/png", "  message/delivery-status", "  message/rfc822",
                  "    multipart/alternative", "      text/plain", "      text/html"], "gmail-bounce structure %s" % tree)
    need(msg["From"] == "Mail Delivery Subsystem <mailer-daemon@googlemail.com>", "From")
    need(msg["Subject"] == "Delivery Status Notification (Failure)", "Subject")
    parts = msg.get_payload()
    txt = parts[0].get_payload()[0].get_payload()[0].get_content()
    need("** Message not delivered **" in txt and "anna@kestrel-design.co.uk" in txt, "text part")
    png = parts[0].get_payload()[1].get_content()
    need(png[:8] == b"\x89PNG\r\n\x1a\n", "icon is a PNG")
    ds = parts[1].get_payload()
    need(ds[0]["Reporting-MTA"] == "dns; googlemail.com", "Reporting-MTA")
    need(ds[1]["Action"] == "failed" and ds[1]["Status"] == "4.0.0", "Action/Status")
    need(ds[1]["Remote-MTA"].startswith("dns; mail.kestrel-design.co.uk. (203.0.113.80"), "Remote-MTA")
    need("starttls error (71)" in ds[1]["Diagnostic-Code"], "Diagnostic-Code")
    orig = parts[2].get_payload()[0]
    need("d=gmail.com" in orig["DKIM-Signature"], "original DKIM d=gmail.com")
    need(orig["Message-ID"] == ds[0]["X-Original-Message-ID"] == msg["In-Reply-To"], "Message-ID cross refs")
    # Last-Attempt-Date (PST) must be a Google TLS failure in the log (GMT = PST + 8 h)
    lad = email.utils.parsedate_to_datetime(ds[1]["Last-Attempt-Date"]).astimezone(dt.timezone.utc).replace(tzinfo=None)
    arr = email.utils.parsedate_to_datetime(ds[0]["Arrival-Date"]).astimezone(dt.timezone.utc).replace(tzinfo=None)
    fails = [t for n, name, m, t, line in parsed if name == "tlsfail" and "google.com" in m.group("relay")]
    need(any(abs((t - lad).total_seconds()) <= 1 for t in fails), "Last-Attempt-Date %s not in log" % lad)
    need(any(0 <= (t - arr).total_seconds() <= 3 for t in fails), "first attempt after Arrival-Date %s not in log" % arr)
    print("starttls/gmail-bounce.eml: %s; arrival %s GMT, last attempt %s GMT" % (
        " > ".join(x.strip() for x in tree), arr, lad))


def check_props(d, files):
    p = os.path.join(d, "case.properties")
    raw = open(p, "rb").read()
    raw.decode("ascii")
    kv = dict(l.split("=", 1) for l in raw.decode().splitlines() if l and not l.startswith("#"))
    need(set(kv) == {"title", "summary", "domain", "mta", "files"}, "%s keys %s" % (p, sorted(kv)))
    need(kv["files"].split(",") == files, "%s files" % p)
    for f in files:
        need(os.path.exists(os.path.join(d, f)), "missing %s" % f)


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default=os.path.normpath(os.path.join(here, "..", "..", "src", "main", "resources",
                                                                   "org", "mailmedic", "samples")))
    a = ap.parse_args()
    try:
        need(open(os.path.join(a.out, "index.txt")).read() == "throttling\nstarttls\n", "index.txt")
        d1 = os.path.join(a.out, "throttling")
        check_props(d1, ["bounce-expired.eml", "maillog"])
        parsed, life, ndr_of = check_throttling(d1)
        check_bounce_postfix(d1, parsed, life, ndr_of)
        d2 = os.path.join(a.out, "starttls")
        check_props(d2, ["gmail-bounce.eml", "maillog"])
        p2 = check_starttls(d2)
        check_gmail_bounce(d2, p2)
    except Fail as e:
        print("FAIL:", e)
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
