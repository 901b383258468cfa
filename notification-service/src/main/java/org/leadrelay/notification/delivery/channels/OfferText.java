package org.leadrelay.notification.delivery.channels;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.leadrelay.events.LeadBrief;
import org.leadrelay.notification.delivery.LeadOffer;

/** The words of a lead offer, as a partner reads them. No contact details: those come on acceptance. */
final class OfferText {

    private OfferText() {
    }

    static String subject(LeadOffer offer) {
        return "New lead: " + String.join(", ", offer.lead().asked()) + " in " + offer.lead().place();
    }

    static String body(LeadOffer offer) {
        LeadBrief lead = offer.lead();
        StringBuilder text = new StringBuilder();
        text.append("Hello ").append(offer.partnerName()).append(",\n\n")
                .append("A customer in ").append(lead.place()).append(" needs help with ")
                .append(String.join(", ", lead.asked())).append(".\n\n");
        List<String> environment = new ArrayList<>();
        environment.addAll(lead.need().environment().operatingSystems());
        environment.addAll(lead.need().environment().databases());
        environment.addAll(lead.need().environment().applicationServers());
        if (!environment.isEmpty()) {
            text.append("Their environment: ").append(String.join(", ", environment)).append(".\n");
        }
        if (lead.employees() != null) {
            text.append("Company size: ").append(lead.employees()).append(" employees.\n");
        }
        text.append("Language: ").append(lead.language()).append(".\n");
        if (lead.need().description() != null) {
            text.append("\nIn their words:\n").append(lead.need().description()).append("\n");
        }
        text.append("\nWhy you: score ").append(format(offer.score().total())).append(" (")
                .append(offer.score().components().stream()
                        .map(component -> component.criterion() + " " + format(component.points()) + ": " + component.reason())
                        .collect(Collectors.joining("; ")))
                .append(").\n")
                .append("Please answer by ").append(offer.respondBy()).append(" (UTC).\n")
                .append("Accept or decline: ").append(offer.answerPage()).append("\n\n")
                .append("Lead ").append(offer.leadId()).append(", assignment ").append(offer.assignmentId()).append(".\n");
        return text.toString();
    }

    private static String format(double points) {
        return points == Math.rint(points) ? String.valueOf((long) points) : String.format(java.util.Locale.ROOT, "%.1f", points);
    }
}
