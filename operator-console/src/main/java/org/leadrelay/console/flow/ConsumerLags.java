package org.leadrelay.console.flow;

import java.util.Map;

/** How far behind each consumer group of the system is. */
@FunctionalInterface
public interface ConsumerLags {

    /** Records not yet read, by consumer group, as last measured. */
    Map<String, Long> current();
}
