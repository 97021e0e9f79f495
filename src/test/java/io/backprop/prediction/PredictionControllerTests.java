package io.backprop.prediction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import io.backprop.model.ModelStateException;
import io.backprop.model.ModelStatus;
import io.backprop.support.ControllerTest;
import tools.jackson.databind.JsonNode;

/** The prediction endpoints' HTTP side alone, over a stand-in service. */
@ControllerTest(PredictionController.class)
class PredictionControllerTests {

    private static final String ID = "6e711863-a172-4d1b-9c24-f024afcba5ee";

    @Autowired
    MockMvcTester http;

    @MockitoBean
    PredictionService service;

    @Test
    void predictionShouldAnswerOutputsLabelsAndProbabilities() {
        given(service.predict(eq(ID), any(JsonNode.class), eq(false))).willReturn(new PredictionResponse(
                new double[][] {{0.9}}, List.of(1L), List.of(Map.of("0", 0.1, "1", 0.9))));

        var answer = http.post().uri("/models/" + ID + "/predict").contentType(MediaType.APPLICATION_JSON)
                .content("{\"features\": [[1, 0]]}").exchange();

        assertThat(answer).hasStatusOk();
        assertThat(answer).bodyJson().extractingPath("$.labels[0]").isEqualTo(1);
        assertThat(answer).bodyJson().extractingPath("$.probabilities[0].1").isEqualTo(0.9);
    }

    @Test
    void predictionFromAModelStillTrainingShouldBeA409() {
        given(service.predict(eq(ID), any(JsonNode.class), eq(false))).willThrow(new ModelStateException(ID,
                ModelStatus.RUNNING, "only a SUCCEEDED model has trained parameters"));

        var answer = http.post().uri("/models/" + ID + "/predict").contentType(MediaType.APPLICATION_JSON)
                .content("{\"features\": [[1, 0]]}").exchange();

        assertThat(answer).hasStatus(409).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(answer).bodyJson().extractingPath("$.modelStatus").isEqualTo("RUNNING");
    }

    @Test
    void csvShouldBeAskedForByAcceptAndWrittenAsTheServiceStreamsIt() {
        given(service.predict(eq(ID), any(JsonNode.class), eq(true))).willReturn(new PredictionService.Streamed(
                PredictionService.TEXT_CSV, out -> out.write("label,0,1\n1,0.1,0.9\n".getBytes())));

        var answer = http.post().uri("/models/" + ID + "/predict").contentType(MediaType.APPLICATION_JSON)
                .accept(PredictionService.TEXT_CSV).content("{\"datasetId\": \"d\"}").exchange();

        assertThat(answer).hasStatusOk().hasContentType("text/csv");
        assertThat(answer).hasBodyTextEqualTo("label,0,1\n1,0.1,0.9\n");
    }

    @Test
    void malformedJsonAndOtherMediaTypesShouldBeProblems() {
        assertThat(http.post().uri("/models/" + ID + "/predict").contentType(MediaType.APPLICATION_JSON)
                .content("{\"features\": [").exchange()).hasStatus(400).bodyJson().extractingPath("$.type")
                .isEqualTo("/problems/malformed-json");
        assertThat(http.post().uri("/models/" + ID + "/predict").contentType(MediaType.APPLICATION_XML)
                .content("<x/>").exchange()).hasStatus(415);
    }

    @Test
    void parametersShouldKeepAbsentBiasesAsNull() {
        given(service.parameters(ID)).willReturn(new TrainedParameters(List.of(
                new TrainedParameters.Layer(new double[][] {{1, 2}}, null))));

        assertThat(http.get().uri("/models/" + ID + "/parameters").exchange()).bodyJson()
                .isEqualTo("{\"layers\": [{\"weights\": [[1.0, 2.0]], \"biases\": null}]}");
    }
}
