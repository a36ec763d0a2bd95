package org.mailmedic.engine.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ForecastInputTest {

    private static ForecastInput.Builder ok() {
        return ForecastInput.builder().arrivalsPerDay(70).limit(49).horizonDays(14);
    }

    private static List<String> fields(ForecastInput in) {
        return in.validate().stream().map(FieldProblem::field).toList();
    }

    @Test
    void aSensibleInputHasNoProblems() {
        assertThat(ok().build().validate()).isEmpty();
        assertThat(ok().build().lifetimeSeconds()).isEqualTo(5 * 86_400L);
    }

    @Test
    void negativeArrivalsAreNamed() {
        List<FieldProblem> p = ok().arrivalsPerDay(-5).build().validate();
        assertThat(p).singleElement().satisfies(f -> {
            assertThat(f.field()).isEqualTo(ForecastInput.F_ARRIVALS);
            assertThat(f.message()).contains("cannot be negative").contains("-5");
        });
    }

    @Test
    void absurdArrivalsAreRefusedNotSimulated() {
        List<FieldProblem> p = ok().arrivalsPerDay(1e9).build().validate();
        assertThat(p).singleElement().satisfies(f -> {
            assertThat(f.field()).isEqualTo(ForecastInput.F_ARRIVALS);
            assertThat(f.message()).contains("1,000,000,000").contains("not plausible");
        });
    }

    @Test
    void aLimitOfZeroIsExplained() {
        assertThat(ok().limit(0).build().validate()).singleElement().satisfies(f -> {
            assertThat(f.field()).isEqualTo(ForecastInput.F_LIMIT);
            assertThat(f.message()).contains("accepts nothing");
        });
    }

    @Test
    void aLifetimeOfZeroIsExplained() {
        assertThat(ok().lifetimeDays(0).build().validate()).singleElement().satisfies(f -> {
            assertThat(f.field()).isEqualTo(ForecastInput.F_LIFETIME);
            assertThat(f.message()).contains("more than 0");
        });
        assertThat(fields(ok().lifetimeDays(Double.NaN).build())).containsExactly(ForecastInput.F_LIFETIME);
        assertThat(fields(ok().lifetimeDays(400).build())).containsExactly(ForecastInput.F_LIFETIME);
    }

    @Test
    void nothingToForecastWithoutArrivalsOrBacklog() {
        assertThat(fields(ok().arrivalsPerDay(0).build())).containsExactly(ForecastInput.F_ARRIVALS);
        assertThat(ok().arrivalsPerDay(0).backlog(100, 0).build().validate()).isEmpty();
    }

    @Test
    void horizonOutOfRangeAndNonNumbers() {
        assertThat(fields(ok().horizonDays(0).build())).containsExactly(ForecastInput.F_HORIZON);
        assertThat(fields(ok().horizonDays(1000).build())).containsExactly(ForecastInput.F_HORIZON);
        assertThat(fields(ok().arrivalsPerDay(Double.NaN).build())).containsExactly(ForecastInput.F_ARRIVALS);
        assertThat(fields(ok().arrivalsPerDay(Double.POSITIVE_INFINITY).build())).containsExactly(ForecastInput.F_ARRIVALS);
        assertThat(fields(ok().policy(null).build())).contains(ForecastInput.F_POLICY);
        assertThat(fields(ok().limitKind(null).build())).containsExactly(ForecastInput.F_LIMIT_KIND);
    }

    @Test
    void tooManyMessagesToSimulateIsRefusedWithTheReason() {
        // 200,000 a day for 30 days = 6 million messages: over the cap, refused before any work.
        List<FieldProblem> p = ok().arrivalsPerDay(200_000).limit(100).horizonDays(30).build().validate();
        assertThat(p).singleElement().satisfies(f -> {
            assertThat(f.field()).isEqualTo(ForecastInput.F_HORIZON);
            assertThat(f.message()).contains("6,000,000 messages").contains("shorten the horizon");
        });
    }

    @Test
    void tooMuchWorkIsRefusedBeforeStarting() {
        // Postfix picks at random from a queue that holds up to 90 days of 8,000 a day: every queue
        // run of a year would shuffle tens of thousands of entries.
        List<FieldProblem> p = ok().arrivalsPerDay(8_000).limit(5_000).lifetimeDays(90).horizonDays(365).build()
                .validate();
        assertThat(p).singleElement().satisfies(f -> {
            assertThat(f.field()).isEqualTo(ForecastInput.F_LIFETIME);
            assertThat(f.message()).contains("8,000 messages a day kept up to 90 days");
        });
        // The same volume with Exchange's oldest-first queue is cheap and allowed.
        assertThat(ok().arrivalsPerDay(8_000).limit(5_000).policy(RetryPolicy.exchange()).lifetimeDays(90)
                .horizonDays(365).build().validate()).isEmpty();
    }

    @Test
    void hourProfileMustHave24NonNegativeNumbers() {
        assertThat(fields(ok().hourProfile(new double[24]).build())).containsExactly(ForecastInput.F_HOUR_PROFILE);
        assertThat(fields(ok().hourProfile(new double[] {1, 2}).build())).containsExactly(ForecastInput.F_HOUR_PROFILE);
        double[] business = new double[24];
        for (int h = 8; h < 18; h++) {
            business[h] = 1;
        }
        ForecastInput in = ok().hourProfile(business).build();
        assertThat(in.validate()).isEmpty();
        assertThat(in.normalisedHourProfile()[9]).isEqualTo(0.1);
        assertThat(in.normalisedHourProfile()[3]).isZero();
    }

    @Test
    void negativeOrHugeBacklogIsNamed() {
        assertThat(fields(ok().backlog(List.of(new BacklogCohort(-3, 0))).build())).containsExactly(ForecastInput.F_BACKLOG);
        assertThat(fields(ok().backlog(2_000_000, 0).build())).containsExactly(ForecastInput.F_BACKLOG);
        assertThat(fields(ok().backlog(List.of(new BacklogCohort(3, Long.MAX_VALUE))).build()))
                .containsExactly(ForecastInput.F_BACKLOG);
    }

    @Test
    void theForecasterRefusesInvalidInputWithEveryProblem() {
        ForecastInput bad = ok().arrivalsPerDay(-1).limit(0).lifetimeDays(0).build();
        assertThatThrownBy(() -> QueueForecaster.forecast(bad))
                .isInstanceOfSatisfying(InvalidForecastInputException.class, e -> assertThat(e.problems())
                        .extracting(FieldProblem::field)
                        .containsExactly(ForecastInput.F_ARRIVALS, ForecastInput.F_LIMIT, ForecastInput.F_LIFETIME));
    }

    @Test
    void backlogSpreadKeepsTheCountAndSpreadsAges() {
        List<BacklogCohort> c = BacklogCohort.spread(300, 86_400);
        assertThat(c.stream().mapToInt(BacklogCohort::count).sum()).isEqualTo(300);
        assertThat(c).hasSize(24);
        assertThat(c.get(0).ageSeconds()).isEqualTo(1_800);
        assertThat(c.get(23).ageSeconds()).isEqualTo(84_600);
        assertThat(BacklogCohort.spread(5, 0)).containsExactly(new BacklogCohort(5, 0));
    }
}
