package org.leadrelay.notification.delivery.channels;

import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Reads an endpoint's answer up to a limit and drops it: an endpoint cannot hold a sender, nor fill
 * memory, by answering at length. Nothing of the answer is kept, since it may echo what was sent.
 */
final class LimitedBody implements HttpResponse.BodySubscriber<Long> {

    private final long limit;
    private final CompletableFuture<Long> read = new CompletableFuture<>();
    private Flow.Subscription subscription;
    private long bytes;

    private LimitedBody(long limit) {
        this.limit = limit;
    }

    static HttpResponse.BodyHandler<Long> upTo(long limit) {
        return info -> new LimitedBody(limit);
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        this.subscription = subscription;
        subscription.request(1);
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
        if (read.isDone()) {
            return;
        }
        for (ByteBuffer item : items) {
            bytes += item.remaining();
        }
        if (bytes >= limit) {
            subscription.cancel();
            read.complete(bytes);
        } else {
            subscription.request(1);
        }
    }

    @Override
    public void onError(Throwable error) {
        read.completeExceptionally(error);
    }

    @Override
    public void onComplete() {
        read.complete(bytes);
    }

    @Override
    public CompletionStage<Long> getBody() {
        return read;
    }
}
