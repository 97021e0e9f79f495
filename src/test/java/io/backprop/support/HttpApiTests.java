package io.backprop.support;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Base of the tests that talk to the service started on a random port. */
public abstract class HttpApiTests {

    @LocalServerPort
    protected int port;

    protected ApiClient api;

    @BeforeEach
    void connect() {
        api = new ApiClient(port);
    }
}
