package io.fdbench.engine.grad;

import io.fdbench.engine.nn.Mlp;
import io.fdbench.engine.nn.ParameterBlock;

/**
 * The parameters to estimate, grouped so that one group lies in one block and, for weights, one
 * column (one unit of the layer): an incremental evaluator then shares that unit's work.
 */
final class WorkOrder {

    final int[] indices;
    /** Group g covers indices[groupStart[g]] .. indices[groupStart[g + 1] − 1]. */
    final int[] groupStart;
    final int groups;
    final int largestGroup;

    private WorkOrder(int[] indices, int[] groupStart, int groups) {
        this.indices = indices;
        this.groupStart = groupStart;
        this.groups = groups;
        int largest = 0;
        for (int g = 0; g < groups; g++) {
            largest = Math.max(largest, groupStart[g + 1] - groupStart[g]);
        }
        this.largestGroup = largest;
    }

    /** All parameters (subset null) or the given ones, grouped by block and column. */
    static WorkOrder of(Mlp model, int[] subset) {
        int p = model.parameterCount();
        boolean[] wanted = null;
        int count = p;
        if (subset != null) {
            wanted = new boolean[p];
            count = 0;
            for (int i : subset) {
                if (i < 0 || i >= p) {
                    throw new IllegalArgumentException("parameter subset: index " + i + " outside [0, " + p + ")");
                }
                if (!wanted[i]) {
                    wanted[i] = true;
                    count++;
                }
            }
        }
        int[] indices = new int[count];
        int[] starts = new int[count + 1];
        int n = 0;
        int groups = 0;
        for (ParameterBlock b : model.blocks()) {
            if (b.bias()) {
                // A bias is its own group: each unit's bias moves a different unit.
                for (int j = 0; j < b.cols(); j++) {
                    int index = b.offset() + j;
                    if (wanted == null || wanted[index]) {
                        starts[groups++] = n;
                        indices[n++] = index;
                    }
                }
                continue;
            }
            for (int j = 0; j < b.cols(); j++) {
                int groupFirst = n;
                for (int i = 0; i < b.rows(); i++) {
                    int index = b.offset() + i * b.cols() + j;
                    if (wanted == null || wanted[index]) {
                        indices[n++] = index;
                    }
                }
                if (n > groupFirst) {
                    starts[groups++] = groupFirst;
                }
            }
        }
        starts[groups] = n;
        return new WorkOrder(indices, starts, groups);
    }

    int size() {
        return indices.length;
    }
}
