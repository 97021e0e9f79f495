package io.backprop.access;

import java.net.InetAddress;
import java.net.UnknownHostException;

import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Whether requests need keys. On the loopback interface without an admin key, nobody but this machine's users can
 * connect, and they need none (like MLflow and Ollama); anywhere else, or once an admin key is set, every request
 * but the health probes, the page and the API documentation needs one. Listening anywhere else without an admin
 * key is refused at start: there is no open mode on a public interface.
 */
@Component
public class AccessMode {

    private final boolean keysRequired;

    AccessMode(Environment environment, AccessProperties properties) {
        String address = environment.getProperty("server.address", "");
        boolean loopback = loopback(address);
        String adminKey = properties.adminKey();
        if (!loopback && adminKey.isEmpty()) {
            throw AdminKeyMissingException.missing(address.isEmpty() ? "every interface" : address);
        }
        if (!adminKey.isEmpty() && adminKey.length() < AccessProperties.MIN_ADMIN_KEY_LENGTH) {
            throw AdminKeyMissingException.tooShort(adminKey.length());
        }
        this.keysRequired = !loopback || !adminKey.isEmpty();
    }

    public boolean keysRequired() {
        return keysRequired;
    }

    /** Whether the address binds only the loopback interface (no address binds every interface). */
    private static boolean loopback(String address) {
        if (address.isEmpty()) {
            return false;
        }
        try {
            return InetAddress.getByName(address).isLoopbackAddress();
        }
        catch (UnknownHostException e) {
            return false;
        }
    }
}
