package org.mailmedic.engine.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextSanitizerTest {

    @Test
    void controlsBecomeVisibleEscapes() {
        assertThat(TextSanitizer.forPrint("a\u0000b\u0007c\u001Bd\u007Fe\u0085f")).isEqualTo("a\\x00b\\x07c\\x1Bd\\x7Fe\\x85f");
        assertThat(TextSanitizer.forPrint("a\tb")).isEqualTo("a    b");
        assertThat(TextSanitizer.forPrint("a\nb")).isEqualTo("a\\x0Ab");
    }

    @Test
    void directionControlsAreShownNotApplied() {
        assertThat(TextSanitizer.forPrint("x\u202Eexe.pdf\u202C\u2066\u2069\u200E\u200F\u061C"))
                .isEqualTo("x<U+202E>exe.pdf<U+202C><U+2066><U+2069><U+200E><U+200F><U+061C>");
        // Arabic and Hebrew letters themselves are text, not controls.
        assertThat(TextSanitizer.forPrint("שלום مرحبا")).isEqualTo("שלום مرحبا");
    }

    @Test
    void brokenUtf16AndNoncharactersBecomeReplacementCharacters() {
        assertThat(TextSanitizer.forPrint("a\uD800b\uDC00c\uD83D\uDE00d\uFFFE\uFDD0")).isEqualTo("a\uFFFDb\uFFFDc\uD83D\uDE00d\uFFFD\uFFFD");
        assertThat(TextSanitizer.forPrint("end\uD83D")).isEqualTo("end\uFFFD");
        assertThat(TextSanitizer.fixSurrogates("a\uDC00\u0007\uD83D\uDE00")).isEqualTo("a\uFFFD\u0007\uD83D\uDE00");
    }

    @Test
    void cleanTextIsReturnedAsIs() {
        String s = "Müller 邮件 bücher.example";
        assertThat(TextSanitizer.forPrint(s)).isSameAs(s);
        assertThat(TextSanitizer.fixSurrogates(s)).isSameAs(s);
        assertThat(TextSanitizer.forPrint(null)).isEmpty();
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', textBlock = """
            plain ascii                 | plain ascii
            abc שלום def                | abc םולש def
            550 (תיבה מלאה) ok          | 550 (האלמ הבית) ok
            """)
    void rightToLeftRunsAreLaidOutInDisplayOrder(String logical, String visual) {
        assertThat(PdfCanvas.visualOrder(logical)).isEqualTo(visual);
    }
}
