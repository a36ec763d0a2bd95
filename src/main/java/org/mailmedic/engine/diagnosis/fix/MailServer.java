package org.mailmedic.engine.diagnosis.fix;

import java.util.Locale;
import java.util.Optional;

/** The mail server software a fix is written for. */
public enum MailServer {
    POSTFIX("postfix", "Postfix"),
    SENDMAIL("sendmail", "Sendmail"),
    EXIM("exim", "Exim"),
    EXCHANGE("exchange", "Microsoft Exchange / Microsoft 365"),
    PROVIDER("provider", "My provider runs it");

    private final String id;
    private final String label;

    MailServer(String id, String label) {
        this.id = id;
        this.label = label;
    }

    public String id() {
        return id;
    }

    public String label() {
        return label;
    }

    public static Optional<MailServer> fromId(String s) {
        if (s == null) {
            return Optional.empty();
        }
        String k = s.strip().toLowerCase(Locale.ROOT);
        for (MailServer m : values()) {
            if (m.id.equals(k)) {
                return Optional.of(m);
            }
        }
        return switch (k) {
            case "sm-mta" -> Optional.of(SENDMAIL);
            case "exim4" -> Optional.of(EXIM);
            case "office365", "m365", "microsoft365", "exchange-online", "exchangeonline" -> Optional.of(EXCHANGE);
            default -> Optional.empty();
        };
    }
}
