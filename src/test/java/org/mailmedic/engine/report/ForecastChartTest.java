package org.mailmedic.engine.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ForecastChartTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            355    | 0 100 200 300 400
            71     | 0 20 40 60 80
            49     | 0 10 20 30 40 50
            3      | 0 1 2 3
            0.4    | 0 0.1 0.2 0.3 0.4
            12000  | 0 2500 5000 7500 10000 12500
            0      | 0 1
            """)
    void ticksAreRoundAndCoverTheMaximum(double max, String expected) {
        StringBuilder b = new StringBuilder();
        for (double t : ForecastChart.ticks(max)) {
            b.append(b.length() == 0 ? "" : " ").append(t == Math.rint(t) ? Long.toString((long) t) : Double.toString(t));
        }
        assertThat(b.toString()).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            355.0   | 355
            12500   | 12,500
            0.25    | 0.3
            """)
    void labelsAreShort(double v, String expected) {
        assertThat(ForecastChart.fmt(v)).isEqualTo(expected);
    }
}
