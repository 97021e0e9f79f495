package io.backprop.training;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.ErrorResponseException;

class TrainingEventsTests {

    private final TrainingEvents events = new TrainingEvents(new TrainingProperties(2, 50, Duration.ofSeconds(10),
            Duration.ofSeconds(1), Duration.ofMillis(200), 1000, Duration.ofMinutes(10), 1e6, 1));

    @AfterEach
    void stop() {
        events.destroy();
    }

    /** The job ends while a new listener reads its state: the listener gets one end and is then forgotten. */
    @Test
    void anEndAnnouncedWhileTheStateIsReadShouldEndTheStreamOnce() {
        events.follow("m", () -> {
            events.finish("m", "ended");
            return new TrainingEvents.Snapshot("ended", true);
        });

        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> !events.hasListeners("m"));
        // its place is free again, and freed only once: one more listener fits, a second does not
        assertThatCode(() -> events.follow("m", () -> new TrainingEvents.Snapshot("running", false)))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> events.follow("m", () -> new TrainingEvents.Snapshot("running", false)))
                .isInstanceOf(ErrorResponseException.class);
    }
}
