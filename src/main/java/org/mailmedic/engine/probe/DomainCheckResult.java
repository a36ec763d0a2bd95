package org.mailmedic.engine.probe;

import java.time.Instant;
import java.util.List;

/**
 * Everything a domain check found, as the report and {@code mailmedic check --json} give it.
 *
 * @param input      the domain as the user typed it
 * @param domain     its ASCII (A-label) form, the one queried; null when the input is not a domain
 * @param display    the Unicode form with the ASCII form in brackets when they differ
 * @param resolver   the DNS servers asked
 * @param startedAt  when the check started
 * @param elapsedMs  how long it took
 * @param dnsQueries how many distinct DNS questions were asked
 * @param cancelled  the user stopped it; {@code checks} then holds what had finished
 * @param status     the worst status of all checks
 * @param checks     one result per row, in registry order
 */
public record DomainCheckResult(String input, String domain, String display, String resolver, Instant startedAt,
        long elapsedMs, int dnsQueries, boolean cancelled, Status status, List<CheckResult> checks) {

    public DomainCheckResult {
        checks = List.copyOf(checks);
    }

    /** The row with this id, if it ran. */
    public java.util.Optional<CheckResult> check(String id) {
        return checks.stream().filter(c -> c.id().equals(id)).findFirst();
    }
}
