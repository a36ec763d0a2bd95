package org.mailmedic.ui.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mailmedic.engine.probe.CheckResult;
import org.mailmedic.engine.probe.DomainCheckResult;
import org.mailmedic.engine.probe.Status;
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
    void aDomainASavedSessionBroughtBackWithoutResultsIsOfferedToo() {
        model.restore("shop.example", "", "", "", null, null);
        assertThat(model.statusProperty().get()).isEqualTo("Press Check to test shop.example.");
        model.domainProperty().set("other.example");
        assertThat(model.statusProperty().get()).isEqualTo(CheckViewModel.TYPE_YOUR_DOMAIN);
        model.domainProperty().set("");
        assertThat(model.statusProperty().get()).isEqualTo(CheckViewModel.TYPE_YOUR_DOMAIN);
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
    void aPrefilledDomainIsOfferedInTheStatusLineUntilTheFieldIsEmptied() {
        assertThat(model.statusProperty().get()).isEqualTo("Type your domain and press Check.");
        model.suggestDomain("harbourbooks.co.uk", "bounce-expired.eml (sender of the returned message)");
        assertThat(model.statusProperty().get())
                .isEqualTo("Press Check to test harbourbooks.co.uk.");
        model.suggestDomain("kestrel-design.co.uk", "gmail-bounce.eml (recipient anna@kestrel-design.co.uk)");
        assertThat(model.statusProperty().get())
                .as("an untouched suggestion follows the evidence, and so does the invitation")
                .isEqualTo("Press Check to test kestrel-design.co.uk.");
        model.domainProperty().set("");
        assertThat(model.statusProperty().get()).isEqualTo("Type your domain and press Check.");
    }

    @Test
    void typingOverASuggestionOrWithdrawingItBringsBackTheTypeYourDomainPrompt() {
        model.suggestDomain("harbourbooks.co.uk", "bounce-expired.eml (sender of the returned message)");
        model.domainProperty().set("shop.example");
        assertThat(model.statusProperty().get()).isEqualTo("Type your domain and press Check.");
        model.domainProperty().set("harbourbooks.co.uk");
        assertThat(model.statusProperty().get())
                .isEqualTo("Press Check to test harbourbooks.co.uk.");
        model.suggestDomain(null, null);
        assertThat(model.domainProperty().get()).isEmpty();
        assertThat(model.statusProperty().get()).isEqualTo("Type your domain and press Check.");
    }

    @Test
    void aShownResultOrRefusalIsNotReplacedByThePromptWhenTheEvidenceChanges() {
        CheckResult mx = new CheckResult("mx", "Mail servers (MX)", Status.PASS, "ok", List.of(),
                Map.of("mx.state", "ok", "mx.hosts", "mx.shop.example"), List.of(), null);
        model.restore("", "", "", "", new DomainCheckResult("shop.example", "shop.example", "shop.example", "test",
                Instant.parse("2026-11-27T10:00:00Z"), 12, 3, false, Status.PASS, List.of(mx)), null);
        String saved = model.statusProperty().get();
        assertThat(saved).startsWith("Checked shop.example");
        model.suggestDomain("harbourbooks.co.uk", "bounce-expired.eml (sender of the returned message)");
        assertThat(model.domainProperty().get()).isEqualTo("harbourbooks.co.uk");
        assertThat(model.statusProperty().get()).as("the status still describes the rows on screen").isEqualTo(saved);

        CheckViewModel fresh = new CheckViewModel(Runnable::run, Runnable::run, (s, t) -> new MemoryDns());
        assertThat(fresh.check()).isFalse();
        assertThat(fresh.statusProperty().get()).isEqualTo("Type a domain first.");
        fresh.suggestDomain("harbourbooks.co.uk", "bounce-expired.eml (sender of the returned message)");
        assertThat(fresh.statusProperty().get())
                .as("a refusal for an empty field gives way once the evidence fills it")
                .isEqualTo("Press Check to test harbourbooks.co.uk.");
    }

    @Test
    void aRestoredSessionKeepsItsOwnDomainWithoutASource() {
        model.suggestDomain("harbourbooks.co.uk", "bounce-expired.eml (sender of the returned message)");
        model.restore("harbourbooks.co.uk", "", "", "", null, null);
        assertThat(model.domainProperty().get()).isEqualTo("harbourbooks.co.uk");
        assertThat(model.domainSourceProperty().get()).isEmpty();
    }
}
