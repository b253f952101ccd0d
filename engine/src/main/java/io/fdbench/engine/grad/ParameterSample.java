package io.fdbench.engine.grad;

import io.fdbench.engine.tuning.Tuning;
import io.fdbench.engine.nn.Mlp;
import io.fdbench.engine.nn.ParameterBlock;

import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * A fixed, seeded sample of parameter indices spread over every block (W1, b1, W2, ...), for
 * models where estimating every parameter by finite differences would take too long.
 */
public final class ParameterSample {

    private ParameterSample() {
    }

    /**
     * About {@code count} distinct indices, sorted: every block gets a share proportional to its
     * size but at least min(size, {@link Tuning#SAMPLE_MIN_PER_BLOCK}), so small blocks such as
     * biases are always represented.
     * Returns all indices when count ≥ the parameter count.
     */
    public static int[] stratified(Mlp model, int count, long seed) {
        if (count <= 0) {
            throw new IllegalArgumentException("sample size must be positive, got " + count);
        }
        int total = model.parameterCount();
        if (count >= total) {
            int[] all = new int[total];
            for (int i = 0; i < total; i++) {
                all[i] = i;
            }
            return all;
        }
        Random rnd = new Random(seed);
        List<ParameterBlock> blocks = model.blocks();
        int[][] picks = new int[blocks.size()][];
        int n = 0;
        for (int k = 0; k < blocks.size(); k++) {
            ParameterBlock b = blocks.get(k);
            int share = (int) Math.round((double) count * b.size() / total);
            share = Math.min(b.size(), Math.max(share, Math.min(b.size(), Tuning.SAMPLE_MIN_PER_BLOCK)));
            picks[k] = sampleWithoutReplacement(b.size(), share, rnd);
            for (int i = 0; i < share; i++) {
                picks[k][i] += b.offset();
            }
            n += share;
        }
        int[] out = new int[n];
        int at = 0;
        for (int[] p : picks) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        Arrays.sort(out);
        return out;
    }

    /** k distinct values of [0, n) by a partial Fisher–Yates shuffle. */
    private static int[] sampleWithoutReplacement(int n, int k, Random rnd) {
        int[] all = new int[n];
        for (int i = 0; i < n; i++) {
            all[i] = i;
        }
        for (int i = 0; i < k; i++) {
            int j = i + rnd.nextInt(n - i);
            int t = all[i];
            all[i] = all[j];
            all[j] = t;
        }
        return Arrays.copyOf(all, k);
    }
}
