package org.mailmedic.engine.bounce.mta;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.mailmedic.engine.bounce.MailText;
import org.mailmedic.engine.bounce.RawRecipient;
import org.mailmedic.engine.bounce.Text;

/**
 * Amazon SES notifications delivered by email (SNS): a JSON document with
 * {@code "notificationType": "Bounce" | "Complaint" | "Delivery"}, e.g.
 * {@code {"notificationType":"Bounce","bounce":{"bouncedRecipients":[{"emailAddress":"a@b",
 * "status":"5.1.1","diagnosticCode":"smtp; 550 5.1.1 user unknown"}]...}}}.
 */
final class AmazonSesJson implements Recognizer {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public String name() {
        return "amazonses";
    }

    @Override
    public boolean claims(MailText m) {
        return m.body().contains("\"notificationType\"");
    }

    @Override
    public List<RawRecipient> decode(MailText m) {
        List<RawRecipient> out = new ArrayList<>();
        String b = m.body();
        int start = b.indexOf('{');
        int end = b.lastIndexOf('}');
        if (start < 0 || end <= start) {
            return out;
        }
        // SNS wraps long lines as "!\n " when mailing; undo that and plain line breaks
        String json = b.substring(start, end + 1).replace("!\n ", "").replace("\n", "");
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (Exception e) { // not JSON after all: let other recognizers try
            return out;
        }
        String type = root.path("notificationType").asText("").toLowerCase(Locale.ROOT);
        switch (type) {
            case "bounce" -> {
                JsonNode bounce = root.path("bounce");
                String reporting = Text.fold(bounce.path("reportingMTA").asText("").replaceFirst("^dsn; ?", ""));
                for (JsonNode r : bounce.path("bouncedRecipients")) {
                    RawRecipient x = new RawRecipient(Text.firstAddress(r.path("emailAddress").asText("")));
                    x.action = r.path("action").asText("failed");
                    x.status = Text.status(r.path("status").asText(""));
                    String diag = r.path("diagnosticCode").asText("");
                    x.diagnosticType = diag.toLowerCase(Locale.ROOT).startsWith("smtp;") ? "smtp" : "";
                    x.diagnostic = Text.fold(diag.replaceFirst("^(?i)smtp; ?", ""));
                    x.reportingMta = reporting;
                    x.date = bounce.path("timestamp").asText("");
                    if (bounce.path("bounceType").asText("").equals("Transient") && x.action.isEmpty()) {
                        x.action = "delayed";
                    }
                    out.add(x);
                }
            }
            case "complaint" -> {
                JsonNode c = root.path("complaint");
                for (JsonNode r : c.path("complainedRecipients")) {
                    RawRecipient x = new RawRecipient(Text.firstAddress(r.path("emailAddress").asText("")));
                    x.reason = "feedback";
                    x.feedbackType = c.path("complaintFeedbackType").asText("abuse");
                    x.date = c.path("timestamp").asText("");
                    x.diagnostic = "complaint reported through Amazon SES";
                    out.add(x);
                }
            }
            case "delivery" -> {
                JsonNode d = root.path("delivery");
                for (JsonNode r : d.path("recipients")) {
                    RawRecipient x = new RawRecipient(Text.firstAddress(r.asText("")));
                    String smtp = d.path("smtpResponse").asText("");
                    x.action = "delivered";
                    x.diagnostic = smtp;
                    x.status = Text.status(smtp);
                    x.reason = "delivered";
                    x.remoteMta = d.path("remoteMtaIp").asText("");
                    x.reportingMta = d.path("reportingMTA").asText("");
                    x.date = d.path("timestamp").asText("");
                    out.add(x);
                }
            }
            default -> {
            }
        }
        out.removeIf(x -> x.recipient.isEmpty());
        return out;
    }
}
