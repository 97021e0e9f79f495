package io.backprop.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.mock.env.MockEnvironment;

import io.backprop.BackpropApplication;

/** When keys are needed, and the refusal to listen beyond the loopback interface without an admin key. */
@ExtendWith(OutputCaptureExtension.class)
class AccessModeTests {

    private static final String KEY = "k".repeat(AccessProperties.MIN_ADMIN_KEY_LENGTH);

    @Test
    void theLoopbackInterfaceWithoutAnAdminKeyNeedsNoKeys() {
        assertThat(mode("127.0.0.1", "").keysRequired()).isFalse();
        assertThat(mode("::1", "").keysRequired()).isFalse();
        assertThat(mode("localhost", "").keysRequired()).isFalse();
    }

    @Test
    void anAdminKeyOrAnyOtherInterfaceNeedsKeys() {
        assertThat(mode("127.0.0.1", KEY).keysRequired()).isTrue();
        assertThat(mode("0.0.0.0", KEY).keysRequired()).isTrue();
    }

    @Test
    void anyOtherInterfaceWithoutAnAdminKeyIsRefused() {
        assertThatThrownBy(() -> mode("0.0.0.0", "")).isInstanceOf(AdminKeyMissingException.class)
                .hasMessageContaining("0.0.0.0");
        assertThatThrownBy(() -> mode("", "")).isInstanceOf(AdminKeyMissingException.class)
                .hasMessageContaining("every interface");
        assertThatThrownBy(() -> mode("0.0.0.0", "short")).isInstanceOf(AdminKeyMissingException.class)
                .hasMessageContaining("5 characters");
    }

    @Test
    void theServiceDoesNotStartOnEveryInterfaceWithoutAnAdminKeyAndSaysWhatToSet(CapturedOutput output) {
        SpringApplicationBuilder application = new SpringApplicationBuilder(BackpropApplication.class);

        assertThatThrownBy(() -> application.run("--server.address=0.0.0.0", "--server.port=0",
                "--backprop.security.admin-key=", "--spring.datasource.url=jdbc:h2:mem:refused"))
                .hasRootCauseInstanceOf(AdminKeyMissingException.class);

        assertThat(output.getOut() + output.getErr()).contains("APPLICATION FAILED TO START")
                .contains("Backprop listens on 0.0.0.0, where every request needs a key, and no admin key is set.")
                .contains("Set BACKPROP_ADMIN_KEY");
    }

    private static AccessMode mode(String address, String adminKey) {
        MockEnvironment environment = new MockEnvironment().withProperty("server.address", address);
        return new AccessMode(environment, new AccessProperties(adminKey,
                new AccessProperties.Quotas(1, 1, 1),
                new AccessProperties.RateLimits(1, Duration.ofSeconds(1), 1, Duration.ofSeconds(1))));
    }
}
