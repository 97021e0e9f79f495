package io.backprop.model;

import java.util.Map;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * What a model was trained from and with, recorded when it succeeded: enough to train it again and to tell why
 * the parameters differ if they do.
 */
@Schema(description = "A reproducibility receipt, written when the model succeeded")
public record Receipt(
        @Schema(description = "The seed of the initial weights, shuffles and split") long seed,
        @Schema(description = "SHA-256 of the training rows as stored") String dataSha256,
        @Schema(description = "SHA-256 of the spec with every default filled in") String specSha256,
        @Schema(description = "array (plain Java, float64) or nd4j") String backend,
        String precision,
        @Schema(description = "nd4j, openblas and java") Map<String, String> versions,
        @Schema(description = "BLAS threads the job used") int threads,
        @Schema(description = "Whether the first layer's products skipped the rows' zeros, through an index of "
                + "their nonzero values (float32 rows that are mostly zero; it rounds differently from OpenBLAS)")
        boolean sparseInput,
        @Schema(description = "SHA-256 of the trained parameters, 8 bytes per number") String parametersSha256) {
}
