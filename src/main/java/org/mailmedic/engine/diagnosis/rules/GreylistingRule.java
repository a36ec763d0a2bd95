package org.mailmedic.engine.diagnosis.rules;

import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.mailmedic.engine.diagnosis.Confidence;
import org.mailmedic.engine.diagnosis.DiagnosisInput;
import org.mailmedic.engine.diagnosis.Finding;
import org.mailmedic.engine.diagnosis.Rule;
import org.mailmedic.engine.diagnosis.Severity;
import org.mailmedic.engine.logs.LogAnalysis;

/**
 * Greylisting: a destination answers the first attempts with a temporary "greylisted, try again
 * later" and accepts a retry. Nothing to fix, but worth explaining the delay. Reads the log's top
 * replies per destination and bounces mentioning greylisting.
 */
public final class GreylistingRule implements Rule {

    private static final Pattern GREY = Pattern.compile("greylist|graylist|grey-list|gray-list|try again later.*(?:policy|listed)|4\\.7\\.1 .*please try again", Pattern.CASE_INSENSITIVE);

    @Override
    public String kind() {
        return "greylisting";
    }

    @Override
    public void apply(DiagnosisInput in, Consumer<Finding> out) {
        LogAnalysis logs = in.evidence().logs();
        if (logs != null) {
            for (LogAnalysis.Destination d : logs.destinations()) {
                var grey = d.topReplies().stream().filter(r -> r.text() != null && GREY.matcher(r.text()).find()).toList();
                if (grey.isEmpty()) {
                    continue;
                }
                long n = grey.stream().mapToLong(LogAnalysis.ReplyCount::count).sum();
                out.accept(new Finding(kind(), Severity.ADVICE, d.domain() + " greylists your server: first attempts are delayed",
                        d.domain() + " turns away the first attempt from an unknown sender with a temporary error and "
                        + "accepts it when it is retried a few minutes later. Mail arrives late, but it arrives: "
                        + "this is a spam defence on their side, nothing is wrong on yours.",
                        Confidence.CERTAIN, n + " greylisted attempts; " + d.delivered() + " delivered afterwards",
                        Support.cap(grey.stream().map(LogAnalysis.ReplyCount::example).filter(java.util.Objects::nonNull).map(Support::line)),
                        d.domain(), Map.of("destination", d.domain(), "domain", in.domain())));
            }
        }
        var bounces = in.evidence().recipients().stream()
                .filter(l -> GREY.matcher(l.recipient().diagnostic().toLowerCase(Locale.ROOT)).find()).toList();
        if (!bounces.isEmpty() && (logs == null || logs.destinations().isEmpty())) {
            String dest = Support.domainOf(bounces.get(0).recipient().recipient());
            out.accept(new Finding(kind(), Severity.ADVICE, dest + " greylisted the message",
                    "The receiving server asked the sender to retry later (greylisting). Normally the retry succeeds.",
                    Confidence.CERTAIN, "", Support.cap(Stream.of(Support.bounce(bounces.get(0)))), dest,
                    Map.of("destination", dest, "domain", in.domain())));
        }
    }
}
