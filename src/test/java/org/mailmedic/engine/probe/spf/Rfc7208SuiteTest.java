package org.mailmedic.engine.probe.spf;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.mailmedic.engine.probe.dns.Dns;
import org.mailmedic.engine.probe.dns.DnsAnswer;
import org.mailmedic.testing.dns.Zone;
import org.mailmedic.testing.dns.ZoneDns;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.SPFRecord;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * Runs the RFC 7208 test suite (pyspf's rfc7208-tests.yml, in src/test/resources/spf/) against
 * {@link SpfEvaluator}, serving each scenario's zone data from memory with the driver rules of
 * the suite's README (SPF records copied to TXT, TIMEOUT markers, NONE).
 */
class Rfc7208SuiteTest {

    /** The level reached; the test fails if a change makes the evaluator fall below it. */
    private static final int REQUIRED = 203;

    record Outcome(String name, boolean passed, String detail) {
    }

    @Test
    void rfc7208Suite() throws Exception {
        List<Outcome> outcomes = run();
        long passed = outcomes.stream().filter(Outcome::passed).count();
        System.out.println("RFC 7208 suite: " + passed + "/" + outcomes.size() + " passed");
        outcomes.stream().filter(o -> !o.passed()).forEach(o -> System.out.println("  FAILED " + o.name() + ": " + o.detail()));
        assertThat(outcomes).hasSize(203);
        assertThat(passed).as("RFC 7208 tests passed").isGreaterThanOrEqualTo(REQUIRED);
    }

    static List<Outcome> run() throws Exception {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        List<Outcome> out = new ArrayList<>();
        try (InputStream in = Rfc7208SuiteTest.class.getResourceAsStream("/spf/rfc7208-tests.yml");
                MappingIterator<JsonNode> docs = yaml.readerFor(JsonNode.class).readValues(in)) {
            while (docs.hasNext()) {
                JsonNode scenario = docs.next();
                if (scenario == null || scenario.isNull() || !scenario.has("tests")) {
                    continue;
                }
                Dns dns = scenarioDns(scenario.get("zonedata"));
                Iterator<Map.Entry<String, JsonNode>> tests = scenario.get("tests").fields();
                while (tests.hasNext()) {
                    Map.Entry<String, JsonNode> e = tests.next();
                    out.add(runOne(e.getKey(), e.getValue(), dns));
                }
            }
        }
        return out;
    }

    private static Outcome runOne(String name, JsonNode t, Dns dns) {
        SpfEvaluator ev = new SpfEvaluator(dns, "DEFAULT", "unknown", Clock.systemUTC(), Duration.ofSeconds(20));
        SpfResult r = ev.checkMailFrom(t.get("host").asText(), t.get("mailfrom").asText(), t.get("helo").asText());
        Set<String> accepted = new HashSet<>();
        JsonNode res = t.get("result");
        if (res.isArray()) {
            res.forEach(x -> accepted.add(x.asText()));
        } else {
            accepted.add(res.asText());
        }
        String got = r.result().rfcName();
        boolean ok = accepted.contains(got);
        String detail = "expected " + accepted + ", got " + got + " (" + r.reason() + ")";
        if (ok && t.has("explanation") && r.result() == SpfResult.Result.FAIL) {
            String exp = t.get("explanation").asText();
            ok = exp.equals(r.explanation());
            detail = "explanation expected '" + exp + "', got '" + r.explanation() + "'";
        }
        if (!ok) {
            detail += "\n" + r.trace().render();
        }
        return new Outcome(name, ok, detail);
    }

    /** The scenario's zone as a Dns, with TIMEOUT markers applied. */
    static Dns scenarioDns(JsonNode zonedata) throws Exception {
        Zone zone = new Zone();
        Map<String, Set<Integer>> timeoutAllowed = new HashMap<>();
        Map<String, Set<Integer>> typedTimeouts = new HashMap<>();
        Iterator<Map.Entry<String, JsonNode>> names = zonedata.fields();
        while (names.hasNext()) {
            Map.Entry<String, JsonNode> e = names.next();
            String owner = e.getKey();
            String key = norm(owner);
            Name n;
            try {
                n = Name.fromString(owner.endsWith(".") ? owner : owner + ".");
            } catch (TextParseException ex) {
                continue; // e.g. a label over 63 octets: the driver's DNS fails such queries
            }
            boolean explicitTxt = false;
            for (JsonNode item : e.getValue()) {
                if (item.isObject() && item.has("TXT")) {
                    explicitTxt = true;
                }
            }
            zone.exists(n.toString());
            Set<Integer> seenTypes = new HashSet<>();
            for (JsonNode item : e.getValue()) {
                if (item.isTextual() && item.asText().equals("TIMEOUT")) {
                    timeoutAllowed.put(key, new HashSet<>(seenTypes));
                    continue;
                }
                Map.Entry<String, JsonNode> rr = item.fields().next();
                String type = rr.getKey();
                JsonNode v = rr.getValue();
                if (v.isTextual() && v.asText().equals("TIMEOUT")) {
                    typedTimeouts.computeIfAbsent(key, k -> new HashSet<>()).add(Type.value(type));
                    continue;
                }
                if (v.isTextual() && v.asText().equals("NONE")) {
                    continue; // the name exists, with no record of this type (and no SPF→TXT copy)
                }
                switch (type) {
                    case "A" -> zone.add(new ARecord(n, DClass.IN, 300, org.mailmedic.engine.probe.dns.IpAddresses.parse(v.asText()).orElseThrow()));
                    case "AAAA" -> zone.add(new AAAARecord(n, DClass.IN, 300, org.mailmedic.engine.probe.dns.IpAddresses.parse(v.asText()).orElseThrow()));
                    case "MX" -> zone.add(new MXRecord(n, DClass.IN, 300, v.get(0).asInt(), name(v.get(1).asText())));
                    case "PTR" -> zone.add(new PTRRecord(n, DClass.IN, 300, name(v.asText())));
                    case "CNAME" -> zone.add(new CNAMERecord(n, DClass.IN, 300, name(v.asText())));
                    case "TXT", "SPF" -> {
                        List<String> strings = new ArrayList<>();
                        if (v.isArray()) {
                            v.forEach(x -> strings.add(x.asText()));
                        } else {
                            strings.add(v.asText());
                        }
                        if (type.equals("SPF")) {
                            zone.add(new SPFRecord(n, DClass.IN, 300, strings));
                            if (!explicitTxt) {
                                zone.add(new TXTRecord(n, DClass.IN, 300, strings));
                            }
                        } else {
                            zone.add(new TXTRecord(n, DClass.IN, 300, strings));
                        }
                    }
                    default -> throw new IllegalArgumentException("record type " + type + " in the suite");
                }
                seenTypes.add(Type.value(type));
                if (type.equals("SPF") && !explicitTxt) {
                    seenTypes.add(Type.TXT);
                }
            }
        }
        ZoneDns zoneDns = new ZoneDns(zone);
        return (qname, type) -> {
            String key = norm(qname);
            Set<Integer> allowed = timeoutAllowed.get(key);
            Set<Integer> typed = typedTimeouts.get(key);
            if ((allowed != null && !allowed.contains(type)) || (typed != null && typed.contains(type))) {
                return DnsAnswer.failure(qname, type, "timed out: no response", Duration.ZERO, "suite");
            }
            return zoneDns.query(qname, type);
        };
    }

    private static String norm(String n) {
        String s = n.toLowerCase(Locale.ROOT);
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }

    private static Name name(String s) throws TextParseException {
        return Name.fromString(s.endsWith(".") ? s : s + ".");
    }
}
