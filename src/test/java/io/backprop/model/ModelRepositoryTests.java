package io.backprop.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.jdbc.core.JdbcAggregateOperations;
import org.springframework.jdbc.core.JdbcTemplate;

import io.backprop.dataset.DatasetInput;
import io.backprop.dataset.RowSet;
import io.backprop.model.spec.ModelSpec;
import io.backprop.model.spec.TrainingRequest;
import tools.jackson.databind.json.JsonMapper;

/** The state moves: each takes effect only from the state it expects, so concurrent moves cannot both win. */
@ModelStoreTest
class ModelRepositoryTests {

    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
    private static final RowSet ROWS = RowSet.of(new DatasetInput(new double[][] {{0}, {1}},
            new double[][] {{0}, {1}}, null, null, null));
    private static final ModelSpec SPEC = ModelSpec.of(JsonMapper.shared().readValue(
            "{\"architecture\": {\"layers\": [{\"units\": 1}]}}", TrainingRequest.class), ROWS, 1, 60);
    private static final DataFit FIT = TrainingData.prepare(SPEC, ROWS).fit();

    @Autowired
    ModelRepository models;

    @Autowired
    JdbcAggregateOperations aggregates;

    @Autowired
    JdbcTemplate jdbc;

    @BeforeEach
    void queueOne() {
        aggregates.insert(Model.queued("m1", "xor", "local", Task.CLASSIFICATION, SPEC, FIT, 0, NOW));
    }

    @Test
    void anEndedModelShouldNotStartAgain() {
        assertThat(models.markRunning("m1", 0, null, NOW)).isTrue();
        models.markCancelled("m1", NOW);

        assertThat(models.markRunning("m1", 0, null, NOW)).isFalse();
        assertThat(models.findById("m1").orElseThrow().status()).isEqualTo(ModelStatus.CANCELLED);
    }

    @Test
    void cancelledJobShouldNotBeOverwrittenByItsLateResult() {
        models.markRunning("m1", 0, null, NOW);

        assertThat(models.markCancelled("m1", NOW)).isTrue();
        assertThat(models.markSucceeded("m1", 10, 0.1, FIT, null, null, null, NOW)).isFalse();
        assertThat(models.recordProgress("m1", 5, 0.2)).isFalse();
        assertThat(models.findById("m1").orElseThrow().status()).isEqualTo(ModelStatus.CANCELLED);
    }

    @Test
    void finishedModelShouldNotBeCancelled() {
        models.markRunning("m1", 0, null, NOW);
        models.markFailed("m1", "diverged", NOW);

        assertThat(models.markCancelled("m1", NOW)).isFalse();
        assertThat(models.findById("m1").orElseThrow().error()).isEqualTo("diverged");
    }

    @Test
    void aJobStartedAgainShouldStartFromTheBeginningAndBeCounted() {
        models.markRunning("m1", 0, null, NOW);
        models.recordProgress("m1", 40, 0.3);

        assertThat(models.markRunning("m1", 0, null, NOW.plusSeconds(5))).isTrue();

        Model again = models.findById("m1").orElseThrow();
        assertThat(again.status()).isEqualTo(ModelStatus.RUNNING);
        assertThat(again.epoch()).isZero();
        assertThat(again.startedAt()).isEqualTo(NOW.plusSeconds(5));
        assertThat(jdbc.queryForObject("SELECT attempts FROM model WHERE id = 'm1'", Integer.class)).isEqualTo(2);
    }

    @Test
    void aStopShouldBeAskedOnlyOfARunningJob() {
        assertThat(models.requestStop("m1")).isFalse();
        assertThat(models.stopRequested("m1")).isEmpty();
        models.markRunning("m1", 0, null, NOW);

        assertThat(models.stopRequested("m1")).contains(false);
        assertThat(models.requestStop("m1")).isTrue();
        assertThat(models.stopRequested("m1")).contains(true);
    }

    @Test
    void onlyARunningModelShouldBeLockedForACheckpoint() {
        assertThat(models.lockIfRunning("m1")).isEmpty();
        models.markRunning("m1", 0, null, NOW);

        assertThat(models.lockIfRunning("m1")).contains("m1");
    }
}
