package io.backprop.network;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;

/**
 * Run in a JVM of its own by {@link SystemOpenBlasTests}: multiplies two matrices through ND4J's OpenBLAS in float32
 * and float64, then prints the products and the OpenBLAS library file the process loaded.
 */
public final class OpenBlasProbe {

    private OpenBlasProbe() {
    }

    public static void main(String[] args) throws IOException {
        double[][] a = {{1, 2}, {3, 4}, {5, 6}};
        double[][] b = {{1, 0, 2}, {0, 1, 3}};
        for (Precision precision : Precision.values()) {
            Matrix product = Backend.ND4J.zeros(3, 3, precision);
            product.assignProduct(Backend.ND4J.of(RowSource.of(a), precision),
                    Backend.ND4J.of(RowSource.of(b), precision));
            System.out.println(precision + " " + Arrays.deepToString(product.toArray()));
        }
        try (Stream<String> maps = Files.lines(Path.of("/proc/self/maps"))) {
            maps.filter(line -> line.contains("libopenblas")).findFirst()
                    .ifPresent(line -> System.out.println("Library: " + line.substring(line.lastIndexOf(' ') + 1)));
        }
    }
}
