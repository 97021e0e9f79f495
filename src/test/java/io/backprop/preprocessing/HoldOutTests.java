package io.backprop.preprocessing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class HoldOutTests {

    @Test
    void sameSeedShouldHoldOutTheSameRows() {
        assertThat(HoldOut.split(100, 0.2, 7, null)).isEqualTo(HoldOut.split(100, 0.2, 7, null));
        assertThat(HoldOut.split(100, 0.2, 8, null)).isNotEqualTo(HoldOut.split(100, 0.2, 7, null));
    }

    @Test
    void fractionShouldBeHeldOutAndEveryRowUsedOnce() {
        HoldOut split = HoldOut.split(100, 0.25, 1, null);

        assertThat(split.validation()).hasSize(25).isSorted();
        assertThat(split.training()).hasSize(75).isSorted();
        int[] all = IntStream.concat(Arrays.stream(split.training()), Arrays.stream(split.validation())).sorted()
                .toArray();
        assertThat(all).isEqualTo(Rows.all(100));
    }

    @Test
    void classesShouldBeHeldOutInProportion() {
        int[] classes = new int[100];
        Arrays.fill(classes, 80, 100, 1);

        HoldOut split = HoldOut.split(100, 0.25, 3, classes);

        long rare = Arrays.stream(split.validation()).filter(row -> classes[row] == 1).count();
        assertThat(split.validation()).hasSize(25);
        assertThat(rare).isEqualTo(5);
    }

    @Test
    void positiveFractionShouldKeepRowsOnBothSides() {
        assertThat(HoldOut.split(4, 0.01, 1, null).validation()).hasSize(1);
        assertThat(HoldOut.split(4, 0.99, 1, null).training()).hasSize(1);
        assertThat(HoldOut.split(4, 0, 1, null).validation()).isEmpty();
    }
}
