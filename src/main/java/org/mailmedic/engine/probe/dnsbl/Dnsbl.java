package org.mailmedic.engine.probe.dnsbl;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One DNS blacklist: its zone, its name for people, whether it lists IPv6, and what its return
 * codes mean. The defaults are read from {@code default-dnsbls.txt} beside this class.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc5782">RFC 5782 (DNSBLs)</a>
 */
public record Dnsbl(String zone, String name, boolean ipv6, Map<String, String> codes) {

    public Dnsbl {
        codes = Map.copyOf(codes);
    }

    /** A list known only by its zone (user-configured). */
    public static Dnsbl of(String zone) {
        String z = zone.strip().toLowerCase(Locale.ROOT);
        for (Dnsbl d : defaults()) {
            if (d.zone.equals(z)) {
                return d;
            }
        }
        return new Dnsbl(z, z, false, Map.of());
    }

    /** The shipped default lists, in order. */
    public static List<Dnsbl> defaults() {
        try (InputStream in = Dnsbl.class.getResourceAsStream("default-dnsbls.txt")) {
            if (in == null) {
                throw new IllegalStateException("default-dnsbls.txt is missing from the build");
            }
            List<Dnsbl> out = new ArrayList<>();
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = r.readLine()) != null) {
                line = line.strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\\|");
                Map<String, String> codes = new LinkedHashMap<>();
                if (f.length > 3) {
                    for (String c : f[3].split(",")) {
                        int eq = c.indexOf('=');
                        if (eq > 0) {
                            codes.put(c.substring(0, eq).strip(), c.substring(eq + 1).strip());
                        }
                    }
                }
                out.add(new Dnsbl(f[0].strip(), f.length > 1 ? f[1].strip() : f[0].strip(),
                        f.length > 2 && f[2].contains("v6"), codes));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What a listing answer means, per this list's documentation. */
    public String meaning(String code) {
        return codes.getOrDefault(code, "listed (code " + code + ")");
    }
}
