/**
 * Native memory for array blocks, through JNA (the only JNA use of the array layer). Not API: public only so that the
 * array package can use it.
 */
package org.jdistarray.array.internal;
