package org.mailmedic.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.mailmedic.engine.diagnosis.fix.MailServer;
import org.mailmedic.engine.forecast.BacklogCohort;
import org.mailmedic.engine.forecast.Forecast;
import org.mailmedic.engine.forecast.ForecastInput;
import org.mailmedic.engine.forecast.LimitKind;
import org.mailmedic.engine.forecast.QueueForecaster;
import org.mailmedic.engine.forecast.RetryPolicy;
import org.mailmedic.engine.logs.LogAnalysis;

/**
 * The queue forecast for each throttled destination, with every input inferred from the logs:
 * arrivals a day and their hour-of-day profile ({@link LogAnalysis#arrivalsFor}), the limit the
 * throttle analysis inferred (per rolling 24 hours), the messages still queued for it at the end
 * of the logs with the age of the oldest, and the retry policy of the user's mail server
 * ({@link RetryPolicy#forMta}; Postfix's when it runs at a provider, whose schedule is unknown).
 * A destination whose inputs the forecast cannot use is left out rather than forecast from guesses.
 */
final class ThrottleForecasts {

    static final int HORIZON_DAYS = 14;

    private ThrottleForecasts() {
    }

    /** Forecasts keyed by destination (lower case), in the order the throttles were found. */
    static Map<String, Forecast> of(LogAnalysis logs, MailServer server) {
        Map<String, Forecast> out = new LinkedHashMap<>();
        if (logs == null) {
            return out;
        }
        RetryPolicy policy = RetryPolicy.forMta(server.id()).orElse(RetryPolicy.postfix());
        for (LogAnalysis.Throttle th : logs.throttles()) {
            ForecastInput in = input(logs, th, policy);
            if (in != null && in.validate().isEmpty()) {
                out.put(th.destination().toLowerCase(Locale.ROOT), QueueForecaster.forecast(in));
            }
        }
        return out;
    }

    static ForecastInput input(LogAnalysis logs, LogAnalysis.Throttle th, RetryPolicy policy) {
        Integer limit = th.inferredDailyLimit();
        LogAnalysis.Arrivals arrivals = logs.arrivalsFor(th.destination());
        if (limit == null || limit <= 0 || arrivals == null) {
            return null;
        }
        double[] profile = null;
        List<Long> hours = arrivals.byHourOfDay();
        if (hours != null && hours.size() == 24 && hours.stream().mapToLong(Long::longValue).sum() > 0) {
            profile = hours.stream().mapToDouble(Long::doubleValue).toArray();
        }
        List<BacklogCohort> backlog = List.of();
        if (logs.queue() != null) {
            for (LogAnalysis.QueuedDestination q : logs.queue().byDestination()) {
                if (q.destination().equalsIgnoreCase(th.destination())) {
                    backlog = BacklogCohort.spread((int) Math.min(Integer.MAX_VALUE, q.recipients()), q.oldestSeconds());
                }
            }
        }
        return ForecastInput.builder().destination(th.destination()).arrivalsPerDay(arrivals.averagePerDay())
                .hourProfile(profile).limit(limit).limitKind(LimitKind.ROLLING_24H).policy(policy)
                .horizonDays(HORIZON_DAYS).backlog(backlog).build();
    }
}
