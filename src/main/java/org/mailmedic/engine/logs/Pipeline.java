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
        /** Ints kept per line in {@link #fields}: a line's fields side by side, read in one sweep. */
        static final int STRIDE = 8;
        final byte[] data;
        /** Per line: start, end, msgStart, idEnd, progStart, progEnd, pidStart, pidEnd. */
        final int[] fields;
        /** Per line: time, lineNo. */
        final long[] stamps;
        final int lines;
        int n;
        int used;

        Batch() {
            this(0, 0);
        }

        Batch(int lines, int bytes) {
            this.lines = lines;
            data = new byte[bytes];
            fields = new int[lines * STRIDE];
            stamps = new long[lines * 2];
        }

        /** Copies the reader's current line; false when the batch is full. */
        boolean add(LogReader r) {
            int len = r.end - r.start;
            if (n == lines || used + len > data.length) {
                return false;
            }
            System.arraycopy(r.buf, r.start, data, used, len);
            int shift = used - r.start;
            int[] f = fields;
            int k = n * STRIDE;
            f[k] = used;
            f[k + 1] = used + len;
            f[k + 2] = r.msgStart + shift;
            f[k + 3] = r.idEnd < 0 ? -1 : r.idEnd + shift;
            f[k + 4] = r.progStart + shift;
            f[k + 5] = r.progEnd + shift;
            f[k + 6] = r.pidStart < 0 ? -1 : r.pidStart + shift;
            f[k + 7] = r.pidEnd < 0 ? -1 : r.pidEnd + shift;
            stamps[2 * n] = r.time;
            stamps[2 * n + 1] = r.lineNo;
            used += len;
            n++;
            return true;
        }

        /** Points {@code view} at line {@code i}. */
        void show(int i, LogReader view) {
            int[] f = fields;
            int k = i * STRIDE;
            view.start = f[k];
            view.end = f[k + 1];
            view.msgStart = f[k + 2];
            view.idEnd = f[k + 3];
            view.progStart = f[k + 4];
            view.progEnd = f[k + 5];
            view.pidStart = f[k + 6];
            view.pidEnd = f[k + 7];
            view.time = stamps[2 * i];
            view.lineNo = stamps[2 * i + 1];
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
                boolean more = true;
                boolean pending = false; // the reader's current line did not fit the last batch
                while (more) {
                    Batch b = take(free, stop);
                    if (b == null) {
                        return;
                    }
                    b.n = 0;
                    b.used = 0;
                    if (pending) {
                        b.add(r); // a line is at most LogReader.MAX_LINE, far below a batch
                    }
                    more = fill(r, b);
                    pending = more;
                    if (b.n > 0 && !put(full, b, stop)) {
                        return;
                    }
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
                    b.show(i, view);
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

    /**
     * Adds the reader's next lines that may matter to {@code b} until it is full (true: the reader's
     * current line is left for the next batch) or the file ends (false).
     * A method called once per batch rather than a loop around all batches: the JIT compiles it as
     * a method, with the batch-full exit seen from the start, instead of compiling the reader
     * thread's loop on the stack (OSR) and again when the first batch filled (JFR: 0.2-0.3 s of
     * compilation per run).
     */
    private static boolean fill(LogReader r, Batch b) {
        LineFormat format = r.format;
        while (r.next()) {
            if (format.mayMatter(r) && !b.add(r)) {
                return true;
            }
        }
        return false;
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
