package org.mailmedic.engine.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailmedic.engine.evidence.SampleCases;
import org.mailmedic.engine.logs.LogAnalysis;

class OwnDomainTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-27T10:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    private OwnDomain.Guess guess(String sampleCase) throws Exception {
        List<Path> files = SampleCases.extract(SampleCases.byId(sampleCase).orElseThrow(), dir.resolve(sampleCase));
        EvidenceSet ev = new EvidenceAnalysis(CLOCK).analyze(files, p -> { }, () -> false);
        List<Finding> findings = new Diagnoser().diagnose(new DiagnosisInput("", ev, null, null));
        return OwnDomain.from(ev, findings).orElseThrow();
    }

    @Test
    void aMessageTheUsersServerReturnedNamesTheUserAsItsSender() throws Exception {
        OwnDomain.Guess g = guess("throttling");
        assertThat(g.domain()).isEqualTo("harbourbooks.co.uk");
        assertThat(g.source()).isEqualTo("bounce-expired.eml (sender of the returned message)");
    }

    @Test
    void aBounceACorrespondentForwardedNamesTheUserAsItsRecipient() throws Exception {
        OwnDomain.Guess g = guess("starttls");
        assertThat(g.domain()).isEqualTo("kestrel-design.co.uk");
        assertThat(g.source()).isEqualTo("gmail-bounce.eml (recipient anna@kestrel-design.co.uk)");
    }

    @Test
    void aLogFindingNamesTheLineThatHoldsTheDomain() {
        Finding f = new Finding("forwarding-without-srs", Severity.DEGRADING, "Mail for shop.example is forwarded",
                "", Confidence.LIKELY, "", List.of(EvidenceRef.logLine("maillog", 42,
                        "to=<a@btinternet.com>, orig_to=<sales@Shop.Example>, status=deferred")),
                "btinternet.com", Map.of("domain", "Shop.Example"));
        assertThat(OwnDomain.from(EvidenceSet.empty(), List.of(f)))
                .contains(new OwnDomain.Guess("shop.example", "maillog:42 (an address at shop.example)"));
    }

    @Test
    void nothingIsGuessedFromNothingNorFromAFactThatIsNoDomain() {
        assertThat(OwnDomain.from(EvidenceSet.empty(), List.of())).isEmpty();
        Finding odd = new Finding("greylisting", Severity.ADVICE, "x", "", Confidence.LIKELY, "", List.of(), "",
                Map.of("domain", "<your domain>"));
        assertThat(OwnDomain.from(EvidenceSet.empty(), List.of(odd))).isEmpty();
        assertThat(OwnDomain.isDomain("bad domain!.example")).isFalse();
        assertThat(OwnDomain.isDomain("kanzlei-müller.example")).isTrue();
    }

    @Test
    void theDomainComesFromAnAddressInAnyUsualForm() {
        assertThat(OwnDomain.domainOf("Ann <ann@Harbourbooks.co.uk>")).isEqualTo("harbourbooks.co.uk");
        assertThat(OwnDomain.domainOf("ann@")).isEmpty();
        assertThat(OwnDomain.domainOf("no address")).isEmpty();
        assertThat(OwnDomain.domainOf(null)).isEmpty();
    }

    @Test
    void aLogAloneNamesTheDomainThatSendsMostOfItsMail() throws Exception {
        EvidenceSet ev = logWithSenders("maillog", "anna@Kestrel-Design.example", "ben@kestrel-design.example", "",
                "news@list.example");
        assertThat(ev.logs().senderDomains()).extracting(LogAnalysis.SenderDomain::domain, LogAnalysis.SenderDomain::share)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("kestrel-design.example", 66.7),
                        org.assertj.core.groups.Tuple.tuple("list.example", 33.3));
        assertThat(OwnDomain.from(ev, List.of())).contains(
                new OwnDomain.Guess("kestrel-design.example", "maillog (sender of 67% of the messages)"));
    }

    @Test
    void noDomainWhenNoneSendsMostOfTheLogsMail() throws Exception {
        EvidenceSet ev = logWithSenders("mx.log", "a@one.example", "b@two.example", "c@three.example");
        assertThat(ev.logs().senderDomains()).hasSize(3);
        assertThat(OwnDomain.from(ev, List.of())).isEmpty(); // a receiving server: nobody leads
    }

    /** A Postfix log in which qmgr names one message per sender (the null sender as ""). */
    private EvidenceSet logWithSenders(String name, String... senders) throws java.io.IOException {
        StringBuilder log = new StringBuilder();
        for (int i = 0; i < senders.length; i++) {
            log.append(String.format("Nov 23 10:00:%02d mx postfix/qmgr[900]: %dA1B2C3D4E: from=<%s>, size=1, nrcpt=1"
                    + " (queue active)%n", i + 1, i + 4, senders[i]));
        }
        Path file = dir.resolve(name);
        java.nio.file.Files.writeString(file, log);
        return new EvidenceAnalysis(CLOCK).analyze(List.of(file), p -> { }, () -> false);
    }
}
