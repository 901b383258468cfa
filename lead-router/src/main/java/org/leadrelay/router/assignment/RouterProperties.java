package org.leadrelay.router.assignment;

import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Assignment settings ({@code leadrelay.router.*}).
 *
 * @param responseTime          how long a partner has to answer an offer when nothing more specific applies
 * @param deadlines             answer deadlines by tier, and shorter ones for high-priority leads
 * @param maxAttempts           offers the router makes for a lead before it goes to the operators' queue
 * @param acceptedLeadHold      how long an accepted lead keeps counting against its partner's open-lead capacity
 * @param deadlinePoll          how often due deadlines are looked for
 * @param deadlineLease         how long an instance holds a due deadline before another may take it over
 * @param fairnessWindow        the recent period whose offers the fairness score compares
 * @param responsivenessHalfLife how fast old answers stop counting toward responsiveness
 */
@ConfigurationProperties("leadrelay.router")
public record RouterProperties(
        @DefaultValue("4h") Duration responseTime,
        @DefaultValue Deadlines deadlines,
        @DefaultValue("3") int maxAttempts,
        @DefaultValue("14d") Duration acceptedLeadHold,
        @DefaultValue("1s") Duration deadlinePoll,
        @DefaultValue("30s") Duration deadlineLease,
        @DefaultValue("30d") Duration fairnessWindow,
        @DefaultValue("30d") Duration responsivenessHalfLife) {

    /**
     * @param byTier                   deadline per tier ({@code PLATINUM: 2h}); a tier missing here gets {@code responseTime}
     * @param highPriority             deadline per tier for high-priority leads
     * @param highPriorityFromEmployees a lead is high priority from this company size on
     * @param businessHours            count only the partner's business hours, in its time zone, when it has set them
     */
    public record Deadlines(@DefaultValue Map<String, Duration> byTier, @DefaultValue Map<String, Duration> highPriority,
            @DefaultValue("250") int highPriorityFromEmployees, @DefaultValue("true") boolean businessHours) {
    }
}
