package org.mailmedic.testing.dns;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Serves a zone file on 127.0.0.1 until killed, for trying the CLI or the window by hand:
 * {@code java -cp ... org.mailmedic.testing.dns.ServeZone zone.txt [delayMillis]}; prints the port.
 */
public final class ServeZone {

    private ServeZone() {
    }

    public static void main(String[] args) throws Exception {
        Zone zone = new Zone().text(Files.readString(Path.of(args[0]), StandardCharsets.UTF_8));
        if (args.length > 1) {
            zone.delay(java.time.Duration.ofMillis(Long.parseLong(args[1])));
        }
        try (DnsTestServer s = DnsTestServer.start(zone)) {
            System.out.println(s.hostPort());
            System.out.flush();
            Thread.sleep(Long.MAX_VALUE);
        }
    }
}
