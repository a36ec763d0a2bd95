package org.mailmedic.engine.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mailmedic.engine.report.Json;

/**
 * Case 1 of the design in numbers, and its neighbours. Tolerances are argued next to each
 * assertion; the simulation is deterministic, so they are margins of the model, not of noise.
 */
class QueueForecasterTest {

    /** The 49-a-day ISP: 70 a day arriving, Postfix with its 5-day lifetime, 14 days. */
    private static ForecastInput.Builder isp() {
        return ForecastInput.builder().destination("isp.example").arrivalsPerDay(70).limit(49)
                .limitKind(LimitKind.ROLLING_24H).policy(RetryPolicy.postfix()).lifetimeDays(5).horizonDays(14);
    }

    @Test
    void seventyADayAgainstALimitOf49NeverDrainsAndAbout21ADayBounceFromDay6() {
        Forecast f = QueueForecaster.forecast(isp().build());

        assertThat(f.outcome()).isEqualTo(Forecast.Outcome.NEVER_DRAINS);
        assertThat(f.verdict()).isEqualTo(
                "never drains for isp.example: about 21 messages a day will bounce (the first on day 6)");
        // The destination is saturated from the start: exactly its limit a day gets through.
        assertThat(f.days()).allSatisfy(d -> assertThat(d.delivered()).isEqualTo(49));
        // Nothing can bounce before it is 5 days old: days 1-5 have none; the day-1 leftovers go on day 6.
        assertThat(f.days().subList(0, 5)).allSatisfy(d -> assertThat(d.expired()).isZero());
        assertThat(f.firstBounceDay()).isEqualTo(6);
        // Until then the queue grows by exactly the excess, 21 a day.
        for (int d = 1; d <= 5; d++) {
            assertThat(f.days().get(d - 1).backlog()).isEqualTo(21 * d);
        }
        // Postfix serves its deferred queue in effectively random order, so bounces ramp up towards
        // the excess rather than jumping to it: by days 12-14 they are most of the way there.
        assertThat(f.bouncesPerDay()).isBetween(14.0, 21.0);
        assertThat(f.fluid().expiredPerDay()).isEqualTo(21.0);
        assertThat(f.toDrainInAWeek().maxArrivalsPerDay()).isEqualTo(49.0);
        assertThat(f.toDrainInAWeek().minLimit()).isEqualTo(70);
        // Conservation over the horizon: every message is delivered, bounced or still queued.
        long arrived = f.days().stream().mapToLong(Forecast.Day::arrived).sum();
        assertThat(arrived).isEqualTo(70 * 14);
        assertThat(f.deliveredTotal() + f.expiredTotal() + f.backlogAtEnd()).isEqualTo(arrived);
        // Half the delivered mail waits many hours; the slowest 5% wait days.
        assertThat(f.delayMedianHours()).isGreaterThan(1.0);
        assertThat(f.delayP95Hours()).isBetween(48.0, 120.0);
    }

    @Test
    void overThirtyDaysTheBounceRateSettlesAtTheExcessAndTheBacklogNearTheFluidSteadyState() {
        Forecast f = QueueForecaster.forecast(isp().horizonDays(30).build());
        List<Forecast.Day> late = f.days().subList(20, 30);
        double expired = late.stream().mapToInt(Forecast.Day::expired).average().orElseThrow();
        double backlog = late.stream().mapToInt(Forecast.Day::backlog).average().orElseThrow();
        // Steady state: 70 in, 49 out, so 21 a day must bounce; days 21-30 average within 1.5 of it
        // (the backlog still moves by a few messages a day).
        assertThat(expired).isCloseTo(21.0, within(1.5));
        // Random-order service gives Q* = μL / -ln(1 - μ/λ) = 203.5 in the fluid model; fresh mail
        // catches some freed slots first, which keeps the simulated queue somewhat smaller: 15%.
        assertThat(backlog).isCloseTo(f.fluid().steadyBacklog(), within(0.15 * f.fluid().steadyBacklog()));
    }

    @Test
    void fortyADayDrainsAtOnceAndNothingBounces() {
        Forecast f = QueueForecaster.forecast(isp().arrivalsPerDay(40).build());
        assertThat(f.outcome()).isEqualTo(Forecast.Outcome.KEEPS_UP);
        assertThat(f.verdict()).startsWith("keeps up");
        assertThat(f.expiredTotal()).isZero();
        assertThat(f.deliveredTotal()).isEqualTo(40 * 14);
        assertThat(f.delayP95Hours()).isZero();
        assertThat(f.scenarios()).isEmpty();
    }

    @Test
    void aBacklogOf300With30ADayAndALimitOf49DrainsInAbout16DaysWhenNothingExpires() {
        // 300 / (49 - 30) = 15.8 days in the fluid model. The lifetime is set beyond that: with
        // Postfix's default 5 days part of the backlog would bounce first (next test).
        Forecast f = QueueForecaster.forecast(isp().arrivalsPerDay(30).backlog(300, 86_400).lifetimeDays(30)
                .horizonDays(30).build());
        assertThat(f.outcome()).isEqualTo(Forecast.Outcome.DRAINS);
        assertThat(f.fluid().drainDays()).isCloseTo(15.79, within(0.01));
        // Drained = under one hour of arrivals (1.25 messages) left; the hourly resolution and that
        // last message or so are worth well under half a day.
        assertThat(f.drainDays()).isCloseTo(f.fluid().drainDays(), within(0.5));
        assertThat(f.verdict()).isEqualTo("drains in " + String.format(java.util.Locale.ROOT, "%.1f", f.drainDays())
                + " days for isp.example");
        assertThat(f.expiredTotal()).isZero();
        assertThat(f.days().get(0).delivered()).isEqualTo(49);
        assertThat(f.days().get(29).delivered()).isEqualTo(30);
    }

    @Test
    void withTheDefaultFiveDayLifetimeTheSameBacklogEmptiesSoonerButPartOfItBounces() {
        Forecast f = QueueForecaster.forecast(isp().arrivalsPerDay(30).backlog(300, 86_400).horizonDays(30).build());
        assertThat(f.outcome()).isEqualTo(Forecast.Outcome.DRAINS_WITH_BOUNCES);
        assertThat(f.verdict()).contains("bounce at the end of the queue lifetime");
        // In 5 days only 5 x 19 = 95 of the 300 can be worked off; the rest of the backlog reaches
        // the lifetime on days 4-6 (it was up to a day old at the start).
        assertThat(f.expiredTotal()).isBetween(100L, 205L);
        assertThat(f.firstBounceDay()).isBetween(4, 6);
        assertThat(f.drainDays()).isLessThan(15.0);
    }

    @Test
    void everyPolicyDeliversTheLimitAndBouncesTheExcessOnlyAfterItsOwnLifetime() {
        for (RetryPolicy p : RetryPolicy.all()) {
            Forecast f = QueueForecaster.forecast(isp().policy(p).lifetimeSeconds(p.defaultLifetimeSeconds()).build());
            assertThat(f.outcome()).as(p.id()).isEqualTo(Forecast.Outcome.NEVER_DRAINS);
            assertThat(f.days()).as(p.id()).allSatisfy(d -> assertThat(d.delivered()).isEqualTo(49));
            double lifetimeDays = p.defaultLifetimeSeconds() / 86_400.0;
            // A message arriving at the very start of day 1 bounces no earlier than its lifetime.
            assertThat(f.firstBounceDay()).as(p.id()).isGreaterThan((int) lifetimeDays);
            assertThat(f.verdict()).as(p.id()).contains("about 21 messages a day");
        }
    }

    @Test
    void sendmailTriesTheNewestFirstSoTheOldestBounceAsSoonAsTheyReachTheLifetime() {
        Forecast f = QueueForecaster.forecast(isp().policy(RetryPolicy.sendmail()).build());
        // Least-retried first: the day-1 leftovers never get a slot, so all 21 bounce on day 6 and
        // the queue stays at five days of excess, (λ − μ)·L = 105.
        assertThat(f.days().get(5).expired()).isBetween(20, 21);
        assertThat(f.days().get(13).backlog()).isCloseTo(105, within(2));
        // …and whatever is delivered goes fast.
        assertThat(f.delayMedianHours()).isLessThan(1.0);
    }

    @Test
    void exchangeServesOldestFirstSoBouncesStartOnlyWhenTheWaitReachesTheLifetime() {
        Forecast f = QueueForecaster.forecast(isp().policy(RetryPolicy.exchange())
                .lifetimeSeconds(RetryPolicy.exchange().defaultLifetimeSeconds()).build());
        // FIFO: the wait is backlog / 49 a day = 21t/49 days; it reaches 2 days at t = 4.7 days.
        assertThat(f.firstBounceDay()).isBetween(4, 5);
        assertThat(f.delayMedianHours()).isBetween(24.0, 48.0);
    }

    @Test
    void calendarDayAndHourlyLimitsCapDeliveriesPerDay() {
        Forecast daily = QueueForecaster.forecast(isp().limitKind(LimitKind.CALENDAR_DAY).build());
        assertThat(daily.days()).allSatisfy(d -> assertThat(d.delivered()).isEqualTo(49));
        Forecast hourly = QueueForecaster.forecast(isp().limit(2).limitKind(LimitKind.HOURLY).build());
        // 2 an hour is 48 a day.
        assertThat(hourly.days().subList(1, 14)).allSatisfy(d -> assertThat(d.delivered()).isEqualTo(48));
        assertThat(hourly.fluid().capacityPerDay()).isEqualTo(48.0);
        assertThat(hourly.toDrainInAWeek().minLimit()).isEqualTo(3);
    }

    @Test
    void anHourlyLimitBelowTheBusyHourButAboveTheDailyAverageKeepsUpWithDailyQueues() {
        double[] business = new double[24];
        for (int h = 8; h < 16; h++) {
            business[h] = 1;
        }
        // 70 a day in 8 hours is 8.75 an hour against 5 an hour: a queue every afternoon, worked
        // off by the evening; 120 a day of capacity is plenty.
        Forecast f = QueueForecaster.forecast(isp().hourProfile(business).limit(5).limitKind(LimitKind.HOURLY).build());
        assertThat(f.outcome()).isEqualTo(Forecast.Outcome.KEEPS_UP);
        assertThat(f.verdict()).contains("forms at busy hours but empties every day");
        assertThat(f.expiredTotal()).isZero();
        assertThat(f.delayP95Hours()).isGreaterThan(0.5);
        assertThat(f.days()).allSatisfy(d -> assertThat(d.backlog()).isZero());
    }

    @Test
    void aPerConnectionLimitThrottlesQueueRunsNotFreshMail() {
        // Sendmail tries the whole queue once an hour on one connection that takes 5: 120 a day
        // for a backlog of 500 with nothing new arriving -> about 4.2 days.
        Forecast f = QueueForecaster.forecast(isp().arrivalsPerDay(0).backlog(500, 0).limit(5)
                .limitKind(LimitKind.PER_CONNECTION).policy(RetryPolicy.sendmail()).lifetimeDays(10).build());
        assertThat(f.outcome()).isEqualTo(Forecast.Outcome.DRAINS);
        assertThat(f.drainDays()).isCloseTo(500 / 120.0, within(0.1));
        assertThat(f.toDrainInAWeek().advice()).contains("per-connection");
        // Fresh mail goes out on its own connection, one message each: 1 per connection keeps up.
        Forecast fresh = QueueForecaster.forecast(isp().limit(1).limitKind(LimitKind.PER_CONNECTION).build());
        assertThat(fresh.outcome()).isEqualTo(Forecast.Outcome.KEEPS_UP);
    }

    @Test
    void proposedFixesAreForecastAsNamedScenarios() {
        FixScenario forward = FixScenario.removeArrivals("Stop forwarding info@ to the ISP mailbox",
                "the forward brings about 25 a day, spam included", 25);
        FixScenario pacing = new FixScenario("Raise the lifetime to 10 days", "keep mail longer", 0, null, null,
                10 * 86_400L);
        FixScenario relay = FixScenario.smarthost("Smarthost", "relay through the provider", 10_000);
        Forecast f = QueueForecaster.forecast(isp().scenarios(List.of(forward, pacing, relay)).build());

        assertThat(f.scenarios()).extracting(Forecast.ScenarioOutcome::name)
                .containsExactly(forward.name(), pacing.name(), relay.name());
        Forecast.ScenarioOutcome stop = f.scenarios().get(0);
        assertThat(stop.arrivalsPerDay()).isEqualTo(45.0);
        assertThat(stop.outcome()).isEqualTo(Forecast.Outcome.KEEPS_UP);
        assertThat(stop.bouncesAvoided()).isEqualTo(f.expiredTotal());
        // A longer lifetime only postpones the bounces: none within 10 days, the queue keeps growing.
        Forecast.ScenarioOutcome longer = f.scenarios().get(1);
        assertThat(longer.outcome()).isEqualTo(Forecast.Outcome.NEVER_DRAINS);
        assertThat(longer.verdict()).contains("about 21");
        assertThat(f.scenarios().get(2).outcome()).isEqualTo(Forecast.Outcome.KEEPS_UP);
    }

    @Test
    void withoutProposedFixesTheForecastSuggestsCuttingTheExcessPacingAndASmarthost() {
        Forecast f = QueueForecaster.forecast(isp().build());
        assertThat(f.scenarios()).extracting(Forecast.ScenarioOutcome::name)
                .containsExactly("Send 21 fewer a day", "Pace sending to the limit", "Send through a smarthost");
        assertThat(f.scenarios().get(0).expiredTotal()).isZero();
        assertThat(f.scenarios().get(2).expiredTotal()).isZero();
        // Pacing at 2 an hour (48 a day, just under 49) adds no capacity: the excess still bounces.
        Forecast.ScenarioOutcome paced = f.scenarios().get(1);
        assertThat(paced.limit()).isEqualTo(2);
        assertThat(paced.limitKind()).isEqualTo("hourly");
        assertThat(paced.outcome()).isEqualTo(Forecast.Outcome.NEVER_DRAINS);
        assertThat(paced.verdict()).contains("about 22 messages a day");
    }

    @Test
    void theForecastIsDeterministic() {
        Forecast a = QueueForecaster.forecast(isp().build());
        Forecast b = QueueForecaster.forecast(isp().build());
        assertThat(a.days()).isEqualTo(b.days());
        assertThat(a.verdict()).isEqualTo(b.verdict());
        assertThat(a.delayP95Hours()).isEqualTo(b.delayP95Hours());
    }

    @Test
    void serialisesWithTheProjectsMapper() throws Exception {
        Forecast f = QueueForecaster.forecast(isp().build());
        JsonNode root = Json.mapper().readTree(Json.mapper().writeValueAsString(f));
        assertThat(root.get("verdict").asText()).isEqualTo(f.verdict());
        assertThat(root.get("outcome").asText()).isEqualTo("NEVER_DRAINS");
        assertThat(root.get("days")).hasSize(14);
        assertThat(root.get("days").get(0).get("delivered").asInt()).isEqualTo(49);
        assertThat(root.get("backlogByHour")).hasSize(14 * 24);
        assertThat(root.get("inputs").get("policy").asText()).isEqualTo("postfix");
        assertThat(root.get("fluid").get("expiredPerDay").asDouble()).isEqualTo(21.0);
        assertThat(root.get("toDrainInAWeek").get("advice").asText()).contains("49 a day");
    }
}
