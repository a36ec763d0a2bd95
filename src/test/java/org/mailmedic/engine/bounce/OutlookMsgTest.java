package org.mailmedic.engine.bounce;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.poi.poifs.filesystem.DirectoryEntry;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.junit.jupiter.api.Test;
import org.mailmedic.engine.evidence.Bounce;
import org.mailmedic.engine.evidence.BounceKind;
import org.mailmedic.engine.evidence.BounceRecipient;

/**
 * Outlook .msg files through {@link BounceReader}. No real Outlook file could be fetched here (the
 * public test files of Apache POI and msg-extractor are binary, out of reach of this build), so
 * {@link #exchangeNdr()} writes one with POI's POIFS writer following MS-OXMSG's layout of an
 * Exchange non-delivery report as Outlook saves it: message class REPORT.IPM.Note.NDR, the
 * property stream with its 32-byte header, Unicode (001F) string streams for subject, body,
 * transport headers and display names, a recipient storage, the name-id storage, and the
 * returned message as an embedded message object (attachment method 5, storage 3701000D)
 * with its own 24-byte-header property stream. Texts are Exchange Server 2010-2019 wording.
 */
class OutlookMsgTest {

    private static final String NDR_BODY = """
            Delivery has failed to these recipients or groups:

            kijitora@example.org<mailto:kijitora@example.org>
            The email address you entered couldn't be found. Please check the recipient's email address and try to resend the message. If the problem continues, please contact your helpdesk.

            Diagnostic information for administrators:

            Generating server: EXCH01.corp.example.com

            kijitora@example.org
            Remote Server returned '550 5.1.1 RESOLVER.ADR.RecipNotFound; not found'

            Original message headers:

            Received: from EXCH02.corp.example.com (192.0.2.10) by EXCH01.corp.example.com
             (192.0.2.11) with Microsoft SMTP Server (TLS) id 15.1.2507.39; Tue, 3 Sep 2024
             09:14:07 +0200
            From: Shironeko <shironeko@corp.example.com>
            To: "kijitora@example.org" <kijitora@example.org>
            Subject: Invoice 2024-118
            Date: Tue, 3 Sep 2024 07:14:05 +0000
            Message-ID: <AM0PR01MB1234.eurprd01.prod.example.com>
            """.replace("\n", "\r\n");

    private static final String TRANSPORT_HEADERS = """
            Received: from EXCH01.corp.example.com (192.0.2.11) by EXCH02.corp.example.com
             (192.0.2.10) with Microsoft SMTP Server id 15.1.2507.39; Tue, 3 Sep 2024 09:14:08 +0200
            MIME-Version: 1.0
            From: Microsoft Outlook <MicrosoftExchange329e71ec88ae4615bbc36ab6ce41109e@corp.example.com>
            To: <shironeko@corp.example.com>
            Date: Tue, 3 Sep 2024 07:14:08 +0000
            Content-Type: multipart/report; report-type=delivery-status;
            \tboundary="a2b9c7f3-2a11-4b4e-9a43-4e0f0d5ac2a1"
            X-MS-Exchange-Message-Is-Ndr:
            Content-Language: en-US
            Message-ID: <0b1e6d9a-7a67-4f5d-8a71-3c1f5c6e2b7d@EXCH01.corp.example.com>
            In-Reply-To: <AM0PR01MB1234.eurprd01.prod.example.com>
            Subject: Undeliverable: Invoice 2024-118
            Auto-Submitted: auto-replied

            """.replace("\n", "\r\n");

    @Test
    void findsRecipientStatusAndReasonInAnExchangeNdr() throws IOException {
        Bounce b = only(new BounceReader().decode(Path.of("Undeliverable Invoice.msg"), exchangeNdr(), false));
        assertThat(b.kind()).isEqualTo(BounceKind.BOUNCE);
        assertThat(b.subject()).isEqualTo("Undeliverable: Invoice 2024-118");
        assertThat(b.recipients()).hasSize(1);
        BounceRecipient r = b.recipients().get(0);
        assertThat(r.recipient()).isEqualTo("kijitora@example.org");
        assertThat(r.status()).isEqualTo("5.1.1");
        assertThat(r.replyCode()).isEqualTo("550");
        assertThat(r.sisimaiReason()).isEqualTo("userunknown");
        assertThat(r.diagnostic()).contains("RESOLVER.ADR.RecipNotFound");
        assertThat(b.original().subject()).isEqualTo("Invoice 2024-118");
    }

    @Test
    void aTruncatedMsgGetsAClearMessage() throws IOException {
        byte[] whole = exchangeNdr();
        for (int cut : new int[] {512, whole.length / 3, whole.length - 700}) {
            BounceFileResult r = new BounceReader().decode(Path.of("cut.msg"), Arrays.copyOf(whole, cut), false);
            assertThat(r.messages()).as("cut at %d", cut).isEmpty();
            assertThat(r.problem()).as("cut at %d", cut)
                    .startsWith("not an email: looks like an Outlook .msg file but cannot be read (");
        }
    }

    @Test
    void aCorruptMsgGetsAClearMessage() throws IOException {
        byte[] bytes = exchangeNdr();
        java.util.Random rnd = new java.util.Random(7);
        for (int i = 76; i < 512; i++) { // the sector allocation table and directory pointers in the header
            bytes[i] = (byte) rnd.nextInt();
        }
        BounceFileResult r = new BounceReader().decode(Path.of("corrupt.msg"), bytes, false);
        assertThat(r.messages()).isEmpty();
        assertThat(r.problem()).startsWith("not an email: looks like an Outlook .msg file but cannot be read (");
    }

    private static Bounce only(BounceFileResult r) {
        assertThat(r.problem()).isNull();
        assertThat(r.messages()).hasSize(1);
        return r.messages().get(0);
    }

    // ---------------------------------------------------------------- writing a .msg (MS-OXMSG)

    /** An Exchange NDR as Outlook saves it (see the class comment). */
    static byte[] exchangeNdr() throws IOException {
        try (POIFSFileSystem fs = new POIFSFileSystem()) {
            DirectoryEntry root = fs.getRoot();
            Map<Integer, Object> props = new LinkedHashMap<>();
            props.put(0x001A001F, "REPORT.IPM.Note.NDR");
            props.put(0x0037001F, "Undeliverable: Invoice 2024-118");
            props.put(0x0E1D001F, "Undeliverable: Invoice 2024-118"); // normalized subject
            props.put(0x1000001F, NDR_BODY);
            props.put(0x007D001F, TRANSPORT_HEADERS);
            props.put(0x0C1A001F, "Microsoft Outlook");
            props.put(0x0C1F001F, "MicrosoftExchange329e71ec88ae4615bbc36ab6ce41109e@corp.example.com");
            props.put(0x0E04001F, "Shironeko");
            props.put(0x0E02001F, "");
            props.put(0x0E03001F, "");
            props.put(0x1035001F, "<0b1e6d9a-7a67-4f5d-8a71-3c1f5c6e2b7d@EXCH01.corp.example.com>");
            props.put(0x0E060040, filetime(1_725_347_648_000L)); // delivery time 2024-09-03T07:14:08Z
            props.put(0x00390040, filetime(1_725_347_648_000L)); // client submit time
            writeObject(root, props, 32, 1, 1);

            DirectoryEntry recip = root.createDirectory("__recip_version1.0_#00000000");
            Map<Integer, Object> rp = new LinkedHashMap<>();
            rp.put(0x3001001F, "Shironeko");
            rp.put(0x39FE001F, "shironeko@corp.example.com");
            rp.put(0x3003001F, "SMTP:shironeko@corp.example.com");
            rp.put(0x0C150003, 1); // recipient type: To
            writeObject(recip, rp, 8, 0, 0);

            DirectoryEntry att = root.createDirectory("__attach_version1.0_#00000000");
            Map<Integer, Object> ap = new LinkedHashMap<>();
            ap.put(0x3001001F, "Invoice 2024-118");
            ap.put(0x37050003, 5); // attach method: embedded message
            ap.put(0x0E210003, 0); // attachment number
            writeObject(att, ap, 8, 0, 0);
            DirectoryEntry inner = att.createDirectory("__substg1.0_3701000D");
            Map<Integer, Object> ip = new LinkedHashMap<>();
            ip.put(0x001A001F, "IPM.Note");
            ip.put(0x0037001F, "Invoice 2024-118");
            ip.put(0x1000001F, "Dear Kijitora,\r\n\r\nplease find the invoice attached.\r\n");
            ip.put(0x0C1A001F, "Shironeko");
            ip.put(0x0E04001F, "kijitora@example.org");
            writeObject(inner, ip, 24, 0, 0);

            DirectoryEntry names = root.createDirectory("__nameid_version1.0");
            names.createDocument("__substg1.0_00020102", new ByteArrayInputStream(new byte[16]));
            names.createDocument("__substg1.0_00030102", new ByteArrayInputStream(new byte[0]));
            names.createDocument("__substg1.0_00040102", new ByteArrayInputStream(new byte[0]));

            ByteArrayOutputStream out = new ByteArrayOutputStream();
            fs.writeFilesystem(out);
            return out.toByteArray();
        }
    }

    /**
     * One message/recipient/attachment object: a __substg1.0_TTTTPPPP stream per variable-length
     * property and the __properties_version1.0 stream (header of {@code headerSize} bytes, then 16
     * bytes per property: tag, flags, value or size).
     */
    private static void writeObject(DirectoryEntry dir, Map<Integer, Object> props, int headerSize, int recipients,
                                    int attachments) throws IOException {
        ByteBuffer p = ByteBuffer.allocate(headerSize + 16 * props.size()).order(ByteOrder.LITTLE_ENDIAN);
        p.position(8);
        if (headerSize >= 24) {
            p.putInt(recipients).putInt(attachments).putInt(recipients).putInt(attachments);
        }
        p.position(headerSize);
        for (Map.Entry<Integer, Object> e : props.entrySet()) {
            int tag = e.getKey();
            p.putInt(tag).putInt(0x6); // readable | writable
            Object v = e.getValue();
            if (v instanceof String s) {
                byte[] data = (s + "\0").getBytes(StandardCharsets.UTF_16LE);
                dir.createDocument(String.format("__substg1.0_%08X", tag), new ByteArrayInputStream(
                        Arrays.copyOf(data, data.length - 2)));
                p.putInt(data.length).putInt(0);
            } else if (v instanceof Integer i) {
                p.putInt(i).putInt(0);
            } else {
                p.putLong((Long) v);
            }
        }
        dir.createDocument("__properties_version1.0", new ByteArrayInputStream(p.array()));
    }

    /** Milliseconds since 1970 as a Windows FILETIME (100 ns ticks since 1601). */
    private static long filetime(long epochMillis) {
        return (epochMillis + 11_644_473_600_000L) * 10_000L;
    }
}
