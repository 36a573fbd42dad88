package org.jdistarray.array.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import org.jdistarray.protocol.DType;
import org.junit.jupiter.api.Test;

/** NumPy's astype ('unsafe' casting) on single values; expected values are numpy 1.26's on x86-64. */
class CastsTest {
    private static double roundTrip(double v, DType from, DType to) {
        ByteBuffer a = ByteBuffer.allocate(8).order(ByteOrder.nativeOrder());
        ByteBuffer b = ByteBuffer.allocate(8).order(ByteOrder.nativeOrder());
        Casts.putDouble(a, 0, from, v);
        Casts.convert(a, 0, from, b, 0, to);
        return Casts.getDouble(b, 0, to);
    }

    @Test
    void numpyUnsafeCasting() {
        assertEquals(2.0, roundTrip(2.9, DType.FLOAT64, DType.INT32), "truncation toward zero");
        assertEquals(-2.0, roundTrip(-2.9, DType.FLOAT64, DType.INT64));
        assertEquals(44.0, roundTrip(300, DType.FLOAT64, DType.UINT8), "np.array([300.]).astype(np.uint8) == 44");
        assertEquals(255.0, roundTrip(-1, DType.INT64, DType.UINT8), "wrap-around");
        assertEquals(-1.0, roundTrip(255, DType.INT32, DType.INT8));
        assertEquals(1.0, roundTrip(0.1, DType.FLOAT64, DType.BOOL));
        assertEquals(1.0, roundTrip(Double.NaN, DType.FLOAT64, DType.BOOL), "NaN is true");
        assertEquals(0.0, roundTrip(0.0, DType.FLOAT32, DType.BOOL));
        assertEquals(1.0, roundTrip(7, DType.INT32, DType.BOOL));
        assertEquals((double) (float) 0.1, roundTrip(0.1, DType.FLOAT64, DType.FLOAT32));
        assertEquals(65535.0, roundTrip(-1, DType.INT16, DType.UINT16));
        assertEquals(4294967295.0, roundTrip(-1, DType.INT32, DType.UINT32));
    }

    @Test
    void sixtyFourBitIntegersStayExact() {
        ByteBuffer a = ByteBuffer.allocate(8).order(ByteOrder.nativeOrder());
        ByteBuffer b = ByteBuffer.allocate(8).order(ByteOrder.nativeOrder());
        Casts.putLong(a, 0, DType.INT64, Long.MAX_VALUE - 1);
        Casts.convert(a, 0, DType.INT64, b, 0, DType.UINT64);
        assertEquals(Long.MAX_VALUE - 1, Casts.getLong(b, 0, DType.UINT64));
        Casts.putLong(a, 0, DType.UINT64, -1L);
        assertEquals(0x1p64, Casts.getDouble(a, 0, DType.UINT64), "uint64 max converts as unsigned");
        Casts.putDouble(a, 0, DType.UINT64, 0x1p63);
        assertEquals(Long.MIN_VALUE, Casts.getLong(a, 0, DType.UINT64), "2^63 fits uint64");
    }
}
