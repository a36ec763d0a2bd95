package org.mailmedic.engine.logs;

import java.util.List;
import java.util.Locale;

/**
 * Exchange Server message tracking logs (MSGTRK*.LOG): a W3C-style CSV whose {@code #Fields:}
 * header names the columns ({@code date-time,client-ip,client-hostname,server-ip,server-hostname,
 * source-context,connector-id,source,event-id,internal-message-id,message-id,network-message-id,
 * recipient-address,recipient-status,total-bytes,recipient-count,related-recipient-address,
 * reference,message-subject,sender-address,return-path,message-info,directionality,...}), as
 * documented in Microsoft's "Message tracking in Exchange Server". Events used: RECEIVE (arrival),
 * SEND and DELIVER (delivered), DEFER (temporary failure), FAIL (permanent failure; expiry when the
 * status is 4.4.7 / "expired"). Messages are joined by internal-message-id.
 */
final class ExchangeFormat extends CsvFormat {

    private static final byte[] FIELDS = Bytes.ascii("#Fields: ");

    @Override
    String describe() {
        return "Exchange message tracking";
    }

    @Override
    int headerStart(LogReader r) {
        return Bytes.startsWith(r.buf, r.start, r.end, FIELDS) ? r.start + FIELDS.length : -1;
    }

    @Override
    boolean comment(LogReader r) {
        return r.end > r.start && r.buf[r.start] == '#';
    }

    @Override
    List<String> timeColumns() {
        return List.of("datetime");
    }

    @Override
    void handle(LogReader r, Aggregator a) {
        String event = field("eventid").toUpperCase(Locale.ROOT);
        String id = field("internalmessageid");
        if (id.isEmpty()) {
            id = field("messageid");
        }
        if (id.isEmpty()) {
            return;
        }
        id = "exch:" + id;
        switch (event) {
            case "RECEIVE" -> {
                Aggregator.Msg m = a.msg(id, r.time);
                a.seen(r.time);
                if (m.from == null) {
                    a.from(m, field("senderaddress"));
                }
                String host = field("clienthostname");
                String ip = field("clientip");
                if (m.client == null && !(host.isEmpty() && ip.isEmpty())) {
                    m.client = host + (ip.isEmpty() ? "" : " [" + ip + "]");
                }
                try {
                    m.size = Long.parseLong(field("totalbytes"));
                } catch (NumberFormatException ignored) {
                    // size unknown
                }
                a.received(m, r.time, r);
            }
            case "SEND", "DELIVER" -> outcome(r, a, id, Aggregator.State.SENT);
            case "DEFER" -> outcome(r, a, id, Aggregator.State.DEFERRED);
            case "FAIL" -> outcome(r, a, id, Aggregator.State.BOUNCED);
            default -> a.seen(r.time);
        }
    }

    private void outcome(LogReader r, Aggregator a, String id, Aggregator.State state) {
        String[] rcpts = field("recipientaddress").split(";");
        String[] statuses = field("recipientstatus").split(";");
        String host = field("serverhostname");
        String ip = field("serverip");
        String relay = host.isEmpty() && ip.isEmpty() ? null : host + (ip.isEmpty() ? "" : " [" + ip + "]");
        Aggregator.Msg m = a.msg(id, r.time);
        for (int i = 0; i < rcpts.length; i++) {
            String rc = rcpts[i].trim().toLowerCase(Locale.ROOT);
            if (rc.isEmpty()) {
                continue;
            }
            String status = statuses.length == rcpts.length ? statuses[i].trim()
                    : statuses.length > 0 ? statuses[0].trim() : "";
            String[] c = codes(status);
            Aggregator.State s = state;
            String lower = status.toLowerCase(Locale.ROOT);
            if (s == Aggregator.State.BOUNCED && ("4.4.7".equals(c[1]) || lower.contains("expired"))) {
                s = Aggregator.State.EXPIRED;
            }
            a.attempt(r, m, rc, s, relay, c[0], c[1], status.isEmpty() ? null : status, null);
        }
    }
}
