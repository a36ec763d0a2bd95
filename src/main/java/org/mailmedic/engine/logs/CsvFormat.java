package org.mailmedic.engine.logs;

import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Shared CSV handling for the Microsoft formats: records that may span lines inside quoted fields
 * (RFC 4180, read by {@link LogReader} with {@link #quotedRecords()}), fields split by index
 * (quotes and doubled quotes honoured, no regular expressions), columns found by header name so
 * that column order and extra columns do not matter, and the time of each record read from the
 * first time column the header names. Times are UTC unless they carry an offset.
 */
abstract class CsvFormat extends LineFormat {

    static final int MAX_FIELDS = 64;
    final int[] fs = new int[MAX_FIELDS];
    final int[] fe = new int[MAX_FIELDS];
    final boolean[] fq = new boolean[MAX_FIELDS];
    int fields;
    byte[] cur;
    Map<String, Integer> columns = Map.of();
    private final TimeBase utc = new TimeBase(ZoneOffset.UTC);
    private boolean headerSeen;
    private int timeCol = -1;

    /**
     * Where the header row's column names begin on the current line, or -1 when it is not the
     * header (Exchange: after {@code #Fields: }; Microsoft 365: the first line).
     */
    abstract int headerStart(LogReader r);

    /** Normalised names of the column holding each record's time, most specific first. */
    abstract List<String> timeColumns();

    /** True for lines that are neither the header nor a record (Exchange's {@code #} lines). */
    boolean comment(LogReader r) {
        return false;
    }

    boolean headerSeen() {
        return headerSeen;
    }

    @Override
    final boolean quotedRecords() {
        return true;
    }

    @Override
    final boolean prepare(LogReader r) {
        byte[] b = r.buf;
        int h = headerStart(r);
        if (h >= 0) {
            header(split(b, h, r.end));
            headerSeen = true;
            timeCol = -1;
            for (String c : timeColumns()) {
                if (column(c) >= 0) {
                    timeCol = column(c);
                    break;
                }
            }
            return false;
        }
        if (timeCol < 0 || comment(r)) {
            return false;
        }
        int n = split(b, r.start, r.end);
        if (n <= timeCol) {
            return false;
        }
        long t = parseTime(utc, b, fs[timeCol], fe[timeCol]);
        if (t < 0) {
            return false;
        }
        r.time = t;
        return true;
    }

    /** Splits {@code b[s, e)} into fields; returns the count. */
    int split(byte[] b, int s, int e) {
        cur = b;
        int n = 0;
        int i = s;
        while (n < MAX_FIELDS) {
            if (i < e && b[i] == '"') {
                int j = i + 1;
                while (j < e) {
                    if (b[j] == '"') {
                        if (j + 1 < e && b[j + 1] == '"') {
                            j += 2;
                            continue;
                        }
                        break;
                    }
                    j++;
                }
                fs[n] = i + 1;
                fe[n] = Math.min(j, e);
                fq[n] = true;
                n++;
                int c = Bytes.indexOf(b, Math.min(j + 1, e), e, (byte) ',');
                if (c < 0) {
                    break;
                }
                i = c + 1;
            } else {
                int c = Bytes.indexOf(b, i, e, (byte) ',');
                fs[n] = i;
                fe[n] = c < 0 ? e : c;
                fq[n] = false;
                n++;
                if (c < 0) {
                    break;
                }
                i = c + 1;
            }
        }
        fields = n;
        return n;
    }

    /**
     * Field {@code i} as text ("" when absent); {@code ""} in a quoted field is one quote, and line
     * breaks inside it become spaces (a status or subject read as one line).
     */
    String field(int i) {
        if (i < 0 || i >= fields) {
            return "";
        }
        String s = Bytes.text(cur, fs[i], fe[i]).trim();
        if (!fq[i]) {
            return s;
        }
        if (s.indexOf('"') >= 0) {
            s = s.replace("\"\"", "\"");
        }
        if (s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0) {
            s = s.replace("\r\n", " ").replace('\n', ' ').replace('\r', ' ');
        }
        return s;
    }

    /** The first non-empty field among the (normalised) column names. */
    String first(String... names) {
        for (String n : names) {
            String v = field(n);
            if (!v.isEmpty()) {
                return v;
            }
        }
        return "";
    }

    /** Field by (normalised) column name. */
    String field(String name) {
        Integer i = columns.get(name);
        return i == null ? "" : field(i);
    }

    int column(String name) {
        Integer i = columns.get(name);
        return i == null ? -1 : i;
    }

    /** Reads the header row's names: lower case, letters and digits only ("Sender address" -> "senderaddress"). */
    void header(int count) {
        Map<String, Integer> m = new HashMap<>();
        for (int i = 0; i < count; i++) {
            String name = field(i).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
            if (i == 0 && name.startsWith("\u00ef\u00bb\u00bf")) {
                name = name.substring(3);
            }
            m.putIfAbsent(name, i);
        }
        columns = m;
    }

    /**
     * Timestamps as Microsoft writes them: ISO ("2026-11-23T08:14:03.1234567Z", offset or none:
     * UTC) or US ("11/23/2026 8:14:03 AM", UTC). -1 when unreadable.
     */
    static long parseTime(TimeBase time, byte[] b, int p, int e) {
        while (p < e && b[p] == ' ') {
            p++;
        }
        if (e - p >= 19 && Bytes.isDigit(b[p]) && b[p + 4] == '-') {
            int y = Bytes.digits(b, p, 4);
            int mo = Bytes.digits(b, p + 5, 2);
            int d = Bytes.digits(b, p + 8, 2);
            int h = Bytes.digits(b, p + 11, 2);
            int mi = Bytes.digits(b, p + 14, 2);
            int s = Bytes.digits(b, p + 17, 2);
            if (y < 0 || mo < 0 || d < 0 || h < 0 || mi < 0 || s < 0) {
                return -1;
            }
            int q = p + 19;
            while (q < e && (b[q] == '.' || Bytes.isDigit(b[q]))) {
                q++;
            }
            int off = 0;
            if (q + 6 <= e && (b[q] == '+' || b[q] == '-') && b[q + 3] == ':') {
                int oh = Bytes.digits(b, q + 1, 2);
                int om = Bytes.digits(b, q + 4, 2);
                if (oh >= 0 && om >= 0) {
                    off = (oh * 3600 + om * 60) * (b[q] == '-' ? -1 : 1);
                }
            }
            return time.withOffset(y, mo, d, h, mi, s, off);
        }
        // M/d/yyyy h:mm[:ss] [AM|PM]
        int[] v = new int[6];
        int k = 0;
        int q = p;
        while (q < e && k < 6) {
            if (!Bytes.isDigit(b[q])) {
                return -1;
            }
            int n = 0;
            while (q < e && Bytes.isDigit(b[q])) {
                n = n * 10 + (b[q] - '0');
                q++;
            }
            v[k++] = n;
            if (q < e && (b[q] == '/' || b[q] == ':' || b[q] == ' ')) {
                q++;
                if (q < e && (b[q] == 'A' || b[q] == 'P')) {
                    break;
                }
            } else {
                break;
            }
        }
        if (k < 5) {
            return -1;
        }
        int hour = v[3];
        if (q < e && b[q] == 'P' && hour < 12) {
            hour += 12;
        } else if (q < e && b[q] == 'A' && hour == 12) {
            hour = 0;
        }
        return time.withOffset(v[2], v[0], v[1], hour, v[4], k > 5 ? v[5] : 0, 0);
    }

    /** "550 5.1.1 RESOLVER.ADR.RecipNotFound; not found" -> {"550", "5.1.1"}. */
    static String[] codes(String status) {
        String code = status.length() >= 3 && status.charAt(0) >= '2' && status.charAt(0) <= '5'
                && Character.isDigit(status.charAt(1)) && Character.isDigit(status.charAt(2))
                && (status.length() == 3 || status.charAt(3) == ' ') ? status.substring(0, 3) : null;
        String enhanced = code == null ? null : EximParser.enhanced(status, code);
        return new String[] {code, enhanced};
    }
}
