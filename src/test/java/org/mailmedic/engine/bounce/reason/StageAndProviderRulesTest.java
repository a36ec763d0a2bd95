package org.mailmedic.engine.bounce.reason;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.mailmedic.engine.bounce.Dsn;

/**
 * The rules that decide by SMTP stage and by receiving provider, each on the smallest text a
 * real bounce of that kind carries.
 */
class StageAndProviderRulesTest {

    private static String reason(String status, String diag, String command, String hostFamilyDomain) {
        return ReasonClassifier.decide(status, diag, "failed", command, "smtp", hostFamilyDomain, "").reason();
    }

    @Test
    void userUnknownWordsAreBelievedAtRcptAndReadAsAFilterAfterDataOrWithoutAStage() {
        assertThat(reason("", "550 Unknown user kijitora@example.jp", "RCPT", " postfix example.jp"))
                .isEqualTo("userunknown");
        assertThat(reason("", "550 Unknown user kijitora@example.jp", "DATA", " postfix example.jp"))
                .isEqualTo("filtered");
        assertThat(reason("", "550 Unknown user kijitora@example.jp", "", " unknown example.jp"))
                .isEqualTo("filtered");
        // an address-status code says it whatever the stage
        assertThat(reason("5.1.1", "550 5.1.1 <a@example.jp>... User Unknown", "", " sendmail example.jp"))
                .isEqualTo("userunknown");
    }

    @Test
    void filterWordsAreNotBelievedBeforeData() {
        assertThat(reason("5.7.1", "554 5.7.1 <a@example.ch>: Recipient address rejected: Access denied", "RCPT",
                "mx1.example.eu exim example.ch")).isEqualTo("userunknown");
        assertThat(reason("", "550 <a@example.jp>: Recipient address rejected.", "RCPT", "mx.example.jp postfix example.jp"))
                .isEqualTo("userunknown");
    }

    @Test
    void aBareAccessDeniedAtMailFromIsTheSender() {
        assertThat(reason("5.7.1", "Connected to 192.0.2.225 but sender was rejected. Remote host said: 550 5.7.1 "
                + "<root@example.jp>... Access denied", "MAIL", " qmail example.org")).isEqualTo("rejected");
    }

    @Test
    void auKddiTellsItsSubscriberFilterFromAMissingAddress() {
        assertThat(reason("", "550 : User unknown", "", "lsean.ezweb.ne.jp gmail ezweb.ne.jp")).isEqualTo("filtered");
        assertThat(reason("", "550 <a@ezweb.ne.jp>: User unknown", "", " yahoo ezweb.ne.jp")).isEqualTo("userunknown");
    }

    @Test
    void docomoUnknownUserAfterDataIsItsReceptionFilter() {
        assertThat(reason("5.0.0", "550 Unknown user a@docomo.ne.jp", "DATA", "mfsmax.docomo.ne.jp postfix docomo.ne.jp"))
                .isEqualTo("rejected");
        assertThat(reason("5.0.0", "550 Unknown user a@docomo.ne.jp", "RCPT", "mfsmax.docomo.ne.jp postfix docomo.ne.jp"))
                .isEqualTo("userunknown");
    }

    @Test
    void mimecastAndFacebookCodesSayMoreThanTheirStatus() {
        assertThat(reason("5.0.0", "554 email rejected due to security policies - MCSpamSignature.sa.2.2", "DATA",
                "service222.mimecast.com postfix example.com")).isEqualTo("virusdetected");
        assertThat(reason("5.1.1", "550 5.1.1 RCP-P2 http://postmaster.facebook.com/response_codes?ip=192.0.2.135#rcp "
                + "Refused due to recipient preferences", "", " rfc3464 facebook.com")).isEqualTo("filtered");
    }

    @Test
    void aGreetingRefusalTheQueueKeptRetryingIsExpiry() {
        assertThat(ReasonClassifier.decide("4.4.7", "Deferred: 421 Message could not be delivered for 8 hours",
                "failed", "CONN", "smtp", " sendmail example.jp", "").reason()).isEqualTo("expired");
        assertThat(reason("5.0.0", "554 IP=192.0.2.254 - A problem occurred. (BL)", "CONN", " sendmail example.org"))
                .isEqualTo("blocked");
    }

    @Test
    void theSentenceForAFilterWordedAsUserUnknownSendsTheReaderToCheckTheAddressFirst() {
        String s = PlainLanguage.sentence("a@example.jp", "filtered", false, false, "", "", "550 : User unknown");
        assertThat(s).contains("check the address").contains("filter").contains("permanent");
        String plain = PlainLanguage.sentence("a@example.jp", "filtered", false, false, "", "", "550 Header error");
        assertThat(plain).contains("own settings or filters refused it");
    }

    @Test
    void dsnGroupsPackedWithoutBlankLinesStayApart() {
        Dsn d = Dsn.parse("""
                Reporting-MTA: dns; omr.example.com
                Arrival-Date: Fri, 21 Nov 2014 17:24:04 -0500 (EST)
                Final-Recipient: rfc822; one@example.jp
                Original-Recipient: rfc822;one@example.jp
                Action: failed
                Status: 5.2.2
                Diagnostic-Code: smtp; 550 5.2.2 <one@example.jp>... Mailbox Full
                Final-Recipient: rfc822; two@example.jp
                Original-Recipient: rfc822;two@example.jp
                Action: failed
                Status: 5.1.1
                Diagnostic-Code: smtp; 550 5.1.1 <two@example.jp>... User Unknown
                """);
        assertThat(d.recipients).hasSize(2);
        assertThat(d.recipients.get(1).get("Final-Recipient")).contains("two@example.jp");
        assertThat(d.recipients.get(1).get("Status")).isEqualTo("5.1.1");
        assertThat(d.recipients.get(0).get("Diagnostic-Code")).contains("Mailbox Full");
    }
}
