package org.mailmedic.engine.diagnosis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.mailmedic.engine.diagnosis.rules.BlacklistRule;
import org.mailmedic.engine.diagnosis.rules.BounceReasonRule;
import org.mailmedic.engine.diagnosis.rules.DmarcRule;
import org.mailmedic.engine.diagnosis.rules.DowngradeRiskRule;
import org.mailmedic.engine.diagnosis.rules.ForwardingRule;
import org.mailmedic.engine.diagnosis.rules.GreylistingRule;
import org.mailmedic.engine.diagnosis.rules.InboundStarttlsRule;
import org.mailmedic.engine.diagnosis.rules.MxRule;
import org.mailmedic.engine.diagnosis.rules.OutboundTlsRule;
import org.mailmedic.engine.diagnosis.rules.QueueExpiredRule;
import org.mailmedic.engine.diagnosis.rules.ReverseDnsRule;
import org.mailmedic.engine.diagnosis.rules.SpfRule;
import org.mailmedic.engine.diagnosis.rules.ThrottlingRule;
import org.mailmedic.engine.diagnosis.rules.TlsVersionsRule;

/**
 * Turns evidence and live checks into findings, most serious first. The rules are an explicit,
 * ordered list; a rule that fails on strange input is reported as an advice-level finding about
 * MailMedic itself rather than stopping the others.
 */
public final class Diagnoser {

    private final List<Rule> rules;

    public Diagnoser() {
        this(defaultRules());
    }

    public Diagnoser(List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    public static List<Rule> defaultRules() {
        return List.of(
                new ThrottlingRule(),
                new InboundStarttlsRule(),
                new TlsVersionsRule(),
                new OutboundTlsRule(),
                new ForwardingRule(),
                new SpfRule(),
                new DmarcRule(),
                new BlacklistRule(),
                new ReverseDnsRule(),
                new MxRule(),
                new QueueExpiredRule(),
                new GreylistingRule(),
                BounceReasonRule.recipientUnknown(),
                BounceReasonRule.mailboxFull(),
                BounceReasonRule.messageTooLarge(),
                new DowngradeRiskRule());
    }

    public List<Rule> rules() {
        return rules;
    }

    public List<Finding> diagnose(DiagnosisInput in) {
        List<Finding> out = new ArrayList<>();
        for (Rule r : rules) {
            try {
                r.apply(in, out::add);
            } catch (RuntimeException e) {
                out.add(new Finding("internal", Severity.ADVICE,
                        "MailMedic could not finish one of its checks (" + r.kind() + ")",
                        "This is a fault in MailMedic, not in your mail system: " + e, Confidence.CERTAIN, "",
                        List.of(), "", java.util.Map.of()));
            }
        }
        out.sort(Comparator.comparing(Finding::severity));
        return List.copyOf(out);
    }
}
