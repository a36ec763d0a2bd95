package org.mailmedic.engine.evidence;

import java.util.List;

/**
 * A worked example shipped inside the app (resources under {@code org/mailmedic/samples/ID/}).
 *
 * @param id      folder name, e.g. {@code throttling}
 * @param title   short title for menus
 * @param summary two plain-language sentences
 * @param domain  the (fictional) user's domain in the case
 * @param mta     the mail server the case's user runs ({@code postfix}, {@code sendmail}, …)
 * @param files   file names inside the folder, in display order
 */
public record SampleCase(String id, String title, String summary, String domain, String mta, List<String> files) {

    public SampleCase {
        files = List.copyOf(files);
    }
}
