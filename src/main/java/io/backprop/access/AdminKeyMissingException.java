package io.backprop.access;

/** The service would need keys but has no admin key to start from, or one too short to trust. */
class AdminKeyMissingException extends IllegalStateException {

    static final String ACTION = "Set BACKPROP_ADMIN_KEY to a random key of at least "
            + AccessProperties.MIN_ADMIN_KEY_LENGTH + " characters (e.g. the output of `openssl rand -hex 32`), "
            + "or listen on the loopback interface only (server.address=127.0.0.1).";

    AdminKeyMissingException(String description) {
        super(description);
    }

    static AdminKeyMissingException missing(String listening) {
        return new AdminKeyMissingException("Backprop listens on " + listening + ", where every request needs a "
                + "key, and no admin key is set.");
    }

    static AdminKeyMissingException tooShort(int length) {
        return new AdminKeyMissingException("The admin key has " + length + " characters; it needs at least "
                + AccessProperties.MIN_ADMIN_KEY_LENGTH + ".");
    }
}
