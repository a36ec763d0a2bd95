package org.mailmedic.ui.forecast;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.mailmedic.engine.forecast.Forecast;
import org.mailmedic.engine.forecast.ForecastInput;
import org.mailmedic.engine.forecast.LimitKind;
import org.mailmedic.engine.forecast.QueueForecaster;
import org.mailmedic.ui.forecast.ForecastViewModel.Field;

/** The Forecast screen's state, without the JavaFX toolkit: inline runner, immediate "debounce". */
class ForecastViewModelTest {

    private final ForecastViewModel vm = new ForecastViewModel(ForecastViewModel.inlineRunner(), Runnable::run);

    @Test
    void typingTheInputsProducesTheForecastAndItsVerdict() {
        vm.arrivalsProperty().set("70");
        vm.limitProperty().set("49");
        assertThat(vm.forecastProperty().get()).isNotNull();
        assertThat(vm.verdictProperty().get())
                .isEqualTo("Never drains: about 21 messages a day will bounce (the first on day 6).");
        assertThat(vm.forecastProperty().get().days()).hasSize(14);
        assertThat(vm.inputsValidProperty().get()).isTrue();

        vm.arrivalsProperty().set("40");
        assertThat(vm.forecastProperty().get().outcome()).isEqualTo(Forecast.Outcome.KEEPS_UP);
        assertThat(vm.verdictProperty().get()).startsWith("Keeps up");
    }

    @Test
    void badValuesGetAMessageNextToTheFieldAndNoChart() {
        vm.limitProperty().set("49");
        vm.arrivalsProperty().set("-5");
        assertThat(vm.errorProperty(Field.ARRIVALS).get()).contains("cannot be negative");
        assertThat(vm.forecastProperty().get()).isNull();
        assertThat(vm.verdictProperty().get()).isEqualTo("Fix the highlighted inputs to see the forecast.");

        vm.arrivalsProperty().set("lots");
        assertThat(vm.errorProperty(Field.ARRIVALS).get()).isEqualTo("Messages a day must be a number, not “lots”");

        vm.arrivalsProperty().set("1000000000");
        assertThat(vm.errorProperty(Field.ARRIVALS).get()).contains("not plausible");

        vm.arrivalsProperty().set("70");
        vm.limitProperty().set("0");
        assertThat(vm.errorProperty(Field.ARRIVALS).get()).isEmpty();
        assertThat(vm.errorProperty(Field.LIMIT).get()).contains("accepts nothing");

        vm.limitProperty().set("49");
        vm.lifetimeDaysProperty().set("0");
        assertThat(vm.errorProperty(Field.LIFETIME).get()).contains("more than 0");
        vm.lifetimeDaysProperty().set("5");
        vm.horizonDaysProperty().set("2.5");
        assertThat(vm.errorProperty(Field.HORIZON).get()).isEqualTo("Enter a whole number");
        vm.horizonDaysProperty().set("14");
        assertThat(vm.forecastProperty().get()).isNotNull();
        assertThat(Field.values()).allSatisfy(f -> assertThat(vm.errorProperty(f).get()).isEmpty());
    }

    @Test
    void valuesFromTheLogsAreMarkedUntilEdited() {
        double[] profile = new double[24];
        for (int h = 8; h < 18; h++) {
            profile[h] = 1;
        }
        vm.applyInferred("isp.example", 70, 49, profile, LimitKind.ROLLING_24H, "sendmail", 120);
        assertThat(vm.inferredProperty(Field.ARRIVALS).get()).isTrue();
        assertThat(vm.inferredProperty(Field.LIMIT).get()).isTrue();
        assertThat(vm.inferredProperty(Field.POLICY).get()).isTrue();
        assertThat(vm.inferredProperty(Field.BACKLOG).get()).isTrue();
        assertThat(vm.policyProperty().get().id()).isEqualTo("sendmail");
        assertThat(vm.lifetimeDaysProperty().get()).isEqualTo("5");
        assertThat(vm.forecastProperty().get().destination()).isEqualTo("isp.example");
        assertThat(vm.forecastProperty().get().inputs().backlog()).isEqualTo(120);
        assertThat(vm.verdictProperty().get()).startsWith("Never drains for isp.example");

        vm.arrivalsProperty().set("45");
        assertThat(vm.inferredProperty(Field.ARRIVALS).get()).isFalse();
        assertThat(vm.inferredProperty(Field.LIMIT).get()).isTrue();
    }

    @Test
    void theShortFormOfApplyInferredKeepsTheOtherInputs() {
        vm.applyInferred("isp.example", 30, 49, null);
        assertThat(vm.inferredProperty(Field.POLICY).get()).isFalse();
        assertThat(vm.policyProperty().get().id()).isEqualTo("postfix");
        assertThat(vm.forecastProperty().get().outcome()).isEqualTo(Forecast.Outcome.KEEPS_UP);
    }

    @Test
    void choosingAnotherMailServerBringsItsQueueLifetime() {
        vm.arrivalsProperty().set("70");
        vm.limitProperty().set("49");
        vm.policyProperty().set(org.mailmedic.engine.forecast.RetryPolicy.exchange());
        assertThat(vm.lifetimeDaysProperty().get()).isEqualTo("2");
        assertThat(vm.forecastProperty().get().inputs().policy()).isEqualTo("exchange");
        assertThat(vm.forecastProperty().get().inputs().lifetimeDays()).isEqualTo(2.0);
    }

    @Test
    void aResultArrivingAfterTheInputsChangedAgainIsDropped() {
        List<Runnable> pending = new ArrayList<>();
        List<Integer> cancelled = new ArrayList<>();
        ForecastViewModel.Runner deferred = (input, ok, failed) -> {
            int n = pending.size();
            pending.add(() -> ok.accept(QueueForecaster.forecast(input)));
            return () -> cancelled.add(n);
        };
        ForecastViewModel slow = new ForecastViewModel(deferred, Runnable::run);
        slow.limitProperty().set("49");
        slow.arrivalsProperty().set("70");
        slow.arrivalsProperty().set("40");
        assertThat(slow.busyProperty().get()).isTrue();
        assertThat(cancelled).contains(pending.size() - 2);
        // The older forecast finishes last: it must not replace the newer one.
        pending.get(pending.size() - 1).run();
        pending.get(pending.size() - 2).run();
        assertThat(slow.forecastProperty().get().inputs().arrivalsPerDay()).isEqualTo(40.0);
        assertThat(slow.busyProperty().get()).isFalse();
    }

    @Test
    void aFailedForecastIsReportedInTheBanner() {
        ForecastViewModel.Runner failing = (input, ok, failed) -> {
            failed.accept(new IllegalStateException("out of memory"));
            return () -> {
            };
        };
        ForecastViewModel broken = new ForecastViewModel(failing, Runnable::run);
        broken.limitProperty().set("49");
        broken.arrivalsProperty().set("70");
        assertThat(broken.verdictProperty().get()).isEqualTo("The forecast could not be computed: out of memory");
        assertThat(broken.forecastProperty().get()).isNull();
    }

    @Test
    void debouncingIsTheCallersAndRecomputeHappensOnlyWhenItFires() {
        List<Runnable> scheduled = new ArrayList<>();
        Consumer<Runnable> later = scheduled::add;
        ForecastViewModel debounced = new ForecastViewModel(ForecastViewModel.inlineRunner(), later);
        debounced.limitProperty().set("49");
        debounced.arrivalsProperty().set("70");
        assertThat(debounced.forecastProperty().get()).isNull();
        scheduled.get(scheduled.size() - 1).run();
        assertThat(debounced.forecastProperty().get().inputs().arrivalsPerDay()).isEqualTo(70.0);
        assertThat(ForecastInput.builder().build().policy().id()).isEqualTo("postfix");
    }
}
