package org.mailmedic.engine.probe.dns;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

/**
 * The DNS of one check run: a cache in front of a {@link Dns} (each name/type asked once, and a
 * question asked twice at once waits for the first) plus parallel lookups on an executor. Also
 * keeps every answer in the order it arrived, for the report.
 */
public final class DnsSession implements Dns {

    private record Key(String name, int type) {
    }

    private final Dns dns;
    private final Executor executor;
    private final Map<Key, CompletableFuture<DnsAnswer>> cache = new ConcurrentHashMap<>();
    private final List<DnsAnswer> log = new ArrayList<>();

    public DnsSession(Dns dns, Executor executor) {
        this.dns = dns;
        this.executor = executor;
    }

    /** The resolver behind the cache. */
    public Dns dns() {
        return dns;
    }

    public Executor executor() {
        return executor;
    }

    /** Starts (or joins) a lookup without waiting for it. */
    public CompletableFuture<DnsAnswer> async(String name, int type) {
        Key key = new Key(normalize(name), type);
        return cache.computeIfAbsent(key, k -> CompletableFuture.supplyAsync(() -> {
            DnsAnswer a;
            try {
                a = dns.query(name, type);
            } catch (RuntimeException e) {
                // A resolver must not throw; if one does, the answer says so instead of the check dying.
                a = DnsAnswer.failure(name, type, "resolver error: " + e, java.time.Duration.ZERO, String.valueOf(dns));
            }
            synchronized (log) {
                log.add(a);
            }
            return a;
        }, executor));
    }

    /** Looks up and waits (cached). */
    @Override
    public DnsAnswer query(String name, int type) {
        return async(name, type).join();
    }

    /** Every answer so far, in arrival order. */
    public List<DnsAnswer> log() {
        synchronized (log) {
            return new ArrayList<>(log);
        }
    }

    /** How many distinct questions were sent. */
    public int questions() {
        return cache.size();
    }

    private static String normalize(String name) {
        String n = name == null ? "" : name.toLowerCase(Locale.ROOT);
        return n.endsWith(".") ? n.substring(0, n.length() - 1) : n;
    }
}
