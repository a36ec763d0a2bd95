package org.mailmedic.engine.probe.dns;

import java.net.IDN;
import java.util.Locale;
import java.util.Optional;

/**
 * Domain names as users type them: trimmed, trailing dot dropped, Unicode (IDN) converted to
 * its ASCII (IDNA "xn--") form and back for display, and checked against the DNS length and
 * label rules before anything is sent.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc5890">RFC 5890 (IDNA)</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc1035#section-2.3.4">RFC 1035 2.3.4 (size limits)</a>
 */
public final class DnsNames {

    private DnsNames() {
    }

    /**
     * A domain the user asked about, in both forms.
     *
     * @param input   what the user typed
     * @param ascii   the ASCII (A-label) form, lower case, no trailing dot; the form queried
     * @param unicode the Unicode (U-label) form for display
     */
    public record DomainName(String input, String ascii, String unicode) {

        /** "bücher.example (xn--bcher-kva.example)" when the two differ, else the name. */
        public String display() {
            return ascii.equals(unicode) ? ascii : unicode + " (" + ascii + ")";
        }
    }

    /**
     * Parses a user-typed domain name.
     *
     * @return the name, or a plain-language reason it cannot be a domain name
     */
    public static Result parse(String input) {
        if (input == null || input.isBlank()) {
            return new Result(null, "no domain name was given");
        }
        String s = input.strip();
        if (s.startsWith("@")) {
            s = s.substring(1);
        } else if (s.contains("@")) {
            s = s.substring(s.lastIndexOf('@') + 1);
        }
        if (s.endsWith(".")) {
            s = s.substring(0, s.length() - 1);
        }
        if (s.isEmpty()) {
            return new Result(null, "'" + input + "' is not a domain name");
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c) || c == '/' || c == '\\' || c == ':' || Character.isISOControl(c)) {
                return new Result(null, "'" + input + "' is not a domain name (it contains '"
                        + (Character.isWhitespace(c) ? "a space" : String.valueOf(c)) + "')");
            }
        }
        String ascii;
        try {
            ascii = IDN.toASCII(s, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return new Result(null, "'" + input + "' is not a valid internationalized domain name (" + e.getMessage() + ")");
        }
        Optional<String> problem = problem(ascii);
        if (problem.isPresent()) {
            return new Result(null, "'" + input + "' is not a valid domain name: " + problem.get());
        }
        String unicode;
        try {
            unicode = IDN.toUnicode(ascii, IDN.ALLOW_UNASSIGNED);
        } catch (IllegalArgumentException e) {
            unicode = ascii;
        }
        return new Result(new DomainName(input, ascii, unicode), null);
    }

    /** The outcome of {@link #parse}: exactly one of {@code name} and {@code problem} is set. */
    public record Result(DomainName name, String problem) {
        public boolean ok() {
            return name != null;
        }
    }

    /** Why an ASCII name breaks DNS rules (empty label, label over 63, name over 253), if it does. */
    public static Optional<String> problem(String ascii) {
        String s = ascii.endsWith(".") ? ascii.substring(0, ascii.length() - 1) : ascii;
        if (s.isEmpty()) {
            return Optional.of("the name is empty");
        }
        if (s.length() > 253) {
            return Optional.of("the name is " + s.length() + " characters long (at most 253)");
        }
        for (String label : s.split("\\.", -1)) {
            if (label.isEmpty()) {
                return Optional.of("it has an empty label (two dots in a row, or a leading dot)");
            }
            if (label.length() > 63) {
                return Optional.of("the label '" + label.substring(0, 20) + "…' is " + label.length()
                        + " characters long (at most 63)");
            }
        }
        return Optional.empty();
    }

    /** The display form of an ASCII name: its Unicode form when it holds A-labels. */
    public static String toUnicode(String ascii) {
        try {
            return IDN.toUnicode(ascii, IDN.ALLOW_UNASSIGNED);
        } catch (IllegalArgumentException e) {
            return ascii;
        }
    }
}
