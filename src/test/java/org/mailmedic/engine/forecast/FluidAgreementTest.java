package org.mailmedic.engine.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The simulation against the closed-form fluid model, where the two must agree. */
class FluidAgreementTest {

    @ParameterizedTest(name = "{0}: {1}/day against {2}/day")
    @CsvSource(textBlock = """
            postfix,          10,    49
            postfix,          48,    49
            sendmail,         300,   1000
            exim,             4000,  5000
            exchange,         20,    100
            exchange-online,  900,   1000
            """)
    void wellBelowTheLimitThereIsNoBacklogAndEverythingIsDelivered(String mta, double arrivals, int limit) {
        ForecastInput in = ForecastInput.builder().arrivalsPerDay(arrivals).limit(limit)
                .policy(RetryPolicy.forMta(mta).orElseThrow()).horizonDays(10).build();
        Forecast f = QueueForecaster.forecast(in);
        FluidModel.Estimate e = FluidModel.estimate(in);
        assertThat(e.deliveredPerDay()).isEqualTo(arrivals);
        assertThat(e.expiredPerDay()).isZero();
        assertThat(f.expiredTotal()).isZero();
        assertThat(f.backlogAtEnd()).isZero();
        assertThat(f.days()).allSatisfy(d -> assertThat(d.delivered()).isCloseTo((int) arrivals, within(1)));
    }

    @ParameterizedTest(name = "{0}: {1}/day against {2}/day, lifetime {3} d")
    @CsvSource(textBlock = """
            postfix,          70,    49,    5
            postfix,          1000,  400,   5
            sendmail,         70,    49,    5
            exim,             200,   120,   4
            exchange,         70,    49,    2
            exchange-online,  500,   300,   1
            """)
    void aboveTheLimitTheBacklogGrowsByTheExcessUntilTheLifetimeThenTheExcessBounces(String mta, double arrivals,
            int limit, double lifeDays) {
        ForecastInput in = ForecastInput.builder().arrivalsPerDay(arrivals).limit(limit)
                .policy(RetryPolicy.forMta(mta).orElseThrow()).lifetimeDays(lifeDays).horizonDays(30).build();
        Forecast f = QueueForecaster.forecast(in);
        FluidModel.Estimate e = FluidModel.estimate(in);
        double excess = arrivals - limit;
        assertThat(e.growthPerDay()).isEqualTo(excess);
        // Before anything can expire the simulated queue grows exactly as the fluid one: one
        // message of rounding per day boundary at most.
        for (int d = 1; d <= (int) lifeDays; d++) {
            assertThat((double) f.days().get(d - 1).backlog()).as("day %d", d).isCloseTo(excess * d, within(1.0));
        }
        // Steady state over the last ten days: the limit is delivered and the excess bounces. Which
        // messages win a freed slot is random for Postfix and Exim, so a day's bounces scatter by a
        // few around the mean; over ten days the mean is within 1.5 (or 5% of the excess).
        double delivered = f.days().subList(20, 30).stream().mapToInt(Forecast.Day::delivered).average().orElseThrow();
        double expired = f.days().subList(20, 30).stream().mapToInt(Forecast.Day::expired).average().orElseThrow();
        assertThat(delivered).isCloseTo(e.deliveredPerDay(), within(0.5));
        assertThat(expired).isCloseTo(e.expiredPerDay(), within(Math.max(1.5, 0.05 * excess)));
    }

    @ParameterizedTest(name = "backlog {0}, {1}/day against {2}/day")
    @CsvSource(textBlock = """
            300,   30,   49
            1000,  100,  200
            5000,  0,    1000
            """)
    void belowTheLimitABacklogDrainsInBacklogOverSpareCapacityDays(int backlog, double arrivals, int limit) {
        ForecastInput in = ForecastInput.builder().arrivalsPerDay(arrivals).limit(limit).backlog(backlog, 3_600)
                .lifetimeDays(60).horizonDays(40).build();
        Forecast f = QueueForecaster.forecast(in);
        double fluidDays = FluidModel.estimate(in).drainDays();
        assertThat(fluidDays).isCloseTo(backlog / (limit - arrivals), within(1e-9));
        // The last message or two and the hourly resolution: a quarter day plus 2% of the drain.
        assertThat(f.drainDays()).isCloseTo(fluidDays, within(0.25 + 0.02 * fluidDays));
        assertThat(f.expiredTotal()).isZero();
    }
}
