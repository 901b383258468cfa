package org.leadrelay.console;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.leadrelay.console.flow.ConsumerLags;
import org.leadrelay.console.flow.FlowCounting;
import org.leadrelay.console.flow.FlowMinutes;
import org.leadrelay.console.flow.WatchingFlow;
import org.leadrelay.console.flow.web.FlowStream;
import org.leadrelay.console.leads.IndexingLeads;
import org.leadrelay.console.leads.LeadIndex;
import org.leadrelay.console.leads.LeadStories;
import org.leadrelay.console.leads.OpeningLeads;
import org.leadrelay.console.leads.RecordingStories;
import org.leadrelay.console.leads.SearchingLeads;
import org.leadrelay.console.leads.StoryListener;
import org.leadrelay.events.EventCodec;
import org.leadrelay.kit.scheduling.PeriodicTask;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the read model, the live flow and their background loops. */
@Configuration(proxyBeanMethods = false)
class ConsoleConfiguration {

    @Bean
    FlowCounting flowCounting(FlowMinutes minutes) {
        return new FlowCounting(minutes);
    }

    @Bean
    IndexingLeads indexingLeads(LeadIndex index) {
        return new IndexingLeads(index);
    }

    @Bean
    SearchingLeads searchingLeads(LeadIndex index, LeadStories stories, Clock clock) {
        return new SearchingLeads(index, stories, clock);
    }

    @Bean
    OpeningLeads openingLeads(@org.springframework.beans.factory.annotation.Qualifier("intakeClient")
            org.leadrelay.console.services.ServiceClient intakeClient) {
        return new OpeningLeads(intakeClient);
    }

    @Bean
    RecordingStories recordingStories(LeadStories stories, EventCodec codec, List<StoryListener> listeners, Clock clock, MeterRegistry meters) {
        Timer lag = Timer.builder("leadrelay.console.event.lag")
                .description("From each record's arrival on the broker to its recording in the console's read model")
                .publishPercentileHistogram().register(meters);
        return new RecordingStories(stories, codec, listeners, clock, age -> lag.record(age.isNegative() ? Duration.ZERO : age));
    }

    @Bean
    WatchingFlow watchingFlow(FlowMinutes minutes, LeadStories stories, ConsumerLags lags, Clock clock) {
        return new WatchingFlow(minutes, stories, lags, clock);
    }

    @Bean
    FlowStream flowStream(WatchingFlow flow) {
        return new FlowStream(flow);
    }

    @Bean
    PeriodicTask flowPush(FlowStream stream) {
        return PeriodicTask.every(WatchingFlow.PUSH_INTERVAL, "flow-push", stream::push);
    }
}
