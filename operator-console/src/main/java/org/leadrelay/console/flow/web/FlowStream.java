package org.leadrelay.console.flow.web;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.leadrelay.console.flow.FlowSnapshot;
import org.leadrelay.console.flow.WatchingFlow;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The open live-flow pages, each a server-sent event stream: one snapshot a second, made once and
 * sent to every page (so ten open pages cost what one does), and nothing made while no page is open.
 */
public class FlowStream {

    /** A page reconnects by itself (EventSource) after this. */
    static final Duration STREAM_LIFETIME = Duration.ofMinutes(30);

    private final WatchingFlow flow;
    private final List<SseEmitter> pages = new CopyOnWriteArrayList<>();

    public FlowStream(WatchingFlow flow) {
        this.flow = flow;
    }

    /** A new page's stream, with the current snapshot sent at once. */
    public SseEmitter open() {
        SseEmitter page = new SseEmitter(STREAM_LIFETIME.toMillis());
        page.onCompletion(() -> pages.remove(page));
        page.onTimeout(() -> pages.remove(page));
        page.onError(e -> pages.remove(page));
        pages.add(page);
        send(page, flow.snapshot());
        return page;
    }

    /** Sends the current snapshot to every open page. */
    public void push() {
        if (pages.isEmpty()) {
            return;
        }
        FlowSnapshot snapshot = flow.snapshot();
        for (SseEmitter page : pages) {
            send(page, snapshot);
        }
    }

    int openPages() {
        return pages.size();
    }

    private void send(SseEmitter page, FlowSnapshot snapshot) {
        try {
            page.send(SseEmitter.event().name("flow").data(snapshot, MediaType.APPLICATION_JSON));
        } catch (IOException | IllegalStateException e) {
            pages.remove(page);
            page.completeWithError(e);
        }
    }
}
