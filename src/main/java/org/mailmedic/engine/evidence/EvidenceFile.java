package org.mailmedic.engine.evidence;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One file the user handed in, as first seen: where it is, what kind it looks like, its size
 * and checksum, and — when it could not be used — a plain-language {@code problem}.
 *
 * @param path     the file as given (never modified)
 * @param kind     what the content looks like
 * @param size     bytes on disk
 * @param sha256   hex SHA-256 of the bytes as read, or empty when the file could not be read
 * @param detail   a short description of what was recognised ("Postfix syslog, 1,204 lines…")
 * @param problem  null when usable; otherwise why not, naming the file
 */
public record EvidenceFile(Path path, EvidenceKind kind, long size, String sha256, String detail, String problem) {

    public EvidenceFile {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(kind, "kind");
        sha256 = sha256 == null ? "" : sha256;
        detail = detail == null ? "" : detail;
    }

    public String name() {
        Path f = path.getFileName();
        return f == null ? path.toString() : f.toString();
    }

    public boolean usable() {
        return problem == null;
    }
}
