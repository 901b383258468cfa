package org.leadrelay.notification.delivery.channels;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.EntityDetails;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.nio.AsyncResponseConsumer;
import org.apache.hc.core5.http.nio.CapacityChannel;
import org.apache.hc.core5.http.protocol.HttpContext;

/**
 * Reads an endpoint's answer up to a limit and drops it: an endpoint cannot hold a sender, nor fill
 * memory, by answering at length. Nothing of the answer is kept but its status and Retry-After,
 * since it may echo what was sent. An answer that reaches the limit ends the exchange there and
 * its connection is closed; one read to its end leaves the connection for the next webhook.
 */
final class LimitedBody implements AsyncResponseConsumer<LimitedBody.Answer> {

    private final long limit;
    private volatile Answer answer;
    private volatile FutureCallback<Answer> result;
    private long bytes;

    LimitedBody(long limit) {
        this.limit = limit;
    }

    @Override
    public void consumeResponse(HttpResponse response, EntityDetails entity, HttpContext context, FutureCallback<Answer> result) {
        Header retryAfter = response.getFirstHeader("Retry-After");
        answer = new Answer(response.getCode(), retryAfter == null ? null : retryAfter.getValue());
        if (entity == null) {
            result.completed(answer);
        } else {
            this.result = result;
        }
    }

    @Override
    public void informationResponse(HttpResponse response, HttpContext context) {
        // a 1xx answer says nothing of the outcome
    }

    @Override
    public void updateCapacity(CapacityChannel channel) throws IOException {
        channel.update(Integer.MAX_VALUE);
    }

    @Override
    public void consume(ByteBuffer data) throws IOException {
        bytes += data.remaining();
        data.position(data.limit());
        if (bytes >= limit) {
            result.completed(answer);
            // failing the exchange closes its connection, which is the only way to stop reading an answer midway
            throw new Enough();
        }
    }

    @Override
    public void streamEnd(List<? extends Header> trailers) {
        result.completed(answer);
    }

    @Override
    public void failed(Exception cause) {
        // the client fails the exchange's future with the cause itself
    }

    @Override
    public void releaseResources() {
        // nothing held
    }

    /** What is kept of an endpoint's answer. */
    record Answer(int status, String retryAfter) {
    }

    /** Ends an exchange whose answer reached the limit; its outcome was taken already. */
    private static final class Enough extends IOException {

        private static final long serialVersionUID = 1L;

        Enough() {
            super("the answer reached its limit");
        }
    }
}
