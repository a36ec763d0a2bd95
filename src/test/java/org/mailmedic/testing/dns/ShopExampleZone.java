package org.mailmedic.testing.dns;

/**
 * The {@code shop.example} zone the window tests check live, end to end: one MX
 * ({@value #MX_HOST} at {@value #MX_ADDRESS}) with a matching PTR, an SPF record that includes an
 * ESP's policy covering 8.8.4.0/24 (so the MX address passes), and a DMARC record at p=none.
 *
 * <p>{@value #MX_ADDRESS} is only a name here: the tests route it to a loopback SMTP fixture
 * (see {@code LoopbackConnector}), so nothing outside the machine is ever reached.
 */
public final class ShopExampleZone {

    public static final String MX_HOST = "mx.shop.example";
    public static final String MX_ADDRESS = "8.8.4.4";

    /** The records, as master-file text. */
    public static final String TEXT = """
            shop.example. MX 10 mx.shop.example.
            mx.shop.example. A 8.8.4.4
            4.4.8.8.in-addr.arpa. PTR mx.shop.example.
            shop.example. TXT "v=spf1 include:_spf.esp.example -all"
            _spf.esp.example. TXT "v=spf1 ip4:8.8.4.0/24 ~all"
            _dmarc.shop.example. TXT "v=DMARC1; p=none"
            """;

    private ShopExampleZone() {
    }

    /** A fresh zone holding {@link #TEXT}: each test gets its own, free to add faults or records. */
    public static Zone zone() {
        return new Zone().text(TEXT);
    }
}
