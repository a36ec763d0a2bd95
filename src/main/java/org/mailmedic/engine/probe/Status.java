package org.mailmedic.engine.probe;

/** How a live check came out, worst last: what the window's mark and the CLI's tag show. */
public enum Status {
    /** Fine as it is. */
    PASS,
    /** Nothing right or wrong to report, just a fact (e.g. "no MTA-STS policy; optional"). */
    INFO,
    /** Works, but is fragile, risky or could not be fully checked. */
    WARN,
    /** Broken: mail is or will be refused, lost or marked as spam. */
    FAIL;

    /** The worse of two. */
    public Status worse(Status other) {
        return other.ordinal() > ordinal() ? other : this;
    }
}
