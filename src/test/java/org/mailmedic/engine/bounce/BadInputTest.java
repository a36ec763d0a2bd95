package org.mailmedic.engine.bounce;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.mailmedic.engine.evidence.BounceKind;

/**
 * Untrusted input: each broken file yields a clear per-file message or a best-effort result,
 * never an exception, and never more than bounded time (the timeouts guard against hangs only).
 */
@Timeout(20)
class BadInputTest {

    @TempDir
    Path dir;

    private final BounceReader reader = new BounceReader();

    private Path write(String name, byte[] bytes) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, bytes);
        return p;
    }

    private Path write(String name, String text) throws IOException {
        return write(name, text.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void emptyFileIsNotAnEmail() throws IOException {
        BounceFileResult r = reader.read(write("empty.eml", new byte[0]));
        assertThat(r.problem()).startsWith("not an email:").contains("empty");
        assertThat(r.messages()).isEmpty();
    }

    @Test
    void binaryGarbageIsNotAnEmail() throws IOException {
        byte[] junk = new byte[100_000];
        new Random(42).nextBytes(junk);
        BounceFileResult r = reader.read(write("junk.eml", junk));
        assertThat(r.problem()).startsWith("not an email:").contains("binary");
    }

    @Test
    void damagedOutlookFileIsReportedNotThrown() throws IOException {
        byte[] ole = new byte[4096];
        byte[] magic = {(byte) 0xd0, (byte) 0xcf, 0x11, (byte) 0xe0, (byte) 0xa1, (byte) 0xb1, 0x1a, (byte) 0xe1};
        System.arraycopy(magic, 0, ole, 0, magic.length);
        BounceFileResult r = reader.read(write("broken.msg", ole));
        assertThat(r.problem()).startsWith("not an email:").contains("Outlook");
    }

    @Test
    void ordinaryEmailHasNoBounceInformation() throws IOException {
        BounceFileResult r = reader.read(write("hello.eml", """
                From: Alice <alice@example.com>
                To: Bob <bob@example.net>
                Subject: Lunch?
                Date: Fri, 27 Nov 2026 10:00:00 +0000

                Are you free at noon?
                """));
        assertThat(r.problem()).isEqualTo("an email, but no bounce information found");
        assertThat(r.messages()).singleElement().satisfies(b -> assertThat(b.kind()).isEqualTo(BounceKind.NOT_A_BOUNCE));
    }

    @Test
    void plainProseIsNotAnEmail() throws IOException {
        BounceFileResult r = reader.read(write("notes.txt", "Shopping list\nmilk\neggs\n"));
        assertThat(r.problem()).startsWith("not an email:");
    }

    @Test
    void truncatedMimeStillYieldsTheRecipient() throws IOException {
        String full = FoundingCasesTest.POSTFIX_EXPIRED_RATE_LIMIT;
        String cut = full.substring(0, full.indexOf("Remote-MTA: dns; mx.isp.example") + 10);
        BounceFileResult r = reader.read(write("cut.eml", cut));
        assertThat(r.problem()).isNull();
        assertThat(r.recipients()).singleElement().satisfies(x -> {
            assertThat(x.recipient()).isEqualTo("customer@isp.example");
            assertThat(x.status()).isEqualTo("4.0.0");
        });
    }

    @Test
    void missingBoundaryFallsBackToTheText() throws IOException {
        String noBoundary = FoundingCasesTest.POSTFIX_EXPIRED_RATE_LIMIT
                .replace("multipart/report; report-type=delivery-status;\n\tboundary=\"4AN3CfXk.1732701600/mail.example.com\"",
                        "multipart/report; report-type=delivery-status");
        assertThat(noBoundary).doesNotContain("boundary=");
        BounceFileResult r = reader.read(write("noboundary.eml", noBoundary));
        assertThat(r.problem()).isNull();
        assertThat(r.recipients()).singleElement().satisfies(x -> assertThat(x.reason()).isEqualTo("speeding"));
    }

    @Test
    void wrongBoundaryAndNoPartsStillReadsTheText() throws IOException {
        String text = """
                From: MAILER-DAEMON@mail.example.com (Mail Delivery System)
                Subject: Undelivered Mail Returned to Sender
                Content-Type: multipart/mixed; boundary="nowhere"

                This is the mail system at host mail.example.com.

                <bob@example.net>: host mx.example.net[192.0.2.5] said: 550 5.1.1 <bob@example.net>:
                    Recipient address rejected: User unknown in local recipient table (in reply to RCPT TO command)
                """;
        BounceFileResult r = reader.read(write("wrongboundary.eml", text));
        assertThat(r.recipients()).singleElement().satisfies(x -> {
            assertThat(x.recipient()).isEqualTo("bob@example.net");
            assertThat(x.reason()).isEqualTo("userunknown");
            assertThat(x.status()).isEqualTo("5.1.1");
        });
    }

    @Test
    void invalidCharsetFallsBack() throws IOException {
        String text = """
                From: MAILER-DAEMON@mail.example.com (Mail Delivery System)
                To: office@example.com
                Subject: Undelivered Mail Returned to Sender
                MIME-Version: 1.0
                Content-Type: text/plain; charset="x-no-such-charset-\u00e9\u00e9"

                This is the mail system at host mail.example.com. R\u00e9sum\u00e9 \u00ff\u00fe

                <bob@example.net>: host mx.example.net[192.0.2.5] said: 552 5.2.2 Mailbox full
                    (in reply to RCPT TO command)
                """;
        BounceFileResult r = reader.read(write("charset.eml", text));
        assertThat(r.recipients()).singleElement().satisfies(x -> assertThat(x.reason()).isEqualTo("mailboxfull"));
    }

    @Test
    void fiftyMegabyteAttachmentIsReadInBoundedMemory() throws IOException {
        String full = FoundingCasesTest.POSTFIX_EXPIRED_RATE_LIMIT;
        String head = full.substring(0, full.lastIndexOf("--4AN3CfXk.1732701600/mail.example.com--"));
        Path p = dir.resolve("huge.eml");
        try (OutputStream out = Files.newOutputStream(p)) {
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.write("--4AN3CfXk.1732701600/mail.example.com\nContent-Type: application/octet-stream\nContent-Transfer-Encoding: base64\n\n"
                    .getBytes(StandardCharsets.US_ASCII));
            byte[] line = new byte[77];
            Arrays.fill(line, (byte) 'A');
            line[76] = '\n';
            for (int written = 0; written < 50 * 1024 * 1024; written += line.length) {
                out.write(line);
            }
            out.write("\n--4AN3CfXk.1732701600/mail.example.com--\n".getBytes(StandardCharsets.US_ASCII));
        }
        assertThat(Files.size(p)).isGreaterThan(50L * 1024 * 1024);
        BounceFileResult r = reader.read(p);
        assertThat(r.problem()).isNull();
        assertThat(r.recipients()).singleElement().satisfies(x -> assertThat(x.reason()).isEqualTo("speeding"));
        assertThat(r.messages().get(0).note()).contains("very large");
        assertThat(r.messages().get(0).rawSource().length()).isLessThanOrEqualTo(BounceReader.MAX_MESSAGE_CHARS);
    }

    @Test
    void pastedTextWithoutHeadersStillYieldsRecipientAndCode() throws IOException {
        BounceFileResult r = reader.read(write("pasted.txt", """
                Delivery has failed to these recipients or groups:

                bob@example.net
                The email address you entered couldn't be found.

                Diagnostic information for administrators:
                Remote server returned '550 5.1.1 <bob@example.net>: Recipient address rejected: User unknown'
                """));
        assertThat(r.problem()).isNull();
        assertThat(r.recipients()).singleElement().satisfies(x -> {
            assertThat(x.recipient()).isEqualTo("bob@example.net");
            assertThat(x.status()).isEqualTo("5.1.1");
            assertThat(x.replyCode()).isEqualTo("550");
            assertThat(x.reason()).isEqualTo("userunknown");
        });
    }

    @Test
    void missingFileAndFolderAreReported() {
        assertThat(reader.read(dir.resolve("nope.eml")).problem()).contains("does not exist");
        assertThat(reader.read(dir).problem()).contains("folder");
    }

    @Test
    void deeplyNestedMultipartsAreCut() throws IOException {
        StringBuilder b = new StringBuilder("From: MAILER-DAEMON@x.example\nSubject: Undelivered Mail\n"
                + "Content-Type: multipart/mixed; boundary=\"b0\"\n\n");
        for (int i = 0; i < 5000; i++) {
            b.append("--b").append(i).append("\nContent-Type: multipart/mixed; boundary=\"b").append(i + 1).append("\"\n\n");
        }
        BounceFileResult r = reader.read(write("nested.eml", b.toString()));
        assertThat(r.problem()).isNotNull().doesNotContain("Exception");
    }
}
