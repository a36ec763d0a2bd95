package org.mailmedic.engine.bounce.quirks;

/**
 * au by KDDI (ezweb.ne.jp, au.com). Its servers answer a refused recipient in two ways:
 * "550 &lt;a@ezweb.ne.jp&gt;: User unknown" when the address does not exist, and the bare
 * "550 : User unknown" when the subscriber's own filter (the "designated reception" setting
 * that refuses mail from unknown senders) turned the message away.
 */
final class Kddi implements ReceiverQuirks.Quirk {

    @Override
    public boolean owns(String host, String family, String diag) {
        return host.endsWith("ezweb.ne.jp") || host.endsWith("au.com");
    }

    @Override
    public String reason(String status, String d) {
        if (d.contains("550 : user unknown")) {
            return "filtered";
        }
        if (d.contains(">: user unknown")) {
            return "userunknown";
        }
        return "";
    }
}
