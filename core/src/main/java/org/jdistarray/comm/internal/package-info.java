/** Not API: helpers of the communicator packages shared with the rest of the library (the native address of a direct buffer). */
package org.jdistarray.comm.internal;
