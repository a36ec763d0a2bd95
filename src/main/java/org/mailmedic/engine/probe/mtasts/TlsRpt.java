package org.mailmedic.engine.probe.mtasts;

import java.util.ArrayList;
import java.util.List;

/**
 * The TLS-RPT record at {@code _smtp._tls.DOMAIN} (RFC 8460 §3): where senders send their daily
 * reports of TLS failures.
 *
 * @param record   the TXT text, null when there is none
 * @param rua      report destinations (mailto: or https: URIs)
 * @param problems what is wrong with it, in words
 * @see <a href="https://www.rfc-editor.org/rfc/rfc8460#section-3">RFC 8460 §3</a>
 */
public record TlsRpt(String record, List<String> rua, List<String> problems) {

    public TlsRpt {
        rua = List.copyOf(rua);
        problems = List.copyOf(problems);
    }

    public boolean present() {
        return record != null;
    }

    /** Parses the TXT records found at _smtp._tls.DOMAIN (only those starting v=TLSRPTv1 count). */
    public static TlsRpt parse(List<String> txts) {
        List<String> ours = txts.stream().filter(t -> t.strip().startsWith("v=TLSRPTv1")).toList();
        if (ours.isEmpty()) {
            return new TlsRpt(null, List.of(), List.of());
        }
        List<String> problems = new ArrayList<>();
        if (ours.size() > 1) {
            problems.add(ours.size() + " TLS-RPT records: senders ignore all of them when there is more than one");
        }
        String rec = ours.get(0);
        List<String> rua = new ArrayList<>();
        boolean sawRua = false;
        for (String part : rec.split(";")) {
            String p = part.strip();
            if (p.startsWith("rua=")) {
                sawRua = true;
                for (String uri : p.substring(4).split(",")) {
                    String u = uri.strip();
                    if (u.startsWith("mailto:") || u.startsWith("https:")) {
                        rua.add(u);
                    } else if (!u.isEmpty()) {
                        problems.add("\"" + u + "\" is neither a mailto: nor an https: address");
                    }
                }
            }
        }
        if (!sawRua) {
            problems.add("there is no rua= (no address to send reports to)");
        }
        return new TlsRpt(rec, rua, problems);
    }
}
