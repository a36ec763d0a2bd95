package org.mailmedic.engine.forecast;

import java.util.List;
import java.util.stream.Collectors;

/** Thrown by {@link QueueForecaster#forecast} when the input fails validation; carries every problem. */
public final class InvalidForecastInputException extends IllegalArgumentException {

    private final transient List<FieldProblem> problems;

    public InvalidForecastInputException(List<FieldProblem> problems) {
        super(problems.stream().map(p -> p.field() + ": " + p.message()).collect(Collectors.joining("; ")));
        this.problems = List.copyOf(problems);
    }

    public List<FieldProblem> problems() {
        return problems;
    }
}
