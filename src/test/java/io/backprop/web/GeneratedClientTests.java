package io.backprop.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.List;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.backprop.client.ApiClient;
import io.backprop.client.ApiException;
import io.backprop.client.api.DatasetsApi;
import io.backprop.client.api.ModelsApi;
import io.backprop.client.model.Architecture;
import io.backprop.client.model.DatasetInput;
import io.backprop.client.model.DatasetView;
import io.backprop.client.model.Layer;
import io.backprop.client.model.ModelView;
import io.backprop.client.model.PredictionRequest;
import io.backprop.client.model.PredictionResponse;
import io.backprop.client.model.Preprocessing;
import io.backprop.client.model.Problem;
import io.backprop.client.model.Training;
import io.backprop.client.model.TrainingRequest;
import io.backprop.support.HttpApiTests;
import io.backprop.support.ServiceTest;

/**
 * The Java client openapi-generator builds from the service's OpenAPI document (generator java, library native),
 * used as it comes: no hand-written request, no hand-read answer.
 */
@ServiceTest
class GeneratedClientTests extends HttpApiTests {

    private static final List<List<Double>> GATES = List.of(List.of(0.0, 0.0), List.of(0.0, 1.0), List.of(1.0, 0.0),
            List.of(1.0, 1.0));

    private ModelsApi models;
    private DatasetsApi datasets;

    @BeforeEach
    void generatedClient() {
        ApiClient client = new ApiClient().setScheme("http").setHost("127.0.0.1").setPort(port);
        models = new ModelsApi(client);
        datasets = new DatasetsApi(client);
    }

    private ModelView succeeded(ModelView queued) throws ApiException {
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                .until(() -> models.getModel(queued.getId()).getStatus(),
                        status -> status == ModelView.StatusEnum.SUCCEEDED);
        return models.getModel(queued.getId());
    }

    @Test
    void theXorFlowRunsThroughTheGeneratedCode() throws ApiException {
        TrainingRequest request = new TrainingRequest().name("xor, generated")
                .dataset(new DatasetInput().features(GATES).targets(List.of(List.of(0.0), List.of(1.0),
                        List.of(1.0), List.of(0.0))))
                .architecture(new Architecture().layers(List.of(
                        new Layer().units(3).activation(Layer.ActivationEnum.SIGMOID).init(Layer.InitEnum.XAVIER),
                        new Layer().units(1).activation(Layer.ActivationEnum.SIGMOID))))
                .training(new Training().epochs(5000).learningRate(1.0).seed(7L));

        ModelView model = succeeded(models.trainModel(request));
        PredictionResponse answer = models.predict(model.getId(), new PredictionRequest().features(GATES));

        assertThat(answer.getLabels()).map(String::valueOf).containsExactly("0", "1", "1", "0");
        assertThat(answer.getOutputs()).hasSize(4);
        assertThat(models.getLearningCurve(model.getId()).getPoints()).hasSizeGreaterThan(100);
        assertThat(models.getParameters(model.getId()).getLayers()).hasSize(2)
                .first().satisfies(layer -> assertThat(layer.getWeights()).hasSize(3));
    }

    @Test
    void aCsvUploadWithTextLabelsTrainsByDatasetId() throws ApiException {
        DatasetView dataset = datasets.uploadDataset("""
                length,width,species
                1.4,0.2,setosa
                1.3,0.2,setosa
                4.7,1.4,versicolor
                4.5,1.5,versicolor
                1.5,0.3,setosa
                4.9,1.5,versicolor
                """, "species", "flowers", null);
        assertThat(dataset.getLabels()).isTrue();

        ModelView model = succeeded(models.trainModel(new TrainingRequest().datasetId(dataset.getId())
                .preprocessing(new Preprocessing().featureScaling(Preprocessing.FeatureScalingEnum.STANDARD))
                .architecture(new Architecture().layers(List.of(new Layer().units(1))))
                .training(new Training().epochs(500).learningRate(1.0).seed(1L))));

        PredictionResponse answer = models.predict(model.getId(), new PredictionRequest()
                .features(List.of(List.of(1.4, 0.25), List.of(4.8, 1.5))));
        assertThat(answer.getLabels()).map(String::valueOf).containsExactly("setosa", "versicolor");
    }

    @Test
    void aValidationErrorIsReadAsTheGeneratedProblem() throws Exception {
        TrainingRequest invalid = new TrainingRequest()
                .dataset(new DatasetInput().features(GATES).targets(List.of(List.of(0.0), List.of(1.0),
                        List.of(1.0), List.of(0.0))))
                .architecture(new Architecture().layers(List.of(new Layer().units(0))));

        ApiException refused = catchThrowableOfType(ApiException.class, () -> models.trainModel(invalid));

        assertThat(refused.getCode()).isEqualTo(400);
        Problem problem = new ApiClient().getObjectMapper().readValue(refused.getResponseBody(), Problem.class);
        assertThat(problem.getType()).isEqualTo("/problems/invalid-request");
        assertThat(problem.getErrors()).anySatisfy(error -> {
            assertThat(error.getField()).isEqualTo("architecture.layers[0].units");
            assertThat(error.getValue()).isEqualTo("0");
        });
    }
}
