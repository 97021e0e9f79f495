package io.backprop.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.http.MediaType;

import io.backprop.support.EnabledIfNumpy;
import io.backprop.support.HttpApiTests;
import io.backprop.support.LimitedServiceTest;
import io.backprop.support.Numpy;
import tools.jackson.databind.JsonNode;

/** Files NumPy itself writes (.npy, .npz, compressed or not) store the same rows as the same data as CSV. */
@LimitedServiceTest
@EnabledIfNumpy
class NumpyUploadTests extends HttpApiTests {

    /** 500 rows of three float64 features and a class 0, 1 or 2, seeded; and the same classes as text. */
    private static final String DATA = """
            rng = np.random.default_rng(5)
            X = rng.normal(size=(500, 3))
            y = (X.sum(axis=1) > 0).astype(np.int64) + (X[:, 0] > 1)
            names = np.array(['low', 'mid', 'high'])[y]
            """;

    @TempDir
    Path files;

    private UploadClient uploads;

    @BeforeEach
    void client() {
        uploads = new UploadClient(api.http());
    }

    @Test
    void npyAndNpzFilesShouldStoreTheSameRowsAsCsv() throws IOException {
        Numpy.run(DATA + """
                np.savetxt(args[0] + '/data.csv', np.column_stack([X, y]), fmt='%.17g', delimiter=',',
                           header='x1,x2,x3,y', comments='')
                np.savez(args[0] + '/data.npz', features=X, targets=y)
                np.savez_compressed(args[0] + '/compressed.npz', features=X, targets=y.reshape(-1, 1))
                np.save(args[0] + '/array.npy', np.column_stack([X, y]))
                np.savetxt(args[0] + '/labels.csv', np.column_stack([X, names]), fmt='%s', delimiter=',',
                           header='x1,x2,x3,y', comments='')
                np.savez(args[0] + '/labels.npz', features=X, labels=names)
                np.savez(args[0] + '/features.npz', features=X)
                np.save(args[0] + '/features.npy', X)
                np.savetxt(args[0] + '/features.csv', X, fmt='%.17g', delimiter=',', header='x1,x2,x3', comments='')
                """, files);

        JsonNode csv = uploads.stored("/datasets?targets=y", UploadClient.CSV, null, bytes("data.csv"));
        JsonNode npz = octetStream("/datasets", "data.npz");
        JsonNode compressed = octetStream("/datasets", "compressed.npz");
        JsonNode npy = octetStream("/datasets?targets=x4", "array.npy");
        JsonNode labelsCsv = uploads.stored("/datasets?targets=y", UploadClient.CSV, null, bytes("labels.csv"));
        JsonNode labelsNpz = octetStream("/datasets", "labels.npz");
        // rows to predict: features alone, from any of the three formats
        JsonNode featuresCsv = uploads.stored("/datasets", UploadClient.CSV, null, bytes("features.csv"));
        JsonNode featuresNpz = octetStream("/datasets", "features.npz");
        JsonNode featuresNpy = octetStream("/datasets", "features.npy");

        assertThat(csv.get("bytes").asLong()).as("float64 features, class numbers as float32")
                .isEqualTo(500 * 3 * 8 + 500 * 4);
        assertThat(npz.get("sha256")).isEqualTo(csv.get("sha256"));
        assertThat(compressed.get("sha256")).isEqualTo(csv.get("sha256"));
        assertThat(npy.get("sha256")).isEqualTo(csv.get("sha256"));
        assertThat(npz.get("columns").get(0)).isEqualTo(csv.get("columns").get(0));
        assertThat(labelsNpz.get("sha256")).isEqualTo(labelsCsv.get("sha256"));
        assertThat(labelsNpz.get("labels").asBoolean()).isTrue();
        assertThat(labelsNpz.at("/columns/3/classCounts")).isEqualTo(labelsCsv.at("/columns/3/classCounts"));
        assertThat(featuresCsv.get("bytes").asLong()).isEqualTo(500 * 3 * 8);
        assertThat(featuresCsv.get("targetNames")).isEmpty();
        assertThat(featuresNpz.get("sha256")).isEqualTo(featuresCsv.get("sha256"));
        assertThat(featuresNpy.get("sha256")).isEqualTo(featuresCsv.get("sha256"));
        assertThat(featuresNpz.get("sha256")).isNotEqualTo(csv.get("sha256"));
        for (JsonNode dataset : new JsonNode[] {csv, npz, compressed, npy, labelsCsv, labelsNpz, featuresCsv,
                featuresNpz, featuresNpy}) {
            api.http().delete().uri("/datasets/" + dataset.get("id").asString()).exchange().expectStatus()
                    .isNoContent();
        }
    }

    @Test
    void arraysThatAreNotPlainNumbersShouldBeRefusedWithoutUnpickling() throws IOException {
        Numpy.run(DATA + """
                np.save(args[0] + '/objects.npy', np.array([[1, 'a'], [2, None]], dtype=object), allow_pickle=True)
                np.save(args[0] + '/fortran.npy', np.asfortranarray(np.column_stack([X, y])))
                np.savez(args[0] + '/wrong.npz', features=X, weights=y)
                np.savez(args[0] + '/no-columns.npz', features=np.zeros((5, 0)), targets=np.zeros(5))
                np.savez(args[0] + '/no-target-columns.npz', features=X, targets=np.zeros((500, 0)))
                """, files);

        UploadClient.Answer objects = uploads.post("/datasets?targets=x2", MediaType.APPLICATION_OCTET_STREAM, null,
                bytes("objects.npy"));
        UploadClient.Answer fortran = uploads.post("/datasets?targets=x4", MediaType.APPLICATION_OCTET_STREAM, null,
                bytes("fortran.npy"));
        UploadClient.Answer wrong = uploads.post("/datasets", MediaType.APPLICATION_OCTET_STREAM, null,
                bytes("wrong.npz"));

        assertThat(objects.status()).isEqualTo(400);
        assertThat(objects.body().get("type").asString()).isEqualTo("/problems/invalid-numpy");
        assertThat(objects.body().get("detail").asString()).contains("holds |O values (Python objects");
        assertThat(fortran.body().get("detail").asString()).contains("Fortran order");
        assertThat(wrong.body().get("detail").asString()).contains("'weights.npy'");
        // arrays of no columns: a division by zero, answered 500, when no feature column came
        for (String file : new String[] {"no-columns.npz", "no-target-columns.npz"}) {
            UploadClient.Answer empty = uploads.post("/datasets", MediaType.APPLICATION_OCTET_STREAM, null, bytes(file));
            assertThat(empty.status()).as(file).isEqualTo(400);
            assertThat(empty.body().get("detail").asString()).as(file).contains("has 0 columns; between 1 and");
        }
    }

    private JsonNode octetStream(String path, String file) throws IOException {
        return uploads.stored(path, MediaType.APPLICATION_OCTET_STREAM, null, bytes(file));
    }

    private byte[] bytes(String file) throws IOException {
        return Files.readAllBytes(files.resolve(file));
    }
}
