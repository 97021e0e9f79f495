package io.backprop.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import org.junit.jupiter.api.Test;

/** The scanner's numbers are Java's: the same double, bit for bit, for every text both accept. */
class CsvNumberTests {

    @Property(tries = 25_000, seed = "20261130")
    void decimalTextShouldParseToJavasDouble(@ForAll("decimals") String text) throws IOException {
        assertThat(Double.doubleToRawLongBits(number(text)))
                .as(text).isEqualTo(Double.doubleToRawLongBits(Double.parseDouble(text)));
    }

    /**
     * Signs, up to 20 digits either side of the point, exponents up to 3 digits: both sides of the fast path; and,
     * as often, digits, a point and digits, at most eight on each side: both sides of the shape read from two words.
     */
    @Provide
    Arbitrary<String> decimals() {
        return Arbitraries.oneOf(anyDecimals(), Combinators.combine(Arbitraries.of("", "-", "+"),
                Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(8),
                Arbitraries.strings().numeric().ofMinLength(0).ofMaxLength(8)).as((s, w, f) -> s + w + "." + f));
    }

    private static Arbitrary<String> anyDecimals() {
        Arbitrary<String> sign = Arbitraries.of("", "-", "+");
        Arbitrary<String> whole = Arbitraries.strings().numeric().ofMinLength(0).ofMaxLength(20);
        Arbitrary<String> fraction = Arbitraries.strings().numeric().ofMinLength(0).ofMaxLength(20)
                .map(digits -> "." + digits).injectNull(0.3).map(f -> f == null ? "" : f);
        Arbitrary<String> exponent = Combinators.combine(Arbitraries.of("e", "E"), Arbitraries.of("", "-", "+"),
                Arbitraries.integers().between(0, 400)).as((e, s, k) -> e + s + k).injectNull(0.5)
                .map(e -> e == null ? "" : e);
        return Combinators.combine(sign, whole, fraction, exponent).as((s, w, f, e) -> s + w + f + e)
                .filter(text -> text.matches("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE].*)?"))
                .filter(text -> Double.isFinite(Double.parseDouble(text)));
    }

    @Test
    void negativeZeroShouldStayNegative() throws IOException {
        assertThat(Double.doubleToRawLongBits(number("-0.0"))).isEqualTo(Double.doubleToRawLongBits(-0.0));
    }

    @Test
    void numbersWithSpacesOrQuotesShouldParseAsWithout() throws IOException {
        CsvScanner scanner = new CsvScanner(new ByteArrayInputStream(
                " 1.5 ,\t-2\t,\"3.25\", \"4e1\" ,12345678901234567890\n".getBytes(StandardCharsets.UTF_8)), 1 << 16);
        assertThat(scanner.next()).isTrue();
        double[] numbers = new double[scanner.fields()];
        for (int j = 0; j < numbers.length; j++) {
            numbers[j] = scanner.number(j);
        }
        assertThat(numbers).containsExactly(1.5, -2, 3.25, 40, 12345678901234567890.0);
    }

    @Test
    void loneDigitsShouldParseWhereverTheirFieldEnds() throws IOException {
        CsvScanner scanner = new CsvScanner(new ByteArrayInputStream("0,1,9\r\n5,7\n3".getBytes(StandardCharsets.UTF_8)),
                1 << 16);
        List<Double> numbers = new ArrayList<>();
        while (scanner.next()) {
            for (int j = 0; j < scanner.fields(); j++) {
                numbers.add(scanner.number(j));
            }
        }
        assertThat(numbers).containsExactly(0.0, 1.0, 9.0, 5.0, 7.0, 3.0);
    }

    @Test
    void textJavaAcceptsButCsvDoesNotShouldBeRefused() {
        for (String text : new String[] {"1d", "0x1p3", "NaN", "Infinity", "1e", "-", ".", "1e+", "1 2", "1e400"}) {
            assertThatThrownBy(() -> number(text)).as(text).isInstanceOf(NumberFormatException.class);
        }
    }

    /**
     * The text's number, read as a record's only field, as the first of two (ended by a comma, the record by
     * CRLF), as the first of a long record (where the scanner reads a decimal's two words at once) and as the last
     * field of a file without a final line end: the scanner reads most numbers as it looks for their field's end,
     * and each of these ends must give the same double, or the same refusal.
     */
    private static double number(String text) throws IOException {
        double alone = number(text + "\n", 0);
        assertThat(Double.doubleToRawLongBits(number(text + ",7\r\n", 0))).as(text + " before a comma")
                .isEqualTo(Double.doubleToRawLongBits(alone));
        assertThat(Double.doubleToRawLongBits(number(text + ",0,0,0,0,0,0,0,0,0,0\n", 0)))
                .as(text + " in a long record").isEqualTo(Double.doubleToRawLongBits(alone));
        assertThat(Double.doubleToRawLongBits(number("7," + text, 1))).as(text + " at the end of the file")
                .isEqualTo(Double.doubleToRawLongBits(alone));
        return alone;
    }

    private static double number(String record, int field) throws IOException {
        CsvScanner scanner = new CsvScanner(new ByteArrayInputStream(record.getBytes(StandardCharsets.UTF_8)), 1 << 16);
        assertThat(scanner.next()).isTrue();
        return scanner.number(field);
    }
}
