package org.jdistarray.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The committed example exports under {@code src/test/resources/examples}. */
class ExampleFixturesTest {

    private static Path dir(String name) {
        try {
            return Path.of(ExampleFixturesTest.class.getResource("/examples/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String text(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Stream<Path> validFiles() throws IOException {
        return Files.list(dir("valid")).filter(p -> p.toString().endsWith(".json")).sorted();
    }

    static Stream<String> invalidRows() throws IOException {
        return Files.readAllLines(dir("invalid").resolve("expected-violations.tsv")).stream()
                .filter(l -> !l.startsWith("#") && !l.isBlank());
    }

    @ParameterizedTest
    @MethodSource("validFiles")
    void validExamplesValidateAndRoundTrip(Path file) {
        String json = text(file);
        assertEquals(List.of(), ProtocolValidator.validate(Exports.tree(json)), file.toString());
        ArrayDescriptor d = JsonCodec.read(json);
        assertEquals(d, JsonCodec.read(JsonCodec.write(d)));
        if (json.contains("\"data\"")) {
            ProtocolExport e = JsonCodec.readExport(json);
            assertEquals(Exports.tree(json).get("data"),
                    Exports.tree(JsonCodec.write(e.descriptor(), e.buffer())).get("data"));
        }
    }

    @ParameterizedTest
    @MethodSource("invalidRows")
    void invalidExamplesGiveTheListedViolation(String row) {
        String[] f = row.split("\t");
        String json = text(dir("invalid").resolve(f[0]));
        ProtocolException e = assertThrows(ProtocolException.class, () -> JsonCodec.read(json));
        if (f[1].equals("-")) {
            assertTrue(e.getMessage().startsWith(f[2]), e.getMessage());
            assertTrue(e.violations().isEmpty());
        } else {
            assertFalse(e.violations().isEmpty());
            assertEquals(Integer.parseInt(f[1]), e.violations().get(0).dimension(), e::getMessage);
            assertEquals(f[2], e.violations().get(0).key(), e::getMessage);
        }
    }

    @Test
    void everyInvalidFileIsListed() throws IOException {
        List<String> listed = invalidRows().map(r -> r.split("\t")[0]).sorted().toList();
        List<String> files = Files.list(dir("invalid")).map(p -> p.getFileName().toString())
                .filter(n -> n.endsWith(".json")).sorted().toList();
        assertEquals(files, listed);
    }

    @Test
    void paddingExampleRanksFormAValidSet() {
        assertEquals(List.of(), ProtocolValidator.validateAcrossRanks(List.of(
                Exports.tree(text(dir("valid").resolve("block-padding-18-rank0.json"))),
                Exports.tree(text(dir("valid").resolve("block-padding-18-rank1.json"))))));
    }
}
