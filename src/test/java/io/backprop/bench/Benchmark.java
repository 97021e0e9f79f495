package io.backprop.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import io.backprop.network.Backend;
import io.backprop.network.EpochListener;
import io.backprop.network.Examples;
import io.backprop.network.LoadedExamples;
import io.backprop.network.Parameters;
import io.backprop.network.Predictor;
import io.backprop.network.Trainer;
import tools.jackson.databind.JsonNode;

/**
 * The benchmark: runs the workloads of ../shared/bench on Backprop's engine, with the same data and initial
 * weights as the NumPy reference (run in the same session when it can be), and prints per workload the time,
 * µs per epoch, GFLOP/s, final cost and accuracy, and the ratio to NumPy. Run it with
 * {@code ./mvnw -q -Pbenchmark test-compile exec:exec}; arguments through {@code -Dbenchmark.args="…"}:
 * {@code --workloads W1,W2,W3,W4,W5,I1,HTTP,DATA}, {@code --repeats 3}, {@code --no-reference},
 * {@code --bench ../shared/bench}, {@code --wrk-seconds 60}, {@code --backend ARRAY} (or ND4J, instead of the
 * engine's choice).
 */
public final class Benchmark {

    private Benchmark() {
    }

    public static void main(String[] args) throws Exception {
        Arguments arguments = new Arguments(args);
        List<String> engine = arguments.workloads.stream().filter(w -> w.matches("W\\d")).toList();
        // the data figures compare with NumPy's W5 loop
        List<String> numpy = java.util.stream.Stream.concat(arguments.workloads.stream()
                .filter(w -> !w.equals("HTTP") && !w.equals("DATA")), arguments.workloads.contains("DATA")
                        ? java.util.stream.Stream.of("W5") : java.util.stream.Stream.empty()).distinct().toList();
        Map<String, JsonNode> reference = arguments.reference
                ? NumpyReference.run(arguments.bench, numpy, arguments.repeats, Map.of())
                : Map.of();
        OpenBlasKernels kernels = OpenBlasKernels.compare(arguments.reference, arguments.bench, numpy,
                arguments.repeats);
        BenchData data = new BenchData(arguments.data);
        if (!data.complete()) {
            throw new IllegalStateException("No benchmark data in " + arguments.data + ": run "
                    + arguments.bench.resolve("numpy-reference") + " once, or drop --no-reference");
        }
        System.out.printf(Locale.ROOT, "%nBackprop engine, %d cores, %s%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        double peak = gemmPeak();
        System.out.printf(Locale.ROOT, "float32 GEMM 1024³ with ND4J: %.1f GFLOP/s; %s%n%n", peak,
                FreshMemory.describe());
        Report report = new Report(reference, kernels.sameKernels(), peak);
        report.note(kernels.description());
        Map<String, Run> runs = new java.util.HashMap<>();
        for (String name : engine) {
            Workload workload = Workload.load(name, data);
            Run run = run(workload, arguments.repeats, arguments.backend);
            report.add(workload, run.measurement);
            runs.put(name, run);
            report.fromRows(workload, run.fromRowsSeconds);
            if (name.equals("W4")) {
                report.note(checkpointOverhead(workload, arguments.repeats, arguments.backend,
                        run.measurement.seconds()));
            }
            if (name.equals("W5")) {
                report.note("W5 memory: " + Memory.peakDuring(() -> train(workload, arguments.backend)));
                report.note("W5 model: " + footprint(workload.spec(), run.parameters));
            }
        }
        if (arguments.workloads.contains("I1")) {
            Workload workload = Workload.load("W4", data);
            Parameters trained = runs.containsKey("W4") ? runs.get("W4").parameters
                    : run(workload, 1, arguments.backend).parameters;
            report.predictions(predictLatency(workload, trained));
            report.note("W4 model: " + footprint(workload.spec(), trained));
        }
        report.print();
        if (arguments.workloads.contains("HTTP") || arguments.workloads.contains("DATA")) {
            Workload w2 = Workload.load("W2", data);
            double engineW2 = runs.containsKey("W2") ? runs.get("W2").measurement.seconds()
                    : run(w2, arguments.repeats, arguments.backend).measurement.seconds();
            Workload w5 = arguments.workloads.contains("DATA") ? Workload.load("W5", data) : null;
            HttpBenchmark.run(arguments.workloads.contains("HTTP"), w2, Workload.load("W4", data), w5, engineW2,
                    report.strictNumpySeconds("W5"), arguments.wrkSeconds, arguments.data);
        }
    }

    /** What a trained model takes: its parameters in memory, and as the bytes the service stores. */
    private static String footprint(io.backprop.network.NetworkSpec spec, Parameters parameters) {
        long bytes = spec.parameterCount() * (spec.precision() == io.backprop.network.Precision.FLOAT32 ? 4 : 8);
        int stored = io.backprop.model.ParametersCodec.encode(parameters).length;
        return String.format(Locale.ROOT, "%d parameters, %d KiB in memory, %d KiB stored",
                spec.parameterCount(), bytes >> 10, stored >> 10);
    }

    private record Run(Measurement measurement, Parameters parameters, double fromRowsSeconds) {
    }

    /**
     * A whole run to warm up (a shorter one left the JIT compiling through the first timed runs, on a core that
     * OpenBLAS wanted), then the median of {@code repeats} timed runs, on {@code backend} or (null) the one the
     * engine chooses. Like the reference's, the clock times the training loop on rows already in the engine's
     * memory and precision (NumPy's arrays are made float32 before its clock starts). Each repeat also times a
     * training as a job runs it: from the rows stored once in the service's row store, read back (chunks of float32
     * where the values are float32) and copied into the engine's memory.
     */
    private static Run run(Workload workload, int repeats, Backend backend) {
        train(workload, backend);
        double[] seconds = new double[repeats];
        double[] fromRows = new double[repeats];
        Parameters trained = null;
        try (LoadedExamples loaded = LoadedExamples.load(workload.examples(), workload.spec(),
                backend(workload, backend)); StoredRows store = new StoredRows()) {
            String stored = store.store(workload.examples());
            for (int r = 0; r < repeats; r++) {
                System.gc(); // the previous run's garbage is collected outside the timed region
                long start = System.nanoTime();
                trained = Trainer.train(workload.spec(), workload.start(), loaded, null, workload.options(),
                        EpochListener.NONE).parameters();
                seconds[r] = (System.nanoTime() - start) / 1e9;
                System.gc();
                start = System.nanoTime();
                train(workload, store.read(stored), backend);
                fromRows[r] = (System.nanoTime() - start) / 1e9;
            }
        }
        double time = Measurement.median(seconds);
        System.out.printf(Locale.ROOT, "%s runs: %s s; from stored rows: %s s%n", workload.name(),
                Arrays.toString(seconds), Arrays.toString(fromRows));
        Predictor predictor = new Predictor(workload.spec(), trained);
        Examples examples = workload.examples();
        double cost = predictor.cost(examples) * workload.costScale();
        double accuracy = accuracy(predictor.predict(examples.features()), examples.targets().toArray());
        int epochs = workload.options().epochs();
        return new Run(new Measurement(workload.name(), time, Arrays.stream(seconds).min().orElseThrow(),
                time / epochs * 1e6,
                workload.flops() > 0 ? workload.flops() / time / 1e9 : Double.NaN, cost, accuracy), trained,
                Measurement.median(fromRows));
    }

    /**
     * The workload with a checkpoint after every epoch, taken and encoded as a running job keeps one (the job then
     * writes it to the database, at most once a checkpoint interval), against without.
     */
    private static String checkpointOverhead(Workload workload, int repeats, Backend backend, double plain) {
        int[] bytes = {0};
        EpochListener everyEpoch = new EpochListener() {
            @Override
            public boolean onEpoch(int epoch, double cost, double validationCost) {
                return true;
            }

            @Override
            public boolean wantsCheckpoint() {
                return true;
            }

            @Override
            public void onCheckpoint(io.backprop.network.Checkpoint checkpoint) {
                bytes[0] = checkpoint.encode().length;
            }
        };
        double[] seconds = new double[repeats];
        try (LoadedExamples loaded = LoadedExamples.load(workload.examples(), workload.spec(),
                backend(workload, backend))) {
            for (int r = 0; r < repeats; r++) {
                System.gc();
                long start = System.nanoTime();
                Trainer.train(workload.spec(), workload.start(), loaded, null, workload.options(), everyEpoch);
                seconds[r] = (System.nanoTime() - start) / 1e9;
            }
        }
        double with = Measurement.median(seconds);
        int checkpoints = workload.options().epochs() - 1;
        return String.format(Locale.ROOT, "%s with a checkpoint after every epoch (%d, taken and encoded, %d KiB "
                + "each): %.4f s against %.4f s, %.2f ms per checkpoint", workload.name(), checkpoints,
                bytes[0] >> 10, with, plain, (with - plain) / checkpoints * 1e3);
    }

    /** Trains from the caller's rows. */
    private static Parameters train(Workload workload, Backend backend) {
        return train(workload, workload.examples(), backend);
    }

    private static Parameters train(Workload workload, Examples examples, Backend backend) {
        return Trainer.train(workload.spec(), workload.start(), examples, null, workload.options(),
                EpochListener.NONE, backend(workload, backend)).parameters();
    }

    private static Backend backend(Workload workload, Backend backend) {
        return backend != null ? backend : Backend.choose(workload.spec(),
                workload.options().batchRows(workload.examples().rows()));
    }

    /** Right when the predicted class (0.5 threshold, or argmax) matches the target's. */
    private static double accuracy(double[][] outputs, double[][] targets) {
        int right = 0;
        for (int i = 0; i < outputs.length; i++) {
            right += predictedClass(outputs[i]) == predictedClass(targets[i]) ? 1 : 0;
        }
        return (double) right / outputs.length;
    }

    private static int predictedClass(double[] row) {
        if (row.length == 1) {
            return row[0] > 0.5 ? 1 : 0;
        }
        int best = 0;
        for (int k = 1; k < row.length; k++) {
            best = row[k] > row[best] ? k : best;
        }
        return best;
    }

    /** Median µs to predict 1 row (of 10,000 calls) and 1,000 rows (of 200), in process, like the reference. */
    private static double[] predictLatency(Workload workload, Parameters trained) {
        Predictor predictor = new Predictor(workload.spec(), trained);
        double[][] features = workload.examples().features().toArray();
        double[][] one = {features[0]};
        double[][] thousand = Arrays.copyOf(features, 1000);
        return new double[] {latency(() -> predictor.predict(one), 10_000, 1_000),
            latency(() -> predictor.predict(thousand), 200, 2_000)};
    }

    private static double latency(Runnable call, int calls, int warmup) {
        for (int i = 0; i < warmup; i++) {
            call.run();
        }
        double[] micros = new double[calls];
        for (int i = 0; i < calls; i++) {
            long start = System.nanoTime();
            call.run();
            micros[i] = (System.nanoTime() - start) / 1e3;
        }
        return Measurement.median(micros);
    }

    /** The machine's float32 GEMM rate through ND4J (the best of ten): the ceiling for GEMM-bound training. */
    private static double gemmPeak() {
        INDArray a = Nd4j.rand(DataType.FLOAT, 1024, 1024);
        INDArray b = Nd4j.rand(DataType.FLOAT, 1024, 1024);
        INDArray c = Nd4j.zeros(DataType.FLOAT, 1024, 1024);
        for (int i = 0; i < 3; i++) {
            Nd4j.gemm(a, b, c, false, false, 1, 0);
        }
        double[] seconds = new double[10];
        for (int i = 0; i < seconds.length; i++) {
            long start = System.nanoTime();
            Nd4j.gemm(a, b, c, false, false, 1, 0);
            seconds[i] = (System.nanoTime() - start) / 1e9;
        }
        return 2.0 * 1024 * 1024 * 1024 / Arrays.stream(seconds).min().orElseThrow() / 1e9;
    }

    /** Command-line options. */
    private static final class Arguments {

        List<String> workloads = List.of("W1", "W2", "W3", "W4", "W5", "I1", "HTTP", "DATA");
        int repeats = 3;
        boolean reference = true;
        Path bench = Path.of("..", "shared", "bench");
        Path data = Path.of(System.getenv().getOrDefault("BENCH_DATA",
                System.getProperty("user.home") + "/.cache/backprop-bench"));
        int wrkSeconds = 10;
        Backend backend;

        Arguments(String[] args) {
            List<String> list = new ArrayList<>(Arrays.asList(args));
            for (int i = 0; i < list.size(); i++) {
                switch (list.get(i)) {
                    case "--workloads" -> workloads = List.of(list.get(++i).split(","));
                    case "--repeats" -> repeats = Integer.parseInt(list.get(++i));
                    case "--no-reference" -> reference = false;
                    case "--bench" -> bench = Path.of(list.get(++i));
                    case "--data" -> data = Path.of(list.get(++i));
                    case "--wrk-seconds" -> wrkSeconds = Integer.parseInt(list.get(++i));
                    case "--backend" -> backend = Backend.valueOf(list.get(++i));
                    default -> throw new IllegalArgumentException("unknown argument " + list.get(i));
                }
            }
        }
    }
}
