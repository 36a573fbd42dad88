package org.jdistarray.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.jdistarray.protocol.ProtocolValidator;
import org.jdistarray.protocol.Violation;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code jdistarray validate FILE}: checks a protocol export in the JSON form of protocol.md §7. The file holds
 * one export, or a JSON array of every rank's exports (then the cross-rank rules are checked too).
 */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = {"Check a protocol export (JSON form, protocol.md §7) against every rule of the protocol.",
            "FILE holds one export object, or an array of all ranks' exports (adds the cross-rank rules);",
            "a shared-memory descriptor (exportShared's dap-rank<r>.json) is checked by its __distarray__ part.",
            "Prints 'valid' (exit 0), or 'invalid:' and one violation per line (exit 1).",
            "A missing file or malformed JSON: one line on stderr, exit 2."})
final class ValidateCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE", description = "the export, as JSON")
    Path file;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        JsonNode tree;
        try {
            tree = new ObjectMapper().readTree(Files.readString(file));
        } catch (NoSuchFileException e) {
            err.println("error: no such file: " + file);
            return JDistArrayCli.EXIT_BAD_INPUT;
        } catch (JsonProcessingException e) {
            err.println("error: " + file + " is not valid JSON: " + JDistArrayCli.oneLine(
                    new IOException(e.getOriginalMessage() + " (line " + e.getLocation().getLineNr()
                            + ", column " + e.getLocation().getColumnNr() + ")")));
            return JDistArrayCli.EXIT_BAD_INPUT;
        } catch (IOException e) {
            err.println("error: cannot read " + file + ": " + JDistArrayCli.oneLine(e));
            return JDistArrayCli.EXIT_BAD_INPUT;
        }
        if (tree == null || tree.isMissingNode()) {
            err.println("error: " + file + " is empty");
            return JDistArrayCli.EXIT_BAD_INPUT;
        }
        tree = unwrapShared(tree);
        List<String> problems = new ArrayList<>();
        if (tree.isArray()) {
            List<JsonNode> exports = new ArrayList<>();
            for (int i = 0; i < tree.size(); i++) {
                exports.add(tree.get(i));
                for (Violation v : ProtocolValidator.validate(tree.get(i))) {
                    problems.add("export " + i + ": " + v);
                }
            }
            if (problems.isEmpty()) {
                for (Violation v : ProtocolValidator.validateAcrossRanks(exports)) {
                    problems.add("across ranks: " + v);
                }
            }
        } else {
            for (Violation v : ProtocolValidator.validate(tree)) {
                problems.add(v.toString());
            }
        }
        if (problems.isEmpty()) {
            out.println("valid");
            return 0;
        }
        out.println("invalid:");
        problems.forEach(p -> out.println("  " + p));
        return 1;
    }

    /** A shared-memory descriptor file ({@code exportShared}: {@code {"__distarray__": ..., "shm": ...}}) is checked
     * by its protocol part; so is each item of an array of them. */
    private static JsonNode unwrapShared(JsonNode tree) {
        if (tree.isObject() && tree.has(SHARED_KEY) && tree.has("shm")) {
            return tree.get(SHARED_KEY);
        }
        if (tree.isArray()) {
            com.fasterxml.jackson.databind.node.ArrayNode out = com.fasterxml.jackson.databind.node.JsonNodeFactory
                    .instance.arrayNode();
            tree.forEach(t -> out.add(unwrapShared(t)));
            return out;
        }
        return tree;
    }

    private static final String SHARED_KEY = "__distarray__";
}
