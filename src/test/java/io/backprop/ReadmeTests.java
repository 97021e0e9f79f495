package io.backprop;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The README's commands are what CI runs; a change to one without the other fails here. */
class ReadmeTests {

    @Test
    void ciShouldRunTheTestCommandTheReadmeGives() throws IOException {
        List<String> ciCommands = Files.readAllLines(Path.of(".ci/run")).stream()
                .filter(line -> line.startsWith("./mvnw")).toList();
        String readme = Files.readString(Path.of("README.md"));

        assertThat(ciCommands).hasSize(1);
        assertThat(readme).contains("\n" + ciCommands.get(0) + "\n");
    }

    @Test
    void readmeShouldGiveTheRunCommand() throws IOException {
        assertThat(Files.readString(Path.of("README.md"))).contains("\n./mvnw spring-boot:run\n");
    }
}
