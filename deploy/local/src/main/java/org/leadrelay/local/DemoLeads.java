package org.leadrelay.local;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import tools.jackson.databind.JsonNode;

/** Posts a stream of varied sample leads, some of which no partner can serve, to a running stack. */
final class DemoLeads {

    private DemoLeads() {
    }

    private static String asked(JsonNode lead) {
        java.util.List<String> asked = new java.util.ArrayList<>();
        for (String list : new String[] {"products", "services"}) {
            JsonNode values = lead.get("need").get(list);
            if (values != null) {
                values.forEach(value -> asked.add(value.asString()));
            }
        }
        return String.join(", ", asked);
    }

    static void post(Ports ports, int count, Duration pause, PrintStream console) {
        JsonNode leads = Seeder.resource("seed/demo-leads.json");
        HttpClient http = HttpClient.newHttpClient();
        URI intake = URI.create("http://127.0.0.1:" + ports.intake() + "/api/leads");
        for (int i = 0; i < count; i++) {
            JsonNode lead = leads.get(i % leads.size());
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(intake).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(WebPages.JSON.writeValueAsString(lead))).build(),
                        HttpResponse.BodyHandlers.ofString());
                String outcome = response.statusCode() == 202
                        ? "lead " + WebPages.JSON.readTree(response.body()).get("leadId").asString()
                        : "HTTP " + response.statusCode() + " " + response.body();
                console.printf("%3d  %s  %-45s -> %s%n", i + 1, lead.get("location").get("country").asString(), asked(lead), outcome);
            } catch (IOException e) {
                throw new StackException("cannot reach lead-intake at " + intake + ": " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            LockSupport.parkNanos(pause.toNanos());
        }
        console.println("Posted " + count + " leads. Watch them arrive at http://127.0.0.1:" + ports.mailCatcher()
                + "/ and http://127.0.0.1:" + ports.demoPartner() + "/");
    }
}
