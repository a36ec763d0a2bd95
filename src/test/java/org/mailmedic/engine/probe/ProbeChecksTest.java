package org.mailmedic.engine.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mailmedic.engine.probe.dkim.DkimCheck;
import org.mailmedic.engine.probe.dkim.DkimKey;
import org.mailmedic.engine.probe.dmarc.DmarcCheck;
import org.mailmedic.engine.probe.dmarc.DmarcRecord;
import org.mailmedic.engine.probe.dmarc.MtaStsRecordCheck;
import org.mailmedic.engine.probe.dmarc.OrganizationalDomain;
import org.mailmedic.engine.probe.dnsbl.Dnsbl;
import org.mailmedic.engine.probe.dnsbl.DnsblCheck;
import org.mailmedic.engine.probe.dns.DnsSession;
import org.mailmedic.engine.probe.dns.IpAddresses;
import org.mailmedic.engine.probe.mx.MxCheck;
import org.mailmedic.engine.probe.mx.MxLookup;
import org.mailmedic.engine.probe.rdns.ReverseDns;
import org.mailmedic.testing.dns.Zone;
import org.mailmedic.testing.dns.ZoneDns;
import org.xbill.DNS.Type;

/** Each check against zone data served from memory. */
class ProbeChecksTest {

    private final ExecutorService pool = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    private DnsSession session(Zone zone) {
        return new DnsSession(new ZoneDns(zone), pool);
    }

    private CheckResult mx(String zoneText, String domain) {
        return MxCheck.evaluate(domain, MxLookup.lookup(session(new Zone().text(zoneText)), domain).join());
    }

    @Test
    void nullMxSaysTheDomainAcceptsNoMail() {
        CheckResult r = mx("n.example. MX 0 .", "n.example");
        assertThat(r.status()).isEqualTo(Status.INFO);
        assertThat(r.headline()).contains("null MX", "RFC 7505");
    }

    @Test
    void mxProblemsAreNamed() {
        CheckResult r = mx("""
                d.example. MX 10 alias.d.example.
                d.example. MX 20 192.0.2.25.
                d.example. MX 30 lan.d.example.
                d.example. MX 40 gone.d.example.
                alias.d.example. CNAME real.d.example.
                real.d.example. A 8.8.8.8
                lan.d.example. A 192.168.1.10
                """, "d.example");
        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(r.details()).anyMatch(d -> d.contains("alias.d.example is an alias (CNAME → real.d.example)"))
                .anyMatch(d -> d.contains("points at the address 192.0.2.25"))
                .anyMatch(d -> d.contains("lan.d.example has the address 192.168.1.10, a private address"))
                .anyMatch(d -> d.contains("gone.d.example has no address"));
    }

    @Test
    void noMxAndNoAddressCannotReceiveMail() {
        CheckResult r = mx("x.example. TXT \"hello\"", "x.example");
        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(r.headline()).contains("no MX record and no address");
    }

    @Test
    void reverseDnsConfirmsForwardAndSpotsGenericNames() throws Exception {
        DnsSession s = session(new Zone().text("""
                10.2.0.192.in-addr.arpa. PTR mail.good.example.
                mail.good.example. A 192.0.2.10
                11.2.0.192.in-addr.arpa. PTR mail.liar.example.
                mail.liar.example. A 192.0.2.99
                """));
        ReverseDns.Result good = ReverseDns.check(s, InetAddress.getByName("192.0.2.10")).join();
        assertThat(good.fcrdns()).isTrue();
        assertThat(good.generic()).isNull();
        ReverseDns.Result liar = ReverseDns.check(s, InetAddress.getByName("192.0.2.11")).join();
        assertThat(liar.names()).containsExactly("mail.liar.example");
        assertThat(liar.fcrdns()).isFalse();
        ReverseDns.Result none = ReverseDns.check(s, InetAddress.getByName("192.0.2.12")).join();
        assertThat(none.names()).isEmpty();
        assertThat(none.ptr().name()).isEqualTo("12.2.0.192.in-addr.arpa");
    }

    @ParameterizedTest
    @CsvSource(textBlock = """
            dsl-81-2-3-4.dynamic.isp.example, 81.2.3.4, true
            4.3.2.81.static.isp.example, 81.2.3.4, true
            host-51020304.cust.example, 81.2.3.4, true
            mail-gw.shop.example, 81.2.3.4, false
            pool-12-34.cable.example, 81.2.3.4, true
            mail.shop.example, 81.2.3.4, false
            mx1.shop.example, 81.2.3.4, false
            """)
    void genericPtrNamesAreRecognised(String name, String ip, boolean generic) throws Exception {
        assertThat(ReverseDns.looksGeneric(name, InetAddress.getByName(ip))).isEqualTo(generic);
    }

    @Test
    void dmarcTagsAreValidatedOneByOne() {
        DmarcRecord r = DmarcRecord.parse("v=DMARC1; p=maybe; pct=150; adkim=x; fo=2; rf=iodef; ri=abc; rua=reports@x.example; foo=bar");
        assertThat(r.errors()).anyMatch(e -> e.startsWith("p=maybe"))
                .anyMatch(e -> e.startsWith("pct=150"))
                .anyMatch(e -> e.startsWith("adkim=x"))
                .anyMatch(e -> e.startsWith("fo=2"))
                .anyMatch(e -> e.startsWith("rf=iodef"))
                .anyMatch(e -> e.startsWith("ri=abc"))
                .anyMatch(e -> e.contains("'reports@x.example' is not a URI"));
        assertThat(r.warnings()).anyMatch(w -> w.contains("unknown tag foo="));
        assertThat(DmarcRecord.parse("v=DMARC1; rua=mailto:a@b.example").policy()).isEqualTo("none");
        assertThat(DmarcRecord.isDmarc("v=DMARC1;p=none")).isTrue();
        assertThat(DmarcRecord.isDmarc("v=spf1 -all")).isFalse();
    }

    @Test
    void dmarcFallsBackToTheOrganizationalDomainAndChecksExternalReports() {
        assertThat(OrganizationalDomain.of("mail.shop.example.co.uk")).isEqualTo("example.co.uk");
        assertThat(OrganizationalDomain.of("a.b.shop.com")).isEqualTo("shop.com");
        DnsSession s = session(new Zone().text("""
                _dmarc.shop.com. TXT "v=DMARC1; p=reject; sp=quarantine; rua=mailto:r@vendor.example,mailto:me@shop.com"
                """));
        CheckResult r = DmarcCheck.check(s, "news.shop.com", "news.shop.com");
        assertThat(r.headline()).contains("p=quarantine");
        assertThat(r.details()).anyMatch(d -> d.contains("organizational domain shop.com"))
                .anyMatch(d -> d.contains("Reports to vendor.example will not be sent")
                        && d.contains("shop.com._report._dmarc.vendor.example"));
        assertThat(r.status()).isEqualTo(Status.WARN);
    }

    @Test
    void dmarcWithTwoRecordsAppliesNone() {
        DnsSession s = session(new Zone().txt("_dmarc.two.example", "v=DMARC1; p=none").txt("_dmarc.two.example", "v=DMARC1; p=reject"));
        CheckResult r = DmarcCheck.check(s, "two.example", "two.example");
        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(r.headline()).contains("2 DMARC records");
    }

    @Test
    void dkimKeysAreSizedAndFlagged() throws Exception {
        java.security.KeyPairGenerator g = java.security.KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        String k2048 = java.util.Base64.getEncoder().encodeToString(g.generateKeyPair().getPublic().getEncoded());
        DkimKey strong = DkimKey.parse("v=DKIM1; k=rsa; p=" + k2048);
        assertThat(strong.bits()).isEqualTo(2048);
        assertThat(strong.errors()).isEmpty();
        assertThat(DkimKey.parse("v=DKIM1; k=ed25519; p=11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=").bits()).isEqualTo(256);
        assertThat(DkimKey.parse("v=DKIM1; p=").revoked()).isTrue();
        assertThat(DkimKey.parse("v=DKIM1; p=not*base64").errors()).anyMatch(e -> e.contains("base64"));

        DnsSession s = session(new Zone().txt("sel._domainkey.k.example", "v=DKIM1; k=rsa; t=y; p=" + k2048));
        CheckResult r = DkimCheck.evaluate("k.example", List.of("sel", "nope"), List.of(
                s.query("sel._domainkey.k.example", Type.TXT), s.query("nope._domainkey.k.example", Type.TXT)), true);
        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(r.details()).anyMatch(d -> d.contains("RSA 2048-bit key"))
                .anyMatch(d -> d.contains("testing mode (t=y)"))
                .anyMatch(d -> d.contains("Selector nope: no DKIM key at nope._domainkey.k.example"));
    }

    @Test
    void dnsblListingsAndErrorCodesAreKeptApart() throws Exception {
        Dnsbl zen = Dnsbl.of("zen.spamhaus.org");
        InetAddress ip = InetAddress.getByName("192.0.2.33");
        DnsSession s = session(new Zone().text("""
                33.2.0.192.zen.spamhaus.org. A 127.0.0.4
                33.2.0.192.bl.spamcop.net. A 127.255.255.254
                33.2.0.192.psbl.surriel.com. A 127.0.0.1
                33.2.0.192.b.barracudacentral.org. A 198.51.100.80
                """).fault("33.2.0.192.bl.mailspike.net", Zone.Fault.SERVFAIL));
        DnsblCheck.Lookup listed = DnsblCheck.lookup(s, ip, zen).join();
        assertThat(listed.verdict()).isEqualTo(DnsblCheck.Verdict.LISTED);
        assertThat(listed.meaning()).contains("XBL");
        assertThat(DnsblCheck.lookup(s, ip, Dnsbl.of("bl.spamcop.net")).join().meaning()).contains("public or open resolver");
        assertThat(DnsblCheck.lookup(s, ip, Dnsbl.of("psbl.surriel.com")).join().verdict()).isEqualTo(DnsblCheck.Verdict.ERROR);
        assertThat(DnsblCheck.lookup(s, ip, Dnsbl.of("b.barracudacentral.org")).join().meaning()).contains("rewrites");
        assertThat(DnsblCheck.lookup(s, ip, Dnsbl.of("bl.mailspike.net")).join().verdict()).isEqualTo(DnsblCheck.Verdict.ERROR);
        assertThat(DnsblCheck.lookup(s, InetAddress.getByName("192.0.2.34"), zen).join().verdict())
                .isEqualTo(DnsblCheck.Verdict.NOT_LISTED);
        assertThat(Dnsbl.defaults()).extracting(Dnsbl::zone).contains("zen.spamhaus.org", "bl.spamcop.net");
        assertThat(IpAddresses.reversed(InetAddress.getByName("2001:db8::1")))
                .startsWith("1.0.0.0.").endsWith(".8.b.d.0.1.0.0.2");
    }

    @Test
    void mtaStsAndTlsRptRecordsAreParsed() {
        DnsSession s = session(new Zone().txt("_mta-sts.m.example", "v=STSv1; id=abc!").txt("_smtp._tls.m.example",
                "v=TLSRPTv1; rua=mailto:tls@m.example"));
        CheckResult r = MtaStsRecordCheck.evaluate(s.query("_mta-sts.m.example", Type.TXT), s.query("_smtp._tls.m.example", Type.TXT));
        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(r.facts()).containsEntry("mtasts.record", "invalid").containsEntry("tlsrpt.record", "present");
    }

    @Test
    void garbageCnameLoopsAndOddTxtSplitsGiveFindingsNotExceptions() {
        Zone zone = new Zone().text("""
                loop.example. CNAME loop2.example.
                loop2.example. CNAME loop.example.
                """).fault("junk.example", Zone.Fault.GARBAGE)
                .txt("split.example", "v=spf", "1 ip4:192.0.2.0", "/24 -al", "l");
        DnsSession s = session(zone);
        CheckResult loop = MxCheck.evaluate("loop.example", MxLookup.lookup(s, "loop.example").join());
        assertThat(loop.status()).isEqualTo(Status.FAIL);
        assertThat(loop.headline()).contains("loop.example", "CNAME loop");
        CheckResult junk = MxCheck.evaluate("junk.example", MxLookup.lookup(s, "junk.example").join());
        assertThat(junk.headline()).contains("junk.example");
        var spf = new org.mailmedic.engine.probe.spf.SpfEvaluator(s).checkHost("192.0.2.7", "split.example", "a@split.example", "h.example");
        assertThat(spf.result().rfcName()).isEqualTo("pass");
    }
}
