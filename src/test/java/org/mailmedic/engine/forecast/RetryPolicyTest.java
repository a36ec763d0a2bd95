package org.mailmedic.engine.forecast;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RetryPolicyTest {

    @Test
    void postfixBacksOffByTheMessagesAgeBetween300And4000Seconds() {
        RetryPolicy p = RetryPolicy.postfix();
        assertThat(p.tickSeconds()).isEqualTo(300);
        assertThat(p.defaultLifetimeSeconds()).isEqualTo(5 * 86_400L);
        assertThat(p.delayAfterFailure(0, 0)).isEqualTo(300);
        assertThat(p.delayAfterFailure(1_000, 300)).isEqualTo(1_000);
        assertThat(p.delayAfterFailure(2_000, 1_000)).isEqualTo(2_000);
        assertThat(p.delayAfterFailure(86_400, 4_000)).isEqualTo(4_000);
    }

    @Test
    void postfixAttemptTimesDoubleUntilTheMaximumThenComeEvery4200SecondsOnQueueRuns() {
        List<Long> times = schedule(RetryPolicy.postfix(), 30_000);
        // 0, then age-doubling on 300 s queue runs: 300, 600, 1200, 2400, 4800, then +4000 rounded up to a run.
        assertThat(times.subList(0, 6)).containsExactly(0L, 300L, 600L, 1_200L, 2_400L, 4_800L);
        assertThat(times.get(6) - times.get(5)).isEqualTo(4_200);
        assertThat(times.get(7) - times.get(6)).isEqualTo(4_200);
    }

    @Test
    void eximFollowsTheDefaultRuleF2h15mThenG16h1h15ThenF4d6h() {
        RetryPolicy p = RetryPolicy.exim();
        assertThat(p.defaultLifetimeSeconds()).isEqualTo(4 * 86_400L);
        assertThat(p.delayAfterFailure(0, 0)).isEqualTo(900);
        assertThat(p.delayAfterFailure(7_199, 900)).isEqualTo(900);
        assertThat(p.delayAfterFailure(7_200, 900)).isEqualTo(3_600);
        assertThat(p.delayAfterFailure(10_800, 3_600)).isEqualTo(5_400);
        assertThat(p.delayAfterFailure(16_200, 5_400)).isEqualTo(8_100);
        assertThat(p.delayAfterFailure(16 * 3_600, 8_100)).isEqualTo(6 * 3_600);
    }

    @Test
    void sendmailTriesEveryQueueRunAndExchangeEvery15Minutes() {
        assertThat(RetryPolicy.sendmail().delayAfterFailure(12_345, 3_600)).isEqualTo(3_600);
        assertThat(RetryPolicy.sendmail().defaultLifetimeSeconds()).isEqualTo(5 * 86_400L);
        assertThat(RetryPolicy.exchange().delayAfterFailure(99_999, 900)).isEqualTo(900);
        assertThat(RetryPolicy.exchange().defaultLifetimeSeconds()).isEqualTo(2 * 86_400L);
        assertThat(RetryPolicy.exchangeOnline().defaultLifetimeSeconds()).isEqualTo(86_400L);
        assertThat(RetryPolicy.exchangeOnline().delayAfterFailure(0, 0)).isEqualTo(1_800);
        assertThat(RetryPolicy.exchangeOnline().delayAfterFailure(1_800, 1_800)).isEqualTo(3_600);
    }

    @ParameterizedTest
    @CsvSource(textBlock = """
            postfix,          postfix
            Postfix/smtp,     postfix
            sendmail,         sendmail
            exim4,            exim
            Exim,             exim
            Exchange,         exchange
            exchange-server,  exchange
            exchange-online,  exchange-online
            Microsoft 365,    exchange-online
            o365,             exchange-online
            """)
    void factoryFromAnMtaName(String name, String id) {
        assertThat(RetryPolicy.forMta(name)).get().extracting(RetryPolicy::id).isEqualTo(id);
    }

    @Test
    void unknownMtaNamesGiveNothing() {
        assertThat(RetryPolicy.forMta("qmail")).isEmpty();
        assertThat(RetryPolicy.forMta(null)).isEmpty();
        assertThat(RetryPolicy.forMta("  ")).isEmpty();
    }

    @Test
    void fromTheSteadyAgeOnTheDelayIsTheSteadyDelayWhateverCameBefore() {
        // The simulation moves such messages in bulk; this is what makes that exact.
        for (RetryPolicy p : RetryPolicy.all()) {
            for (long age = p.steadyAfterAge(); age < 6 * 86_400; age += 1_337) {
                for (long prev : new long[] {0, 60, 900, 3_600, 50_000}) {
                    assertThat(p.delayAfterFailure(age, prev)).as(p.id() + " at " + age).isEqualTo(p.steadyDelay());
                }
            }
        }
    }

    @Test
    void attemptsWithinCountsTheFirstTryAndEveryRetry() {
        // Sendmail hourly: tries at 0 h, 1 h, ..., 24 h.
        assertThat(RetryPolicy.sendmail().attemptsWithin(86_400)).isEqualTo(25);
        // Exchange every 15 minutes over 2 days: 193 tries.
        assertThat(RetryPolicy.exchange().attemptsWithin(2 * 86_400)).isEqualTo(193);
    }

    private static List<Long> schedule(RetryPolicy p, long until) {
        List<Long> out = new ArrayList<>();
        long t = 0;
        long prev = 0;
        out.add(0L);
        while (true) {
            long d = p.delayAfterFailure(t, prev);
            long next = p.ceilToTick(t + d);
            if (next > until) {
                return out;
            }
            out.add(next);
            prev = d;
            t = next;
        }
    }
}
