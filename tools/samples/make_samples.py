#!/usr/bin/env python3
"""Generate the two sample cases that ship inside MailMedic.

    python3 tools/samples/make_samples.py            # writes into src/main/resources/org/mailmedic/samples
    python3 tools/samples/make_samples.py --out DIR   # writes somewhere else (for comparing)

Deterministic: fixed random seeds, no network, no clock.  Running it twice gives
byte-identical files.  Everything is fiction: documentation IP ranges only
(192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24), invented people and businesses.
See tools/samples/README.md for what each case models and where the formats come from.

Case 1  throttling/   Postfix at Harbour Books Ltd; BT accepts 49 messages per rolling
                      24 h from 203.0.113.25 and answers the rest with
                      "421 Too many messages (DailyLimit) from 203.0.113.25".
Case 2  starttls/     Sendmail 8.17 at Kestrel Design advertises STARTTLS without a
                      certificate; Gmail's handshakes end in "no shared cipher" and Gmail
                      bounces after two days of retries.
"""

import argparse
import base64
import bisect
import datetime as dt
import hashlib
import heapq
import os
import random
import struct
import zlib

UTC = dt.timezone.utc
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
WDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
US = 1_000_000  # microseconds per second; all times below are integer microseconds
B62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"


def epoch(y, mo, d, h=0, mi=0, s=0):
    return int(dt.datetime(y, mo, d, h, mi, s, tzinfo=UTC).timestamp()) * US


def utc(t_us):
    return dt.datetime.fromtimestamp(t_us // US, UTC)


def syslog_ts(t_us):
    """Traditional syslog stamp, 'Nov 16 08:14:03' (day space-padded like %e)."""
    d = utc(t_us)
    return "%s %2d %02d:%02d:%02d" % (MONTHS[d.month - 1], d.day, d.hour, d.minute, d.second)


def postfix_date(t_us):
    """Postfix mail_date(): '%a, %e %b %Y %H:%M:%S +0000 (GMT)' (Europe/London in November)."""
    d = utc(t_us)
    return "%s, %2d %s %d %02d:%02d:%02d +0000 (GMT)" % (
        WDAYS[d.weekday()], d.day, MONTHS[d.month - 1], d.year, d.hour, d.minute, d.second)


def php_date(t_us):
    """PHP date('D, j M Y H:i:s O') as PHPMailer writes it."""
    d = utc(t_us)
    return "%s, %d %s %d %02d:%02d:%02d +0000" % (
        WDAYS[d.weekday()], d.day, MONTHS[d.month - 1], d.year, d.hour, d.minute, d.second)


def google_date(t_us):
    """Google's header dates: Pacific time, PST in late November, two-digit day."""
    d = dt.datetime.fromtimestamp(t_us // US - 8 * 3600, UTC)
    return "%s, %02d %s %d %02d:%02d:%02d -0800 (PST)" % (
        WDAYS[d.weekday()], d.day, MONTHS[d.month - 1], d.year, d.hour, d.minute, d.second)


def gmail_web_date(t_us):
    """Date header written by the Gmail web client for a user in the UK."""
    d = utc(t_us)
    return "%s, %d %s %d %02d:%02d:%02d +0000" % (
        WDAYS[d.weekday()], d.day, MONTHS[d.month - 1], d.year, d.hour, d.minute, d.second)


def format_tv(t_us, sig_dig=2, max_dig=2):
    """Port of Postfix util/format_tv.c (delay=, delays= fields)."""
    sec, usec = divmod(t_us, US)
    pow10 = [1, 10, 100, 1000, 10000, 100000, 1000000]
    ures = US // pow10[max_dig]
    wid = pow10[sig_dig]
    if ures < US:
        if sec > 0:
            n = 1
            while sec >= n and n <= wid // 10:
                n *= 10
            ures = (US // wid) * n
        else:
            while usec >= wid * ures:
                ures *= 10
    if ures > 1:
        usec += ures // 2
        if usec >= US:
            sec += 1
            usec -= US
    out = str(sec)
    if usec >= ures:
        out += "."
        rem, n = usec, US // 10
        while rem >= ures and n > 0:
            out += "0123456789"[rem // n]
            rem %= n
            n //= 10
    return out


def line_wrap(text, length=79, indent=4):
    """Port of Postfix util/line_wrap.c as used by bounce_print_wrap()."""
    out = []
    curr_indent, curr_len = 0, length
    start = 0
    word = 0
    n = len(text)
    while word is not None:
        sp = word
        while sp < n and text[sp] not in " \t":
            sp += 1
        if word > start and sp - start > curr_len:
            line_len = word - start
            while line_len > 0 and text[start + line_len - 1] in " \t":
                line_len -= 1
            out.append(" " * curr_indent + text[start:start + line_len])
            while word < n and text[word] in " \t":
                word += 1
            if start == 0:
                curr_indent += indent
                curr_len -= indent
            start = word
        word = sp + 1 if sp < n else None
    tail = text[start:].rstrip(" \t")
    out.append(" " * curr_indent + tail)
    return out


def b62(n, width):
    s = ""
    for _ in range(width):
        n, r = divmod(n, 62)
        s = B62[r] + s
    return s


class Rand(random.Random):
    def b64(self, n):
        return "".join(self.choice(B64) for _ in range(n))

    def alnum(self, n):
        return "".join(self.choice(ALNUM) for _ in range(n))

    def hexs(self, n, upper=False):
        s = "".join(self.choice("0123456789abcdef") for _ in range(n))
        return s.upper() if upper else s

    def digits(self, n):
        return "".join(self.choice("0123456789") for _ in range(n))

    def us(self, lo, hi):
        """uniform duration in microseconds, lo/hi in seconds"""
        return int(self.uniform(lo, hi) * US)


def fold_b64_dkim_opendkim(sig):
    """OpenDKIM folds b= as in the real Postfix/OpenDKIM samples: 65 chars, then 66 per line."""
    lines = ["\tb=" + sig[:65]]
    rest = sig[65:]
    while rest:
        lines.append("\t " + rest[:66])
        rest = rest[66:]
    return lines


def fold_b64_google(sig):
    lines = ["        b=" + sig[:66]]
    rest = sig[66:]
    while rest:
        lines.append("         " + rest[:68])
        rest = rest[68:]
    return lines


def fake_sig(rng):
    """An RSA-2048 signature's base64 (344 chars, '=' padded)."""
    return base64.b64encode(bytes(rng.getrandbits(8) for _ in range(256))).decode()


def fake_bh(rng):
    return base64.b64encode(bytes(rng.getrandbits(8) for _ in range(32))).decode()


# ---------------------------------------------------------------------------
# Process ids: every log line belongs to a "job" (one use of a daemon process).
# Jobs are assigned PIDs in time order, reusing idle processes the way Postfix's
# master(8) does (max_idle 100 s, max_use 100) and drawing new PIDs from a counter
# that also advances with unrelated system activity.
# ---------------------------------------------------------------------------

class Job:
    __slots__ = ("service", "start", "end", "pid", "lines")

    def __init__(self, service, start, end):
        self.service, self.start, self.end = service, start, max(end, start)
        self.pid = None
        self.lines = []


class Log:
    def __init__(self, host):
        self.host = host
        self.jobs = []
        self.seq = 0

    def job(self, service, start, end):
        j = Job(service, start, end)
        self.jobs.append(j)
        return j

    def add(self, job, t, prog, msg):
        self.seq += 1
        job.lines.append((t, self.seq, prog, msg))
        if t > job.end:
            job.end = t

    def assign_pids(self, rng, t0, pid0, rate_s, fixed, pooled, max_idle=100 * US, max_use=100):
        counter = [pid0]

        def new_pid(t):
            drift = pid0 + int((t - t0) / US / rate_s)
            p = max(counter[0] + rng.randint(1, 3), drift)
            counter[0] = p
            return p

        pools = {}
        pickup = {}
        for j in sorted(self.jobs, key=lambda j: (j.start, j.end)):
            if j.service in fixed:
                j.pid = fixed[j.service]
                continue
            if j.service == "pickup":
                # pickup(8) is woken every 60 s and exits after max_use=100 wakeups: a new PID every 100 minutes
                k = (j.start - t0) // (6000 * US)
                if k not in pickup:
                    pickup[k] = new_pid(j.start)
                j.pid = pickup[k]
                continue
            if j.service not in pooled:
                j.pid = new_pid(j.start)
                continue
            pool = pools.setdefault(j.service, [])
            best = None
            for p in pool:
                if p["busy"] <= j.start and j.start - p["busy"] <= max_idle and p["uses"] < max_use:
                    if best is None or p["busy"] > best["busy"]:
                        best = p
            if best is None:
                best = {"pid": new_pid(j.start), "busy": j.start, "uses": 0}
                pool.append(best)
            best["busy"] = j.end
            best["uses"] += 1
            j.pid = best["pid"]
            # forget processes that have exited
            pools[j.service] = [p for p in pool if j.start - p["busy"] <= max_idle or p is best]

    def render(self, t_from, t_to):
        rows = []
        for j in self.jobs:
            for (t, seq, prog, msg) in j.lines:
                if t_from <= t < t_to:
                    rows.append((t // US, seq, t, "%s %s %s[%d]: %s" % (syslog_ts(t), self.host, prog, j.pid, msg)))
        rows.sort(key=lambda r: (r[0], r[2], r[1]))
        return "".join(r[3] + "\n" for r in rows)


# ---------------------------------------------------------------------------
# Fictional people and places
# ---------------------------------------------------------------------------

FIRST = ["Alison", "Barnaby", "Ceri", "Delyth", "Eamon", "Fern", "Gideon", "Harriet", "Imogen", "Jago",
         "Keziah", "Lowenna", "Morwenna", "Nerys", "Oswin", "Petroc", "Quentin", "Rhiannon", "Senara",
         "Tamsin", "Ursula", "Veryan", "Wilf", "Yestin", "Zennor", "Arthur", "Bryony", "Cadan", "Demelza",
         "Elowen", "Fenella", "Gwen", "Hedley", "Ives", "Jory", "Kenver", "Loveday", "Merryn", "Nance",
         "Ottilie", "Perran", "Rosenwyn", "Sennen", "Tressa", "Wenna", "Clemency", "Ambrose", "Hester"]
LAST = ["Angove", "Bolitho", "Carne", "Dunstan", "Eddy", "Foss", "Goldsworthy", "Hocking", "Jose", "Kitto",
        "Laity", "Maddern", "Nankervis", "Oates", "Pascoe", "Quick", "Rowe", "Sandow", "Teague", "Uren",
        "Vosper", "Williams", "Yelland", "Trebilcock", "Penhaligon", "Chenoweth", "Tregear", "Polglase",
        "Rosewarne", "Trevithick", "Kernick", "Jenkin", "Curnow", "Hosking", "Lanyon", "Menadue"]


def person(rng):
    return rng.choice(FIRST), rng.choice(LAST)


def local_part(rng, first, last):
    f, l = first.lower(), last.lower()
    pat = rng.randrange(8)
    if pat == 0:
        return "%s.%s" % (f, l)
    if pat == 1:
        return "%s%s" % (f[0], l)
    if pat == 2:
        return "%s.%s%d" % (f, l, rng.randrange(10, 99))
    if pat == 3:
        return "%s_%s" % (f, l)
    if pat == 4:
        return "%s%s%d" % (f, l[0], rng.randrange(1950, 2005))
    if pat == 5:
        return "%s.%s" % (f[0], l)
    if pat == 6:
        return "%s%s" % (l, rng.randrange(1, 99))
    return "%s.%s.%s" % (f, l[0], rng.choice(["home", "mail", "uk", "books"]))


# ===========================================================================
# Case 1: Postfix, BT DailyLimit throttling
# ===========================================================================

HB = dict(
    host="mail", fqdn="mail.harbourbooks.co.uk", ip="203.0.113.25", domain="harbourbooks.co.uk",
    bt_mx="mx.bt.lon5.cpcloud.co.uk", bt_ip="198.51.100.49",
)
BT_LIMIT = 49
DAY = 86400 * US
QUEUE_RUN_DELAY = 300 * US
MIN_BACKOFF = 300 * US
MAX_BACKOFF = 4000 * US
MAX_QUEUE_LIFETIME = 5 * DAY
RETRY_LOG_STRIDE = 16  # see README: every 16th deferral of a message is written to the sample log

BT_DEFER = ("host %s[%s] said: 421 Too many messages (DailyLimit) from %s (in reply to MAIL FROM command)"
            % (HB["bt_mx"], HB["bt_ip"], HB["ip"]))

# destination domain -> (relay host, ip, kind of 250 reply)
MX = {
    "btinternet.com": (HB["bt_mx"], HB["bt_ip"], "bt"),
    "gmail.com": ("gmail-smtp-in.l.google.com", "192.0.2.26", "gmail"),
    "googlemail.com": ("gmail-smtp-in.l.google.com", "192.0.2.26", "gmail"),
    "outlook.com": ("outlook-com.olc.protection.outlook.com", "198.51.100.120", "olc"),
    "hotmail.co.uk": ("eur.olc.protection.outlook.com", "198.51.100.122", "olc"),
    "yahoo.co.uk": ("mx-eu.mail.am0.yahoodns.net", "198.51.100.130", "yahoo"),
    "fenwick-printworks.co.uk": ("fenwickprintworks-co-uk.mail.protection.outlook.com", "198.51.100.140", "m365"),
    "quillon-distribution.co.uk": ("mail.quillon-distribution.co.uk", "203.0.113.140", "postfix"),
    "tidewater-bookbinding.co.uk": ("mx.tidewater-bookbinding.co.uk", "203.0.113.152", "exim"),
    "penrose-primary.co.uk": ("penroseprimary-co-uk.mail.protection.outlook.com", "198.51.100.141", "m365"),
    "mcdlv.net": ("mx1.mcdlv.net", "198.51.100.180", "postfix"),
}

FORWARDS = {  # virtual_alias_maps entries that leave the server
    "info@harbourbooks.co.uk": "hbooks.falmouth@btinternet.com",
    "events@harbourbooks.co.uk": "c.trevaskis@btinternet.com",
    "@harbourbooks.co.uk": "hbooks.falmouth@btinternet.com",  # catch-all
}
CATCHALL_LOCALS = ["sales", "admin", "accounts-payable", "jobs", "marketing", "webmaster", "shop", "enquiries",
                   "support", "billing", "press", "contact", "d.pascoe", "manager", "invoices", "newsletter"]
LOCAL_BOXES = ["dave", "orders", "accounts", "hello"]

GOOGLE_OUT = [("ed1", 41), ("wm1", 49), ("lf1", 45), ("ej1", 50), ("wr1", 46), ("lj1", 172), ("qk1", 169),
              ("pj1", 54), ("wm1", 52), ("ed1", 44), ("lj1", 176), ("ej1", 47), ("wr1", 42), ("pl1", 173)]
OUTLOOK_OUT = [("db8eur05olkn2%03d" % n, 10 + i) for i, n in enumerate([11, 17, 23, 38, 44, 59, 62, 70])]
SPAM_DOMAINS = ["deal-alerts-uk.example", "parcel-tracking-notice.example", "paypal-resolution-centre.example",
                "crypto-yield-desk.example", "royalmail-redelivery.example", "seo-rank-boost.example",
                "invoice-portal-secure.example", "loan-approval-now.example"]
SPAM_SENDERS = ["service", "noreply", "support", "billing", "alerts", "info", "security", "accounts"]
NEWSLETTERS = [  # (display, Mailchimp-style envelope, host index)
    ("The Bookseller Brief", "us21_81927364.2214579", 0),
    ("Kernow Arts Diary", "us14_55103487.1908823", 1),
    ("Independent Publishers Guild", "us6_33918274.3377120", 2),
    ("Tidewater Bookbinding", "us19_70218466.2640931", 3),
]
MCDLV_HOSTS = [("mail180.sea21.mcdlv.net", "198.51.100.200"), ("mail37.atl41.mcdlv.net", "198.51.100.201"),
               ("mail122.suw91.mcdlv.net", "198.51.100.202"), ("mail9.wdc04.mcdlv.net", "198.51.100.203")]
OFFICE = ("host198-51-100-77.range198-51.btcentralplus.com", "198.51.100.77")


class Msg:
    def __init__(self, kind, arrive, sender, rcpt, size, orig=None):
        self.kind, self.arrive, self.sender, self.rcpt, self.size, self.orig = kind, arrive, sender, rcpt, size, orig
        self.create = None      # queue file creation (cleanup)
        self.qid = None
        self.inode = None
        self.msgid = None
        self.attempts = []      # dicts: move, start, conn, end, ok, text
        self.final = None       # 'sent' | 'expired' | None (still queued at the end)
        self.expire_at = None
        self.ndr = None
        self.session = None     # inbound session description
        self.info = {}

    @property
    def dom(self):
        return self.rcpt.split("@")[1]


class QueueIds:
    """Postfix short queue ids: 5 hex digits of microseconds + queue-file inode in hex."""

    def __init__(self, rng):
        self.rng = rng
        self.free = list(range(0x1C0A00, 0x1C0A00 + 4096))
        rng.shuffle(self.free)
        self.used = set()

    def new(self, t_us):
        inode = self.free.pop(0)
        self.used.add(inode)
        usec = t_us % US
        return "%05X%X" % (usec, inode), inode

    def release(self, inode):
        self.used.discard(inode)
        self.free.append(inode)


def exim_id(rng, t_us):
    return "%s-%s-%s" % (b62(t_us // US, 6), b62(rng.randrange(20000, 900000), 6), b62(rng.randrange(3844), 2))


def gmail_ok(rng, t_us):
    pfx = rng.choice(["5b1f17b1804b1", "a640c23a62f3a", "ffacd0b85a97d", "4fb4d7f45d1cf", "2adb3069b0e04"])
    return "250 2.0.0 OK  %d %s-%ssi%s%s.%d - gsmtp" % (
        t_us // US, pfx, rng.hexs(11), rng.digits(rng.choice([7, 8, 9])),
        rng.choice(["a", "f8f", "e9", "a12", "ejc"]), rng.randrange(1, 500))


def postfix_longid(rng):
    return "4" + rng.choice("bcdfghjklmnpqrstvwxyzBCDFGHJKLMNPQRSTVWXYZ") + rng.alnum(8) + "z" + rng.alnum(3)


def reply_250(rng, kind, t_us, size, msgid, dur_s):
    if kind == "bt":
        return "250 OK id=%s" % exim_id(rng, t_us)
    if kind == "gmail":
        return gmail_ok(rng, t_us)
    if kind in ("olc", "m365"):
        if kind == "olc":
            n = 189 + rng.randrange(7)
            host = "%sP%dMB%04d.EURP%d.PROD.OUTLOOK.COM" % (rng.choice(["AS8", "DU0", "PA4", "DB9", "AM7"]), n,
                                                             rng.randrange(1000, 9999), n)
            tail = " -> 250 2.1.5"
        else:
            host = "%sP265MB%04d.GBRP265.PROD.OUTLOOK.COM" % (rng.choice(["LO2", "LO4", "CWL", "LO0"]),
                                                                rng.randrange(1000, 9999))
            tail = ""
        nbytes = size + rng.randrange(180, 420)
        return "250 2.6.0 %s [InternalId=%s, Hostname=%s] %d bytes in %.3f, %.3f KB/sec Queued mail for delivery%s" % (
            msgid, rng.digits(14).lstrip("0") or "1", host, nbytes, dur_s, nbytes / 1024.0 / dur_s, tail)
    if kind == "yahoo":
        return "250 ok dirdel"
    if kind == "postfix":
        return "250 2.0.0 Ok: queued as %s" % postfix_longid(rng)
    if kind == "exim":
        return "250 OK id=%s" % exim_id(rng, t_us)
    raise ValueError(kind)


def phpmailer_id(rng):
    """PHPMailer 6 generateId(): base64 of a SHA-256, with '=', '+' and '/' removed."""
    raw = base64.b64encode(hashlib.sha256(bytes(rng.getrandbits(8) for _ in range(32))).digest()).decode()
    return raw.replace("=", "").replace("+", "").replace("/", "")


def gmail_msgid(rng):
    """Gmail web client ids: 'CA' + ~49 base64url-ish characters, e.g. <CAByYQsF...GriF5Q@mail.gmail.com>."""
    body = list("CA" + rng.choice("BCDEFGHJKLMNOPRSTUVWXYZ") + rng.alnum(rng.randrange(44, 49)))
    for _ in range(rng.randrange(2, 5)):
        body.insert(rng.randrange(4, len(body)), rng.choice("=+_-"))
    return "<%s@mail.gmail.com>" % "".join(body)


def outlook_msgid(rng):
    return "<%s%s%s%s@%s.eurprd%02d.prod.outlook.com>" % (
        rng.choice(["DB9", "AS8", "PA4", "DU0"]), "P%d" % rng.randrange(190, 196), "MB", rng.digits(4) +
        rng.alnum(24).upper(), rng.choice(["DB9P193MB1234", "AS8P194MB2210", "PA4P195MB0871"]), rng.randrange(1, 9))


class Case1:
    def __init__(self):
        self.rng = Rand(20261116)
        self.log = Log(HB["host"])
        self.qids = QueueIds(self.rng)
        self.t_log0 = epoch(2026, 11, 16)
        self.t_log1 = epoch(2026, 11, 24)
        self.t_sim0 = epoch(2026, 11, 15)
        self.msgs = []
        self.bt_accepts = []          # times (us) at which BT accepted MAIL FROM
        self.events = []
        self.eseq = 0
        self.deferred = {}            # qid -> msg waiting in deferred queue
        self.scan_phase = 137 * US + 412_000
        self.ndrs = []
        self.sessions = []            # inbound/submission sessions that carry no message (rejects)
        self.greylisted = False       # one greylisting deferral at a supplier's Postfix

    # ----- traffic --------------------------------------------------------
    def day_times(self, day0, n, profile):
        rng = self.rng
        out = []
        for _ in range(n):
            if profile == "human":
                h = rng.choices(range(24), weights=[1, 1, 1, 1, 1, 2, 4, 7, 9, 9, 9, 8, 8, 8, 8, 8, 7, 6, 6, 6, 5, 4, 3, 2])[0]
            elif profile == "spam":
                h = rng.choices(range(24), weights=[5, 6, 6, 6, 5, 5, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 5, 5, 5, 5, 5])[0]
            elif profile == "shop":
                h = rng.choices(range(24), weights=[1, 0, 0, 0, 0, 0, 1, 3, 5, 7, 8, 8, 9, 8, 7, 7, 7, 7, 8, 9, 9, 8, 5, 3])[0]
            elif profile == "office":
                h = rng.choices(range(24), weights=[0] * 8 + [4, 8, 9, 8, 5, 7, 8, 7, 6, 3] + [0] * 6)[0]
            else:
                h = rng.randrange(24)
            out.append(day0 + h * 3600 * US + rng.randrange(3600 * US))
        return sorted(out)

    def build_traffic(self):
        rng = self.rng
        order_no = 10380
        for d in range(9):  # 15 Nov (warm-up, not logged) .. 23 Nov
            day0 = self.t_sim0 + d * DAY
            wd = utc(day0).weekday()
            warm = d == 0
            weekend = wd >= 5
            # --- mail forwarded to BT (virtual aliases and the catch-all) ---
            n_fwd = 30 if warm else (rng.randrange(52, 57) if weekend else rng.randrange(52, 58))
            kinds = ["gmail"] * 34 + ["outlook"] * 10 + ["newsletter"] * 14 + ["supplier"] * 6 + ["spam"] * 36
            for t in self.day_times(day0, n_fwd, "spam"):
                self.add_forwarded(t, rng.choice(kinds))
            # --- local mailboxes ---
            for t in self.day_times(day0, 2 if weekend else rng.randrange(4, 6), "human"):
                self.add_local_inbound(t)
            # --- shop (pickup, uid 33) ---
            n_conf = 9 if warm else (rng.randrange(11, 14) if weekend else rng.randrange(15, 19))
            for t in self.day_times(day0, n_conf, "shop"):
                order_no += 1
                self.add_shop(t, "conf", order_no)
            if wd < 5 or wd == 5:
                n_ship = rng.randrange(5, 8) if wd == 5 else rng.randrange(11, 15)
                t = day0 + (11 * 3600 + 1860 if wd == 5 else 15 * 3600 + 2040 + rng.randrange(600)) * US
                for _ in range(n_ship):
                    t += rng.randrange(2 * US, 9 * US)
                    self.add_shop(t, "ship", order_no - rng.randrange(20, 60))
            # --- staff, port 587 ---
            if wd < 5 and not warm:
                for t in self.day_times(day0, rng.randrange(2, 4), "office"):
                    self.add_staff(t)
            # --- rejected connections ---
            if not warm:
                for t in self.day_times(day0, rng.randrange(2, 4), "spam"):
                    self.add_reject(t)
        self.msgs.sort(key=lambda m: m.arrive)

    def sender_for(self, kind):
        rng = self.rng
        if kind == "gmail":
            f, l = person(rng)
            host, oct_ = rng.choice(GOOGLE_OUT)
            return dict(sender="%s@gmail.com" % local_part(rng, f, l), client="mail-%s-f%d.google.com" % (host, oct_),
                        ip="192.0.2.%d" % oct_, helo="mail-%s-f%d.google.com" % (host, oct_), spf="Pass", tls=True,
                        size=rng.randrange(3200, 14000), msgid=gmail_msgid(rng))
        if kind == "outlook":
            f, l = person(rng)
            host, oct_ = rng.choice(OUTLOOK_OUT)
            dom = rng.choice(["outlook.com", "hotmail.co.uk"])
            name = "mail-%s.outbound.protection.outlook.com" % host
            return dict(sender="%s@%s" % (local_part(rng, f, l), dom), client=name, ip="198.51.100.%d" % oct_,
                        helo="EUR05-DB8-obe.outbound.protection.outlook.com", spf="Pass", tls=True,
                        size=rng.randrange(9000, 42000), msgid=outlook_msgid(rng))
        if kind == "newsletter":
            disp, acct, hi = rng.choice(NEWSLETTERS)
            host, ip = MCDLV_HOSTS[hi]
            return dict(sender="bounce-mc.%s-%s@%s" % (acct, rng.hexs(10), host), client=host, ip=ip, helo=host,
                        spf="Pass", tls=True, size=rng.randrange(38000, 96000),
                        msgid="<%s.%s@mcsv.net>" % (rng.hexs(32), rng.digits(8)))
        if kind == "supplier":
            return dict(sender="noreply@quillon-distribution.co.uk", client="mail.quillon-distribution.co.uk",
                        ip="203.0.113.140", helo="mail.quillon-distribution.co.uk", spf="Pass", tls=True,
                        size=rng.randrange(6000, 22000),
                        msgid="<%s.%s@quillon-distribution.co.uk>" % (rng.digits(10), rng.hexs(12)))
        # spam via the catch-all
        dom = rng.choice(SPAM_DOMAINS)
        oct_ = rng.randrange(160, 250)
        net = rng.choice(["203.0.113", "192.0.2"])
        if net == "192.0.2":
            oct_ = rng.randrange(200, 250)
        named = rng.random() < 0.45
        client = ("%s-%d.dyn.example.net" % (net.replace(".", "-"), oct_)) if named else "unknown"
        helo = rng.choice(["[%s.%d]" % (net, oct_), "WIN-%s" % rng.alnum(11).upper(), "mail.%s" % dom,
                           "User", "localhost.localdomain"])
        return dict(sender="%s@%s" % (rng.choice(SPAM_SENDERS), dom), client=client, ip="%s.%d" % (net, oct_),
                    helo=helo, spf=rng.choice(["None", "None", "Softfail"]), tls=rng.random() < 0.35,
                    size=rng.randrange(1800, 16000), quit=rng.random() < 0.6,
                    msgid="<%s@%s>" % (rng.alnum(rng.randrange(18, 30)), dom))

    def add_forwarded(self, t, kind):
        rng = self.rng
        s = self.sender_for(kind)
        if kind == "spam":
            orig = "%s@harbourbooks.co.uk" % rng.choice(CATCHALL_LOCALS + ["info"])
            rcpt = FORWARDS.get(orig, FORWARDS["@harbourbooks.co.uk"])
        elif kind == "newsletter":
            orig = rng.choice(["info@harbourbooks.co.uk", "events@harbourbooks.co.uk"])
            rcpt = FORWARDS[orig]
        elif kind == "supplier":
            orig = rng.choice(["info@harbourbooks.co.uk", "buying@harbourbooks.co.uk"])
            rcpt = FORWARDS.get(orig, FORWARDS["@harbourbooks.co.uk"])
        else:
            orig = rng.choice(["info@harbourbooks.co.uk"] * 6 + ["events@harbourbooks.co.uk"] * 2 +
                              ["enquiries@harbourbooks.co.uk", "bookclub@harbourbooks.co.uk"])
            rcpt = FORWARDS.get(orig, FORWARDS["@harbourbooks.co.uk"])
        m = Msg("fwd", t, s["sender"], rcpt, s["size"], orig=orig)
        m.session = s
        m.msgid = s["msgid"]
        m.info["src"] = kind
        self.msgs.append(m)

    def add_local_inbound(self, t):
        rng = self.rng
        kind = rng.choice(["gmail", "outlook", "supplier", "gmail"])
        s = self.sender_for(kind)
        box = rng.choice(["dave", "accounts", "hello", "dave", "orders"])
        m = Msg("local", t, s["sender"], "%s@harbourbooks.co.uk" % box, s["size"])
        m.session = s
        m.msgid = s["msgid"]
        self.msgs.append(m)

    def add_shop(self, t, what, order_no):
        rng = self.rng
        r = rng.random()
        f, l = person(rng)
        if r < 0.42:
            dom = "btinternet.com"
        elif r < 0.70:
            dom = "gmail.com"
        elif r < 0.82:
            dom = rng.choice(["outlook.com", "hotmail.co.uk"])
        elif r < 0.90:
            dom = "yahoo.co.uk"
        else:
            dom = rng.choice(["penrose-primary.co.uk", "gmail.com"])
        rcpt = "%s@%s" % (local_part(rng, f, l), dom)
        uid = phpmailer_id(rng)
        m = Msg("shop", t, "orders@harbourbooks.co.uk", rcpt, rng.randrange(51200, 68000))
        m.msgid = "<%s@www.harbourbooks.co.uk>" % uid
        m.info.update(what=what, order=order_no, uid=uid, name="%s %s" % (f, l))
        self.msgs.append(m)

    def add_staff(self, t):
        rng = self.rng
        who = rng.choice(["dave", "dave", "accounts"])
        dom = rng.choice(["quillon-distribution.co.uk", "tidewater-bookbinding.co.uk", "fenwick-printworks.co.uk",
                          "gmail.com", "penrose-primary.co.uk", "quillon-distribution.co.uk"])
        f, l = person(rng)
        rcpt = ("%s@%s" % (local_part(rng, f, l), dom)) if dom == "gmail.com" else (
            "%s.%s@%s" % (f.lower(), l.lower(), dom))
        m = Msg("staff", t, "%s@harbourbooks.co.uk" % who, rcpt, rng.randrange(4000, 180000))
        # Thunderbird: a version-4 UUID at the sender's domain
        m.msgid = "<%s-%s-4%s-%s%s-%s@harbourbooks.co.uk>" % (rng.hexs(8), rng.hexs(4), rng.hexs(3),
                                                             rng.choice("89ab"), rng.hexs(3), rng.hexs(12))
        m.info["who"] = who
        self.msgs.append(m)

    def add_reject(self, t):
        self.sessions.append(("reject", t))

    # ----- event loop -------------------------------------------------------
    def push(self, t, kind, payload):
        self.eseq += 1
        heapq.heappush(self.events, (t, self.eseq, kind, payload))

    def bt_window_full(self, t):
        # BT counts acceptances per rolling 24 h; a few seconds of slack keep the
        # logged (end-of-transfer, whole-second) times within the same ceiling
        lo = bisect.bisect_right(self.bt_accepts, t - DAY - 3 * US)
        hi = bisect.bisect_right(self.bt_accepts, t)
        return hi - lo >= BT_LIMIT

    def run(self):
        rng = self.rng
        self.build_traffic()
        rng = Rand(300)
        for m in self.msgs:
            self.push(m.arrive, "arrive", m)
        end = self.t_log1
        t = self.t_sim0 + self.scan_phase
        while t < end:
            self.push(t, "scan", None)
            # qmgr re-arms its deferred-queue timer when the previous run fires, so the
            # period is queue_run_delay plus a few milliseconds of event-loop latency
            t += QUEUE_RUN_DELAY + rng.randrange(800, 6500)
        while self.events:
            t, _, kind, p = heapq.heappop(self.events)
            if t >= end:
                break
            if kind == "arrive":
                self.arrive(p)
            elif kind == "scan":
                self.scan(t)
            elif kind == "attempt":
                self.attempt_done(p)

    def arrive(self, m):
        rng = self.rng
        # the queue file is created when cleanup starts receiving the message
        if m.kind in ("fwd", "local"):
            s = m.session
            s["connect"] = m.arrive
            s["spf_t"] = m.arrive + rng.us(0.25, 0.9)
            s["client_t"] = s["spf_t"] + rng.us(0.01, 0.06)
            m.create = s["client_t"]
            s["cleanup_t"] = s["client_t"] + rng.us(0.08, 0.35)
            recv = rng.us(0.15, 0.6) + m.size * 2  # ~0.5 MB/s
            s["done_t"] = s["cleanup_t"] + recv
            move = s["done_t"] + rng.us(0.003, 0.02)
            s["disconnect_t"] = move + rng.us(0.02, 0.12)
        elif m.kind == "staff":
            s = m.session = dict(connect=m.arrive)
            s["client_t"] = m.arrive + rng.us(0.35, 1.2)
            m.create = s["client_t"]
            s["cleanup_t"] = s["client_t"] + rng.us(0.05, 0.2)
            s["dkim_t"] = s["cleanup_t"] + rng.us(0.2, 0.6) + m.size * 3
            s["done_t"] = s["dkim_t"] + rng.us(0.005, 0.02)
            move = s["done_t"] + rng.us(0.003, 0.02)
            s["disconnect_t"] = move + rng.us(0.03, 0.2)
        else:  # shop via pickup
            s = m.session = dict(connect=m.arrive)
            m.create = m.arrive
            s["cleanup_t"] = m.arrive + rng.us(0.004, 0.02)
            s["dkim_t"] = s["cleanup_t"] + rng.us(0.02, 0.09)
            s["done_t"] = s["dkim_t"] + rng.us(0.003, 0.015)
            move = s["done_t"] + rng.us(0.002, 0.012)
        m.qid, m.inode = self.qids.new(m.create)
        self.schedule_attempt(m, move, move + rng.us(0.0, 0.02))

    def schedule_attempt(self, m, move, start):
        rng = self.rng
        kind = "local" if m.kind == "local" else MX[m.dom][2]
        if kind == "local":
            conn = 0
        elif kind == "bt":
            conn = rng.us(0.16, 0.52)
        elif kind in ("olc", "m365"):
            conn = rng.us(0.12, 0.35)
        else:
            conn = rng.us(0.08, 0.45)
        a = dict(move=move, start=start, conn=start + conn)
        self.push(a["conn"], "attempt", (m, a))

    def scan(self, t):
        rng = self.rng
        due = sorted((m for m in self.deferred.values() if m.info["due"] <= t), key=lambda m: m.qid)
        slots = [t + rng.us(0.01, 0.05)] * 8
        for i, m in enumerate(due):
            del self.deferred[m.qid]
            move = t + rng.us(0.005, 0.03) + i * rng.us(0.001, 0.004)
            k = min(range(len(slots)), key=lambda j: slots[j])
            start = max(move + rng.us(0.001, 0.01), slots[k])
            self.schedule_attempt(m, move, start)
            slots[k] = start + rng.us(0.35, 0.8)

    def attempt_done(self, p):
        m, a = p
        rng = self.rng
        kind = "local" if m.kind == "local" else MX[m.dom][2]
        t = a["conn"]
        if kind == "local":
            a["ok"] = True
            a["end"] = t + rng.us(0.004, 0.04)
            a["text"] = "delivered to maildir"
            a["dsn"] = "2.0.0"
        elif kind == "bt" and self.bt_window_full(t):
            a["ok"] = False
            a["end"] = t + rng.us(0.02, 0.08)
            a["text"] = BT_DEFER
            a["dsn"] = "4.0.0"
        elif m.dom == "quillon-distribution.co.uk" and not m.attempts and m.kind == "staff" and not self.greylisted:
            a["ok"] = False
            a["end"] = t + rng.us(0.03, 0.09)
            a["text"] = ("host mail.quillon-distribution.co.uk[203.0.113.140] said: 450 4.2.0 <%s>: Recipient "
                         "address rejected: Greylisted, see http://postgrey.schweikert.ch/help/quillon-distribution."
                         "co.uk.html (in reply to RCPT TO command)" % m.rcpt)
            a["dsn"] = "4.2.0"
            self.greylisted = True
        else:
            if kind == "bt":
                bisect.insort(self.bt_accepts, t)
            xfer = rng.us(0.15, 0.5) + m.size * (6 if kind == "bt" else 3)
            a["ok"] = True
            a["end"] = t + xfer
            a["text"] = reply_250(rng, kind, a["end"], m.size, m.msgid, xfer / US)
            a["dsn"] = "2.0.0"
        m.attempts.append(a)
        if a["ok"]:
            m.final = "sent"
            self.qids.release(m.inode)
            return
        if a["end"] >= m.create + MAX_QUEUE_LIFETIME:
            m.final = "expired"
            m.expire_at = a["end"] + rng.us(0.001, 0.006)
            self.make_ndr(m)
            self.qids.release(m.inode)
            return
        delay = min(max(a["end"] - m.create, MIN_BACKOFF), MAX_BACKOFF)
        m.info["due"] = a["end"] + delay
        self.deferred[m.qid] = m

    def make_ndr(self, m):
        rng = self.rng
        t = m.expire_at + rng.us(0.01, 0.03)
        qid, inode = self.qids.new(t)
        nd = dict(qid=qid, t=t, inode=inode)
        s = m.sender
        dom = s.split("@")[1]
        if dom == HB["domain"]:
            nd["how"] = "local"
        elif dom.endswith(".example"):
            nd["how"] = "nxdomain"
        else:
            nd["how"] = "smtp"
            nd["mx"] = MX["mcdlv.net"] if dom.endswith("mcdlv.net") else MX.get(dom) or MX["quillon-distribution.co.uk"]
        m.ndr = nd
        self.ndrs.append(m)
        self.qids.release(inode)

    # ----- log lines ------------------------------------------------------
    def logged_attempts(self, m):
        n = len(m.attempts)
        keep = []
        for i, a in enumerate(m.attempts):
            if i == 0 or i == n - 1 and m.final is not None or i % RETRY_LOG_STRIDE == 0:
                keep.append(a)
        return keep

    def emit(self):
        rng = self.rng
        L = self.log
        for m in self.msgs:
            if m.qid is None:
                continue
            self.emit_arrival(m)
            for a in self.logged_attempts(m):
                self.emit_attempt(m, a)
            if m.final == "expired":
                self.emit_expiry(m)
        for kind, t in self.sessions:
            self.emit_reject(t)

    def emit_arrival(self, m):
        rng = self.rng
        L = self.log
        s = m.session
        q = m.qid
        if m.kind in ("fwd", "local"):
            client = "%s[%s]" % (s["client"], s["ip"])
            sd = L.job("smtpd", s["connect"], s["disconnect_t"])
            L.add(sd, s["connect"], "postfix/smtpd", "connect from %s" % client)
            spf = L.job("policyd-spf", s["spf_t"] - rng.us(0.05, 0.2), s["spf_t"])
            L.add(spf, s["spf_t"], "policyd-spf",
                  "prepend Received-SPF: %s (mailfrom) identity=mailfrom; client-ip=%s; helo=%s; envelope-from=%s; "
                  "receiver=<UNKNOWN> " % (s["spf"], s["ip"], s["helo"], m.sender))
            L.add(sd, s["client_t"], "postfix/smtpd", "%s: client=%s" % (q, client))
            cl = L.job("cleanup", s["cleanup_t"], s["done_t"])
            L.add(cl, s["cleanup_t"], "postfix/cleanup", "%s: message-id=%s" % (q, m.msgid))
            if s["tls"]:
                stats = "ehlo=2 starttls=1 mail=1 rcpt=1 data=1 quit=1 commands=7"
            elif s.get("quit", True):
                stats = "ehlo=1 mail=1 rcpt=1 data=1 quit=1 commands=5"
            else:
                stats = "ehlo=1 mail=1 rcpt=1 data=1 commands=4"
            L.add(sd, s["disconnect_t"], "postfix/smtpd", "disconnect from %s %s" % (client, stats))
        elif m.kind == "staff":
            client = "%s[%s]" % OFFICE
            sd = L.job("submission", s["connect"], s["disconnect_t"])
            L.add(sd, s["connect"], "postfix/submission/smtpd", "connect from %s" % client)
            L.add(sd, s["client_t"], "postfix/submission/smtpd",
                  "%s: client=%s, sasl_method=PLAIN, sasl_username=%s@harbourbooks.co.uk" % (q, client, m.info["who"]))
            cl = L.job("cleanup", s["cleanup_t"], s["done_t"])
            L.add(cl, s["cleanup_t"], "postfix/cleanup", "%s: message-id=%s" % (q, m.msgid))
            L.add(L.job("opendkim", s["dkim_t"], s["dkim_t"]), s["dkim_t"], "opendkim",
                  "%s: DKIM-Signature field added (s=mail2026, d=harbourbooks.co.uk)" % q)
            L.add(sd, s["disconnect_t"], "postfix/submission/smtpd",
                  "disconnect from %s ehlo=2 starttls=1 auth=1 mail=1 rcpt=1 data=1 quit=1 commands=8" % client)
        else:
            pk = L.job("pickup", m.arrive, m.arrive)
            L.add(pk, m.arrive, "postfix/pickup", "%s: uid=33 from=<%s>" % (q, m.sender))
            cl = L.job("cleanup", s["cleanup_t"], s["done_t"])
            L.add(cl, s["cleanup_t"], "postfix/cleanup", "%s: message-id=%s" % (q, m.msgid))
            L.add(L.job("opendkim", s["dkim_t"], s["dkim_t"]), s["dkim_t"], "opendkim",
                  "%s: DKIM-Signature field added (s=mail2026, d=harbourbooks.co.uk)" % q)

    def emit_attempt(self, m, a):
        rng = self.rng
        L = self.log
        q = m.qid
        qm = L.job("qmgr", a["move"], a["move"])
        L.add(qm, a["move"], "postfix/qmgr", "%s: from=<%s>, size=%d, nrcpt=1 (queue active)" % (q, m.sender, m.size))
        pdelay = a["move"] - m.create
        adelay = a["start"] - a["move"]
        sdelay = a["conn"] - a["start"]
        xdelay = a["end"] - a["conn"]
        if m.kind == "local":
            relay = "local"
            status = "sent (delivered to maildir)"
            job = L.job("local", a["start"], a["end"])
            prog = "postfix/local"
        else:
            host, ip, kind = MX[m.dom]
            relay = "%s[%s]:25" % (host, ip)
            status = ("sent (%s)" % a["text"]) if a["ok"] else ("deferred (%s)" % a["text"])
            job = L.job("smtp", a["start"], a["end"])
            prog = "postfix/smtp"
        orig = ", orig_to=<%s>" % m.orig if m.orig and m.orig != m.rcpt else ""
        L.add(job, a["end"], prog, "%s: to=<%s>%s, relay=%s, delay=%s, delays=%s/%s/%s/%s, dsn=%s, status=%s" % (
            q, m.rcpt, orig, relay, format_tv(a["end"] - m.create), format_tv(pdelay), format_tv(adelay),
            format_tv(sdelay), format_tv(xdelay), a["dsn"], status))
        if a["ok"]:
            L.add(L.job("qmgr", a["end"], a["end"]), a["end"] + rng.us(0.0005, 0.004), "postfix/qmgr", "%s: removed" % q)

    def emit_expiry(self, m):
        rng = self.rng
        L = self.log
        nd = m.ndr
        t = m.expire_at
        L.add(L.job("qmgr", t, t), t, "postfix/qmgr", "%s: from=<%s>, status=expired, returned to sender" % (m.qid, m.sender))
        nq = nd["qid"]
        ct = nd["t"]
        cl = L.job("cleanup", ct, ct + rng.us(0.002, 0.008))
        L.add(cl, ct, "postfix/cleanup", "%s: message-id=<%s.%s@%s>" % (
            nq, utc(ct).strftime("%Y%m%d%H%M%S"), nq, HB["fqdn"]))
        bt = ct + rng.us(0.002, 0.009)
        L.add(L.job("bounce", t, bt), bt, "postfix/bounce", "%s: sender non-delivery notification: %s" % (m.qid, nq))
        mv = bt + rng.us(0.0005, 0.003)
        nd["size"] = nd.get("size") or self.ndr_size(m)
        L.add(L.job("qmgr", mv, mv), mv, "postfix/qmgr", "%s: from=<>, size=%d, nrcpt=1 (queue active)" % (nq, nd["size"]))
        L.add(L.job("qmgr", mv, mv), mv + rng.us(0.0002, 0.002), "postfix/qmgr", "%s: removed" % m.qid)
        st = mv + rng.us(0.001, 0.01)
        if nd["how"] == "local":
            en = st + rng.us(0.004, 0.03)
            L.add(L.job("local", st, en), en, "postfix/local",
                  "%s: to=<%s>, relay=local, delay=%s, delays=%s/%s/0/%s, dsn=2.0.0, status=sent (delivered to maildir)" % (
                      nq, m.sender, format_tv(en - ct), format_tv(mv - ct), format_tv(st - mv), format_tv(en - st)))
        elif nd["how"] == "nxdomain":
            dom = m.sender.split("@")[1]
            en = st + rng.us(0.01, 0.08)
            L.add(L.job("smtp", st, en), en, "postfix/smtp",
                  "%s: to=<%s>, relay=none, delay=%s, delays=%s/%s/%s/0, dsn=5.4.4, status=bounced (Host or domain name "
                  "not found. Name service error for name=%s type=MX: Host not found)" % (
                      nq, m.sender, format_tv(en - ct), format_tv(mv - ct), format_tv(st - mv), format_tv(en - st), dom))
        else:
            host, ip, kind = nd["mx"]
            c = st + rng.us(0.1, 0.4)
            en = c + rng.us(0.1, 0.4) + nd["size"] * 3
            L.add(L.job("smtp", st, en), en, "postfix/smtp",
                  "%s: to=<%s>, relay=%s[%s]:25, delay=%s, delays=%s/%s/%s/%s, dsn=2.0.0, status=sent (%s)" % (
                      nq, m.sender, host, ip, format_tv(en - ct), format_tv(mv - ct), format_tv(st - mv),
                      format_tv(c - st), format_tv(en - c),
                      reply_250(rng, kind, en, nd["size"], "<%s.%s@%s>" % (utc(ct).strftime("%Y%m%d%H%M%S"), nq, HB["fqdn"]),
                                (en - c) / US)))
        L.add(L.job("qmgr", en, en), en + rng.us(0.0005, 0.003), "postfix/qmgr", "%s: removed" % nq)

    def ndr_size(self, m):
        # headers-only when the original exceeds bounce_size_limit (50000), else the whole message
        base = 2650 + len(m.sender) + len(m.rcpt) * 2 + (len(m.orig) * 2 if m.orig else 0)
        return base + (1450 + self.rng.randrange(0, 900) if m.size > 50000 else m.size + 120)

    def emit_reject(self, t):
        rng = self.rng
        L = self.log
        oct_ = rng.randrange(160, 250)
        ip = "203.0.113.%d" % oct_
        kind = rng.choice(["rbl", "rbl", "spf", "nohost"])
        rcpt = "%s@harbourbooks.co.uk" % rng.choice(["accounts", "dave", "orders", "info", "sales"])
        helo = rng.choice(["[%s]" % ip, "User", "WIN-%s" % rng.alnum(11).upper()])
        if kind == "spf":
            sender = "%s@harbourbooks.co.uk" % rng.choice(["billing", "accounts", "dave", "admin"])
        else:
            sender = "%s@%s" % (rng.choice(SPAM_SENDERS), rng.choice(SPAM_DOMAINS))
        rt = t + rng.us(0.6, 2.5)
        end = rt + rng.us(0.1, 1.8)
        sd = L.job("smtpd", t, end)
        client = "unknown[%s]" % ip
        if kind == "nohost":
            name = "%s.dsl.example.net" % ip.replace(".", "-")
            L.add(sd, t, "postfix/smtpd", "warning: hostname %s does not resolve to address %s: Name or service not known"
                  % (name, ip))
        L.add(sd, t + 1000, "postfix/smtpd", "connect from %s" % client)
        if kind == "rbl":
            reason = ("554 5.7.1 Service unavailable; Client host [%s] blocked using zen.spamhaus.org; "
                      "https://www.spamhaus.org/query/ip/%s" % (ip, ip))
        elif kind == "nohost":
            reason = "450 4.7.25 Client host rejected: cannot find your hostname, [%s]" % ip
        else:
            url = "http://www.openspf.net/Why?s=mfrom;id=%s;ip=%s;r=<UNKNOWN>" % (sender, ip)
            L.add(L.job("policyd-spf", rt - 2000, rt), rt - 1000, "policyd-spf",
                  "550 5.7.23 Message rejected due to: SPF fail - not authorized. Please see %s" % url)
            reason = ("550 5.7.23 <%s>: Recipient address rejected: Message rejected due to: SPF fail - not "
                      "authorized. Please see %s" % (rcpt, url))
        L.add(sd, rt, "postfix/smtpd", "NOQUEUE: reject: RCPT from %s: %s; from=<%s> to=<%s> proto=ESMTP helo=<%s>" % (
            client, reason, sender, rcpt, helo))
        quit_ = rng.random() < 0.5
        L.add(sd, end, "postfix/smtpd", "disconnect from %s ehlo=1 mail=1 rcpt=0/1 %scommands=%s" % (
            client, "quit=1 " if quit_ else "", "3/4" if quit_ else "2/3"))

    # ----- the featured bounce -------------------------------------------
    def pick_featured(self):
        cands = [m for m in self.msgs if m.kind == "shop" and m.final == "expired" and m.info["what"] == "ship"
                 and m.dom == "btinternet.com" and self.t_log0 <= m.arrive and m.expire_at < self.t_log1]
        cands.sort(key=lambda m: m.arrive)
        m = cands[0]
        m.rcpt = "r.tredinnick64@btinternet.com"
        m.info.update(name="Rosalind Tredinnick", order=10482, subject="Your order HB-10482 has shipped")
        return m

    def original_headers(self, m):
        rng = Rand(482)
        t = m.create
        uid = m.info["uid"]
        sig = fake_sig(rng)
        hdr = []
        hdr.append("Received: by %s (Postfix, from userid 33)" % HB["fqdn"])
        hdr.append("\tid %s; %s" % (m.qid, postfix_date(t)))
        hdr.append("DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/simple; d=harbourbooks.co.uk;")
        hdr.append("\ts=mail2026; t=%d;" % (m.session["dkim_t"] // US))
        hdr.append("\tbh=%s;" % fake_bh(rng))
        hdr.append("\th=Date:To:From:Reply-To:Subject:From;")
        hdr.extend(fold_b64_dkim_opendkim(sig))
        hdr.append("Date: %s" % php_date(t))
        hdr.append("To: %s <%s>" % (m.info["name"], m.rcpt))
        hdr.append("From: Harbour Books <orders@harbourbooks.co.uk>")
        hdr.append("Reply-To: Harbour Books <hello@harbourbooks.co.uk>")
        hdr.append("Subject: %s" % m.info["subject"])
        hdr.append("Message-ID: %s" % m.msgid)
        hdr.append("X-Mailer: PHPMailer 6.9.3 (https://github.com/PHPMailer/PHPMailer)")
        hdr.append("MIME-Version: 1.0")
        hdr.append("Content-Type: multipart/alternative;")
        hdr.append(' boundary="b1=_%s"' % uid)
        hdr.append("Content-Transfer-Encoding: 8bit")
        return hdr

    def bounce_eml(self, m):
        nd = m.ndr
        nq = nd["qid"]
        ct = nd["t"]
        boundary = "%s.%d/%s" % (m.qid, ct // US, HB["fqdn"])
        reason = BT_DEFER
        body = []
        body.append("Received: by %s (Postfix)" % HB["fqdn"])
        body.append("\tid %s; %s" % (nq, postfix_date(ct)))
        body.append("Date: %s" % postfix_date(ct))
        body.append("From: MAILER-DAEMON@%s (Mail Delivery System)" % HB["fqdn"])
        body.append("Subject: Undelivered Mail Returned to Sender")
        body.append("To: %s" % m.sender)
        body.append("Auto-Submitted: auto-replied")
        body.append("MIME-Version: 1.0")
        body.append("Content-Type: multipart/report; report-type=delivery-status;")
        body.append('\tboundary="%s"' % boundary)
        body.append("Content-Transfer-Encoding: 8bit")
        body.append("Message-Id: <%s.%s@%s>" % (utc(ct).strftime("%Y%m%d%H%M%S"), nq, HB["fqdn"]))
        body.append("")
        body.append("This is a MIME-encapsulated message.")
        body.append("")
        body.append("--%s" % boundary)
        body.append("Content-Description: Notification")
        body.append("Content-Type: text/plain; charset=utf-8")
        body.append("Content-Transfer-Encoding: 8bit")
        body.append("")
        body.extend([
            "This is the mail system at host %s." % HB["fqdn"],
            "",
            "I'm sorry to have to inform you that your message could not",
            "be delivered to one or more recipients. It's attached below.",
            "",
            "For further assistance, please send mail to postmaster.",
            "",
            "If you do so, please include this problem report. You can",
            "delete your own text from the attached returned message.",
            "",
            "                   The mail system",
            "",
        ])
        body.extend(line_wrap("<%s>: %s" % (m.rcpt, reason)))
        body.append("")
        body.append("--%s" % boundary)
        body.append("Content-Description: Delivery report")
        body.append("Content-Type: message/delivery-status")
        body.append("")
        body.append("Reporting-MTA: dns; %s" % HB["fqdn"])
        body.append("X-Postfix-Queue-ID: %s" % m.qid)
        body.append("X-Postfix-Sender: rfc822; %s" % m.sender)
        body.append("Arrival-Date: %s" % postfix_date(m.create))
        body.append("")
        body.append("Final-Recipient: rfc822; %s" % m.rcpt)
        body.append("Original-Recipient: rfc822; %s" % m.rcpt)
        body.append("Action: failed")
        body.append("Status: 4.0.0")
        body.extend(line_wrap("Remote-MTA: dns; %s" % HB["bt_mx"]))
        body.extend(line_wrap("Diagnostic-Code: smtp; 421 Too many messages (DailyLimit) from %s" % HB["ip"]))
        body.append("")
        body.append("--%s" % boundary)
        body.append("Content-Description: Undelivered Message Headers")
        body.append("Content-Type: text/rfc822-headers")
        body.append("Content-Transfer-Encoding: 8bit")
        body.append("")
        body.append("Return-Path: <%s>" % m.sender)
        body.extend(self.original_headers(m))
        body.append("")
        body.append("--%s--" % boundary)
        queued = "\n".join(body) + "\n"
        nd["size"] = len(queued.encode())
        delivered = ["Return-Path: <>", "X-Original-To: %s" % m.sender, "Delivered-To: %s" % m.sender]
        return "\n".join(delivered) + "\n" + queued

    def generate(self):
        self.run()
        featured = self.pick_featured()
        eml = self.bounce_eml(featured)     # sets the NDR's size= before the log is written
        self.emit()
        self.log.assign_pids(self.rng, self.t_sim0, 2180, 31.0,
                             fixed={"qmgr": 1187, "opendkim": 812},
                             pooled={"smtpd", "submission", "cleanup", "smtp", "local", "bounce"})
        maillog = self.log.render(self.t_log0, self.t_log1)
        self.featured = featured
        return maillog, eml


# ===========================================================================
# Case 2: Sendmail without a certificate, Gmail cannot do STARTTLS
# ===========================================================================

KD = dict(host="mail", fqdn="mail.kestrel-design.co.uk", ip="203.0.113.80", domain="kestrel-design.co.uk")
SM_VERSION = "8.17.1.9"
DAEMON = "MTA-v4"
QIC = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwx"  # sendmail QueueIdChars (60)
GMAIL_TLS_ERROR = ("TLS Negotiation failed: FAILED_PRECONDITION: starttls error (71): 126011017906560:error:10000410:"
                   "SSL routines:OPENSSL_internal:SSLV3_ALERT_HANDSHAKE_FAILURE:third_party/openssl/boringssl/src/ssl/"
                   "tls_record.cc:592:SSL alert number 40")
GOOGLE_HOSTS = [("ed1", 41), ("wm1", 52), ("lj1", 176), ("ej1", 47), ("wr1", 48), ("lf1", 51), ("ed1", 54),
                ("wm1", 45), ("pj1", 53), ("qk1", 171), ("lj1", 167), ("ej1", 43)]
USERS = {"anna": 1001, "ben": 1002, "studio": 1003, "accounts": 1004}


def sm_qid(t_us, pid, rng):
    d = utc(t_us)
    return "%s%s%s%s%s%s%s%s%06d" % (QIC[(d.year - 1900) % 60], QIC[d.month - 1], QIC[d.day], QIC[d.hour],
                                     QIC[d.minute], QIC[d.second], QIC[rng.randrange(60)], QIC[rng.randrange(60)], pid)


def sm_delay(t_us):
    s = t_us // US
    days, s = divmod(s, 86400)
    h, s = divmod(s, 3600)
    mi, s = divmod(s, 60)
    return ("%d+" % days if days else "") + "%02d:%02d:%02d" % (h, mi, s)


class Case2:
    def __init__(self):
        self.rng = Rand(20261123)
        self.t0 = epoch(2026, 11, 23)
        self.t_restart = epoch(2026, 11, 23, 8, 47, 12) + 233_000
        self.t_end = epoch(2026, 11, 25, 17, 0, 0)
        self.rows = []
        self.pid = 23810
        self.seq = 0

    def next_pid(self, t):
        drift = 23810 + int((t - self.t0) / US / 44.0)
        self.pid = max(self.pid + self.rng.randint(1, 4), drift)
        return self.pid

    def add(self, t, pid, msg):
        self.seq += 1
        self.rows.append((t, self.seq, "%s %s sm-mta[%d]: %s" % (syslog_ts(t), KD["host"], pid, msg)))

    def google_host(self):
        h, o = self.rng.choice(GOOGLE_HOSTS)
        return "mail-%s-f%d.google.com" % (h, o), "192.0.2.%d" % o

    # one inbound SMTP session; returns the session pid and queue id
    def session(self, t, client, ip, tls, sender=None, rcpt=None, size=0, msgid=None, bodytype=None):
        rng = self.rng
        pid = self.next_pid(t)
        qid = sm_qid(t, pid, rng)
        relay = "%s [%s]" % (client, ip) if client else "[%s]" % ip
        broken = t >= self.t_restart
        if tls and broken:
            et = t + rng.us(0.15, 0.6)
            self.add(et, pid, "STARTTLS=server, error: accept failed=-1, reason=no shared cipher, SSL_error=1, errno=0, "
                              "retry=-1, relay=%s" % relay)
            self.add(et + rng.us(0.001, 0.02), pid,
                     "%s: %s did not issue MAIL/EXPN/VRFY/ETRN during connection to %s" % (qid, relay, DAEMON))
            return pid, qid, False
        proto = "ESMTP"
        tt = t + rng.us(0.1, 0.4)
        if tls:
            self.add(tt, pid, "STARTTLS=server, relay=%s, version=TLSv1.3, verify=NOT, cipher=TLS_AES_256_GCM_SHA384, "
                              "bits=256/256" % relay)
            proto = "ESMTPS"
        if sender is None:
            return pid, qid, True
        ft = tt + rng.us(0.3, 1.2) + size * 2
        extra = ", bodytype=%s" % bodytype if bodytype else ""
        self.add(ft, pid, "%s: from=<%s>, size=%d, class=0, nrcpts=1, msgid=%s%s, proto=%s, daemon=%s, relay=%s" % (
            qid, sender, size, msgid, extra, proto, DAEMON, relay))
        user = rcpt.split("@")[0]
        dpid = pid + rng.randint(1, 2)
        self.pid = max(self.pid, dpid)
        dt_ = ft + rng.us(0.05, 1.4)
        uid = USERS[user]
        self.add(dt_, dpid, "%s: to=<%s>, ctladdr=<%s> (%d/%d), delay=%s, xdelay=%s, mailer=local, pri=%d, dsn=2.0.0, "
                            "stat=Sent" % (qid, rcpt, rcpt, uid, uid, sm_delay(dt_ - t), sm_delay(dt_ - ft),
                                           size + 30000))
        return pid, qid, True

    def reject_session(self, t):
        rng = self.rng
        pid = self.next_pid(t)
        qid = sm_qid(t, pid, rng)
        ip = "%s.%d" % (rng.choice(["198.51.100", "192.0.2"]), rng.randrange(200, 250))
        relay = "[%s]" % ip
        target = "%s@%s" % (rng.choice(["info", "admin", "sales", "j.doe", "office"]),
                            rng.choice(["mail-relay-test.example", "bulk-offers.example", "hotmail.example"]))
        sender = "%s@%s" % (rng.choice(["spameri", "info", "test", "admin"]), rng.choice(["probe.example", "mx-check.example"]))
        rt = t + rng.us(0.8, 2.4)
        self.add(rt, pid, "%s: ruleset=check_rcpt, arg1=<%s>, relay=%s, reject=550 5.7.1 <%s>... Relaying denied. "
                          "Proper authentication required." % (qid, target, relay, target))
        ft = rt + rng.us(0.2, 1.5)
        self.add(ft, pid, "%s: from=<%s>, size=0, class=0, nrcpts=0, proto=ESMTP, daemon=%s, relay=%s" % (
            qid, sender, DAEMON, relay))

    def generate(self):
        rng = self.rng
        # --- ordinary inbound traffic ---
        senders = [
            # (client, ip, uses STARTTLS?, envelope sender, msgid domain, bodytype, recipient choices)
            ("mail.fenwick-printworks.co.uk", "198.51.100.23", True, "proofs@fenwick-printworks.co.uk",
             "fenwick-printworks.co.uk", None, ["anna", "studio"]),
            ("smtp.harrow-timber.co.uk", "198.51.100.61", True, "orders@harrow-timber.co.uk", "harrow-timber.co.uk",
             "8BITMIME", ["ben", "accounts"]),
            ("mail.lumenlighting.co.uk", "203.0.113.118", False, "sales@lumenlighting.co.uk", "lumenlighting.co.uk",
             None, ["anna", "ben"]),
            ("invoicing.brightwater-accounts.co.uk", "203.0.113.131", False, "invoices@brightwater-accounts.co.uk",
             "brightwater-accounts.co.uk", None, ["accounts"]),
            ("mx2.tregear-surveyors.co.uk", "198.51.100.94", True, "office@tregear-surveyors.co.uk",
             "tregear-surveyors.co.uk", "8BITMIME", ["anna", "ben", "studio"]),
        ]
        events = []
        d0 = self.t0
        for day in range(3):
            base = d0 + day * DAY
            n = rng.randrange(9, 13)
            for _ in range(n):
                h = rng.choices(range(24), weights=[0, 0, 0, 0, 0, 0, 1, 3, 6, 8, 8, 7, 5, 6, 7, 7, 6, 4, 2, 1, 1, 1, 0, 0])[0]
                t = base + h * 3600 * US + rng.randrange(3600 * US)
                if t < self.t_end:
                    events.append((t, "plain", rng.choice(senders)))
            for _ in range(rng.randrange(2, 4)):
                t = base + rng.randrange(DAY)
                if t < self.t_end:
                    events.append((t, "reject", None))
            for _ in range(rng.randrange(1, 3)):
                t = base + rng.randrange(DAY)
                if t < self.t_end:
                    events.append((t, "probe", None))
        # Gmail before the restart (TLS still worked)
        for t in [epoch(2026, 11, 23, 7, 12, 40), epoch(2026, 11, 23, 8, 3, 5)]:
            events.append((t, "gmail_ok", None))

        # --- Gmail messages that cannot be delivered after the restart ---
        self.featured = dict(sender="tom.hargreaves.arch@gmail.com", name="Tom Hargreaves", rcpt="anna@kestrel-design.co.uk",
                             rname="Anna Whitlock", accepted=epoch(2026, 11, 23, 14, 37, 52) + 406_000,
                             subject="Revised drawings for Quay Street", msgid=gmail_msgid(Rand(7)))
        gmsgs = [
            dict(sender="priya.nanjappa@gmail.com", rcpt="ben@kestrel-design.co.uk",
                 accepted=epoch(2026, 11, 23, 10, 15, 8) + 77_000),
            self.featured,
            dict(sender="sarah.penberthy@oakfield-homes.co.uk", rcpt="studio@kestrel-design.co.uk",
                 accepted=epoch(2026, 11, 24, 9, 21, 44) + 512_000),
            dict(sender="tom.hargreaves.arch@gmail.com", rcpt="anna@kestrel-design.co.uk",
                 accepted=epoch(2026, 11, 24, 16, 2, 19) + 880_000),
        ]
        for g in gmsgs:
            schedule = [1.1, 64, 395, 1260, 2890, 5120, 8430, 12610, 17870, 24020, 31130, 38680, 46310, 53990, 61420,
                        69050, 76700, 84100, 91830, 99240, 106900, 114370, 121980, 129550, 137150, 144610, 152300,
                        159800, 167480, 172830]
            times = []
            for off in schedule:
                jit = 0 if off < 100 else rng.uniform(-0.04, 0.04) * off
                times.append(g["accepted"] + int((off + jit) * US))
            g["attempts"] = [t for t in sorted(times) if t < self.t_end]
            for t in g["attempts"]:
                events.append((t, "gmail_fail", g))
        # the featured message: Gmail gives up after its last attempt two days later
        f = self.featured
        f["attempts"] = [t for t in f["attempts"] if t < f["accepted"] + 172000 * US]
        last = f["accepted"] + 172_878 * US + 102_000
        f["attempts"].append(last)
        events = [e for e in events if not (e[1] == "gmail_fail" and e[2] is f)]
        for t in f["attempts"]:
            events.append((t, "gmail_fail", f))
        f["last"] = last

        # --- daemon restart after the certificate file was moved away ---
        events.append((self.t_restart, "restart", None))

        events.sort(key=lambda e: e[0])
        for t, kind, p in events:
            if kind == "restart":
                dpid = self.next_pid(t)
                self.add(t, dpid, "starting daemon (%s): SMTP+queueing@00:10:00" % SM_VERSION)
                for _ in range(2):  # confSERVER_CERT and confSERVER_KEY both name the same PEM file
                    self.add(t + rng.us(0.01, 0.05), dpid,
                             "STARTTLS=server: file /etc/mail/tls/sendmail.pem unsafe: No such file or directory")
            elif kind == "plain":
                client, ip, tls, sender, mdom, body, rcpts = p
                rcpt = "%s@%s" % (rng.choice(rcpts), KD["domain"])
                size = rng.randrange(2400, 48000)
                msgid = "<%s.%s@%s>" % (rng.digits(12), rng.hexs(8), mdom)
                if tls and t >= self.t_restart:
                    # STARTTLS fails; Postfix/Exim senders retry in plain text on a new connection
                    self.session(t, client, ip, True)
                    t2 = t + rng.us(0.8, 2.6)
                    self.session(t2, client, ip, False, sender, rcpt, size, msgid, body)
                else:
                    self.session(t, client, ip, tls, sender, rcpt, size, msgid, body)
            elif kind == "gmail_ok":
                host, ip = self.google_host()
                f_, l_ = person(rng)
                self.session(t, host, ip, True, "%s@gmail.com" % local_part(rng, f_, l_),
                             "%s@%s" % (rng.choice(["anna", "ben", "studio"]), KD["domain"]),
                             rng.randrange(4000, 26000), gmail_msgid(rng), "8BITMIME")
            elif kind == "gmail_fail":
                host, ip = self.google_host()
                p["hosts"] = p.get("hosts", []) + [(t, host, ip)]
                self.session(t, host, ip, True)
            elif kind == "reject":
                self.reject_session(t)
            elif kind == "probe":
                pid = self.next_pid(t)
                ip = "192.0.2.%d" % rng.randrange(200, 250)
                self.add(t + rng.us(2, 9), pid, "%s: [%s] did not issue MAIL/EXPN/VRFY/ETRN during connection to %s" % (
                    sm_qid(t, pid, rng), ip, DAEMON))
        rows = sorted(r for r in self.rows if self.t0 <= r[0] < self.t_end)
        rows.sort(key=lambda r: (r[0] // US, r[0], r[1]))
        maillog = "".join(r[2] + "\n" for r in rows)
        return maillog, self.bounce()

    # ----- the Gmail DSN ------------------------------------------------------
    def bounce(self):
        rng = Rand(4242)
        f = self.featured
        t_dsn = f["last"] + 1_214_000
        t_msg = f["accepted"] - 11_302_000   # the Date: header written by the Gmail web client
        dsn_b1 = "000000000000%s" % rng.hexs(16)
        dsn_b2 = "000000000000%s" % rng.hexs(16)
        dsn_b3 = "000000000000%s" % rng.hexs(16)
        orig_b = "000000000000%s" % rng.hexs(16)
        me = f["sender"]
        rcpt = f["rcpt"]
        msgid = f["msgid"]
        dsn_msgid = "<%08x.%s.%s.%s.GMR@mx.google.com>" % (t_dsn // US, rng.hexs(8), rng.hexs(6), rng.hexs(4))
        sor_oct = 69
        gid = lambda: "2002:a05:%s:%s:b0:%s:%s:%s" % (rng.hexs(4), rng.hexs(4), rng.hexs(3), rng.hexs(4), rng.hexs(4))
        out = []
        out.append("Delivered-To: %s" % me)
        out.append("Received: by %s with SMTP id %scsp%s%s;" % (gid(), rng.choice("abcdefghk") + rng.digits(2),
                                                                rng.digits(7), rng.choice(["mdb", "ptb", "rfb"])))
        out.append("        %s" % google_date(t_dsn + 412_000))
        xr = t_dsn + 318_000
        out.append("X-Received: by %s with SMTP id %smr%s%s.%d.%d%03d;" % (
            gid(), rng.choice(["oz38", "a640", "ffac", "5b1f"]), rng.digits(7),
            rng.choice(["ejc", "edb", "wmb"]), rng.randrange(2, 40), xr // US, (xr % US) // 1000))
        out.append("        %s" % google_date(xr))
        arc_t = t_dsn // US + 1
        out.append("ARC-Seal: i=1; a=rsa-sha256; t=%d; cv=none;" % arc_t)
        out.append("        d=google.com; s=arc-20240605;")
        out.extend(fold_b64_google(fake_sig(rng)))
        out.append("ARC-Message-Signature: i=1; a=rsa-sha256; c=relaxed/relaxed; d=google.com; s=arc-20240605;")
        out.append("        h=date:message-id:in-reply-to:references:subject:auto-submitted:to:from")
        out.append("         :dkim-signature;")
        out.append("        bh=%s;" % fake_bh(rng))
        out.append("        fh=%s=;" % rng.b64(43))
        out.extend(fold_b64_google(fake_sig(rng)))
        hb = rng.alnum(8)
        out.append("ARC-Authentication-Results: i=1; mx.google.com;")
        out.append("       dkim=pass header.i=@googlemail.com header.s=20230601 header.b=%s;" % hb)
        out.append("       spf=pass (google.com: domain of postmaster@mail-sor-f%d.google.com designates 192.0.2.%d as "
                   "permitted sender) smtp.helo=mail-sor-f%d.google.com;" % (sor_oct, sor_oct, sor_oct))
        out.append("       dmarc=pass (p=QUARANTINE sp=QUARANTINE dis=NONE) header.from=googlemail.com")
        out.append("Return-Path: <>")
        out.append("Received: from mail-sor-f%d.google.com (mail-sor-f%d.google.com. [192.0.2.%d])" % (
            sor_oct, sor_oct, sor_oct))
        out.append("        by mx.google.com with SMTPS id %s-%ssor%s%s.%d.%s" % (
            "a640c23a62f3a", rng.hexs(11), rng.digits(7), rng.choice(["b", "a12", "ejc"]), rng.randrange(2, 60),
            dt.datetime.fromtimestamp(t_dsn // US - 8 * 3600, UTC).strftime("%Y.%m.%d.%H.%M.%S")))
        out.append("        for <%s>" % me)
        out.append("        (Google Transport Security);")
        out.append("        %s" % google_date(t_dsn + 320_000))
        out.append("Received-SPF: pass (google.com: domain of postmaster@mail-sor-f%d.google.com designates 192.0.2.%d as "
                   "permitted sender) client-ip=192.0.2.%d;" % (sor_oct, sor_oct, sor_oct))
        out.append("Authentication-Results: mx.google.com;")
        out.append("       dkim=pass header.i=@googlemail.com header.s=20230601 header.b=%s;" % hb)
        out.append("       spf=pass (google.com: domain of postmaster@mail-sor-f%d.google.com designates 192.0.2.%d as "
                   "permitted sender) smtp.helo=mail-sor-f%d.google.com;" % (sor_oct, sor_oct, sor_oct))
        out.append("       dmarc=pass (p=QUARANTINE sp=QUARANTINE dis=NONE) header.from=googlemail.com")
        out.append("DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed;")
        out.append("        d=googlemail.com; s=20230601; t=%d; x=%d; darn=gmail.com;" % (t_dsn // US, t_dsn // US + 604800))
        out.append("        h=date:message-id:in-reply-to:references:subject:auto-submitted:to:from")
        out.append("         :from:to:cc:subject:date:message-id:reply-to;")
        out.append("        bh=%s;" % fake_bh(rng))
        out.extend(fold_b64_google(fake_sig(rng)))
        out.append("X-Google-DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed;")
        out.append("        d=1e100.net; s=20230601; t=%d; x=%d;" % (t_dsn // US, t_dsn // US + 604800))
        out.append("        h=date:message-id:in-reply-to:references:subject:auto-submitted:to:from")
        out.append("         :x-gm-message-state:from:to:cc:subject:date:message-id:reply-to;")
        out.append("        bh=%s;" % fake_bh(rng))
        out.extend(fold_b64_google(fake_sig(rng)))
        out.append("X-Gm-Message-State: AOJu0Y%s" % rng.b64(54))
        out.append("\t%s==" % rng.b64(38))
        out.append("X-Gm-Gg: ASbGnc%s" % rng.b64(70))
        out.append("\t%s" % rng.b64(76))
        out.append("\t%s" % rng.b64(40))
        out.append("X-Google-Smtp-Source: AGHT+I%s==" % rng.b64(70))
        xr2 = t_dsn + 151_000
        out.append("X-Received: by %s with SMTP id %smr%s%s.%d.%d%03d;" % (
            gid(), rng.choice(["d75a", "41be", "af79"]), rng.digits(7), rng.choice(["ejc", "edb"]),
            rng.randrange(2, 40), xr2 // US, (xr2 % US) // 1000))
        out.append("        %s" % google_date(xr2))
        out.append('Content-Type: multipart/report; boundary="%s"; report-type=delivery-status' % dsn_b1)
        out.append("Return-Path: <>")
        out.append("Received: by %s with SMTP id %smr%s%s.%d; %s" % (
            gid(), rng.choice(["d75a", "41be"]), rng.digits(7), rng.choice(["ejc", "edb"]), rng.randrange(2, 40),
            google_date(t_dsn)[:16]))
        out.append(" %s" % google_date(t_dsn)[17:])
        out.append("From: Mail Delivery Subsystem <mailer-daemon@googlemail.com>")
        out.append("To: %s" % me)
        out.append("Auto-Submitted: auto-replied")
        out.append("Subject: Delivery Status Notification (Failure)")
        out.append("References: %s" % msgid)
        out.append("In-Reply-To: %s" % msgid)
        out.append("X-Failed-Recipients: %s" % rcpt)
        out.append("Message-ID: %s" % dsn_msgid)
        out.append("Date: %s" % google_date(t_dsn))
        out.append("")
        out.append("--%s" % dsn_b1)
        out.append('Content-Type: multipart/related; boundary="%s"' % dsn_b2)
        out.append("")
        out.append("--%s" % dsn_b2)
        out.append('Content-Type: multipart/alternative; boundary="%s"' % dsn_b3)
        out.append("")
        out.append("--%s" % dsn_b3)
        out.append('Content-Type: text/plain; charset="UTF-8"')
        out.append("")
        out.append("")
        out.append("** Message not delivered **")
        out.append("")
        out.append("There was a problem delivering your message to %s. See the technical details below." % rcpt)
        out.append("")
        out.append("Learn more here: https://support.google.com/mail/answer/7720")
        out.append("")
        out.append("The response was:")
        out.append("")
        out.append(GMAIL_TLS_ERROR)
        out.append("")
        out.append("--%s" % dsn_b3)
        out.append('Content-Type: text/html; charset="UTF-8"')
        out.append("")
        out.append("")
        out.extend(GMAIL_HTML.replace("{RCPT}", rcpt).replace("{RESPONSE}", GMAIL_TLS_ERROR).split("\n"))
        out.append("")
        out.append("--%s--" % dsn_b3)
        out.append("--%s" % dsn_b2)
        out.append('Content-Type: image/png; name="icon.png"')
        out.append('Content-Disposition: attachment; filename="icon.png"')
        out.append("Content-Transfer-Encoding: base64")
        out.append("Content-ID: <icon.png>")
        out.append("")
        png = base64.b64encode(error_icon_png()).decode()
        out.extend(png[i:i + 76] for i in range(0, len(png), 76))
        out.append("--%s--" % dsn_b2)
        out.append("--%s" % dsn_b1)
        out.append("Content-Type: message/delivery-status")
        out.append("")
        out.append("Reporting-MTA: dns; googlemail.com")
        out.append("Received-From-MTA: dns; %s" % me)
        out.append("Arrival-Date: %s" % google_date(f["accepted"]))
        out.append("X-Original-Message-ID: %s" % msgid)
        out.append("")
        out.append("Final-Recipient: rfc822; %s" % rcpt)
        out.append("Action: failed")
        out.append("Status: 4.0.0")
        out.append("Remote-MTA: dns; %s. (%s, the server for the domain %s.)" % (KD["fqdn"], KD["ip"], KD["domain"]))
        out.append("Diagnostic-Code: smtp; %s" % GMAIL_TLS_ERROR)
        out.append("Last-Attempt-Date: %s" % google_date(f["last"]))
        out.append("")
        out.append("--%s" % dsn_b1)
        out.append("Content-Type: message/rfc822")
        out.append("")
        out.extend(self.gmail_original(rng, t_msg, orig_b))
        out.append("")
        out.append("--%s--" % dsn_b1)
        return "\n".join(out) + "\n"

    def gmail_original(self, rng, t_msg, boundary):
        f = self.featured
        acc = f["accepted"]
        o = []
        o.append("DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed;")
        o.append("        d=gmail.com; s=20230601; t=%d; x=%d; darn=%s;" % (acc // US, acc // US + 604800, KD["domain"]))
        o.append("        h=to:subject:message-id:date:from:mime-version:from:to:cc:subject")
        o.append("         :date:message-id:reply-to;")
        o.append("        bh=%s;" % fake_bh(rng))
        o.extend(fold_b64_google(fake_sig(rng)))
        o.append("X-Google-DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed;")
        o.append("        d=1e100.net; s=20230601; t=%d; x=%d;" % (acc // US, acc // US + 604800))
        o.append("        h=to:subject:message-id:date:from:mime-version:x-gm-message-state:from")
        o.append("         :to:cc:subject:date:message-id:reply-to;")
        o.append("        bh=%s;" % fake_bh(rng))
        o.extend(fold_b64_google(fake_sig(rng)))
        o.append("X-Gm-Message-State: AOJu0Y%s" % rng.b64(54))
        o.append("\t%s=" % rng.b64(35))
        o.append("X-Gm-Gg: ASbGnc%s" % rng.b64(70))
        o.append("\t%s" % rng.b64(76))
        o.append("\t%s" % rng.b64(52))
        o.append("X-Google-Smtp-Source: AGHT+I%s=" % rng.b64(71))
        o.append("X-Received: by 2002:a17:907:%s:b0:%s:%s:%s with SMTP id %s-%smr%s%s.%d.%d%03d;" % (
            rng.hexs(4), rng.hexs(3), rng.hexs(4), rng.hexs(4), "a640c23a62f3a", rng.hexs(11), rng.digits(7),
            "66b", rng.randrange(2, 40), acc // US, (acc % US) // 1000))
        o.append("        %s" % google_date(acc))
        o.append("MIME-Version: 1.0")
        o.append("From: %s <%s>" % (f["name"], f["sender"]))
        o.append("Date: %s" % gmail_web_date(t_msg))
        o.append("X-Gm-Features: AQt7F2%s" % rng.b64(58))
        o.append("Message-ID: %s" % f["msgid"])
        o.append("Subject: %s" % f["subject"])
        o.append("To: %s <%s>" % (f["rname"], f["rcpt"]))
        o.append('Content-Type: multipart/alternative; boundary="%s"' % boundary)
        o.append("")
        o.append("--%s" % boundary)
        o.append('Content-Type: text/plain; charset="UTF-8"')
        o.append("")
        text = [
            "Hi Anna,",
            "",
            "Following Thursday's site meeting I've marked up the revised elevations",
            "for Quay Street. The main change is the stair core moving 600mm north so",
            "the bin store clears the new party wall.",
            "",
            "Could you and Ben take a look before Friday? I've shared the PDF set from",
            "Drive as usual.",
            "",
            "Thanks,",
            "Tom",
            "",
            "-- ",
            "Tom Hargreaves RIBA",
            "Hargreaves Architecture",
            "07700 900418",
        ]
        o.extend(text)
        o.append("")
        o.append("--%s" % boundary)
        html = ('<div dir="ltr"><div>Hi Anna,</div><div><br></div><div>Following Thursday&#39;s site meeting '
                "I&#39;ve marked up the revised elevations for Quay Street. The main change is the stair core moving "
                "600mm north so the bin store clears the new party wall.</div><div><br></div><div>Could you and Ben "
                "take a look before Friday? I&#39;ve shared the PDF set from Drive as usual.</div><div><br></div>"
                "<div>Thanks,</div><div>Tom</div><div><br></div><span class=\"gmail_signature_prefix\">-- </span><br>"
                "<div dir=\"ltr\" class=\"gmail_signature\" data-smartmail=\"gmail_signature\"><div dir=\"ltr\">Tom "
                "Hargreaves RIBA<div>Hargreaves Architecture</div><div>07700 900418</div></div></div></div>")
        # Gmail writes the HTML part on one long line, so it goes out quoted-printable
        o.append('Content-Type: text/html; charset="UTF-8"')
        o.append("Content-Transfer-Encoding: quoted-printable")
        o.append("")
        o.extend(qp_lines(html))
        o.append("")
        o.append("--%s--" % boundary)
        return o


def qp_lines(s):
    """Quoted-printable soft-wrapped at 76 columns ('=' and non-ASCII escaped)."""
    enc = s.replace("=", "=3D")
    out, line = [], ""
    i = 0
    while i < len(enc):
        tok = enc[i:i + 3] if enc[i] == "=" else enc[i]
        if len(line) + len(tok) > 75:
            out.append(line + "=")
            line = ""
        line += tok
        i += len(tok)
    out.append(line)
    return out


GMAIL_HTML = """<html>
<head>
<style>
* {
font-family:Roboto, "Helvetica Neue", Helvetica, Arial, sans-serif;
}
</style>
</head>
<body>
<table cellpadding="0" cellspacing="0" class="email-wrapper" style="padding-top:32px;background-color:#ffffff;"><tbody>
<tr><td>
<table cellpadding=0 cellspacing=0><tbody>
<tr><td style="max-width:560px;padding:24px 24px 32px;background-color:#fafafa;border:1px solid #e0e0e0;border-radius:2px">
<img style="padding:0 24px 16px 0;float:left" width=72 height=72 alt="Error Icon" src="cid:icon.png">
<table style="min-width:272px;padding-top:8px"><tbody>
<tr><td><h2 style="font-size:20px;color:#212121;font-weight:bold;margin:0">
Message not delivered
</h2></td></tr>
<tr><td style="padding-top:20px;color:#757575;font-size:16px;font-weight:normal;text-align:left">
There was a problem delivering your message to <a style='color:#212121;text-decoration:none'><b>{RCPT}</b></a>. See the technical details below.
</td></tr>
<tr><td style="padding-top:24px;color:#4285F4;font-size:14px;font-weight:bold;text-align:left">
<a style="text-decoration:none" href="https://support.google.com/mail/answer/7720">LEARN MORE</a>
</td></tr>
</tbody></table>
</td></tr>
</tbody></table>
</td></tr>
<tr style="border:none;background-color:#fff;font-size:12.8px;width:90%">
<td align="left" style="padding:48px 10px">
The response was:<br/>
<p style="font-family:monospace">
{RESPONSE}
</p>
</td>
</tr>
</tbody></table>
</body>
</html>"""


def error_icon_png():
    """A 144x144 RGBA error icon (red disc, white '!'), drawn here so no third-party image is copied."""
    w = h = 144
    rows = []
    cx = cy = 71.5
    for y in range(h):
        row = bytearray([0])
        for x in range(w):
            r2 = (x - cx) ** 2 + (y - cy) ** 2
            if r2 <= 60 ** 2:
                bar = abs(x - cx) <= 6 and 32 <= y <= 88
                dot = (x - cx) ** 2 + (y - 106) ** 2 <= 7.5 ** 2
                row += bytes([255, 255, 255, 255]) if (bar or dot) else bytes([219, 68, 55, 255])
            elif r2 <= 61 ** 2:
                row += bytes([219, 68, 55, 128])
            else:
                row += bytes([0, 0, 0, 0])
        rows.append(bytes(row))
    raw = zlib.compress(b"".join(rows), 9)

    def chunk(tag, data):
        return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data) & 0xFFFFFFFF)

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 6, 0, 0, 0)) +
            chunk(b"IDAT", raw) + chunk(b"IEND", b""))


# ===========================================================================

def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="ascii", newline="\n") as fh:
        fh.write(text)


def properties(title, summary, domain, mta, files):
    return ("# MailMedic sample case. Generated by tools/samples/make_samples.py - edit the script, not this file.\n"
            "title=%s\nsummary=%s\ndomain=%s\nmta=%s\nfiles=%s\n" % (title, summary, domain, mta, ",".join(files)))


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    default_out = os.path.normpath(os.path.join(here, "..", "..", "src", "main", "resources", "org", "mailmedic", "samples"))
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", default=default_out, help="samples directory (default: %(default)s)")
    args = ap.parse_args()

    c1 = Case1()
    maillog, eml = c1.generate()
    d1 = os.path.join(args.out, "throttling")
    write(os.path.join(d1, "maillog"), maillog)
    write(os.path.join(d1, "bounce-expired.eml"), eml)
    write(os.path.join(d1, "case.properties"), properties(
        "ISP throttling: 421 Too many messages",
        "BT's mail servers accept only about 49 messages a day from the Harbour Books mail server and turn the rest "
        "away with \"421 Too many messages\", so mail for btinternet.com addresses piles up in the queue and never "
        "catches up. Most of that mail is forwarded from harbourbooks.co.uk addresses to BT mailboxes, and anything "
        "still waiting after five days is returned to its sender as undeliverable.",
        HB["domain"], "postfix", ["bounce-expired.eml", "maillog"]))

    c2 = Case2()
    maillog2, eml2 = c2.generate()
    d2 = os.path.join(args.out, "starttls")
    write(os.path.join(d2, "maillog"), maillog2)
    write(os.path.join(d2, "gmail-bounce.eml"), eml2)
    write(os.path.join(d2, "case.properties"), properties(
        "Gmail cannot deliver: TLS negotiation failed",
        "Gmail refuses to hand over mail for kestrel-design.co.uk because the Kestrel mail server offers an encrypted "
        "connection but has no certificate to make one, so every attempt breaks off and Gmail gives up after two "
        "days. Other senders quietly fall back to unencrypted delivery, which is why only mail from Gmail users "
        "bounces.",
        KD["domain"], "sendmail", ["gmail-bounce.eml", "maillog"]))

    write(os.path.join(args.out, "index.txt"), "throttling\nstarttls\n")
    print("wrote %s" % args.out)


if __name__ == "__main__":
    main()
