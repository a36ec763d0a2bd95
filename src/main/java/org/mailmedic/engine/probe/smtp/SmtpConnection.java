package org.mailmedic.engine.probe.smtp;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One SMTP client connection with hard limits: every read waits at most until the reply's
 * deadline (re-armed before each read, so a server dripping one byte at a time cannot stretch
 * it), lines are capped in length, multi-line replies in count. Everything read or written goes
 * into the {@link Transcript}. We send one command and read its whole reply before the next:
 * no pipelining of our own. Only {@link SmtpCommand}s can be sent: DATA is not among them.
 */
final class SmtpConnection implements Closeable {

    /** Why reading a reply failed. */
    enum Failure { TIMEOUT, CLOSED, GARBAGE, LINE_TOO_LONG, TOO_MANY_LINES, IO }

    /** A reply could not be read; carries the kind and what was seen. */
    static final class ReplyException extends IOException {
        private static final long serialVersionUID = 1L;
        final Failure failure;
        /** Some bytes of the reply arrived before the failure (a slow drip rather than silence). */
        final boolean partial;

        ReplyException(Failure failure, String message) {
            this(failure, message, false);
        }

        ReplyException(Failure failure, String message, boolean partial) {
            super(message);
            this.failure = failure;
            this.partial = partial;
        }
    }

    private static final Pattern REPLY_LINE = Pattern.compile("^([2-5]\\d\\d)(?:([ -])(.*))?$");

    private final Transcript transcript;
    private final int maxLineBytes;
    private final int maxReplyLines;
    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private final byte[] buf = new byte[4096];
    private int pos;
    private int lim;
    private String lastCommand;

    SmtpConnection(Socket socket, Transcript transcript, int maxLineBytes, int maxReplyLines) throws IOException {
        this.transcript = transcript;
        this.maxLineBytes = maxLineBytes;
        this.maxReplyLines = maxReplyLines;
        switchTo(socket);
    }

    /** Continue the conversation over {@code s} (the TLS socket after a handshake). */
    void switchTo(Socket s) throws IOException {
        this.socket = s;
        this.in = s.getInputStream();
        this.out = s.getOutputStream();
        pos = 0;
        lim = 0;
    }

    /** The verb of the last command sent ("EHLO", "STARTTLS", "MAIL FROM"…), null before any. */
    String lastCommand() {
        return lastCommand;
    }

    Socket socket() {
        return socket;
    }

    /** True when the server sent bytes we have not consumed (e.g. after its STARTTLS reply). */
    boolean hasBufferedInput() {
        return pos < lim;
    }

    /** Sends one command and reads its complete reply. */
    SmtpReply send(SmtpCommand command, String argument, Deadline deadline) throws IOException {
        String line = command.line(argument);
        lastCommand = line.split(" ", 2)[0].replace(":", " ").strip();
        transcript.client(line);
        try {
            out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
        } catch (IOException e) {
            transcript.note("could not send " + command.name() + ": " + e.getMessage());
            throw new ReplyException(Failure.CLOSED, "the connection was closed before " + command.name()
                    + " could be sent (" + e.getMessage() + ")");
        }
        return readReply(deadline);
    }

    /** Reads one complete reply (all continuation lines) before {@code deadline}. */
    SmtpReply readReply(Deadline deadline) throws IOException {
        List<String> texts = new ArrayList<>();
        List<String> raws = new ArrayList<>();
        while (true) {
            String raw = readLine(deadline);
            raws.add(raw);
            Matcher m = REPLY_LINE.matcher(raw);
            if (!m.matches()) {
                throw new ReplyException(Failure.GARBAGE, "the server sent a line that is not an SMTP reply: \""
                        + abbreviate(raw) + "\"");
            }
            texts.add(m.group(3) == null ? "" : m.group(3));
            boolean last = m.group(2) == null || " ".equals(m.group(2));
            if (last) {
                return new SmtpReply(Integer.parseInt(m.group(1)), texts, raws);
            }
            if (raws.size() >= maxReplyLines) {
                transcript.note("stopped reading: more than " + maxReplyLines + " lines in one reply");
                throw new ReplyException(Failure.TOO_MANY_LINES, "the server sent a reply of more than "
                        + maxReplyLines + " lines without ending it");
            }
        }
    }

    private String readLine(Deadline deadline) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(128);
        while (true) {
            if (pos == lim) {
                fill(deadline, line);
            }
            byte b = buf[pos++];
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int len = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                transcript.server(bytes, len);
                return Transcript.printable(bytes, len);
            }
            line.write(b);
            if (line.size() > maxLineBytes) {
                byte[] bytes = line.toByteArray();
                transcript.server(bytes, Math.min(bytes.length, 200));
                transcript.note("stopped reading: a line longer than " + maxLineBytes + " bytes");
                throw new ReplyException(Failure.LINE_TOO_LONG, "the server sent a line longer than "
                        + maxLineBytes + " bytes without ending it: \"" + abbreviate(Transcript.printable(bytes,
                                Math.min(bytes.length, 80))) + "\"");
            }
        }
    }

    private void fill(Deadline deadline, ByteArrayOutputStream partial) throws IOException {
        if (deadline.expired()) {
            timedOut(partial);
        }
        try {
            socket.setSoTimeout(deadline.socketTimeout());
            int n = in.read(buf);
            if (n < 0) {
                if (partial.size() > 0) {
                    transcript.server(partial.toByteArray(), partial.size());
                }
                transcript.note("the server closed the connection");
                throw new ReplyException(Failure.CLOSED, "the server closed the connection"
                        + (partial.size() > 0 ? " in the middle of a line" : ""));
            }
            pos = 0;
            lim = n;
        } catch (SocketTimeoutException e) {
            timedOut(partial);
        } catch (ReplyException e) {
            throw e;
        } catch (IOException e) {
            transcript.note("connection error: " + e.getMessage());
            throw new ReplyException(Failure.IO, "the connection failed: " + e.getMessage());
        }
    }

    private void timedOut(ByteArrayOutputStream partial) throws ReplyException {
        if (partial.size() > 0) {
            transcript.server(partial.toByteArray(), partial.size());
        }
        transcript.note("no complete reply in time; giving up");
        throw new ReplyException(Failure.TIMEOUT, partial.size() > 0
                ? "the server started a line but did not finish it in time"
                : "the server did not answer in time", partial.size() > 0);
    }

    static String abbreviate(String s) {
        return s.length() <= 120 ? s : s.substring(0, 120) + "…";
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing is best effort; the transcript already says where the dialogue ended
        }
    }
}
