package org.jdistarray.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jdistarray.protocol.ArrayDescriptor;
import org.jdistarray.protocol.BufferSpec;
import org.jdistarray.protocol.DType;
import org.jdistarray.protocol.DistKind;
import org.jdistarray.protocol.GlobalLayout;
import org.jdistarray.protocol.JsonCodec;
import org.jdistarray.protocol.NdMap;
import org.jdistarray.protocol.ProtocolExport;
import org.jdistarray.protocol.ProtocolValidator;
import org.jdistarray.protocol.Violation;
import picocli.CommandLine;

/**
 * {@code jdistarray demo --protocol}: the protocol layer end to end, in one process: a 2-D block-cyclic × block distribution over a 2×2 grid, every rank's local block filled with the
 * global linear index of each element, exported as JSON (protocol.md §7) with its data, validated (each rank
 * and across ranks), read back, and every value checked against its global index.
 */
final class ProtocolDemo {
    private ProtocolDemo() {
    }

    static int run(CommandLine cl, PrintWriter out, long[] shape, long blockSize) throws IOException {
        if (shape.length != 2) {
            throw new CommandLine.ParameterException(cl, "--shape must be 2-d, got " + shape.length + " entries");
        }
        GlobalLayout layout = GlobalLayout.fromShape(shape, List.of(DistKind.CYCLIC, DistKind.BLOCK),
                new int[] {2, 2}, new long[] {blockSize, 1}, 4);
        out.println("JDistArray demo: a " + shape[0] + "x" + shape[1] + " float64 array, axis 0 block-cyclic (block "
                + blockSize + "), axis 1 block, on a " + Arrays.toString(layout.grid().shape()) + " process grid");
        ObjectMapper mapper = new ObjectMapper();
        List<JsonNode> exports = new ArrayList<>();
        long checked = 0;
        boolean ok = true;
        for (int r = 0; r < layout.grid().size(); r++) {
            NdMap map = layout.mapFor(r);
            ArrayDescriptor d = new ArrayDescriptor(new BufferSpec(DType.FLOAT64, map.localShape()), layout.dimDataFor(r));
            ByteBuffer bytes = ByteBuffer.allocateDirect((int) d.buffer().byteCount()).order(ByteOrder.nativeOrder());
            DoubleBuffer data = bytes.asDoubleBuffer();
            fillWithGlobalIndex(map, data);
            String json = JsonCodec.write(d, bytes);
            JsonNode tree = mapper.readTree(json);
            exports.add(tree);
            List<Violation> violations = ProtocolValidator.validate(tree);
            ProtocolExport back = JsonCodec.readExport(json);
            long bad = countWrongValues(layout.mapFor(r), back.buffer().asDoubleBuffer());
            checked += map.localElementCount();
            boolean rankOk = violations.isEmpty() && back.descriptor().equals(d) && bad == 0;
            ok &= rankOk;
            out.println("rank " + r + " coords " + Arrays.toString(layout.grid().coordsOf(r)) + " local_shape "
                    + Arrays.toString(map.localShape()) + ": export " + (violations.isEmpty() ? "valid" : "INVALID " + violations)
                    + ", JSON round trip " + (back.descriptor().equals(d) ? "exact" : "DIFFERS")
                    + ", " + bad + " wrong values");
            out.println("    " + mapper.writeValueAsString(tree.get("dim_data")));
        }
        List<Violation> across = ProtocolValidator.validateAcrossRanks(exports);
        ok &= across.isEmpty();
        out.println("cross-rank rules (grid covers all ranks, consistent dim_data): "
                + (across.isEmpty() ? "valid" : "INVALID " + across));
        out.println(ok ? "demo OK: " + checked + " elements on " + exports.size() + " ranks, every value at its global index"
                : "demo FAILED");
        return ok ? 0 : 1;
    }

    /** Each local element gets the C-order linear global index of the element it holds. */
    private static void fillWithGlobalIndex(NdMap map, DoubleBuffer data) {
        long[] shape = map.globalShape();
        map.forEachOwned((global, offset) -> data.put((int) offset, linear(global, shape)));
    }

    private static long countWrongValues(NdMap map, DoubleBuffer data) {
        long[] shape = map.globalShape();
        long[] bad = {0};
        map.forEachOwned((global, offset) -> {
            if (data.get((int) offset) != linear(global, shape)) {
                bad[0]++;
            }
        });
        return bad[0];
    }

    private static double linear(long[] global, long[] shape) {
        long lin = 0;
        for (int i = 0; i < global.length; i++) {
            lin = lin * shape[i] + global[i];
        }
        return lin;
    }
}
