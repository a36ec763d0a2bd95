package org.mailmedic.engine.bounce.quirks;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Facebook's mail servers answer with their own response codes, documented at
 * postmaster.facebook.com/response_codes ("550 5.1.1 RCP-P2 http://postmaster.facebook.com/
 * response_codes?ip=192.0.2.135#rcp Refused due to recipient preferences"). The code says more
 * than the enhanced status: RCP-P2 is the recipient's own settings refusing the sender, not a
 * missing mailbox, whatever 5.1.1 suggests.
 */
final class Facebook implements ReceiverQuirks.Quirk {

    private static final Pattern CODE = Pattern.compile("\\b((?:rcp|int|pol|msg|dns|con)-[pt]\\d)\\b");

    /** Code (lower-case), reason. */
    private static final String[][] TABLE = {
        {"rcp-p1", "userunknown"}, {"int-p1", "userunknown"}, {"int-p3", "userunknown"}, {"int-p4", "userunknown"},
        {"rcp-p2", "filtered"}, {"rcp-p3", "filtered"},
        {"pol-p1", "blocked"}, {"pol-p2", "blocked"},
        {"msg-p1", "mesgtoobig"}, {"int-p2", "mesgtoobig"},
        {"msg-p2", "contenterror"}, {"msg-p3", "contenterror"}, {"pol-p6", "contenterror"},
        {"pol-p7", "securityerror"},
        {"pol-p3", "notaccept"}, {"pol-p4", "notaccept"}, {"pol-t1", "notaccept"}, {"pol-t2", "notaccept"},
        {"pol-t3", "notaccept"},
        {"dns-p1", "rejected"}, {"dns-p2", "rejected"}, {"dns-t1", "rejected"},
        {"dns-p3", "requireptr"}, {"dns-t2", "requireptr"},
        {"con-t1", "systemerror"}, {"rcp-t1", "systemerror"},
        {"con-t2", "toomanyconn"}, {"con-t3", "toomanyconn"},
        {"pol-p5", "virusdetected"},
        {"rcp-t4", "suspend"},
    };

    @Override
    public boolean owns(String host, String family, String diag) {
        return host.endsWith(".facebook.com") || host.equals("facebook.com") || diag.contains("postmaster.facebook.com");
    }

    @Override
    public String reason(String status, String d) {
        Matcher m = CODE.matcher(d);
        if (!m.find()) {
            return "";
        }
        String code = m.group(1);
        for (String[] row : TABLE) {
            if (row[0].equals(code)) {
                return row[1];
            }
        }
        return "";
    }
}
