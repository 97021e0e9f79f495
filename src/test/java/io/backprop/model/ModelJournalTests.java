package io.backprop.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;
import org.springframework.data.jdbc.core.JdbcAggregateOperations;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import io.backprop.dataset.DatasetInput;
import io.backprop.dataset.RowSet;
import io.backprop.dataset.RowStore;
import io.backprop.model.spec.ModelSpec;
import io.backprop.model.spec.TrainingRequest;
import io.backprop.training.JobResult;
import io.backprop.training.TrainingJob;
import io.backprop.training.TrainingJournal;
import tools.jackson.databind.json.JsonMapper;

/**
 * How jobs are recorded: handed out once, from the stored rows; results stored whole, or not at all. Committed,
 * not rolled back: a job reads its rows on a thread (and connection) of its own, as it does in the service.
 */
@ModelStoreTest
@Transactional(propagation = Propagation.NOT_SUPPORTED)
class ModelJournalTests {

    private static final String ID = "6e711863-a172-4d1b-9c24-f024afcba5ee";
    private static final Instant NOW = ModelStoreTest.NOW;
    private static final RowSet XOR = RowSet.of(new DatasetInput(new double[][] {{0, 0}, {0, 1}, {1, 0}, {1, 1}},
            new double[][] {{0}, {1}, {1}, {0}}, null, null, null));

    @Autowired
    ModelJournal journal;

    @MockitoSpyBean
    ModelRepository models;

    @Autowired
    ModelResultRepository results;

    @Autowired
    JdbcAggregateOperations aggregates;

    @Autowired
    RowStore rows;

    @AfterEach
    void deleteXor() {
        models.deleteById(ID);
        rows.releaseUnused();
    }

    @BeforeEach
    void queueXor() {
        ModelSpec spec = ModelSpec.of(JsonMapper.shared().readValue("{\"architecture\": {\"layers\": [{\"units\": 3},"
                + " {\"units\": 1}]}, \"training\": {\"epochs\": 5}}", TrainingRequest.class), XOR, 7, 60);
        aggregates.insert(Model.queued(ID, "xor", "local", Task.CLASSIFICATION, spec, TrainingData.plan(spec, XOR), 0, NOW));
        aggregates.insert(new ModelDataset(ID, rows.store(XOR).id(), null));
    }

    @Test
    void aJobShouldBeHandedOutFromItsStoredRowsUntilItEnds() {
        TrainingJob job = journal.started(ID).orElseThrow();

        assertThat(job.training().rows()).isEqualTo(4);
        assertThat(job.options().epochs()).isEqualTo(5);
        assertThat(models.findById(ID).orElseThrow().status()).isEqualTo(ModelStatus.RUNNING);
        assertThat(journal.started(ID)).as("its replica died: it runs again").isPresent();
        journal.failed(ID, "diverged");
        assertThat(journal.started(ID)).as("ended").isEmpty();
    }

    @Test
    void aSuccessShouldStoreParametersMetricsAndOutcomeTogether() {
        TrainingJob job = journal.started(ID).orElseThrow();
        List<Boolean> alongsideInTransaction = new ArrayList<>();

        journal.succeeded(job, result(job), () -> alongsideInTransaction.add(
                TransactionSynchronizationManager.isActualTransactionActive()));

        assertThat(alongsideInTransaction).containsExactly(true);
        Model model = models.findById(ID).orElseThrow();
        assertThat(model.status()).isEqualTo(ModelStatus.SUCCEEDED);
        assertThat(model.fit().preprocessing().features().columns()).as("fitted by the job").hasSize(2);
        assertThat(model.outcome().message()).isEqualTo("trained all 5 epochs");
        assertThat(model.metrics().training().accuracy()).isNotNull();
        assertThat(model.version()).as("the first version of its name").isEqualTo(1);
        assertThat(model.receipt().parametersSha256()).isEqualTo(Receipts.sha256(ParametersCodec.encode(
                job.initial())));
        assertThat(model.receipt().seed()).isEqualTo(7);
        assertThat(results.findById(ID).orElseThrow().parameters()).usingRecursiveComparison().isEqualTo(job.initial());
    }

    @Test
    void aSuccessWhoseVersionNumberWasTakenMeanwhileIsStoredAgainWhole() {
        TrainingJob job = journal.started(ID).orElseThrow();
        var repository = Mockito.mockingDetails(models).getMockCreationSettings().getDefaultAnswer();
        Mockito.doThrow(new DuplicateKeyException("version 1 of xor was taken meanwhile")).doAnswer(repository)
                .when(models).markSucceeded(Mockito.eq(ID), Mockito.anyInt(), Mockito.anyDouble(), Mockito.any(),
                        Mockito.any(), Mockito.any(), Mockito.any(), Mockito.any());

        journal.succeeded(job, result(job), () -> { });

        Model model = models.findById(ID).orElseThrow();
        assertThat(model.status()).isEqualTo(ModelStatus.SUCCEEDED);
        assertThat(model.version()).isEqualTo(1);
        assertThat(model.receipt()).isNotNull();
        assertThat(results.findById(ID)).isPresent();
    }

    @Test
    void aLateSuccessOfACancelledJobShouldStoreNothing() {
        TrainingJob job = journal.started(ID).orElseThrow();
        models.markCancelled(ID, NOW);
        List<String> alongside = new ArrayList<>();

        journal.succeeded(job, result(job), () -> alongside.add("ran"));

        assertThat(alongside).as("the job engine's record ends all the same").containsExactly("ran");
        assertThat(models.findById(ID).orElseThrow().status()).isEqualTo(ModelStatus.CANCELLED);
        assertThat(models.findById(ID).orElseThrow().version()).as("no version for a cancelled job").isNull();
        assertThat(results.findById(ID)).isEmpty();
    }

    @Test
    void aSuccessWhoseCompanionWriteFailsShouldStoreNothing() {
        TrainingJob job = journal.started(ID).orElseThrow();

        assertThatThrownBy(() -> journal.succeeded(job, result(job), () -> {
            throw new IllegalStateException("the job engine's record could not be ended");
        })).hasMessageContaining("could not be ended");

        assertThat(models.findById(ID).orElseThrow().status()).isEqualTo(ModelStatus.RUNNING);
        assertThat(results.findById(ID)).isEmpty();
    }

    @Test
    void queuedAndRunningJobsShouldBeUnfinishedUntilTheyEnd() {
        assertThat(journal.unfinished()).containsExactly(ID);
        journal.started(ID);
        assertThat(journal.unfinished()).containsExactly(ID);
        assertThat(journal.control(ID)).isEqualTo(TrainingJournal.Control.CONTINUE);
        assertThat(journal.requestStop(ID)).isTrue();
        assertThat(journal.control(ID)).isEqualTo(TrainingJournal.Control.STOP);

        journal.failed(ID, "diverged");

        assertThat(journal.unfinished()).isEmpty();
        assertThat(journal.control(ID)).isEqualTo(TrainingJournal.Control.END);
    }

    /** The job's starting parameters handed back as if trained, with what they measure. */
    private static JobResult result(TrainingJob job) {
        return new JobResult(job.initial(), job.metrics(job.initial()), 5, List.of(), null, false, false, false);
    }
}
