package io.backprop.bench;

/** Placeholder until the HTTP figures are measured. */
final class HttpBenchmark {

    private HttpBenchmark() {
    }

    static void run(BenchData data, int wrkSeconds) {
        System.out.println("HTTP figures: not measured yet");
    }
}
