package org.mailmedic.engine.report;

import java.util.Objects;

/**
 * How to write the PDF: whether to redact people (see {@link Redactor}), which variant (the
 * full report, or the evidence pack for one destination's postmaster), and how much raw
 * evidence to print (the JSON always has all of it).
 *
 * @param redact                 replace address local parts and subjects with pseudonyms
 * @param variant                {@link Variant#full()} or {@link Variant#providerPack(String)}
 * @param maxEvidencePerFinding  evidence items printed per finding, the rest counted; 0 = all
 * @param maxCharsPerText        characters printed of any one text (a 100 KB log line...), the
 *                               rest counted; 0 = all (hard-wrapped over as many lines as needed)
 */
public record PdfOptions(boolean redact, Variant variant, int maxEvidencePerFinding, int maxCharsPerText) {

    public PdfOptions {
        variant = variant == null ? Variant.full() : variant;
        if (maxEvidencePerFinding < 0 || maxCharsPerText < 0) {
            throw new IllegalArgumentException("limits must be 0 (none) or positive");
        }
    }

    /** The full report, not redacted, 50 evidence items per finding, 4,000 characters per text. */
    public static PdfOptions defaults() {
        return new PdfOptions(false, Variant.full(), 50, 4000);
    }

    public static PdfOptions providerPack(String destination) {
        return defaults().withVariant(Variant.providerPack(destination));
    }

    public PdfOptions withRedact(boolean r) {
        return new PdfOptions(r, variant, maxEvidencePerFinding, maxCharsPerText);
    }

    public PdfOptions withVariant(Variant v) {
        return new PdfOptions(redact, v, maxEvidencePerFinding, maxCharsPerText);
    }

    public PdfOptions withLimits(int evidencePerFinding, int charsPerText) {
        return new PdfOptions(redact, variant, evidencePerFinding, charsPerText);
    }

    /** Which document: everything, or what one provider's postmaster needs. */
    public record Variant(String providerDestination) {
        public static Variant full() {
            return new Variant(null);
        }

        public static Variant providerPack(String destination) {
            Objects.requireNonNull(destination, "destination");
            if (destination.isBlank()) {
                throw new IllegalArgumentException("the provider pack needs a destination domain");
            }
            return new Variant(destination.strip());
        }

        public boolean isProviderPack() {
            return providerDestination != null;
        }
    }
}
