package org.mailmedic.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.mailmedic.engine.forecast.BacklogCohort;
import org.mailmedic.engine.forecast.FieldProblem;
import org.mailmedic.engine.forecast.FixScenario;
import org.mailmedic.engine.forecast.Forecast;
import org.mailmedic.engine.forecast.ForecastInput;
import org.mailmedic.engine.forecast.LimitKind;
import org.mailmedic.engine.forecast.QueueForecaster;
import org.mailmedic.engine.forecast.RetryPolicy;
import org.mailmedic.engine.report.Json;

/**
 * {@code mailmedic forecast}: will a queue for a rate-limited destination ever drain? Words that
 * are not numbers (or unknown policies and limit kinds) are usage errors, exit 2; numbers the
 * forecast cannot use (negative, zero limit, absurd volumes) are bad input, exit 1, with the flag
 * named.
 */
final class ForecastCommand implements Command {

    private static final Map<String, String> FLAG_OF = Map.of(
            ForecastInput.F_ARRIVALS, "--arrivals",
            ForecastInput.F_LIMIT, "--accept",
            ForecastInput.F_LIMIT_KIND, "--limit-kind",
            ForecastInput.F_POLICY, "--policy",
            ForecastInput.F_LIFETIME, "--lifetime",
            ForecastInput.F_HORIZON, "--days",
            ForecastInput.F_BACKLOG, "--backlog",
            ForecastInput.F_HOUR_PROFILE, "--hour-profile");

    @Override
    public String name() {
        return "forecast";
    }

    @Override
    public String usage() {
        return "forecast [--arrivals N] [--accept N] [--policy postfix|sendmail|exim|exchange|exchange-online]"
                + " [--lifetime DAYS] [--days N] [--backlog N] [--backlog-age DAYS]"
                + " [--limit-kind rolling24h|calendar-day|hourly|per-connection] [--destination NAME]"
                + " [--forward N] [--json]";
    }

    @Override
    public int run(List<String> rawArgs, CliContext ctx) throws UsageException {
        Args args = Args.parse(rawArgs, Set.of("--json"), Set.of("--arrivals", "--accept", "--policy", "--lifetime",
                "--days", "--backlog", "--backlog-age", "--limit-kind", "--destination", "--forward"));
        if (!args.positional().isEmpty()) {
            throw new UsageException("unexpected argument '" + args.positional().get(0) + "'");
        }
        if (args.value("--accept") == null) {
            throw new UsageException("say how many messages the destination accepts: --accept N");
        }
        if (args.value("--arrivals") == null && args.value("--backlog") == null) {
            throw new UsageException("say how many messages arrive a day (--arrivals N) or are queued (--backlog N)");
        }
        String policyName = args.value("--policy", "postfix");
        RetryPolicy policy = RetryPolicy.forMta(policyName).orElseThrow(() -> new UsageException(
                "--policy must be postfix, sendmail, exim, exchange or exchange-online, not '" + policyName + "'"));
        String kindName = args.value("--limit-kind", "rolling24h");
        LimitKind kind = LimitKind.parse(kindName).orElseThrow(() -> new UsageException(
                "--limit-kind must be rolling24h, calendar-day, hourly or per-connection, not '" + kindName + "'"));

        double arrivals = number(args, "--arrivals", 0);
        double accept = number(args, "--accept", 0);
        double days = number(args, "--days", 14);
        double backlog = number(args, "--backlog", 0);
        double backlogAge = number(args, "--backlog-age", 1);
        double forward = number(args, "--forward", 0);
        List<String> wholeProblems = new ArrayList<>();
        int limit = whole(accept, "--accept", wholeProblems);
        int horizon = whole(days, "--days", wholeProblems);
        int queued = whole(backlog, "--backlog", wholeProblems);
        if (!(backlogAge >= 0 && backlogAge <= 365)) {
            wholeProblems.add("--backlog-age: the age of the oldest queued message must be between 0 and 365 days");
        }
        if (!(forward >= 0 && forward <= ForecastInput.MAX_ARRIVALS_PER_DAY)) {
            wholeProblems.add("--forward: the messages a day a forward brings must be 0 or more");
        }
        ForecastInput.Builder b = ForecastInput.builder()
                .destination(args.value("--destination", ""))
                .arrivalsPerDay(arrivals).limit(limit).limitKind(kind).policy(policy).horizonDays(horizon)
                .backlog(queued < 0 ? List.of(new BacklogCohort(queued, 0))
                        : BacklogCohort.spread(queued, Math.round(Math.max(0, Math.min(365, backlogAge)) * 86_400)));
        if (args.value("--lifetime") != null) {
            b.lifetimeDays(number(args, "--lifetime", 0));
        }
        if (forward > 0) {
            String dest = args.value("--destination", "");
            b.scenarios(List.of(FixScenario.removeArrivals("Stop the forward",
                    "the forward brings about " + fmt(forward) + " messages a day"
                            + (dest.isBlank() ? "" : " to " + dest.trim()), forward)));
        }
        ForecastInput in = b.build();
        List<FieldProblem> problems = in.validate();
        if (!wholeProblems.isEmpty() || !problems.isEmpty()) {
            wholeProblems.forEach(p -> ctx.err().println("mailmedic forecast: " + p));
            for (FieldProblem p : problems) {
                ctx.err().println("mailmedic forecast: " + FLAG_OF.getOrDefault(p.field(), p.field()) + ": "
                        + p.message());
            }
            return Cli.BAD_INPUT;
        }
        Forecast f = QueueForecaster.forecast(in);
        if (args.flag("--json")) {
            try {
                ctx.out().println(Json.mapper().writeValueAsString(f));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        } else {
            ctx.out().print(text(f));
        }
        return Cli.OK;
    }

    /** The verdict, a day-by-day table and what would change it. */
    static String text(Forecast f) {
        Forecast.Inputs i = f.inputs();
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "Queue forecast%s: %s a day against a limit of %,d %s; %s, %s-day"
                        + " queue lifetime%s; %d days.%n",
                f.destination().isEmpty() ? "" : " for " + f.destination(), fmt(i.arrivalsPerDay()), i.limit(),
                i.limitLabel(), i.policyLabel(), fmt(i.lifetimeDays()),
                i.backlog() > 0 ? String.format(Locale.ROOT, "; %,d already queued", i.backlog()) : "",
                i.horizonDays()));
        sb.append("Verdict: ").append(f.verdict()).append("\n\n");
        sb.append(" day  arrived  delivered  bounced  queued\n");
        for (Forecast.Day d : f.days()) {
            sb.append(String.format(Locale.ROOT, "%4d  %7d  %9d  %7d  %6d%n", d.day(), d.arrived(), d.delivered(),
                    d.expired(), d.backlog()));
        }
        sb.append('\n');
        if (f.delayMedianHours() != null) {
            sb.append(String.format(Locale.ROOT, "Delivery delay: median %s, 95th percentile %s.%n",
                    hours(f.delayMedianHours()), hours(f.delayP95Hours())));
        }
        sb.append(capitalise(f.toDrainInAWeek().advice())).append(".\n");
        if (!f.scenarios().isEmpty()) {
            sb.append("With a fix:\n");
            for (Forecast.ScenarioOutcome s : f.scenarios()) {
                sb.append("  - ").append(s.name()).append(" (").append(s.description()).append("): ")
                        .append(s.verdict());
                if (s.bouncesAvoided() > 0) {
                    sb.append(String.format(Locale.ROOT, "; %,d fewer bounces over %d days", s.bouncesAvoided(),
                            i.horizonDays()));
                }
                sb.append('\n');
            }
        }
        if (Double.isFinite(f.fluid().capacityPerDay())) {
            sb.append(String.format(Locale.ROOT, "Fluid-model check: %s delivered and %s bounced a day in the long run%s.%n",
                    fmt(f.fluid().deliveredPerDay()), fmt(f.fluid().expiredPerDay()),
                    f.fluid().drainDays() != null && f.fluid().drainDays() > 0
                            ? ", backlog gone after " + fmt(f.fluid().drainDays()) + " days" : ""));
        }
        return sb.toString();
    }

    private static String hours(double h) {
        if (h < 1) {
            return Math.round(h * 60) + " min";
        }
        if (h < 48) {
            return String.format(Locale.ROOT, "%.1f hours", h);
        }
        return String.format(Locale.ROOT, "%.1f days", h / 24);
    }

    private static String capitalise(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private static double number(Args args, String name, double fallback) throws UsageException {
        String v = args.value(name);
        if (v == null) {
            return fallback;
        }
        try {
            return Double.parseDouble(v.trim());
        } catch (NumberFormatException e) {
            throw new UsageException(name + " must be a number, not '" + v + "'");
        }
    }

    /** A whole number of a double, or a problem; the validation of the range is the engine's. */
    private static int whole(double v, String name, List<String> problems) {
        if (v != Math.rint(v) || !Double.isFinite(v)) {
            problems.add(name + ": must be a whole number, not " + v);
            return 0;
        }
        return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, v));
    }

    private static String fmt(double v) {
        double r = Math.round(v * 10) / 10.0;
        return r == Math.rint(r) ? String.format(Locale.ROOT, "%,d", (long) r) : String.format(Locale.ROOT, "%,.1f", r);
    }
}
