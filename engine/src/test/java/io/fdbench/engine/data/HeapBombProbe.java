package io.fdbench.engine.data;

import io.fdbench.engine.memory.InsufficientHeapException;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Run in a child JVM by {@link HeapBombTest}: loads the MNIST folder given as the argument and
 * exits 0 when it loads, 3 with the message on a refused heap, 2 with the message on a format
 * error, and 1 with the stack trace on anything else (an OutOfMemoryError, say).
 */
public final class HeapBombProbe {

    private HeapBombProbe() {
    }

    public static void main(String[] args) {
        try {
            MnistData.Split s = MnistData.fromFolder(Path.of(args[0]));
            System.out.println("loaded " + s.train().rows() + " + " + s.test().rows() + " rows");
            System.exit(0);
        } catch (InsufficientHeapException e) {
            System.err.println(e.getMessage());
            System.exit(3);
        } catch (IOException e) {
            System.err.println(e.getMessage());
            System.exit(2);
        } catch (Throwable t) {
            t.printStackTrace();
            System.exit(1);
        }
    }
}
