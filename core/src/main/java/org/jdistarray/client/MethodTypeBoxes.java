package org.jdistarray.client;

/** The box of a primitive class. */
final class MethodTypeBoxes {
    private MethodTypeBoxes() {
    }

    static Class<?> box(Class<?> p) {
        return java.lang.invoke.MethodType.methodType(p).wrap().returnType();
    }
}
