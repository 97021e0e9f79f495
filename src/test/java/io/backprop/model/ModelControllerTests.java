package io.backprop.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;

import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import io.backprop.support.ControllerTest;
import tools.jackson.databind.JsonNode;

/** The model endpoints' HTTP side alone: status codes, headers, problems; the services are stand-ins. */
@ControllerTest(ModelController.class)
class ModelControllerTests {

    private static final String ID = "6e711863-a172-4d1b-9c24-f024afcba5ee";

    @Autowired
    MockMvcTester http;

    @MockitoBean
    ModelCreation creation;

    @MockitoBean
    ModelService service;

    @MockitoBean
    Replays replays;

    @Test
    void acceptedTrainingShouldAnswer202WithTheModelsAddress() {
        given(creation.create(any(JsonNode.class))).willReturn(view(ModelStatus.QUEUED));

        var answer = http.post().uri("/models").contentType(MediaType.APPLICATION_JSON).content("{}").exchange();

        assertThat(answer).hasStatus(202).hasHeader("Location", "/models/" + ID);
        assertThat(answer).bodyJson().extractingPath("$.status").isEqualTo("QUEUED");
    }

    @Test
    void unknownModelShouldBeA404Problem() {
        given(service.get(ID)).willThrow(new ModelNotFoundException(ID));

        var answer = http.get().uri("/models/" + ID).exchange();

        assertThat(answer).hasStatus(404).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(answer).bodyJson().extractingPath("$.type").isEqualTo("/problems/model-not-found");
    }

    @Test
    void stopOfAModelThatIsNotRunningShouldBeA409NamingItsStatus() {
        given(service.stop(ID)).willThrow(new ModelStateException(ID, ModelStatus.CANCELLED, "it was cancelled"));

        var answer = http.post().uri("/models/" + ID + "/stop").exchange();

        assertThat(answer).hasStatus(409);
        assertThat(answer).bodyJson().extractingPath("$.modelStatus").isEqualTo("CANCELLED");
        assertThat(answer).bodyJson().extractingPath("$.status").isEqualTo(409);
    }

    @Test
    void listParametersShouldBeBounded() {
        assertThat(http.get().uri("/models?size=101").exchange()).hasStatus(400);
        assertThat(http.get().uri("/models?status=DONE").exchange()).hasStatus(400);
    }

    @Test
    void deleteShouldAnswer204() {
        assertThat(http.delete().uri("/models/" + ID).exchange()).hasStatus(204);
    }

    private static ModelView view(ModelStatus status) {
        return new ModelView(ID, "xor", "local", null, status, Task.CLASSIFICATION,
                new ModelView.Progress(0, 10, null, null, null), null, null, null, new ModelView.Split(4, 0), null,
                null, null, Instant.EPOCH, null, null, null, null, null, null);
    }
}
