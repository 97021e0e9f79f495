package io.backprop.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/**
 * Prints our figures beside the NumPy reference's, with the ratio (ours / NumPy: below 1 is faster) of the
 * median runs, and of the best runs, which other load on the machine disturbs least; and, where NumPy's OpenBLAS
 * picked other kernels than ND4J's, the ratios against NumPy run on ND4J's.
 */
final class Report {

    private final Map<String, JsonNode> reference;
    private final Map<String, JsonNode> sameKernels;
    private final double gemmPeak;
    private final List<String> lines = new ArrayList<>();

    /** @param sameKernels NumPy's figures on ND4J's kernels, by workload (see {@link OpenBlasKernels}) */
    Report(Map<String, JsonNode> reference, Map<String, JsonNode> sameKernels, double gemmPeak) {
        this.reference = reference;
        this.sameKernels = sameKernels;
        this.gemmPeak = gemmPeak;
    }

    void add(Workload workload, Measurement m) {
        JsonNode numpy = reference.get(m.workload());
        double numpySeconds = numpySeconds(m.workload());
        double numpyBest = bestSeconds(numpy, workload);
        double numpyCost = numpy == null ? Double.NaN : numpy.get("final_cost").asDouble();
        String gflops = Double.isNaN(m.gflops()) ? "" : String.format(Locale.ROOT, "%6.1f GFLOP/s counting every product as dense (%2.0f%% of GEMM peak)",
                m.gflops(), 100 * m.gflops() / gemmPeak);
        lines.add(String.format(Locale.ROOT,
                "%-3s %-9s epochs %6d  %8.4f s  %8.2f µs/epoch  cost %-12.6g acc %-6.4f | numpy %8.4f s  cost %-12.6g"
                        + " | ratio %5.2f (best runs %5.2f)  %s",
                m.workload(), workload.spec().precision(), workload.options().epochs(), m.seconds(),
                m.microsPerEpoch(), m.cost(), m.accuracy(), numpySeconds, numpyCost, m.seconds() / numpySeconds,
                m.bestSeconds() / numpyBest, gflops));
        JsonNode same = sameKernels.get(m.workload());
        if (same != null) {
            lines.add(String.format(Locale.ROOT, "%-3s NumPy on ND4J's kernels %8.4f s | ratio %5.2f (best runs %5.2f)",
                    m.workload(), same.get("seconds").asDouble(), m.seconds() / same.get("seconds").asDouble(),
                    m.bestSeconds() / bestSeconds(same, workload)));
        }
    }

    /** The reference's best run, scaled to the workload's epochs (it may time fewer and extrapolate); else NaN. */
    private static double bestSeconds(JsonNode numpy, Workload workload) {
        double best = Double.NaN;
        for (JsonNode run : numpy == null ? List.<JsonNode>of() : numpy.get("runs").values()) {
            double seconds = run.asDouble() * workload.options().epochs() / numpy.get("epochs").asDouble();
            best = Double.isNaN(best) ? seconds : Math.min(best, seconds);
        }
        return best;
    }

    /** The time of a training from stored rows, reading and copying them included, as a job trains. */
    void fromRows(Workload workload, double seconds) {
        lines.add(String.format(Locale.ROOT, "%-3s from stored rows (as a job trains: read from the store, copied "
                + "into %s): %.4f s, ratio %.2f%s", workload.name(), workload.spec().precision(), seconds,
                seconds / numpySeconds(workload.name()), sameKernels.containsKey(workload.name())
                        ? String.format(Locale.ROOT, " (%.2f against NumPy on ND4J's kernels)",
                                seconds / strictNumpySeconds(workload.name())) : ""));
    }

    void predictions(double[] micros) {
        predictions("numpy", reference.get("I1"), micros);
        if (sameKernels.containsKey("I1")) {
            predictions("numpy on ND4J's kernels", sameKernels.get("I1"), micros);
        }
    }

    private void predictions(String against, JsonNode numpy, double[] micros) {
        double one = numpy == null ? Double.NaN : numpy.get("single_row_us").asDouble();
        double thousand = numpy == null ? Double.NaN : numpy.get("batch1000_us").asDouble();
        lines.add(String.format(Locale.ROOT, "I1  predict W4, in process: 1 row %8.2f µs (%s %8.2f, ratio %5.2f);"
                + " 1000 rows %8.1f µs (%s %8.1f, ratio %5.2f)", micros[0], against, one, micros[0] / one, micros[1],
                against, thousand, micros[1] / thousand));
    }

    double numpySeconds(String workload) {
        JsonNode numpy = reference.get(workload);
        return numpy == null ? Double.NaN : numpy.get("seconds").asDouble();
    }

    /** NumPy's time on ND4J's kernels where it was run on them, else on its own. */
    double strictNumpySeconds(String workload) {
        JsonNode same = sameKernels.get(workload);
        return same != null ? same.get("seconds").asDouble() : numpySeconds(workload);
    }

    void note(String line) {
        lines.add(line);
    }

    void print() {
        lines.forEach(System.out::println);
    }
}
