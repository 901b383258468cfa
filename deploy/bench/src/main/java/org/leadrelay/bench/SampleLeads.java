package org.leadrelay.bench;

import java.util.List;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The bench's leads, as a website would post them to {@code POST /api/leads}: each with its own
 * contact email (lead-intake takes the same person asking the same thing within a day for a
 * duplicate and does not route it) and a product only bench partners offer, so every lead is
 * routable and only to the bench. Cities vary so intake's gazetteer does real lookups.
 */
final class SampleLeads {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final List<String> CITIES = List.of("Lyon", "Paris", "Marseille", "Toulouse", "Bordeaux", "Lille", "Nantes",
            "Strasbourg", "Montpellier", "Rennes", "Grenoble", "Dijon");

    private SampleLeads() {
    }

    static String json(String run, long lead, String product) {
        ObjectNode body = JSON.createObjectNode();
        ObjectNode contact = body.putObject("contact");
        contact.put("name", "Bench Customer " + lead);
        contact.put("email", email(run, lead));
        contact.put("company", "Bench " + run);
        body.putObject("need").putArray("products").add(product);
        ObjectNode location = body.putObject("location");
        location.put("country", "FR");
        location.put("city", CITIES.get((int) (lead % CITIES.size())));
        body.put("language", "fr");
        body.put("consent", true);
        body.put("source", "leadrelay-bench");
        return JSON.writeValueAsString(body);
    }

    static String email(String run, long lead) {
        return "customer-" + run + "-" + lead + "@bench.example";
    }
}
