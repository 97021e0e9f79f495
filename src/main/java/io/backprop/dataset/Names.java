package io.backprop.dataset;

import java.util.List;
import java.util.stream.IntStream;

/**
 * What a name or a class label may hold: at least one character that is not white space (a blank model name is a
 * registry name no path reaches), at most {@link #MAX_LENGTH} characters, none of them a control
 * character (PostgreSQL text cannot hold U+0000, and a line break in a name forges log lines) or half of a
 * surrogate pair (no valid UTF-8 encodes it).
 */
public final class Names {

    public static final int MAX_LENGTH = 200;

    private Names() {
    }

    /** prefix1, prefix2, …: the names of columns that came without any (x1, x2, … for features). */
    public static List<String> numbered(String prefix, int count) {
        return IntStream.rangeClosed(1, count).mapToObj(i -> prefix + i).toList();
    }

    /** The first ten names, comma-separated: a message stays readable with a thousand columns. */
    public static String preview(List<String> names) {
        int shown = Math.min(names.size(), 10);
        return String.join(", ", names.subList(0, shown)) + (shown < names.size() ? ", … (" + names.size()
                + " in all)" : "");
    }

    /** What is wrong with {@code text} as a name, or null when nothing is. */
    public static String problem(String text) {
        if (text.isBlank()) {
            return "must not be blank";
        }
        if (text.length() > MAX_LENGTH) {
            return "must be at most " + MAX_LENGTH + " characters (it has " + text.length() + ")";
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c)) {
                return String.format("must not contain control characters (U+%04X at position %d)", (int) c, i);
            }
            if (Character.isSurrogate(c) && !pairedSurrogate(text, i)) {
                return "must be valid Unicode (a lone surrogate at position " + i + ")";
            }
            if (Character.isHighSurrogate(c)) {
                i++;
            }
        }
        return null;
    }

    /**
     * What is wrong with {@code text} as a model's name, or null: a name's own problems, then what keeps it from
     * naming the model's versions in {@code /registry/{name}} (a slash or backslash, which no path segment carries,
     * or "." or "..", which paths resolve away).
     */
    public static String modelNameProblem(String text) {
        String problem = problem(text);
        if (problem == null && (text.indexOf('/') >= 0 || text.indexOf('\\') >= 0)) {
            problem = "must not contain '/' or '\\': the name is a path segment in /registry/{name}";
        }
        if (problem == null && (text.equals(".") || text.equals(".."))) {
            problem = "must not be '.' or '..': the name is a path segment in /registry/{name}";
        }
        return problem;
    }

    private static boolean pairedSurrogate(String text, int i) {
        return Character.isHighSurrogate(text.charAt(i)) && i + 1 < text.length()
                && Character.isLowSurrogate(text.charAt(i + 1));
    }
}
