package io.backprop.system;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The ids of models and data sets: random UUIDs in their canonical text. Anything else cannot name a stored
 * resource, so it is turned away as unknown before it reaches a query.
 */
public final class ResourceIds {

    private static final Pattern CANONICAL = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private ResourceIds() {
    }

    public static String next() {
        return UUID.randomUUID().toString();
    }

    public static boolean wellFormed(String id) {
        return id != null && CANONICAL.matcher(id).matches();
    }
}
