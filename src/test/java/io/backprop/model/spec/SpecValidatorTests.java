package io.backprop.model.spec;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

import io.backprop.dataset.DatasetInput;
import io.backprop.dataset.RowSet;
import io.backprop.network.LayerParameters;
import io.backprop.network.Parameters;
import io.backprop.system.FieldViolation;
import io.backprop.system.RequestLimits;
import tools.jackson.databind.json.JsonMapper;

/** Each section of a filled-in spec, checked on its own: no Spring, no database, hand-made requests. */
class SpecValidatorTests {

    private static final RequestLimits LIMITS = new RequestLimits(DataSize.ofMegabytes(1), DataSize.ofMegabytes(10),
            1, DataSize.ofKilobytes(64), Duration.ofSeconds(10), 100, 10, 5, 500, 3, 50, 1000, 2000, 10, 10, 5,
            DataSize.ofMegabytes(1), DataSize.ofMegabytes(10), DataSize.ofMegabytes(10), 1e13);
    private static final DatasetInput XOR = new DatasetInput(new double[][] {{0, 0}, {0, 1}, {1, 0}, {1, 1}},
            new double[][] {{0}, {1}, {1}, {0}}, null, null, null);

    @Test
    void defaultsShouldBeFilledInOnce() {
        ModelSpec spec = spec("{\"architecture\": {\"layers\": [{\"units\": 1}]}}", XOR);

        assertThat(spec.architecture().layers().get(0)).isEqualTo(new Layer(1, io.backprop.network.Activation.SIGMOID,
                io.backprop.network.WeightInit.PLAIN, true, null, null, null));
        assertThat(spec.training().epochs()).isEqualTo(1000);
        assertThat(spec.training().learningRate()).isEqualTo(0.1);
        assertThat(spec.training().seed()).as("the seed drawn for the request").isEqualTo(42);
        assertThat(spec.training().maxSeconds()).as("the server's limit").isEqualTo(60);
        assertThat(spec.training().momentum()).as("sgd has no momentum").isNull();
        assertThat(spec.dataset().featureNames()).containsExactly("x1", "x2");
    }

    @Test
    void trainingShouldBeHeldToTheEnginesRulesAndTheServersLimits() {
        assertThat(fields("{\"architecture\": {\"layers\": [{\"units\": 1}]}, \"training\": {\"epochs\": 2001, "
                + "\"learningRate\": 0, \"batchSize\": 0, \"validationSplit\": 1, \"l2\": -1, \"maxSeconds\": 61, "
                + "\"clipNorm\": -2, \"earlyStopping\": {\"minDelta\": -1}}}"))
                .containsExactly("training.epochs", "training.learningRate", "training.batchSize",
                        "training.validationSplit", "training.earlyStopping.patience",
                        "training.earlyStopping.minDelta", "training.l2", "training.clipNorm", "training.maxSeconds");
    }

    @Test
    void anOptimizersParametersShouldBelongToItAlone() {
        List<FieldViolation> violations = check("{\"architecture\": {\"layers\": [{\"units\": 1}]}, \"training\": "
                + "{\"momentum\": 0.5, \"beta1\": 0.9, \"optimizer\": \"momentum\"}}", XOR);
        List<FieldViolation> outOfRange = check("{\"architecture\": {\"layers\": [{\"units\": 1}]}, \"training\": "
                + "{\"optimizer\": \"adam\", \"beta2\": 1, \"learningRateSchedule\": {\"type\": \"step\", "
                + "\"gamma\": 2}}}", XOR);

        assertThat(violations).singleElement().satisfies(v -> {
            assertThat(v.field()).isEqualTo("training.beta1");
            assertThat(v.message()).isEqualTo("applies to the adam optimizer only");
        });
        assertThat(outOfRange).extracting(FieldViolation::message).containsExactly("must be at least 0 and below 1",
                "must be above 0 and at most 1 for step");
    }

    @Test
    void architectureShouldHaveUsableLayersWithinTheBudgetAndALossThatFitsItsOutput() {
        assertThat(fields("{\"architecture\": {\"layers\": [{\"units\": 1}, {\"units\": 1}, {\"units\": 1}, "
                + "{\"units\": 1}]}}")).containsExactly("architecture.layers");
        assertThat(fields("{\"architecture\": {\"layers\": [{\"units\": 51}, {\"units\": 0}]}}"))
                .containsExactly("architecture.layers[0].units", "architecture.layers[1].units");
        assertThat(fields("{\"architecture\": {\"layers\": [{\"units\": 40}, {\"units\": 40}, {\"units\": 1}]}}"))
                .as("2·40 + 40 + 40·40 + 40 + 40 + 1 parameters").containsExactly("architecture.layers");
        assertThat(fields("{\"architecture\": {\"layers\": [{\"units\": 1}], \"loss\": \"cross_entropy\"}}"))
                .containsExactly("architecture.loss");
        assertThat(fields("{\"architecture\": {\"layers\": [{\"units\": 2, \"weights\": [[1, 2]], "
                + "\"biases\": [0, 0, 0]}, {\"units\": 1, \"bias\": false, \"biases\": [1]}]}}"))
                .containsExactly("architecture.layers[0].weights", "architecture.layers[0].biases",
                        "architecture.layers[1].biases");
    }

    @Test
    void crossesShouldNameKnownFeatures() {
        assertThat(fields("{\"architecture\": {\"layers\": [{\"units\": 1}]}, "
                + "\"preprocessing\": {\"featureCrosses\": [[\"x1\", \"x3\"], [\"x1\"]]}}"))
                .containsExactly("preprocessing.featureCrosses[0]", "preprocessing.featureCrosses[1]");
    }

    @Test
    void classesShouldFitTheOutputLayer() {
        DatasetInput three = new DatasetInput(new double[][] {{0}, {1}, {2}}, null, List.of("a", "b", "c"), null,
                null);
        DatasetInput fractions = new DatasetInput(new double[][] {{0}, {1}}, new double[][] {{0.5}, {1}}, null, null,
                null);

        assertThat(check("{\"architecture\": {\"layers\": [{\"units\": 2, \"activation\": \"softmax\"}]}}", three))
                .extracting(FieldViolation::message).containsExactly("the data has 3 classes: use a softmax output "
                        + "with 3 units");
        assertThat(check("{\"architecture\": {\"layers\": [{\"units\": 3, \"activation\": \"softmax\"}]}, "
                + "\"preprocessing\": {\"targetScaling\": \"max\"}}", three)).extracting(FieldViolation::field)
                .containsExactly("preprocessing.targetScaling");
        assertThat(check("{\"architecture\": {\"layers\": [{\"units\": 2, \"activation\": \"softmax\"}]}}",
                fractions)).extracting(FieldViolation::field).containsExactly("dataset.targets");
        assertThat(check("{\"architecture\": {\"layers\": [{\"units\": 2}]}}", XOR)).extracting(FieldViolation::field)
                .containsExactly("dataset.targets");
    }

    @Test
    void tooManyClassesShouldBeNamed() {
        List<Object> labels = java.util.stream.IntStream.range(0, 11).mapToObj(i -> (Object) ("c" + i)).toList();
        double[][] rows = java.util.stream.IntStream.range(0, 11).mapToObj(i -> new double[] {i})
                .toArray(double[][]::new);
        DatasetInput eleven = new DatasetInput(rows, null, labels, null, null);

        assertThat(check("{\"architecture\": {\"layers\": [{\"units\": 11, \"activation\": \"softmax\"}], "
                + "\"loss\": \"cross_entropy\"}}", eleven)).extracting(FieldViolation::field)
                .containsExactly("dataset.labels");
    }

    @Test
    void aContinuedTrainingShouldStartFromTheSameArchitecture() {
        Parameters oneLayer = new Parameters(List.of(new LayerParameters(new double[][] {{1, 2}}, new double[] {0})));
        ModelSpec spec = spec("{\"architecture\": {\"layers\": [{\"units\": 3}, {\"units\": 1}]}, "
                + "\"initFrom\": \"m\"}", XOR);
        Checks checks = new Checks(LIMITS, 60);

        new SpecValidator().check(checks, null, spec, RowSet.of(XOR), oneLayer);

        assertThat(checks.violations()).singleElement().satisfies(v -> assertThat(v.message())
                .isEqualTo("must have the same architecture as this request: 2 layers here, 1 there"));
    }

    private static List<String> fields(String request) {
        return check(request, XOR).stream().map(FieldViolation::field).toList();
    }

    private static List<FieldViolation> check(String request, DatasetInput rows) {
        Checks checks = new Checks(LIMITS, 60);
        new SpecValidator().check(checks, null, spec(request, rows), RowSet.of(rows), null);
        return checks.violations();
    }

    private static ModelSpec spec(String request, DatasetInput rows) {
        return ModelSpec.of(JsonMapper.shared().readValue(request, TrainingRequest.class), RowSet.of(rows), 42, 60);
    }
}
