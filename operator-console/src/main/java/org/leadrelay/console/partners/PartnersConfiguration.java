package org.leadrelay.console.partners;

import java.time.Clock;
import org.leadrelay.events.EventCodec;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The partners' read model, their statistics and the fairness ledger. */
@Configuration(proxyBeanMethods = false)
class PartnersConfiguration {

    @Bean
    CountingOffers countingOffers(PartnerStatistics statistics, FairnessLedger ledger, EventCodec codec) {
        return new CountingOffers(statistics, ledger, codec);
    }

    @Bean
    WatchingPartners watchingPartners(PartnerCards cards, PartnerStatistics statistics, FairnessLedger ledger, Clock clock) {
        return new WatchingPartners(cards, statistics, ledger, clock);
    }
}
