package org.mailmedic.engine.diagnosis.rules;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
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

    /** More destinations than this greylisting become one finding naming the busiest ones. */
    static final int SEPARATE_MAX = 3;

    private record Grey(LogAnalysis.Destination dest, List<LogAnalysis.ReplyCount> replies, long attempts) {
    }

    @Override
    public void apply(DiagnosisInput in, Consumer<Finding> out) {
        LogAnalysis logs = in.evidence().logs();
        if (logs != null) {
            List<Grey> grey = new ArrayList<>();
            for (LogAnalysis.Destination d : logs.destinations()) {
                var replies = d.topReplies().stream().filter(r -> r.text() != null && GREY.matcher(r.text()).find()).toList();
                if (!replies.isEmpty()) {
                    grey.add(new Grey(d, replies, replies.stream().mapToLong(LogAnalysis.ReplyCount::count).sum()));
                }
            }
            if (grey.size() <= SEPARATE_MAX) {
                for (Grey g : grey) {
                    out.accept(finding(in, g.dest().domain(), g.dest().domain() + " greylists your server",
                            g.attempts() + " greylisted attempts; " + g.dest().delivered() + " delivered afterwards",
                            List.of(g)));
                }
            } else {
                // A busy server meets greylisting at many destinations: one piece of advice, not hundreds.
                grey.sort(Comparator.comparingLong(Grey::attempts).reversed());
                long attempts = grey.stream().mapToLong(Grey::attempts).sum();
                long delivered = grey.stream().mapToLong(g -> g.dest().delivered()).sum();
                List<Grey> top = grey.subList(0, 5 <= grey.size() ? 5 : grey.size());
                String names = top.get(0).dest().domain() + ", " + top.get(1).dest().domain() + " and "
                        + (grey.size() - 2) + " other destinations";
                String most = top.stream().map(g -> g.dest().domain() + " " + g.attempts())
                        .collect(Collectors.joining(", "));
                out.accept(finding(in, names, grey.size() + " destinations greylist your server",
                        attempts + " greylisted attempts at " + grey.size() + " destinations (most: " + most + "); "
                                + delivered + " delivered afterwards",
                        top));
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

    private Finding finding(DiagnosisInput in, String destination, String who, String impact, List<Grey> from) {
        return new Finding(kind(), Severity.ADVICE, who + ": first attempts are delayed",
                (from.size() == 1 ? destination + " turns" : "Each of these destinations turns")
                        + " away the first attempt from an unknown sender with a temporary error and accepts it when it is"
                        + " retried a few minutes later. Mail arrives late, but it arrives: this is a spam defence on their"
                        + " side, nothing is wrong on yours.",
                Confidence.CERTAIN, impact,
                Support.cap(from.stream().flatMap(g -> g.replies().stream()).map(LogAnalysis.ReplyCount::example)
                        .filter(java.util.Objects::nonNull).map(Support::line)),
                destination, Map.of("destination", destination, "domain", in.domain()));
    }
}
