package org.mailmedic.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mailmedic.engine.report.Json;
import org.mailmedic.testing.CliRunner;

class ForecastCommandTest {

    private final CliRunner cli = new CliRunner();

    @Test
    void textOutputGivesTheVerdictAndADayByDayTable() {
        CliRunner.Result r = cli.run("forecast", "--arrivals", "70", "--accept", "49", "--policy", "postfix",
                "--lifetime", "5", "--days", "14", "--destination", "isp.example");
        assertThat(r.exitCode()).isEqualTo(Cli.OK);
        assertThat(r.out()).contains("Verdict: never drains for isp.example: about 21 messages a day will bounce"
                + " (the first on day 6)");
        assertThat(r.out()).contains(" day  arrived  delivered  bounced  queued");
        assertThat(r.out()).contains("   1       70         49        0      21");
        assertThat(r.out()).contains("To drain within a week: bring arrivals down to 49 a day or fewer,"
                + " or get the limit raised to 70 a day or more.");
        assertThat(r.out().lines().filter(l -> l.matches("\\s+\\d+\\s+\\d+\\s+\\d+\\s+\\d+\\s+\\d+"))).hasSize(14);
        assertThat(r.err()).isEmpty();
    }

    @Test
    void jsonIsOneDocumentWithTheForecast() throws Exception {
        CliRunner.Result r = cli.run("forecast", "--arrivals", "30", "--accept", "49", "--backlog", "300",
                "--lifetime", "30", "--days", "20", "--json");
        assertThat(r.exitCode()).isEqualTo(Cli.OK);
        JsonNode root = Json.mapper().readTree(r.out());
        assertThat(root.get("outcome").asText()).isEqualTo("DRAINS");
        assertThat(root.get("drainDays").asDouble()).isBetween(15.3, 16.3);
        assertThat(root.get("days")).hasSize(20);
        assertThat(root.get("inputs").get("backlog").asInt()).isEqualTo(300);
    }

    @Test
    void aForwardBecomesANamedScenario() throws Exception {
        CliRunner.Result r = cli.run("forecast", "--arrivals", "70", "--accept", "49", "--forward", "25", "--json");
        assertThat(r.exitCode()).isEqualTo(Cli.OK);
        JsonNode s = Json.mapper().readTree(r.out()).get("scenarios");
        assertThat(s).hasSize(1);
        assertThat(s.get(0).get("name").asText()).isEqualTo("Stop the forward");
        assertThat(s.get(0).get("arrivalsPerDay").asDouble()).isEqualTo(45.0);
        assertThat(s.get(0).get("outcome").asText()).isEqualTo("KEEPS_UP");
    }

    @Test
    void everyPolicyAndLimitKindRuns() {
        for (String p : new String[] {"postfix", "sendmail", "exim", "exchange", "exchange-online"}) {
            for (String k : new String[] {"rolling24h", "calendar-day", "hourly"}) {
                CliRunner.Result r = cli.run("forecast", "--arrivals", "70",
                        "--accept", k.equals("hourly") ? "2" : "49", "--policy", p, "--limit-kind", k, "--days", "7");
                assertThat(r.exitCode()).as(p + " " + k).isEqualTo(Cli.OK);
                assertThat(r.out()).contains("Verdict: never drains");
            }
        }
    }

    @ParameterizedTest
    @CsvSource(textBlock = """
            --arrivals,  -5,   '--arrivals: arrivals per day cannot be negative'
            --arrivals,  1e9,  '--arrivals: arrivals per day of 1,000,000,000 is not plausible'
            --accept,    0,    '--accept: a limit of 0 means the destination accepts nothing'
            --accept,    -2,   '--accept: the acceptance limit cannot be negative'
            --accept,    4.5,  '--accept: must be a whole number'
            --lifetime,  0,    '--lifetime: the queue lifetime must be more than 0'
            --days,      0,    '--days: forecast at least 1 day'
            --days,      9999, '--days: forecast at most 365 days'
            --backlog,   -1,   '--backlog: the backlog cannot be negative'
            """)
    void badValuesAreBadInputNamingTheFlag(String flag, String value, String message) {
        String[] args = {"forecast", "--arrivals", "70", "--accept", "49", flag, value};
        CliRunner.Result r = cli.run(args);
        assertThat(r.exitCode()).isEqualTo(Cli.BAD_INPUT);
        assertThat(r.err()).contains("mailmedic forecast: " + message).doesNotContain("Exception");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void tooMuchToSimulateIsRefusedQuickly() {
        CliRunner.Result r = cli.run("forecast", "--arrivals", "900000", "--accept", "10", "--days", "365");
        assertThat(r.exitCode()).isEqualTo(Cli.BAD_INPUT);
        assertThat(r.err()).contains("--days:").contains("more than this forecast simulates");
    }

    @ParameterizedTest
    @CsvSource(textBlock = """
            '--arrivals,lots,--accept,49',           '--arrivals must be a number'
            '--arrivals,70,--accept,49,--policy,qmail', '--policy must be postfix, sendmail, exim, exchange or exchange-online'
            '--arrivals,70,--accept,49,--limit-kind,weekly', '--limit-kind must be rolling24h'
            '--arrivals,70',                          'say how many messages the destination accepts'
            '--accept,49',                            'say how many messages arrive a day'
            '--arrivals,70,--accept,49,extra',        'unexpected argument'
            '--arrivals,70,--accept',                 '--accept needs a value'
            """)
    void wrongArgumentsAreUsageErrors(String args, String message) {
        String[] split = args.split(",");
        String[] all = new String[split.length + 1];
        all[0] = "forecast";
        System.arraycopy(split, 0, all, 1, split.length);
        CliRunner.Result r = cli.run(all);
        assertThat(r.exitCode()).isEqualTo(Cli.USAGE);
        assertThat(r.err()).contains(message).contains("usage: mailmedic forecast");
    }
}
