package io.backprop.access;

import java.util.Optional;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Who sends the request being served: the key's id, its owner and role. Work done outside a request (training
 * jobs, replicas following each other) has no caller and sees every owner's models.
 */
public record Caller(String keyId, String owner, Role role) {

    /** The loopback mode's user, who needs no key; what it stores belongs to owner "local". */
    public static final Caller LOCAL = new Caller("local", "local", Role.ADMIN);

    /** The caller of the request this thread serves, if it serves one. */
    public static Optional<Caller> current() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication != null && authentication.getPrincipal() instanceof Caller caller
                ? Optional.of(caller) : Optional.empty();
    }

    /**
     * Whether the current caller may see what {@code owner} owns. Another owner's resource is reported as not
     * found, never as forbidden, so that ids cannot be probed.
     */
    public static boolean maySee(String owner) {
        return current().map(caller -> caller.role == Role.ADMIN || caller.owner.equals(owner)).orElse(true);
    }

    /** The owner whose resources a list shows; empty for all owners (admins, and work outside requests). */
    public static Optional<String> listedOwner() {
        return current().filter(caller -> caller.role != Role.ADMIN).map(Caller::owner);
    }

    /** The owner of what the current request stores. */
    public static String newOwner() {
        return current().orElse(LOCAL).owner;
    }

    /**
     * Runs {@code work} as this caller on a thread that serves no request (a search starting its trials), so that
     * what it stores is this caller's and its quotas hold.
     */
    public void runAs(Runnable work) {
        SecurityContext previous = SecurityContextHolder.getContext();
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(ApiKeyAuthentication.of(this));
        SecurityContextHolder.setContext(context);
        try {
            work.run();
        }
        finally {
            SecurityContextHolder.setContext(previous);
        }
    }

    /** Whether quotas and rate limits hold this caller: they hold every key but an admin's. */
    public boolean limited() {
        return role != Role.ADMIN;
    }
}
