package org.mailmedic.engine.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EvidenceSnifferTest {

    @TempDir
    Path dir;

    private final EvidenceSniffer sniffer = new EvidenceSniffer();

    static final String POSTFIX = """
            Nov 23 08:14:02 mail postfix/qmgr[987]: 4F2A81C0A3B: from=<orders@harbourbooks.co.uk>, size=4312, nrcpt=1 (queue active)
            Nov 23 08:14:03 mail postfix/smtp[1135]: 4F2A81C0A3B: to=<jsmith@btinternet.com>, relay=mx.bt.lon5.cpcloud.co.uk[198.51.100.49]:25, delay=1.2, delays=0.05/0.01/0.6/0.54, dsn=2.0.0, status=sent (250 OK)
            """;
    static final String SENDMAIL = """
            Nov 24 10:02:11 mail sm-mta[24110]: STARTTLS=server, error: accept failed=-1, reason=no shared cipher, SSL_error=1, errno=0, retry=-1, relay=mail-ed1-f41.google.com [192.0.2.41]
            """;
    static final String EXIM = """
            1999-03-02 09:44:33 10HmaX-000000005vi-0000 <= CALLER@test.ex U=CALLER P=local S=sss
            1999-03-02 09:44:33 10HmaX-000000005vi-0000 ** x@test.ex R=r1 T=t1: SMTP error from remote mail server after RCPT TO:<x@test.ex>: 550 unknown
            """;
    static final String EXCHANGE = """
            #Software: Microsoft Exchange Server
            #Version: 15.0.0.0
            #Log-type: Message Tracking Log
            #Fields: date-time,client-ip,client-hostname,server-ip,server-hostname,source-context,connector-id,source,event-id
            """;
    static final String M365 = "\"origin_timestamp_utc\",\"sender_address\",\"recipient_status\",\"message_subject\"\n";
    static final String DSN = """
            From: MAILER-DAEMON@mail.example.com (Mail Delivery System)
            To: a@example.com
            Subject: Undelivered Mail Returned to Sender
            Content-Type: multipart/report; report-type=delivery-status; boundary="x"

            --x
            """;
    static final String PLAIN_EMAIL = """
            From: Alice <a@example.com>
            To: b@example.net
            Subject: lunch?

            Are you free on Friday?
            """;
    static final String PASTED = """
            Your message to bob@example.net couldn't be delivered.
            Remote server returned '550 5.1.1 RESOLVER.ADR.RecipNotFound; not found'
            """;

    @ParameterizedTest(name = "{0}")
    @CsvSource(textBlock = """
            POSTFIX,     POSTFIX_LOG
            SENDMAIL,    SENDMAIL_LOG
            EXIM,        EXIM_LOG
            EXCHANGE,    EXCHANGE_LOG
            M365,        M365_TRACE
            DSN,         BOUNCE
            PLAIN_EMAIL, EMAIL
            PASTED,      BOUNCE
            """)
    void classifiesByContent(String sample, EvidenceKind expected) throws Exception {
        String text = (String) EvidenceSnifferTest.class.getDeclaredField(sample).get(null);
        Path f = write("evidence.txt", text.getBytes(StandardCharsets.UTF_8));
        EvidenceFile e = sniffer.sniff(f);
        assertThat(e.kind()).isEqualTo(expected);
        assertThat(e.problem()).isNull();
        assertThat(e.size()).isEqualTo(Files.size(f));
    }

    @Test
    void readsGzippedLogs() throws IOException {
        Path f = write("maillog.2.gz", gzip(POSTFIX.getBytes(StandardCharsets.UTF_8)));
        EvidenceFile e = sniffer.sniff(f);
        assertThat(e.kind()).isEqualTo(EvidenceKind.POSTFIX_LOG);
        assertThat(e.detail()).contains("gzip");
    }

    @Test
    void namesATruncatedGzip() throws IOException {
        byte[] whole = gzip(POSTFIX.repeat(200).getBytes(StandardCharsets.UTF_8));
        Path f = write("maillog.3.gz", Arrays.copyOf(whole, whole.length / 2));
        EvidenceFile e = sniffer.sniff(f);
        assertThat(e.usable()).isFalse();
        assertThat(e.problem()).contains("damaged or cut short");
    }

    @Test
    void rejectsBinaryGarbageWithAPlainMessage() throws IOException {
        byte[] junk = new byte[4096];
        new Random(7).nextBytes(junk);
        EvidenceFile e = sniffer.sniff(write("photo.jpg", junk));
        assertThat(e.kind()).isEqualTo(EvidenceKind.UNKNOWN);
        assertThat(e.problem()).isEqualTo("is a binary file, not an email or a mail server log");
    }

    @Test
    void emptyMissingAndFolderInputsGetPlainMessages() throws IOException {
        assertThat(sniffer.sniff(write("empty.eml", new byte[0])).problem()).isEqualTo("is empty (0 bytes)");
        assertThat(sniffer.sniff(dir.resolve("nope.log")).problem()).contains("does not exist");
        assertThat(sniffer.sniff(dir).problem()).contains("is a folder");
    }

    @Test
    void unrelatedTextIsUnknown() throws IOException {
        EvidenceFile e = sniffer.sniff(write("notes.txt", "shopping list\nmilk\neggs\n".getBytes(StandardCharsets.UTF_8)));
        assertThat(e.kind()).isEqualTo(EvidenceKind.UNKNOWN);
        assertThat(e.problem()).contains("neither an email nor a mail server log");
    }

    @Test
    void neverChangesTheFile() throws IOException {
        Path f = write("maillog", POSTFIX.getBytes(StandardCharsets.UTF_8));
        String before = EvidenceSniffer.sha256(f);
        var modified = Files.getLastModifiedTime(f);
        EvidenceFile e = sniffer.sniff(f);
        assertThat(e.sha256()).isEqualTo(before).isEqualTo(EvidenceSniffer.sha256(f));
        assertThat(Files.getLastModifiedTime(f)).isEqualTo(modified);
    }

    @Test
    void recognisesOutlookMsgByItsSignature() throws IOException {
        byte[] ole = new byte[512];
        ole[0] = (byte) 0xd0;
        ole[1] = (byte) 0xcf;
        ole[2] = 0x11;
        ole[3] = (byte) 0xe0;
        EvidenceFile e = sniffer.sniff(write("message.msg", ole));
        assertThat(e.kind()).isEqualTo(EvidenceKind.EMAIL);
        assertThat(e.detail()).contains("Outlook");
    }

    private Path write(String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }

    private static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bos)) {
            gz.write(data);
        }
        return bos.toByteArray();
    }

    @Test
    void aBigLogIsHashedByTheAnalysisThatReadsItNotTwice() throws IOException {
        StringBuilder sb = new StringBuilder();
        while (sb.length() <= EvidenceSniffer.HASH_LOGS_UP_TO) {
            sb.append(POSTFIX);
        }
        Path big = write("maillog", sb.toString().getBytes(StandardCharsets.UTF_8));
        Path small = write("maillog.1", POSTFIX.getBytes(StandardCharsets.UTF_8));

        EvidenceFile sniffed = sniffer.sniff(big);
        assertThat(sniffed.kind()).isEqualTo(EvidenceKind.POSTFIX_LOG);
        assertThat(sniffed.sha256()).isEmpty(); // left to the analysis
        assertThat(sniffer.sniff(small).sha256()).isEqualTo(EvidenceSniffer.sha256(small));

        var set = new org.mailmedic.engine.diagnosis.EvidenceAnalysis(java.time.Clock.systemUTC())
                .analyze(java.util.List.of(big, small), p -> { }, () -> false);
        assertThat(set.files()).extracting(EvidenceFile::sha256)
                .containsExactly(EvidenceSniffer.sha256(big), EvidenceSniffer.sha256(small));
        assertThat(set.logs().files().get(0).sha256()).isEqualTo(EvidenceSniffer.sha256(big));
    }
}
