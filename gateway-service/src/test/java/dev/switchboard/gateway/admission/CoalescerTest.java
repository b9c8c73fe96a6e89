package dev.switchboard.gateway.admission;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.vertx.core.Vertx;

class CoalescerTest {

    final Vertx vertx = Vertx.vertx();
    final List<List<Integer>> batches = new CopyOnWriteArrayList<>();

    @AfterEach
    void close() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    @Test
    void whatOneEventLoopTurnAddsLeavesInOneBatch() throws Exception {
        Coalescer<Integer> coalescer = new Coalescer<>(vertx, 0, 256, batches::add);
        addInOneTurn(coalescer, 50);

        awaitItems(50);
        assertThat(batches).hasSize(1);
        assertThat(batches.get(0)).hasSize(50).startsWith(0, 1, 2).endsWith(49);
    }

    @Test
    void batchesNeverExceedTheirMaximumAndNothingIsLost() throws Exception {
        Coalescer<Integer> coalescer = new Coalescer<>(vertx, 0, 8, batches::add);
        vertx.runOnContext(v -> {
            for (int i = 0; i < 30; i++) {
                coalescer.add(i);
            }
        });

        awaitItems(30);
        assertThat(batches).allSatisfy(batch -> assertThat(batch).hasSizeLessThanOrEqualTo(8));
        assertThat(batches.stream().flatMap(List::stream)).containsExactlyInAnyOrderElementsOf(
                java.util.stream.IntStream.range(0, 30).boxed().toList());
    }

    @Test
    void withADelayWhatArrivesWithinItLeavesTogether() throws Exception {
        Coalescer<Integer> coalescer = new Coalescer<>(vertx, 200, 256, batches::add);
        // one item per event-loop turn, as one connection sending a request at a time produces them
        for (int i = 0; i < 5; i++) {
            int item = i;
            vertx.runOnContext(v -> coalescer.add(item));
            Thread.sleep(10);
        }
        assertThat(batches).as("nothing leaves before the delay").isEmpty();

        awaitItems(5);
        assertThat(batches).containsExactly(List.of(0, 1, 2, 3, 4));
    }

    @Test
    void itemsTakenBeforeTheDelayAreNotFlushedAgain() throws Exception {
        Coalescer<Integer> coalescer = new Coalescer<>(vertx, 100, 2, batches::add);
        addInOneTurn(coalescer, 3);

        assertThat(coalescer.take()).as("one batch at most").containsExactly(0, 1);
        awaitItems(1);
        Thread.sleep(150);
        assertThat(batches).containsExactly(List.of(2));
        assertThat(coalescer.take()).isEmpty();
    }

    /** Adds 0 … count − 1 in one turn of an event loop, and returns once they are added. */
    private void addInOneTurn(Coalescer<Integer> coalescer, int count) throws InterruptedException {
        CountDownLatch added = new CountDownLatch(1);
        vertx.runOnContext(v -> {
            for (int i = 0; i < count; i++) {
                coalescer.add(i);
            }
            added.countDown();
        });
        assertThat(added.await(5, TimeUnit.SECONDS)).isTrue();
    }

    private void awaitItems(int expected) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (batches.stream().mapToInt(List::size).sum() < expected && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(batches.stream().mapToInt(List::size).sum()).isEqualTo(expected);
    }
}
