package org.mailmedic.engine.logs;

import java.util.List;
import java.util.Locale;

/**
 * Microsoft 365 message trace exports (CSV), in the two shapes the admin centre and PowerShell
 * produce: the message trace list ({@code "Received","SenderAddress","RecipientAddress","Subject",
 * "Status","ToIP","FromIP","Size","MessageId","MessageTraceId"}, status Delivered / Failed / Pending
 * / Expanded / Quarantined / FilteredAsSpam / GettingStatus) and the historical summary report
 * ({@code origin_timestamp_utc,sender_address,recipient_status,...,network_message_id,...} where
 * {@code recipient_status} reads {@code user@example.com##Receive, Send;other@example.org##Receive, Fail}).
 * Times are UTC. These exports carry no SMTP reply: the status is the outcome.
 */
final class M365Format extends CsvFormat {

    @Override
    String describe() {
        return "Microsoft 365 message trace";
    }

    @Override
    int headerStart(LogReader r) {
        return headerSeen() ? -1 : r.start;
    }

    @Override
    List<String> timeColumns() {
        return List.of("received", "dateutc", "date", "origintimestamputc", "timestamp");
    }

    @Override
    void handle(LogReader r, Aggregator a) {
        String id = first("messagetraceid", "networkmessageid", "messageid");
        String sender = first("senderaddress");
        if (id.isEmpty()) {
            id = sender + "|" + r.time;
        }
        Aggregator.Msg m = a.msg("m365:" + id, r.time);
        a.seen(r.time);
        if (m.from == null) {
            a.from(m, sender);
        }
        String fromIp = first("fromip", "originalclientip");
        if (m.client == null && !fromIp.isEmpty()) {
            m.client = "[" + fromIp + "]";
        }
        try {
            String size = first("size", "totalbytes");
            if (!size.isEmpty()) {
                m.size = Long.parseLong(size);
            }
        } catch (NumberFormatException ignored) {
            // size unknown
        }
        a.received(m, r.time, r);
        String toIp = first("toip");
        String relay = toIp.isEmpty() ? null : "[" + toIp + "]";
        String recipientStatus = first("recipientstatus");
        if (!recipientStatus.isEmpty()) {
            for (String one : recipientStatus.split(";")) {
                int hash = one.indexOf("##");
                if (hash <= 0) {
                    continue;
                }
                String rcpt = one.substring(0, hash).trim().toLowerCase(Locale.ROOT);
                String events = one.substring(hash + 2).trim();
                int comma = events.lastIndexOf(',');
                String lastEvent = (comma < 0 ? events : events.substring(comma + 1)).trim();
                Aggregator.State s = switch (lastEvent.toLowerCase(Locale.ROOT)) {
                    case "send", "deliver" -> Aggregator.State.SENT;
                    case "fail" -> Aggregator.State.BOUNCED;
                    case "defer" -> Aggregator.State.DEFERRED;
                    default -> null;
                };
                if (s != null) {
                    a.attempt(r, m, rcpt, s, relay, null, null, "Message trace: " + events, null);
                }
            }
            return;
        }
        String status = first("status");
        Aggregator.State s = switch (status.toLowerCase(Locale.ROOT)) {
            case "delivered" -> Aggregator.State.SENT;
            case "failed" -> Aggregator.State.BOUNCED;
            case "pending", "deferred" -> Aggregator.State.DEFERRED;
            default -> null; // expanded, quarantined, filtered as spam, getting status: not an outcome at a destination
        };
        if (s == null) {
            return;
        }
        for (String rc : first("recipientaddress").split(";")) {
            String rcpt = rc.trim().toLowerCase(Locale.ROOT);
            if (!rcpt.isEmpty()) {
                a.attempt(r, m, rcpt, s, relay, null, null, "Message trace status: " + status, null);
            }
        }
    }
}
