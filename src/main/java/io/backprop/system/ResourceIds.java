package io.backprop.system;

import java.security.SecureRandom;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The ids of models and data sets: UUIDs in their canonical text, time-ordered (version 7: milliseconds since
 * the epoch, then 74 random bits), so that new rows go to the end of the tables' indexes instead of anywhere in
 * them, and a commit rewrites few index pages (measured: random ids made H2's commits the larger part of a tiny
 * job's cost). Anything else cannot name a stored resource, so it is turned away as unknown before it reaches a
 * query.
 */
public final class ResourceIds {

    private static final Pattern CANONICAL = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private ResourceIds() {
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    public static String next() {
        long time = System.currentTimeMillis();
        long high = time << 16 | 0x7000L | RANDOM.nextInt(1 << 12);
        long low = RANDOM.nextLong() & 0x3FFFFFFFFFFFFFFFL | 0x8000000000000000L;
        return new UUID(high, low).toString();
    }

    public static boolean wellFormed(String id) {
        return id != null && CANONICAL.matcher(id).matches();
    }
}
