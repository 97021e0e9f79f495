package io.backprop.model;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.springframework.stereotype.Service;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * Trains a model's request again from its receipt and says whether the parameters came out bit for bit the same,
 * and if not, which of the receipts' inputs differ.
 */
@Service
class Replays {

    /** How long a replay request waits for its job; a longer job is answered with its id, to compare later. */
    private static final Duration WAIT = Duration.ofSeconds(60);

    private final StoredModels stored;
    private final ModelCreation creation;

    Replays(StoredModels stored, ModelCreation creation) {
        this.stored = stored;
        this.creation = creation;
    }

    @Schema(description = "Whether the replay's parameters are bit-identical to the original's; null while it "
            + "still trains")
    record Replay(Boolean identical, String modelId, List<Difference> differences) {
    }

    /** A receipt field whose values differ between the original and the replay. */
    record Difference(String field, Object original, Object replay) {
    }

    Replay replay(String id) {
        Model original = stored.find(id);
        if (original.status() != ModelStatus.SUCCEEDED || original.receipt() == null) {
            throw new ModelStateException(id, original.status(), "only a SUCCEEDED model with a receipt can be "
                    + "replayed");
        }
        String replayId = creation.replay(original).id();
        long deadline = System.nanoTime() + WAIT.toNanos();
        Model replay = stored.find(replayId);
        while (!ended(replay) && System.nanoTime() < deadline) {
            sleep();
            replay = stored.find(replayId);
        }
        if (!ended(replay)) {
            return new Replay(null, replayId, List.of(new Difference("status", original.status(), replay.status())));
        }
        if (replay.status() != ModelStatus.SUCCEEDED) {
            return new Replay(false, replayId, List.of(new Difference("status", original.status(), replay.status())));
        }
        List<Difference> differences = differences(original.receipt(), replay.receipt());
        return new Replay(differences.isEmpty(), replayId, differences);
    }

    private static List<Difference> differences(Receipt a, Receipt b) {
        List<Difference> differences = new ArrayList<>();
        compare(differences, "seed", a.seed(), b.seed());
        compare(differences, "dataSha256", a.dataSha256(), b.dataSha256());
        compare(differences, "specSha256", a.specSha256(), b.specSha256());
        compare(differences, "backend", a.backend(), b.backend());
        compare(differences, "precision", a.precision(), b.precision());
        compare(differences, "versions", a.versions(), b.versions());
        compare(differences, "threads", a.threads(), b.threads());
        compare(differences, "sparseInput", a.sparseInput(), b.sparseInput());
        compare(differences, "parametersSha256", a.parametersSha256(), b.parametersSha256());
        return differences;
    }

    private static void compare(List<Difference> differences, String field, Object a, Object b) {
        if (!Objects.equals(a, b)) {
            differences.add(new Difference(field, a, b));
        }
    }

    private static boolean ended(Model model) {
        return model.status() != ModelStatus.QUEUED && model.status() != ModelStatus.RUNNING;
    }

    private static void sleep() {
        try {
            Thread.sleep(50);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the replay", e);
        }
    }
}
