package org.mailmedic.engine.forecast;

/**
 * One input that cannot be forecast, with a message meant to be shown next to the field.
 *
 * @param field   one of the {@code ForecastInput.F_*} names (arrivalsPerDay, limit, …)
 * @param message plain words: what is wrong and what would be accepted
 */
public record FieldProblem(String field, String message) {
}
