package org.mailmedic.engine.report;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.security.SecureRandom;
import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * Writes a file so that the name the user chose only ever holds a complete file: the content
 * goes to a temporary file in the same directory, is flushed to disk, then moved over the
 * target atomically (or, where the file system cannot, replaced in one move). If anything
 * fails the temporary file is removed and a previous file under that name is left as it was.
 */
public final class AtomicFiles {

    /** Produces the content onto a stream. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private AtomicFiles() {
    }

    public static void write(Path target, Content content) throws ReportFileException {
        write(target, content, UnaryOperator.identity());
    }

    /**
     * As {@link #write(Path, Content)}; {@code wrap} decorates the temporary file's stream (tests
     * use it to fail mid-write as a full disk would).
     */
    static void write(Path target, Content content, UnaryOperator<OutputStream> wrap) throws ReportFileException {
        Path abs = target.toAbsolutePath();
        Path dir = abs.getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new ReportFileException(target, "Cannot write " + abs + ": the folder " + dir + " does not exist.",
                    null);
        }
        if (Files.isDirectory(abs)) {
            throw new ReportFileException(target, "Cannot write " + abs + ": it is a folder.", null);
        }
        // A hidden sibling created like any new file (so it gets the user's usual permissions,
        // not createTempFile's 0600), then given the permissions of the file it replaces.
        Path tmp = dir.resolve("." + abs.getFileName() + "." + Long.toHexString(RANDOM.nextLong()) + ".part");
        boolean moved = false;
        try {
            try (OutputStream raw = Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                    OutputStream out = new BufferedOutputStream(wrap.apply(raw), 64 * 1024)) {
                content.writeTo(out);
                out.flush();
            }
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            copyPermissions(abs, tmp);
            try {
                Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
            }
            moved = true;
        } catch (IOException | RuntimeException e) {
            throw failure(abs, e);
        } finally {
            if (!moved) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // best effort: the temporary name is hidden and never the user's chosen name
                }
            }
        }
    }

    private static void copyPermissions(Path from, Path to) {
        try {
            if (Files.exists(from) && Files.getFileStore(to).supportsFileAttributeView(PosixFileAttributeView.class)) {
                Files.setPosixFilePermissions(to, Files.getPosixFilePermissions(from));
            }
        } catch (IOException | UnsupportedOperationException e) {
            // best effort: the new report keeps the default permissions
        }
    }

    private static ReportFileException failure(Path abs, Exception e) {
        String why;
        if (e instanceof AccessDeniedException) {
            why = "permission denied (choose another folder, or check that the file is not read-only "
                    + "or open in another program)";
        } else if (e instanceof NoSuchFileException) {
            why = "the folder does not exist";
        } else {
            String m = e instanceof FileSystemException fse && fse.getReason() != null ? fse.getReason()
                    : String.valueOf(e.getMessage());
            String lower = m.toLowerCase(Locale.ROOT);
            if (lower.contains("no space") || lower.contains("disk full") || lower.contains("quota")) {
                why = "the disk is full (" + m + ")";
            } else if (lower.contains("read-only")) {
                why = "the disk is read-only";
            } else if (e instanceof RuntimeException) {
                why = "the report could not be produced (" + e.getClass().getSimpleName() + ": " + m + ")";
            } else {
                why = m;
            }
        }
        return new ReportFileException(abs, "Cannot write " + abs + ": " + why + ". Nothing was written under that name"
                + (Files.exists(abs) ? "; the previous file is unchanged." : "."), e);
    }
}
