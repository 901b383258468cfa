package org.leadrelay.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.leadrelay.testing.TopicProbe.event;
import static org.leadrelay.testing.TopicProbe.keyed;
import static org.leadrelay.testing.TopicProbe.ofType;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.leadrelay.events.CloudEventHeaders;
import org.leadrelay.events.EventTypes;
import org.leadrelay.events.LeadReassigned;
import org.leadrelay.events.Topics;
import org.leadrelay.testing.TopicProbe;
import org.leadrelay.testing.WebhookReceiver;
import org.leadrelay.testing.WithInfrastructure;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The operator console in a real browser (headless Chromium), against the whole system: leads
 * posted over HTTP to lead-intake, routed by lead-router, delivered by notification-service to a
 * webhook receiver and an in-process SMTP server, and read by operator-console from the topics.
 * What the person sees is checked on the page itself, without reloading where the page is live.
 * The screenshots in docs/console are taken here.
 */
@WithInfrastructure
class ConsoleBrowserIT {

    private static final GreenMail SMTP = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
    private static WebhookReceiver partnerEndpoint;
    private static LeadRelayStack stack;
    private static TopicProbe kafka;
    private static WebDriver operator;
    /** One partner for the leads that route normally, registered once. */
    private static Partner luxembourg;

    private final HttpClient http = HttpClient.newHttpClient();
    private static final JsonMapper JSON = new JsonMapper();

    @BeforeAll
    static void startTheSystemAndSignIn() throws Exception {
        Chromium.assumeInstalled();
        SMTP.start();
        partnerEndpoint = WebhookReceiver.start();
        stack = new LeadRelayStack(SMTP.getSmtp().getPort(), "--leadrelay.webhooks.allowed-hosts=127.0.0.1").withConsole();
        kafka = TopicProbe.on(Topics.LEADS_RECEIVED, Topics.ASSIGNMENTS, Topics.deadLetterOf(Topics.LEADS_RECEIVED));
        luxembourg = register("Luxembourg Data Services", "LU", List.of("mariadb", "migration", "support"), 50, "/lux-data");
        stack.awaitPartnersCopied(List.of(luxembourg.id()));
        operator = Chromium.start();
        signIn(operator, "operator", "local-operator-password");
    }

    @AfterAll
    static void stopTheSystem() {
        if (operator != null) {
            operator.quit();
        }
        if (kafka != null) {
            kafka.close();
        }
        if (stack != null) {
            stack.close();
        }
        if (partnerEndpoint != null) {
            partnerEndpoint.close();
        }
        SMTP.stop();
    }

    @Test
    void aNewLeadAppearsInTheLiveFlowWithoutAReloadAndItsPageExplainsTheDecision() throws Exception {
        operator.get(page("/"));
        JavascriptExecutor script = (JavascriptExecutor) operator;
        Chromium.waiting(operator, 10).until(browser -> "complete".equals(script.executeScript("return document.readyState")));
        script.executeScript("document.documentElement.dataset.sameDocument = 'yes'");

        UUID leadId = postLead("LU", "Esch-sur-Alzette", "mariadb", "jean.weber@example.lu");

        By row = By.cssSelector("#recent tr[data-lead='" + leadId + "']");
        Chromium.waiting(operator, 15).until(browser -> !browser.findElements(row).isEmpty());
        // the partner arrives in the same row once the router's decision is read
        Chromium.waiting(operator, 15).until(browser -> rowText(browser, row).contains(luxembourg.name()));
        assertThat(script.executeScript("return document.documentElement.dataset.sameDocument")).as("the page was not reloaded").isEqualTo("yes");
        assertThat(operator.getCurrentUrl()).isEqualTo(page("/"));
        Chromium.screenshot(operator, "flow.png");

        operator.get(page("/leads/" + leadId));
        Chromium.waiting(operator, 15).until(browser -> {
            if (!browser.findElement(By.id("story")).getText().contains(luxembourg.name())) {
                browser.navigate().refresh();
                return false;
            }
            return true;
        });
        assertThat(operator.findElement(By.id("lead-state")).getText()).isEqualTo("offered");
        WebElement story = operator.findElement(By.id("story"));
        assertThat(story.findElements(By.cssSelector("li[data-kind]"))).extracting(item -> item.getAttribute("data-kind"))
                .startsWith("lead-received", "lead-assigned");
        List<String> criteria = story.findElements(By.cssSelector("table.score tbody tr td:first-child")).stream().map(WebElement::getText).toList();
        assertThat(criteria).contains("speciality", "distance", "language", "tier", "headroom", "responsiveness", "fairness");
        assertThat(story.getText()).contains("Offered to " + luxembourg.name());
        // an operator sees who asked
        assertThat(operator.findElement(By.id("lead-contact")).getText()).contains("jean.weber@example.lu");
        Chromium.screenshot(operator, "lead.png");
    }

    @Test
    void anOperatorAssignsAnUnroutableLeadFromTheQueueAndThePartnersWebhookArrives() throws Exception {
        // a partner that takes no leads: it covers the lead, so routing passes it over and the lead waits for an operator
        Partner reykjavik = register("Reykjavik Mainframe", "IS", List.of("cobol", "training"), 0, "/reykjavik");
        stack.awaitPartnersCopied(List.of(reykjavik.id()));
        UUID leadId = postLead("IS", "Reykjavik", "cobol", "gudrun@example.is");
        kafka.awaitRecord(keyed(leadId).and(ofType(EventTypes.LEAD_UNROUTABLE)));

        By row = By.cssSelector("#queue tr[data-lead='" + leadId + "']");
        operator.get(page("/queue"));
        Chromium.waiting(operator, 20).until(browser -> {
            if (browser.findElements(row).isEmpty()) {
                browser.navigate().refresh();
                return false;
            }
            return true;
        });
        WebElement assignment = operator.findElement(row).findElement(
                By.xpath(".//form[.//input[@name='partnerId' and @value='" + reykjavik.id() + "']]"));
        String reason = "Reykjavik agreed on the phone to take it";
        assignment.findElement(By.name("reason")).sendKeys(reason);
        Chromium.screenshot(operator, "queue.png");
        assignment.findElement(By.cssSelector(".assign-button")).click();

        Chromium.waiting(operator, 15).until(browser -> !browser.findElements(By.id("notice")).isEmpty());
        assertThat(operator.findElement(By.id("notice")).getText()).isNotBlank();
        WebhookReceiver.Received webhook = partnerEndpoint.await(request -> request.path().equals("/reykjavik")
                && request.body().contains(leadId.toString()));
        assertThat(JSON.readTree(webhook.body()).get("partnerId").asString()).isEqualTo(reykjavik.id().toString());
        LeadReassigned byHand = event(kafka.awaitRecord(keyed(leadId).and(ofType(EventTypes.LEAD_REASSIGNED))), LeadReassigned.class);
        assertThat(byHand.partnerId()).isEqualTo(reykjavik.id());
        assertThat(byHand.reason()).contains(reason);
    }

    @Test
    void anOperatorReplaysADeadLetterAndTheRecordIsBackOnItsTopic() {
        String key = UUID.randomUUID().toString();
        byte[] poison = ("{\"leadId\": \"not a lead id " + key + "\"}").getBytes(StandardCharsets.UTF_8);
        kafka.send(Topics.LEADS_RECEIVED, key, CloudEventHeaders.toHeaders(UUID.randomUUID(), EventTypes.LEAD_RECEIVED, "/leadrelay/tests",
                Instant.now()), poison);
        kafka.awaitRecord(keyed(key).and(record -> record.topic().equals(Topics.deadLetterOf(Topics.LEADS_RECEIVED))));

        operator.get(page("/dead-letters"));
        By rows = By.cssSelector("#dead-letters tr[data-record]");
        WebElement dead = Chromium.waiting(operator, 20).until(browser -> {
            for (WebElement candidate : browser.findElements(rows)) {
                if (candidate.getText().contains(key)) {
                    return candidate;
                }
            }
            browser.navigate().refresh();
            return null;
        });
        WebElement replay = dead.findElement(By.xpath(".//form[contains(@action, '/replay')]"));
        replay.findElement(By.name("reason")).sendKeys("the producer is fixed");
        Chromium.screenshot(operator, "dead-letters.png");
        replay.findElement(By.cssSelector("button, input[type=submit]")).click();

        Chromium.waiting(operator, 15).until(browser -> !browser.findElements(By.id("notice")).isEmpty());
        List<ConsumerRecord<String, byte[]>> onTheTopic = kafka.awaitRecords(keyed(key).and(record -> record.topic().equals(Topics.LEADS_RECEIVED)), 2);
        assertThat(onTheTopic.get(onTheTopic.size() - 1).value()).isEqualTo(poison);
    }

    @Test
    void aViewerReadsALeadWithoutItsContactDetails() throws Exception {
        UUID leadId = postLead("LU", "Luxembourg", "mariadb", "marie.viewer-check@example.lu");
        WebDriver viewer = Chromium.start();
        try {
            signIn(viewer, "viewer", "local-viewer-password");
            viewer.get(page("/leads/" + leadId));
            Chromium.waiting(viewer, 20).until(browser -> {
                if (browser.findElements(By.id("lead-state")).isEmpty()) {
                    browser.navigate().refresh();
                    return false;
                }
                return true;
            });
            assertThat(viewer.findElements(By.id("lead-contact"))).isEmpty();
            assertThat(viewer.getPageSource()).doesNotContain("marie.viewer-check@example.lu").doesNotContain("Marie Viewer");
            assertThat(viewer.findElement(By.cssSelector("main")).getText()).contains("hidden: operators only");
        } finally {
            viewer.quit();
        }
    }

    @Test
    void theFrenchPageShowsFrenchLabelsAndDatesInFrench() throws Exception {
        UUID leadId = postLead("LU", "Differdange", "migration", "luc@example.lu");
        try {
            operator.get(page("/leads/" + leadId + "?lang=fr"));
            Chromium.waiting(operator, 20).until(browser -> {
                if (browser.findElements(By.id("lead-state")).isEmpty()) {
                    browser.navigate().refresh();
                    return false;
                }
                return true;
            });
            assertThat(operator.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("fr");
            String main = operator.findElement(By.id("main")).getText();
            assertThat(main).contains("Demande", "Où elle en est", "Reçue", "Son histoire");
            assertThat(operator.findElement(By.cssSelector("header nav")).getText()).contains("Flux en direct", "Sans partenaire");
            // leadrelay.js writes every <time> in the page's language: French month names, a 24-hour clock
            String received = operator.findElement(By.cssSelector("dl.facts time")).getText();
            assertThat(received).matches(".*\\b\\d{1,2} (janv\\.|févr\\.|mars|avr\\.|mai|juin|juil\\.|août|sept\\.|oct\\.|nov\\.|déc\\.) \\d{4}.*"
                    + "\\d{2}:\\d{2}:\\d{2}.*");
            assertThat(received).doesNotContain("AM", "PM");
        } finally {
            operator.get(page("/?lang=en"));
        }
    }

    @Test
    void theLiveFlowFitsAPhoneAndWorksWithTheKeyboard() {
        Dimension desktop = operator.manage().window().getSize();
        try {
            operator.manage().window().setSize(new Dimension(375, 800));
            operator.get(page("/"));
            Chromium.waiting(operator, 10).until(browser -> !browser.findElements(By.cssSelector("#recent tbody tr")).isEmpty());
            // a loaded machine may lay the page out before the resize or the style sheet has settled: give it a few seconds,
            // then name what sticks out
            try {
                Chromium.waiting(operator, 10).until(browser -> overflow(browser).isEmpty());
            } catch (TimeoutException stillTooWide) {
                assertThat(overflow(operator)).as("the page is no wider than a 375 px screen").isEmpty();
            }
            Chromium.screenshot(operator, "flow-phone.png");

            Set<String> nav = new LinkedHashSet<>();
            operator.findElements(By.cssSelector("header nav a")).forEach(link -> nav.add(link.getAttribute("href")));
            List<String> focused = new java.util.ArrayList<>();
            for (int tab = 0; tab < nav.size() + 4; tab++) {
                new Actions(operator).sendKeys(Keys.TAB).perform();
                WebElement active = operator.switchTo().activeElement();
                focused.add(active.getAttribute("class") != null && active.getAttribute("class").contains("skip") ? "skip" : active.getAttribute("href"));
            }
            assertThat(focused.get(0)).as("the first Tab reaches the skip link").isEqualTo("skip");
            assertThat(focused).containsAll(nav);
            // the skip link takes the keyboard to the content
            operator.get(page("/"));
            new Actions(operator).sendKeys(Keys.TAB).sendKeys(Keys.ENTER).perform();
            assertThat(operator.getCurrentUrl()).endsWith("#main");
        } finally {
            operator.manage().window().setSize(desktop);
        }
    }

    /** Empty when the page fits its window; otherwise the widths and the elements that stick out past its right edge. */
    private static String overflow(WebDriver browser) {
        return (String) ((JavascriptExecutor) browser).executeScript("""
                var inner = window.innerWidth, page = document.documentElement.scrollWidth;
                if (page <= inner) { return ""; }
                var out = [];
                document.querySelectorAll("body *").forEach(function (e) {
                  var box = e.getBoundingClientRect();
                  if (box.right > inner + 1 && out.length < 8) {
                    out.push(e.tagName.toLowerCase() + (e.id ? "#" + e.id : "") + (e.className && e.className.baseVal === undefined
                        ? "." + String(e.className).replace(/ /g, ".") : "") + " right=" + Math.round(box.right));
                  }
                });
                return "window " + inner + " px, page " + page + " px, style sheets " + document.styleSheets.length + "; " + out.join(", ");
                """);
    }

    @Test
    void anOperatorErasesALeadFromItsPageAndWatchesEveryServiceReportIt() throws Exception {
        // a partner of its own, in a country no other test of this JVM covers: the offer, then the erasure, reach this one
        Partner vaduz = register("Vaduz Datenbanken", "LI", List.of("mariadb", "support"), 5, "/vaduz");
        stack.awaitPartnersCopied(List.of(vaduz.id()));
        UUID leadId = postLead("LI", "Vaduz", "mariadb", "ernestine.forget@example.li");
        partnerEndpoint.await(request -> request.path().equals("/vaduz") && request.body().contains(leadId.toString()));
        operator.get(page("/leads/" + leadId));
        Chromium.waiting(operator, 20).until(browser -> {
            if (browser.findElements(By.id("erase-lead")).isEmpty()) {
                browser.navigate().refresh();
                return false;
            }
            return true;
        });
        assertThat(operator.findElement(By.id("lead-contact")).getText()).contains("ernestine.forget@example.li");

        WebElement form = operator.findElement(By.id("erase-lead"));
        form.findElement(By.name("reason")).sendKeys("Ticket 4711: the customer wrote to ask");
        form.findElement(By.cssSelector("button[type=submit]")).click();

        Chromium.waiting(operator, 15).until(browser -> !browser.findElements(By.id("notice")).isEmpty());
        assertThat(operator.findElement(By.id("notice")).getAttribute("class")).contains("ok");
        // the progress fills in as the services report: reload until both have
        Chromium.waiting(operator, 30).until(browser -> {
            browser.navigate().refresh();
            List<WebElement> steps = browser.findElements(By.cssSelector("#erasure tr[data-service] td.ok"));
            return steps.size() == 3;
        });
        assertThat(operator.findElement(By.id("lead-state")).getText()).isEqualTo("erased");
        assertThat(operator.findElement(By.cssSelector("main")).getText()).doesNotContain("ernestine.forget@example.li", "Ernestine Forget")
                .contains("lead-router", "notification-service");
        Chromium.screenshot(operator, "erasure.png");
        WebhookReceiver.Received erased = partnerEndpoint.await(request -> request.path().equals("/vaduz")
                && request.body().contains(leadId.toString()) && request.body().contains("\"lead.erased\""));
        assertThat(JSON.readTree(erased.body()).get("accepted").asBoolean()).isFalse();
    }

    @Test
    void anOperatorErasesEveryLeadOfAnEmailFromTheErasuresPage() throws Exception {
        UUID first = postLead("LU", "Ettelbruck", "mariadb", "twice.erased@example.lu");
        UUID second = postLead("LU", "Wiltz", "migration", "Twice.Erased@example.lu");
        kafka.awaitRecords(keyed(first).or(keyed(second)).and(ofType(EventTypes.LEAD_RECEIVED)), 2);
        operator.get(page("/erasures"));
        WebElement form = operator.findElement(By.id("erase-person"));
        form.findElement(By.name("email")).sendKeys("twice.erased@example.lu");
        form.findElement(By.name("reason")).sendKeys("Letter of 2 December");
        form.findElement(By.id("erase-consent-withdrawn")).click(); // withdrawing consent is an erasure
        form.findElement(By.cssSelector("button[type=submit]")).click();

        Chromium.waiting(operator, 15).until(browser -> !browser.findElements(By.id("notice")).isEmpty());
        assertThat(operator.findElement(By.id("notice")).getText()).contains("2 lead(s)");
        assertThat(operator.getPageSource()).doesNotContain("twice.erased@example.lu");
        await().atMost(Duration.ofSeconds(30)).until(() -> "ERASED".equals(stack.consoleStoryState(first))
                && "ERASED".equals(stack.consoleStoryState(second)));
        for (UUID leadId : List.of(first, second)) {
            org.bson.Document erasure = stack.mongo().getDatabase("lead-intake").getCollection("lead_erasures")
                    .find(com.mongodb.client.model.Filters.eq("leadId", leadId)).first();
            assertThat(erasure).isNotNull();
            assertThat(erasure.getString("reason")).isEqualTo("CONSENT_WITHDRAWN");
        }
    }

    @Test
    void everyPageInTheNavigationOpensForAnOperator() {
        operator.get(page("/"));
        List<String> links = operator.findElements(By.cssSelector("header nav a")).stream().map(link -> link.getAttribute("href")).toList();
        assertThat(links).hasSize(7);
        Map<String, String> screenshots = Map.of("/partners", "partners.png", "/deliveries", "deliveries.png");
        List<String> broken = new java.util.ArrayList<>();
        for (String link : links) {
            operator.get(link);
            // a console page has the console's bar; an error is the error page, or problem details for a path nobody serves
            if (operator.findElements(By.cssSelector("header.bar nav")).isEmpty()
                    || !operator.findElements(By.cssSelector(".error-summary")).isEmpty()) {
                broken.add(link + ": " + operator.findElement(By.tagName("body")).getText());
                continue;
            }
            String path = URI.create(link).getPath();
            if (screenshots.containsKey(path)) {
                Chromium.screenshot(operator, screenshots.get(path));
            }
        }
        assertThat(broken).as("pages of the navigation that answer with an error").isEmpty();
    }

    private static void signIn(WebDriver browser, String name, String password) {
        browser.get(page("/"));
        // the console sends a person who is not signed in to its sign-in form
        Chromium.waiting(browser, 10).until(page -> URI.create(page.getCurrentUrl()).getPath().equals("/signin"));
        browser.findElement(By.id("username")).sendKeys(name);
        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(By.cssSelector("main form button[type=submit]")).click();
        Chromium.waiting(browser, 10).until(page -> URI.create(page.getCurrentUrl()).getPath().equals("/"));
        assertThat(browser.findElement(By.cssSelector("header .who")).getText()).contains(name);
    }

    private static String rowText(WebDriver browser, By row) {
        try {
            return browser.findElement(row).getText();
        } catch (org.openqa.selenium.StaleElementReferenceException | org.openqa.selenium.NoSuchElementException redrawn) {
            return ""; // the live page redraws its rows every second
        }
    }

    private static String page(String path) {
        return stack.console.resolve(path).toString();
    }

    private UUID postLead(String country, String city, String product, String email) throws Exception {
        JsonNode accepted = post(http, stack.intake, "/api/leads", """
                {"contact": {"name": "%s", "email": "%s"},
                 "need": {"products": ["%s"], "services": ["migration"]},
                 "location": {"country": "%s", "city": "%s"},
                 "language": "fr", "consent": true, "source": "website-form"}
                """.formatted(nameOf(email), email, product, country, city), 202);
        return UUID.fromString(accepted.get("leadId").asString());
    }

    /** "marie.viewer-check@example.lu" is Marie Viewer-check. */
    private static String nameOf(String email) {
        String[] parts = email.substring(0, email.indexOf('@')).split("\\.");
        StringBuilder name = new StringBuilder();
        for (String part : parts) {
            name.append(name.isEmpty() ? "" : " ").append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
        }
        return name.toString();
    }

    private static Partner register(String name, String country, List<String> specialities, int capacity, String webhookPath) throws Exception {
        JsonNode registered = post(HttpClient.newHttpClient(), stack.directory, "/api/partners", """
                {"name": "%s", "tier": "GOLD", "countries": ["%s"], "specialities": %s, "languages": ["fr", "en"],
                 "capacity": %d, "notificationEmail": "leads@%s.example", "webhookUrl": "%s"}
                """.formatted(name, country, JSON.writeValueAsString(specialities), capacity, country.toLowerCase(java.util.Locale.ROOT),
                partnerEndpoint.url(webhookPath)), 201);
        return new Partner(UUID.fromString(registered.get("partner").get("id").asString()), name);
    }

    private static JsonNode post(HttpClient http, URI service, String path, String body, int expectedStatus) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(service.resolve(path))
                .header("Content-Type", "application/json").header("Authorization", LeadRelayStack.OPERATOR)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(expectedStatus);
        return JSON.readTree(response.body());
    }

    private record Partner(UUID id, String name) {
    }
}
