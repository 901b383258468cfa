package org.leadrelay.console.partners;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.leadrelay.console.ConsoleApplication;
import org.leadrelay.events.Absence;
import org.leadrelay.events.Availability;
import org.leadrelay.events.CloudEventHeaders;
import org.leadrelay.events.EventEnvelope;
import org.leadrelay.events.ExpectedShares;
import org.leadrelay.events.LeadAccepted;
import org.leadrelay.events.LeadAssigned;
import org.leadrelay.events.LeadBrief;
import org.leadrelay.events.LeadDeclined;
import org.leadrelay.events.Need;
import org.leadrelay.events.PartnerUpserted;
import org.leadrelay.events.Score;
import org.leadrelay.events.ScoreComponent;
import org.leadrelay.events.Topics;
import org.leadrelay.testing.ConsoleBrowser;
import org.leadrelay.testing.LeadKeyServer;
import org.leadrelay.testing.TopicProbe;
import org.leadrelay.testing.WithInfrastructure;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The partners page through the real path: partners and offers on the broker, the page read as a browser reads it. */
@WithInfrastructure
@SpringBootTest(classes = ConsoleApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=" + ConsoleApplication.CONFIG_NAME, LeadKeyServer.CONSOLE_URL, LeadKeyServer.CONSOLE_USERNAME,
                LeadKeyServer.CONSOLE_PASSWORD})
class PartnersIT {

    private static TopicProbe kafka;

    @LocalServerPort
    int port;

    @BeforeAll
    static void probe() {
        kafka = TopicProbe.on();
    }

    @AfterAll
    static void close() {
        kafka.close();
    }

    @Test
    void showsEachPartnersAnswersAndItsLineOfTheFairnessLedger() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        UUID heavy = UUID.randomUUID();
        UUID light = UUID.randomUUID();
        kafka.publish(partner(heavy, "Aaa Heavy " + heavy, "ACTIVE", 3.0, null, 1));
        kafka.publish(partner(light, "Aaa Light " + light, "PAUSED", 1.0,
                new Availability("Europe/Paris", List.of(), List.of(new Absence(now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(2))))), 2));
        // an older revision arriving late changes nothing
        kafka.publish(partner(light, "Aaa Light " + light, "ACTIVE", 1.0, null, 1));
        ExpectedShares shares = new ExpectedShares(Map.of(heavy, 0.75, light, 0.25), 0, 0);

        // lead 1: offered to heavy, accepted after 90 s
        UUID first = UUID.randomUUID();
        UUID firstOffer = UUID.randomUUID();
        kafka.publish(assigned(first, firstOffer, heavy, now, shares));
        kafka.publish(new LeadAccepted(first, firstOffer, heavy, now.plusSeconds(90)));
        // lead 2: offered to light, declined after 30 s
        UUID second = UUID.randomUUID();
        UUID secondOffer = UUID.randomUUID();
        kafka.publish(assigned(second, secondOffer, light, now, shares));
        kafka.publish(new LeadDeclined(second, secondOffer, light, "fully booked", now.plusSeconds(30)));
        // lead 3: an older event without expected shares, offered to heavy and still open
        kafka.publish(assigned(UUID.randomUUID(), UUID.randomUUID(), heavy, now, null));

        ConsoleBrowser viewer = ConsoleBrowser.signIn(base(), "viewer", "local-viewer-password");
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> {
            String page = viewer.get("/partners?days=7").body();
            String heavyRow = row(page, heavy);
            String lightRow = row(page, light);
            return heavyRow != null && lightRow != null && heavyRow.contains("<td class=\"offers\">2</td>")
                    && heavyRow.contains("1 · 0 · 0") && lightRow.contains("0 · 1 · 0") && lightRow.contains("Aaa Light");
        });
        String page = viewer.get("/partners?days=7").body();
        String heavyRow = row(page, heavy);
        String lightRow = row(page, light);
        assertThat(heavyRow).contains("Aaa Heavy", "active", "<span>1 / 5</span>", "100%", "mean 90 s", "3.0");
        // expected 0.75 + 0.75 leads; received 1 of the ledgered offers (lead 3 carried no shares)
        assertThat(heavyRow).containsPattern("<td class=\"expected\"><span>1\\.50</span>");
        assertThat(heavyRow).containsPattern("<td class=\"received\"><span>1</span>");
        assertThat(heavyRow).contains("-0.50");
        assertThat(lightRow).contains("paused", "out of office", "<span>0 / 5</span>", "0%", "mean 30 s");
        assertThat(lightRow).containsPattern("<td class=\"expected\"><span>0\\.50</span>");
        assertThat(lightRow).contains("+0.50");
        assertThat(page).contains("id=\"ledger-unledgered\"", "carried no expected shares");
        assertThat(page).contains("<table id=\"partners\">");
        assertThat(viewer.get("/partners?days=30&lang=fr").body()).contains("Registre d&#39;équité, 30 derniers jours");

        // a tombstone: the partner leaves the page
        kafka.send(Topics.PARTNERS, light.toString(), Map.of(CloudEventHeaders.TYPE, "org.leadrelay.partner.deleted.v1".getBytes(),
                CloudEventHeaders.ID, UUID.randomUUID().toString().getBytes(), CloudEventHeaders.SOURCE, "/leadrelay/tests".getBytes(),
                CloudEventHeaders.SPEC_VERSION, "1.0".getBytes(), CloudEventHeaders.TIME, now.toString().getBytes()), null);
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> row(viewer.get("/partners").body(), light) == null);
    }

    private static PartnerUpserted partner(UUID id, String name, String status, double weight, Availability availability, long revision) {
        return new PartnerUpserted(id, name, "GOLD", List.of("FR"), List.of("postgresql"), List.of("fr"), 5, "leads@example.org", null,
                "ACTIVE".equals(status), revision, Instant.now(), status, null, weight, null, null, null, null, null, availability, null,
                null, null, null, null, null);
    }

    private static LeadAssigned assigned(UUID lead, UUID offer, UUID partner, Instant at, ExpectedShares shares) {
        return new LeadAssigned(lead, offer, partner, "partner", 1, Score.of(List.of(new ScoreComponent("speciality", 60, "fits"))),
                List.of(), List.of(), new LeadBrief(new Need(List.of("postgresql"), List.of(), null), "FR", null,
                        "Lyon", "fr", 10), at, at.plus(Duration.ofHours(4)), Map.of(), shares);
    }

    private static String row(String page, UUID partnerId) {
        int at = page.indexOf("data-partner=\"" + partnerId + "\"");
        if (at < 0) {
            return null;
        }
        int start = page.lastIndexOf("<tr", at);
        return page.substring(start, page.indexOf("</tr>", start));
    }

    private URI base() {
        return URI.create("http://127.0.0.1:" + port);
    }
}
