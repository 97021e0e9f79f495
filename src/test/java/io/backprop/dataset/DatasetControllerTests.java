package io.backprop.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;

import java.io.InputStream;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import io.backprop.support.ControllerTest;

/** The data-set endpoints' HTTP side alone, over a stand-in service. */
@ControllerTest(DatasetController.class)
class DatasetControllerTests {

    private static final String ID = "6e711863-a172-4d1b-9c24-f024afcba5ee";

    @Autowired
    MockMvcTester http;

    @MockitoBean
    DatasetService service;

    @Test
    void csvUploadShouldAnswer201WithTheAddressAndTheTargetsAsAList() {
        given(service.upload(eq("exam"), any(InputStream.class),
                eq(new UploadOptions(false, List.of("score", "pass"), false))))
                .willReturn(new DatasetView(ID, "exam", "local", 3, List.of("h"), List.of("score", "pass"), false, List.of(),
                        "ab12", 24, Instant.EPOCH));

        var answer = http.post().uri("/datasets?targets=score,pass&name=exam")
                .contentType(MediaType.parseMediaType("text/csv")).content("h,score,pass\n1,2,3\n").exchange();

        assertThat(answer).hasStatus(201).hasHeader("Location", "/datasets/" + ID);
        assertThat(answer).bodyJson().extractingPath("$.targetNames").asArray().containsExactly("score", "pass");
    }

    @Test
    void aTargetColumnNamedTwiceShouldBeRefusedBeforeAnythingIsRead() {
        var answer = http.post().uri("/datasets?targets=y, y").contentType(MediaType.parseMediaType("text/csv"))
                .content("x,y\n1,0\n").exchange();

        assertThat(answer).hasStatus(400).bodyJson().extractingPath("$.errors[0]").isEqualTo(java.util.Map.of(
                "field", "targets", "value", "y, y", "message", "names the column y twice"));
    }

    @Test
    void formPostsShouldBeRefused() {
        assertThat(http.post().uri("/datasets?targets=y").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .content("y=1").exchange()).hasStatus(415);
    }
}
