package org.mailmedic.engine.logs;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Reads one big syslog-style file on two threads: a reader thread finds the lines and parses
 * their headers ({@link LineFormat#prepare}), copying the mail lines into batches; the calling
 * thread reads the events into the aggregator. Splitting line finding from aggregation uses both
 * cores of a small server; order is kept (one producer, one consumer, FIFO). Used only for
 * formats whose {@code handle} needs nothing but the reader's line fields (syslog, Exim mainlog).
 */
final class Pipeline {

    static final int LINES = 16 * 1024;
    static final int BYTES = 4 << 20;
    private static final Batch END = new Batch();

    static final class Batch {
        final byte[] data;
        final int[] start;
        final int[] end;
        final int[] msg;
        final int[] idEnd;
        final int[] prog;
        final int[] progEnd;
        final int[] pid;
        final int[] pidEnd;
        final long[] time;
        final long[] lineNo;
        int n;
        int used;

        Batch() {
            this(0, 0);
        }

        Batch(int lines, int bytes) {
            data = new byte[bytes];
            start = new int[lines];
            end = new int[lines];
            msg = new int[lines];
            idEnd = new int[lines];
            prog = new int[lines];
            progEnd = new int[lines];
            pid = new int[lines];
            pidEnd = new int[lines];
            time = new long[lines];
            lineNo = new long[lines];
        }

        /** Copies the reader's current line; false when the batch is full. */
        boolean add(LogReader r) {
            int len = r.end - r.start;
            if (n == start.length || used + len > data.length) {
                return false;
            }
            System.arraycopy(r.buf, r.start, data, used, len);
            int shift = used - r.start;
            start[n] = used;
            end[n] = used + len;
            msg[n] = r.msgStart + shift;
            idEnd[n] = r.idEnd < 0 ? -1 : r.idEnd + shift;
            prog[n] = r.progStart + shift;
            progEnd[n] = r.progEnd + shift;
            pid[n] = r.pidStart < 0 ? -1 : r.pidStart + shift;
            pidEnd[n] = r.pidEnd < 0 ? -1 : r.pidEnd + shift;
            time[n] = r.time;
            lineNo[n] = r.lineNo;
            used += len;
            n++;
            return true;
        }
    }

    private Pipeline() {
    }

    /**
     * Runs {@code r} to its end (or until cancelled) through a reader thread.
     *
     * @return true when cancelled
     */
    static boolean run(LogReader r, Aggregator agg, BooleanSupplier cancel, Runnable progress) {
        BlockingQueue<Batch> full = new ArrayBlockingQueue<>(3);
        BlockingQueue<Batch> free = new ArrayBlockingQueue<>(4);
        for (int i = 0; i < 4; i++) {
            free.add(new Batch(LINES, BYTES));
        }
        Throwable[] failure = new Throwable[1];
        Flag stop = new Flag();
        Thread producer = new Thread(() -> {
            try {
                Batch b = take(free, stop);
                LineFormat format = r.format;
                while (b != null && r.next()) {
                    if (!format.mayMatter(r)) {
                        continue;
                    }
                    if (!b.add(r)) {
                        if (!put(full, b, stop)) {
                            return;
                        }
                        b = take(free, stop);
                        if (b == null) {
                            return;
                        }
                        b.n = 0;
                        b.used = 0;
                        b.add(r); // a line is at most LogReader.MAX_LINE, far below a batch
                    }
                }
                if (b != null && b.n > 0) {
                    put(full, b, stop);
                }
            } catch (RuntimeException | Error e) {
                failure[0] = e;
            } finally {
                put(full, END, stop);
            }
        }, "mailmedic-log-reader");
        producer.setDaemon(true);
        producer.start();
        LogReader view = r.view();
        boolean cancelled = false;
        try {
            while (true) {
                Batch b;
                try {
                    b = full.poll(200, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    cancelled = true;
                    break;
                }
                if (cancel.getAsBoolean()) {
                    cancelled = true;
                    break;
                }
                if (b == null) {
                    continue;
                }
                if (b == END) {
                    break;
                }
                view.buf = b.data;
                LineFormat f = r.format;
                for (int i = 0; i < b.n; i++) {
                    view.start = b.start[i];
                    view.end = b.end[i];
                    view.msgStart = b.msg[i];
                    view.idEnd = b.idEnd[i];
                    view.progStart = b.prog[i];
                    view.progEnd = b.progEnd[i];
                    view.pidStart = b.pid[i];
                    view.pidEnd = b.pidEnd[i];
                    view.time = b.time[i];
                    view.lineNo = b.lineNo[i];
                    f.handle(view, agg);
                }
                b.n = 0;
                b.used = 0;
                free.offer(b);
                progress.run();
            }
        } finally {
            stop.set = true;
            try {
                producer.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (failure[0] instanceof RuntimeException e) {
            throw e;
        }
        if (failure[0] instanceof Error e) {
            throw e;
        }
        return cancelled;
    }

    private static final class Flag {
        volatile boolean set;
    }

    private static Batch take(BlockingQueue<Batch> q, Flag stop) {
        try {
            while (!stop.set) {
                Batch b = q.poll(100, TimeUnit.MILLISECONDS);
                if (b != null) {
                    return b;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return null;
    }

    private static boolean put(BlockingQueue<Batch> q, Batch b, Flag stop) {
        try {
            while (!stop.set) {
                if (q.offer(b, 100, TimeUnit.MILLISECONDS)) {
                    return true;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return false;
    }
}
