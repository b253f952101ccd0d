package io.fdbench.engine.nn;

/**
 * A named view into the flat parameter vector: W1 (rows × cols, row-major), b1 (1 × cols), ...
 *
 * @param name   "W1", "b1", "W2", ...
 * @param layer  0-based layer index
 * @param bias   whether this is the layer's bias
 * @param offset first index in the flat vector
 * @param rows   rows (fan-in for weights, 1 for a bias)
 * @param cols   columns (fan-out)
 */
public record ParameterBlock(String name, int layer, boolean bias, int offset, int rows, int cols) {

    public int size() {
        return rows * cols;
    }

    public boolean contains(int index) {
        return index >= offset && index < offset + size();
    }
}
