package org.mailmedic.engine.probe.dane;

import java.util.List;
import org.mailmedic.engine.probe.smtp.Status;

/**
 * DANE for one MX host.
 *
 * @param mxHost        the MX host name
 * @param tlsaName      the name looked up, e.g. {@code _25._tcp.mx.example.com}
 * @param dnssecSigned  the TLSA answer carried the DNSSEC AD bit
 * @param records       each TLSA record and its match against the chain
 * @param protects      DANE protects this host: signed, usable TLSA records, one of them matches
 * @param status        pass / info / warn / fail
 * @param headline      plain verdict
 * @param detail        technical detail
 */
public record DaneResult(String mxHost, String tlsaName, boolean dnssecSigned, List<TlsaMatch> records,
        boolean protects, Status status, String headline, String detail) {

    public DaneResult {
        records = List.copyOf(records);
    }
}
