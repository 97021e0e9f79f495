package io.backprop.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.backprop.system.FieldViolation;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Grids in order, seeded draws on their scales, and paths set into a request. */
class SearchSpaceTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static SearchSpace space(String json, boolean grid, List<FieldViolation> violations) {
        Map<String, JsonNode> space = new LinkedHashMap<>();
        JSON.readTree(json).properties().forEach(entry -> space.put(entry.getKey(), entry.getValue()));
        return SearchSpace.of(space, grid, violations);
    }

    @Test
    void aGridVariesTheFirstPathSlowest() {
        List<FieldViolation> violations = new ArrayList<>();
        SearchSpace grid = space("{\"a.x\": [1, 2], \"training.b\": [\"p\", \"q\", \"r\"]}".replace("a.x",
                "training.a"), true, violations);

        assertThat(violations).isEmpty();
        assertThat(grid.gridSize()).isEqualTo(6);
        assertThat(grid.grid(6).stream().map(Map::toString)).containsExactly(
                "{training.a=1, training.b=\"p\"}", "{training.a=1, training.b=\"q\"}", "{training.a=1, training.b=\"r\"}",
                "{training.a=2, training.b=\"p\"}", "{training.a=2, training.b=\"q\"}", "{training.a=2, training.b=\"r\"}");
    }

    @Test
    void randomDrawsAreSeededAndStayOnTheirScales() {
        SearchSpace random = space("{\"training.learningRate\": {\"min\": 0.001, \"max\": 1, \"scale\": \"log\"},"
                + "\"architecture.layers[0].units\": {\"min\": 2, \"max\": 64}, \"training.optimizer\": [\"sgd\", \"adam\"]}",
                false, new ArrayList<>());

        List<Map<String, JsonNode>> draws = random.random(2000, 5);

        assertThat(random.random(2000, 5)).isEqualTo(draws);
        assertThat(random.random(2000, 6)).isNotEqualTo(draws);
        double[] rates = draws.stream().mapToDouble(d -> d.get("training.learningRate").asDouble()).toArray();
        assertThat(java.util.Arrays.stream(rates).min().orElseThrow()).isGreaterThanOrEqualTo(0.001);
        assertThat(java.util.Arrays.stream(rates).max().orElseThrow()).isLessThanOrEqualTo(1.0);
        // log scale: each decade (0.001–0.01, 0.01–0.1, 0.1–1) takes about a third of the draws
        long lowestDecade = java.util.Arrays.stream(rates).filter(rate -> rate < 0.01).count();
        assertThat(lowestDecade).isBetween(600L, 730L);
        assertThat(draws).allSatisfy(d -> {
            assertThat(d.get("architecture.layers[0].units").isIntegralNumber()).isTrue();
            assertThat(d.get("architecture.layers[0].units").asInt()).isBetween(2, 64);
        });
        assertThat(draws.stream().map(d -> d.get("training.optimizer").asString()).distinct()).hasSize(2);
    }

    @Test
    void hugeGridsAreCountedWithoutOverflow() {
        StringBuilder json = new StringBuilder("{");
        for (int d = 0; d < 10; d++) {
            json.append(d == 0 ? "" : ",").append("\"training.p").append(d).append("\": [")
                    .append("1,".repeat(99)).append("1]");
        }
        assertThat(space(json.append('}').toString(), true, new ArrayList<>()).gridSize())
                .isEqualTo(Integer.MAX_VALUE);
    }

    @Test
    void pathsAreSetIntoTheRequestAndMissingListEntriesNamed() {
        ObjectNode request = (ObjectNode) JSON.readTree("{\"architecture\": {\"layers\": [{\"units\": 3}]}}");

        assertThat(JsonPaths.set(request, "architecture.layers[0].units", JSON.readTree("8"))).isNull();
        assertThat(JsonPaths.set(request, "training.l2", JSON.readTree("0.01"))).isNull();
        assertThat(JsonPaths.set(request, "architecture.layers[2].units", JSON.readTree("8")))
                .isEqualTo("the base request has no layers[2]");
        assertThat(request.toString()).isEqualTo(
                "{\"architecture\":{\"layers\":[{\"units\":8}]},\"training\":{\"l2\":0.01}}");
    }
}
