package org.mailmedic.engine.diagnosis.fix;

import java.util.List;

/** One numbered step of a fix: what to do, in words, and the snippets to copy. */
public record FixStep(int number, String title, String text, List<Snippet> snippets) {

    public FixStep {
        snippets = List.copyOf(snippets);
    }
}
