package dev.teleform.engine.state;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

/** Starts {@code n} contenders at the same moment and counts how many won. */
final class Races {

    private Races() {
    }

    static long winners(int n, IntFunction<Callable<Boolean>> contender) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Boolean>> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(n)) {
            for (int i = 0; i < n; i++) {
                Callable<Boolean> task = contender.apply(i);
                results.add(pool.submit(() -> {
                    start.await();
                    return task.call();
                }));
            }
            start.countDown();
            long won = 0;
            for (Future<Boolean> result : results) {
                won += result.get() ? 1 : 0;
            }
            return won;
        }
    }
}
