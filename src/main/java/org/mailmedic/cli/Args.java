package org.mailmedic.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A small, strict option parser: {@code --flag}, {@code --opt VALUE}, {@code --opt=VALUE} and
 * positional arguments. Unknown options are usage errors.
 */
public final class Args {

    private final List<String> positional = new ArrayList<>();
    private final Map<String, String> options = new LinkedHashMap<>();

    private Args() {
    }

    /**
     * @param flags   options that take no value (e.g. {@code --json})
     * @param valued  options that take one value (e.g. {@code --dns})
     */
    public static Args parse(List<String> args, Set<String> flags, Set<String> valued) throws UsageException {
        Args a = new Args();
        boolean onlyPositional = false;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (onlyPositional || !arg.startsWith("--") || arg.equals("-")) {
                a.positional.add(arg);
                continue;
            }
            if (arg.equals("--")) {
                onlyPositional = true;
                continue;
            }
            String name = arg;
            String value = null;
            int eq = arg.indexOf('=');
            if (eq > 0) {
                name = arg.substring(0, eq);
                value = arg.substring(eq + 1);
            }
            if (flags.contains(name)) {
                if (value != null) {
                    throw new UsageException(name + " takes no value");
                }
                a.options.put(name, "true");
            } else if (valued.contains(name)) {
                if (value == null) {
                    if (i + 1 >= args.size()) {
                        throw new UsageException(name + " needs a value");
                    }
                    value = args.get(++i);
                }
                a.options.put(name, value);
            } else {
                throw new UsageException("unknown option " + name);
            }
        }
        return a;
    }

    public List<String> positional() {
        return positional;
    }

    public boolean flag(String name) {
        return options.containsKey(name);
    }

    public String value(String name) {
        return options.get(name);
    }

    public String value(String name, String fallback) {
        return options.getOrDefault(name, fallback);
    }

    public int intValue(String name, int fallback, int min, int max) throws UsageException {
        String v = options.get(name);
        if (v == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(v.trim());
            if (n < min || n > max) {
                throw new UsageException(name + " must be between " + min + " and " + max + ", not " + v);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new UsageException(name + " must be a whole number, not '" + v + "'");
        }
    }

    public double doubleValue(String name, double fallback, double min, double max) throws UsageException {
        String v = options.get(name);
        if (v == null) {
            return fallback;
        }
        try {
            double n = Double.parseDouble(v.trim());
            if (!(n >= min && n <= max)) {
                throw new UsageException(name + " must be between " + min + " and " + max + ", not " + v);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new UsageException(name + " must be a number, not '" + v + "'");
        }
    }
}
