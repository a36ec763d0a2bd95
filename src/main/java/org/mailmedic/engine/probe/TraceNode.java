package org.mailmedic.engine.probe;

import java.util.ArrayList;
import java.util.List;
import org.mailmedic.engine.probe.dns.DnsEvidence;

/**
 * One step of a probe's reasoning, as a tree: what was looked at, what it gave, the DNS answers
 * it used and (for SPF) the DNS-lookup count reached so far. The CLI prints it indented; the
 * window shows it in a TreeView.
 *
 * @param label        what this step is, e.g. {@code include:_spf.example.net}
 * @param outcome      what it gave, e.g. {@code no match}, {@code pass}, {@code permerror}
 * @param notes        plain-language remarks
 * @param dns          DNS answers this step used
 * @param lookupsSoFar DNS-querying terms counted so far in the whole evaluation, or -1
 * @param children     sub-steps (an include's or redirect's own evaluation)
 */
public record TraceNode(String label, String outcome, List<String> notes, List<DnsEvidence> dns, int lookupsSoFar,
        List<TraceNode> children) {

    public TraceNode {
        notes = List.copyOf(notes);
        dns = List.copyOf(dns);
        children = List.copyOf(children);
    }

    /** The tree as indented text, two spaces a level, DNS answers marked with "?". */
    public String render() {
        StringBuilder sb = new StringBuilder();
        render(sb, 0);
        return sb.toString();
    }

    private void render(StringBuilder sb, int depth) {
        String pad = "    ".repeat(depth);
        sb.append(pad).append(depth == 0 ? "" : "- ").append(label);
        if (outcome != null && !outcome.isEmpty()) {
            sb.append(" => ").append(outcome);
        }
        if (lookupsSoFar >= 0) {
            sb.append("  [lookups ").append(lookupsSoFar).append("/10]");
        }
        sb.append('\n');
        String inner = pad + (depth == 0 ? "  " : "    ");
        for (DnsEvidence d : dns) {
            sb.append(inner).append("? ").append(d.describe()).append('\n');
        }
        for (String n : notes) {
            sb.append(inner).append("· ").append(n).append('\n');
        }
        for (TraceNode c : children) {
            c.render(sb, depth + 1);
        }
    }

    /** Builds a node while a probe works; not thread-safe. */
    public static final class Builder {
        private final String label;
        private String outcome = "";
        private final List<String> notes = new ArrayList<>();
        private final List<DnsEvidence> dns = new ArrayList<>();
        private int lookups = -1;
        private final List<Builder> children = new ArrayList<>();

        public Builder(String label) {
            this.label = label;
        }

        public Builder outcome(String o) {
            this.outcome = o;
            return this;
        }

        public Builder note(String n) {
            notes.add(n);
            return this;
        }

        public Builder dns(DnsEvidence d) {
            dns.add(d);
            return this;
        }

        public Builder lookups(int n) {
            this.lookups = n;
            return this;
        }

        public Builder child(String childLabel) {
            Builder b = new Builder(childLabel);
            children.add(b);
            return b;
        }

        public String outcome() {
            return outcome;
        }

        public TraceNode build() {
            return new TraceNode(label, outcome, notes, dns, lookups, children.stream().map(Builder::build).toList());
        }
    }
}
