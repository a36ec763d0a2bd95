package org.mailmedic.engine.probe.smtp;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.mailmedic.testing.smtp.TestPki;

/** An expired identity together with the day it expired, for asserting the wording. */
final class TestPkiDates {

    record Expired(TestPki.Identity identity, String day) {
    }

    private TestPkiDates() {
    }

    static Expired expired(TestPki pki, String name) {
        Instant to = Instant.now().minus(Duration.ofDays(10));
        TestPki.Identity id = pki.leaf(to.minus(Duration.ofDays(90)), to, name);
        return new Expired(id, LocalDate.ofInstant(id.leaf().getNotAfter().toInstant(), ZoneOffset.UTC).toString());
    }
}
