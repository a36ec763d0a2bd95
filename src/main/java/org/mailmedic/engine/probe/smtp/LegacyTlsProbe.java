package org.mailmedic.engine.probe.smtp;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;

/**
 * Asks a server whether it still agrees to TLS 1.0 or 1.1, which the JDK refuses to speak
 * ({@code jdk.tls.disabledAlgorithms}). Rather than weakening the JVM's global security settings,
 * we send a hand-built ClientHello offering exactly that version with the CBC cipher suites those
 * versions used, and read the first record back: a ServerHello with the same version means the
 * server accepts it; an alert (protocol_version, handshake_failure) or a closed connection means
 * it does not. The handshake is not completed; nothing else is sent.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc8996">RFC 8996 (TLS 1.0 and 1.1 deprecated)</a>
 */
final class LegacyTlsProbe {

    /** What the server answered. */
    record Answer(boolean accepted, boolean conclusive, String detail) {
    }

    private static final int[] SUITES = {
        0xC014, 0xC013, 0xC00A, 0xC009, 0x0039, 0x0033, 0x0035, 0x002F, 0x000A, 0x00FF,
    };

    /**
     * Anonymous (certificate-less) suites: DH_anon and ECDH_anon with AES-GCM, AES-CBC and 3DES.
     * Offered alone, a ServerHello choosing one proves that the server runs TLS without any
     * certificate — what a Sendmail or Postfix with STARTTLS on and no certificate may do.
     */
    private static final int[] ANON_SUITES = {
        0x00A6, 0x00A7, 0x006C, 0x006D, 0x0034, 0x003A, 0xC018, 0xC019, 0x001B, 0xC017, 0x00FF,
    };

    private LegacyTlsProbe() {
    }

    /**
     * @param minor     1 for TLS 1.0, 2 for TLS 1.1, 3 for TLS 1.2
     * @param anonymous offer only anonymous cipher suites (no certificate needed)
     */
    static Answer probe(Socket socket, String sniHost, int minor, boolean anonymous, Deadline deadline,
            Transcript transcript) {
        String name = "TLSv1." + (minor - 1);
        try {
            socket.setSoTimeout(deadline.socketTimeout());
            OutputStream out = socket.getOutputStream();
            out.write(clientHello(sniHost, minor, anonymous ? ANON_SUITES : SUITES));
            out.flush();
            transcript.note("sent a " + name + (anonymous ? " ClientHello offering only anonymous ciphers"
                    : " ClientHello") + " (probe only, the handshake is not completed)");
            DataInputStream in = new DataInputStream(socket.getInputStream());
            int type = in.readUnsignedByte();
            in.readUnsignedShort(); // record version
            int length = in.readUnsignedShort();
            if (type == 0x15 && length >= 2) {
                in.readUnsignedByte();
                int description = in.readUnsignedByte();
                String alert = alertName(description);
                transcript.note("server answered with alert " + alert);
                return new Answer(false, true, "refused with the alert " + alert);
            }
            if (type == 0x16 && length >= 6) {
                int hsType = in.readUnsignedByte();
                in.readUnsignedByte();
                in.readUnsignedShort(); // handshake length
                int major = in.readUnsignedByte();
                int serverMinor = in.readUnsignedByte();
                if (hsType == 2 && major == 3) {
                    byte[] random = new byte[32];
                    in.readFully(random);
                    int sidLen = in.readUnsignedByte();
                    in.readFully(new byte[sidLen]);
                    int suite = in.readUnsignedShort();
                    String chosen = "TLSv1." + (serverMinor - 1);
                    transcript.note("server answered with a ServerHello for " + chosen
                            + String.format(", cipher suite 0x%04X", suite));
                    if (serverMinor == minor) {
                        return new Answer(true, true, "accepted (ServerHello " + chosen
                                + String.format(", cipher suite 0x%04X)", suite));
                    }
                    return new Answer(false, true, "answered with " + chosen + " instead");
                }
            }
            transcript.note(String.format("unexpected TLS record type 0x%02X", type));
            return new Answer(false, false, String.format("answered with an unexpected TLS record (type 0x%02X)", type));
        } catch (SocketTimeoutException e) {
            transcript.note(name + " probe: no answer in time");
            return new Answer(false, false, "no answer in time");
        } catch (EOFException e) {
            transcript.note(name + " probe: the server closed the connection");
            return new Answer(false, true, "refused: the server closed the connection");
        } catch (IOException e) {
            transcript.note(name + " probe: " + e.getMessage());
            return new Answer(false, true, "refused: " + e.getMessage());
        }
    }

    static byte[] clientHello(String sniHost, int minor, int[] suites) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(3);
        body.write(minor);
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        body.writeBytes(random);
        body.write(0); // no session id
        u16(body, suites.length * 2);
        for (int s : suites) {
            u16(body, s);
        }
        body.write(1); // one compression method
        body.write(0); // null
        ByteArrayOutputStream ext = new ByteArrayOutputStream();
        if (sniHost != null && AddressResolver.literal(sniHost) == null) {
            byte[] host = sniHost.getBytes(StandardCharsets.US_ASCII);
            u16(ext, 0x0000);
            u16(ext, host.length + 5);
            u16(ext, host.length + 3);
            ext.write(0);
            u16(ext, host.length);
            ext.writeBytes(host);
        }
        u16(ext, 0x000A); // supported_groups: x25519, secp256r1, secp384r1
        u16(ext, 8);
        u16(ext, 6);
        u16(ext, 0x001D);
        u16(ext, 0x0017);
        u16(ext, 0x0018);
        u16(ext, 0x000B); // ec_point_formats: uncompressed
        u16(ext, 2);
        ext.write(1);
        ext.write(0);
        if (minor >= 3) { // signature_algorithms: ecdsa/rsa with SHA-256/384, rsa_pss_rsae_sha256
            u16(ext, 0x000D);
            u16(ext, 12);
            u16(ext, 10);
            u16(ext, 0x0403);
            u16(ext, 0x0503);
            u16(ext, 0x0401);
            u16(ext, 0x0501);
            u16(ext, 0x0804);
        }
        u16(body, ext.size());
        body.writeBytes(ext.toByteArray());

        ByteArrayOutputStream hs = new ByteArrayOutputStream();
        hs.write(1); // ClientHello
        hs.write(0);
        u16(hs, body.size());
        hs.writeBytes(body.toByteArray());

        ByteArrayOutputStream rec = new ByteArrayOutputStream();
        rec.write(0x16);
        rec.write(3);
        rec.write(1); // record layer version 1.0, as clients send for compatibility
        u16(rec, hs.size());
        rec.writeBytes(hs.toByteArray());
        return rec.toByteArray();
    }

    private static void u16(ByteArrayOutputStream o, int v) {
        o.write((v >> 8) & 0xff);
        o.write(v & 0xff);
    }

    static String alertName(int d) {
        return switch (d) {
            case 40 -> "handshake_failure";
            case 47 -> "illegal_parameter";
            case 50 -> "decode_error";
            case 70 -> "protocol_version";
            case 71 -> "insufficient_security";
            case 80 -> "internal_error";
            case 86 -> "inappropriate_fallback";
            case 112 -> "unrecognized_name";
            default -> "alert " + d;
        };
    }
}
