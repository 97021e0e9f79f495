package io.backprop.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.web.ErrorResponseException;

class TrainingEventsTests {

    private final TrainingEvents events = new TrainingEvents(new JobProperties(2, 50, Duration.ofSeconds(10),
            Duration.ofSeconds(1), Duration.ofMillis(200), 1000, Duration.ofMinutes(10), 1e6, 3, 2,
            Duration.ofSeconds(15), "test", Duration.ofSeconds(1), Duration.ofSeconds(5), 6, Duration.ofMillis(500), Duration.ofSeconds(10), 0, 0));

    @BeforeEach
    void start() {
        events.start();
    }

    @AfterEach
    void stop() {
        events.stop();
    }

    /** The job ends while a new listener reads its state: the listener gets one end and is then forgotten. */
    @Test
    void anEndAnnouncedWhileTheStateIsReadShouldEndTheStreamOnce() {
        events.follow("m", () -> {
            events.finish("m", "ended");
            return new TrainingEvents.Snapshot("ended", true);
        });

        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> !events.hasListeners("m"));
        // its place is free again, and freed only once: two more listeners fit, a third does not
        assertThatCode(() -> {
            events.follow("m", () -> new TrainingEvents.Snapshot("running", false));
            events.follow("m", () -> new TrainingEvents.Snapshot("running", false));
        }).doesNotThrowAnyException();
        assertThatThrownBy(() -> events.follow("m", () -> new TrainingEvents.Snapshot("running", false)))
                .isInstanceOf(ErrorResponseException.class);
    }

    @Test
    void oneModelShouldNotTakeEveryPlaceAndARefusalShouldSayWhenToRetry() {
        events.follow("popular", () -> new TrainingEvents.Snapshot("running", false));
        events.follow("popular", () -> new TrainingEvents.Snapshot("running", false));

        ErrorResponseException refused = catchThrowableOfType(ErrorResponseException.class,
                () -> events.follow("popular", () -> new TrainingEvents.Snapshot("running", false)));

        assertThat(refused.getStatusCode().value()).isEqualTo(429);
        assertThat(refused.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("15");
        assertThat(refused.getBody().getDetail()).contains("2 per model, 3 in all");
        assertThatCode(() -> events.follow("other", () -> new TrainingEvents.Snapshot("running", false)))
                .as("another model still has room").doesNotThrowAnyException();
        assertThatThrownBy(() -> events.follow("third", () -> new TrainingEvents.Snapshot("running", false)))
                .as("but the total holds").isInstanceOf(ErrorResponseException.class);
    }
}
