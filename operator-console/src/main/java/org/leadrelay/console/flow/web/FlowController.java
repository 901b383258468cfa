package org.leadrelay.console.flow.web;

import org.leadrelay.console.flow.FlowSnapshot;
import org.leadrelay.console.flow.WatchingFlow;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** The live flow: the page, its stream of snapshots, and the snapshot as JSON. */
@Controller
class FlowController {

    private final WatchingFlow flow;
    private final FlowStream stream;

    FlowController(WatchingFlow flow, FlowStream stream) {
        this.flow = flow;
        this.stream = stream;
    }

    @GetMapping("/")
    String page(Model model) {
        model.addAttribute("flow", flow.snapshot());
        return "flow";
    }

    @GetMapping(path = "/flow/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @ResponseBody
    SseEmitter stream() {
        return stream.open();
    }

    @GetMapping(path = "/api/flow", produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseBody
    FlowSnapshot snapshot() {
        return flow.snapshot();
    }
}
