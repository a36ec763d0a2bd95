package org.mailmedic.ui.check;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.mailmedic.testing.MemoryDns;

/** The domain the evidence names, offered to the Live check: view-model only, no toolkit. */
class CheckViewModelDomainSuggestionTest {

    private final CheckViewModel model = new CheckViewModel(Runnable::run, Runnable::run, (s, t) -> new MemoryDns());

    @Test
    void anEmptyFieldTakesTheSuggestionAndSaysWhereItCameFrom() {
        model.suggestDomain("harbourbooks.co.uk", "bounce-expired.eml (sender of the returned message)");
        assertThat(model.domainProperty().get()).isEqualTo("harbourbooks.co.uk");
        assertThat(model.domainSourceProperty().get()).isEqualTo("bounce-expired.eml (sender of the returned message)");
    }

    @Test
    void whatTheUserTypedIsNeverOverwritten() {
        model.domainProperty().set("shop.example");
        model.suggestDomain("harbourbooks.co.uk", "bounce-expired.eml (sender of the returned message)");
        assertThat(model.domainProperty().get()).isEqualTo("shop.example");
        assertThat(model.domainSourceProperty().get()).isEmpty();
        model.suggestDomain(null, null);
        assertThat(model.domainProperty().get()).as("withdrawing a suggestion keeps the user's words")
                .isEqualTo("shop.example");
    }

    @Test
    void typingOverASuggestionHidesItsSourceAndLaterSuggestionsLeaveTheFieldAlone() {
        model.suggestDomain("harbourbooks.co.uk", "bounce-expired.eml (sender of the returned message)");
        model.domainProperty().set("harbourbooks.co");
        assertThat(model.domainSourceProperty().get()).isEmpty();
        model.suggestDomain("kestrel-design.co.uk", "gmail-bounce.eml (recipient anna@kestrel-design.co.uk)");
        assertThat(model.domainProperty().get()).isEqualTo("harbourbooks.co");
        // typing the suggested domain back by hand shows where the evidence named it
        model.domainProperty().set("kestrel-design.co.uk");
        assertThat(model.domainSourceProperty().get()).isEqualTo("gmail-bounce.eml (recipient anna@kestrel-design.co.uk)");
    }

    @Test
    void anUntouchedSuggestionFollowsTheEvidenceAndGoesWithIt() {
        model.suggestDomain("harbourbooks.co.uk", "bounce-expired.eml (sender of the returned message)");
        model.suggestDomain("kestrel-design.co.uk", "gmail-bounce.eml (recipient anna@kestrel-design.co.uk)");
        assertThat(model.domainProperty().get()).isEqualTo("kestrel-design.co.uk");
        assertThat(model.domainSourceProperty().get()).startsWith("gmail-bounce.eml");
        model.suggestDomain(null, null);
        assertThat(model.domainProperty().get()).isEmpty();
        assertThat(model.domainSourceProperty().get()).isEmpty();
    }

    @Test
    void aRestoredSessionKeepsItsOwnDomainWithoutASource() {
        model.suggestDomain("harbourbooks.co.uk", "bounce-expired.eml (sender of the returned message)");
        model.restore("harbourbooks.co.uk", "", "", "", null, null);
        assertThat(model.domainProperty().get()).isEqualTo("harbourbooks.co.uk");
        assertThat(model.domainSourceProperty().get()).isEmpty();
    }
}
