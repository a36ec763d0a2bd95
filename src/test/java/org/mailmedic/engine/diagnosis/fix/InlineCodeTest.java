package org.mailmedic.engine.diagnosis.fix;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mailmedic.engine.diagnosis.fix.InlineCode.Run;

class InlineCodeTest {

    private static Run plain(String s) {
        return new Run(s, false);
    }

    private static Run code(String s) {
        return new Run(s, true);
    }

    @Test
    void splitsACommandOutOfTheSentenceWithoutItsBackticks() {
        assertThat(InlineCode.parse("Release them with `sudo postsuper -H ALL`; then wait."))
                .containsExactly(plain("Release them with "), code("sudo postsuper -H ALL"), plain("; then wait."));
    }

    @Test
    void doubleBackticksHoldSendmailsM4Quotes() {
        assertThat(InlineCode.parse("This needs ``FEATURE(`access_db')`` in sendmail.mc and ``define(`confX', `true')dnl``."))
                .containsExactly(plain("This needs "), code("FEATURE(`access_db')"), plain(" in sendmail.mc and "),
                        code("define(`confX', `true')dnl"), plain("."));
    }

    @Test
    void followsCommonMarkForSpacesLineBreaksAndUnclosedRuns() {
        // one space stripped from both sides, so a span can start with a backtick
        assertThat(InlineCode.parse("`` `x` ``")).containsExactly(code("`x`"));
        // a line break inside a span is a space
        assertThat(InlineCode.parse("run `postconf\nmyhostname` now")).containsExactly(plain("run "),
                code("postconf myhostname"), plain(" now"));
        // an opening run without its closing run of the same length is literal
        assertThat(InlineCode.parse("FEATURE(`access_db') alone")).containsExactly(plain("FEATURE(`access_db') alone"));
        assertThat(InlineCode.parse("``a` b")).containsExactly(plain("``a` b"));
        // escaped backtick outside a span
        assertThat(InlineCode.parse("a \\` b")).containsExactly(plain("a ` b"));
        // all-space content keeps its spaces
        assertThat(InlineCode.parse("` `")).containsExactly(code(" "));
    }

    @Test
    void emptyAndNullGiveNoRunsAndPlainDropsOnlyTheDelimiters() {
        assertThat(InlineCode.parse(null)).isEmpty();
        assertThat(InlineCode.parse("")).isEmpty();
        assertThat(InlineCode.plain("Insert `ip4:192.0.2.7` right after `v=spf1`."))
                .isEqualTo("Insert ip4:192.0.2.7 right after v=spf1.");
        assertThat(InlineCode.parse("no code here")).isEqualTo(List.of(plain("no code here")));
    }
}
