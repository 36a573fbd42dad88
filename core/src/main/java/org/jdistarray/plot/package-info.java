/**
 * Pictures of distributions and redistribution plans, PNG (Java2D, headless) or SVG: {@link org.jdistarray.plot.Plots}.
 */
package org.jdistarray.plot;
