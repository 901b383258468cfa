package org.leadrelay.console.leads;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.leadrelay.console.services.ServiceClient;
import org.leadrelay.events.LeadKey;
import org.leadrelay.events.PersonalData;
import org.leadrelay.events.UnreadableSealException;
import org.springframework.http.HttpStatus;
import org.springframework.web.client.ResourceAccessException;

/**
 * What the console asks lead-intake of a person, for an operator (ADR 0012): the key that opens a
 * lead's sealed personal data, on the lead's page; and the leads of an email, for the search by
 * email. The console keeps neither the key nor the clear data, nor any address: lead-intake, which
 * holds them, counts every key it gives.
 */
public class OpeningLeads {

    private final ServiceClient intake;

    public OpeningLeads(ServiceClient intake) {
        this.intake = intake;
    }

    /**
     * A lead's personal data opened for one page.
     *
     * @param data        the contact and the customer's words, when opened
     * @param unavailable why they could not be opened, when lead-intake did not answer
     */
    public record Opened(PersonalData data, String unavailable) {

        /** Nothing to open: no sealed data, or the lead was erased. */
        public static final Opened NONE = new Opened(null, null);
        /** Not opened at all: the page's reader is no operator. */
        public static final Opened NONE_FOR_VIEWERS = new Opened(null, null);
    }

    /** The story's sealed data opened with the lead's key; nothing when there is none, or the lead was erased. */
    public Opened open(LeadStory story) {
        if (story.personal() == null) {
            return Opened.NONE;
        }
        try {
            Map<?, ?> answer = intake.get("/api/keys/" + story.leadId(), Map.class);
            return new Opened(LeadKey.ofBase64(String.valueOf(answer.get("key"))).open(story.leadId(), story.personal()), null);
        } catch (ServiceClient.Refused refused) {
            if (refused.status().isSameCodeAs(HttpStatus.GONE) || refused.status().isSameCodeAs(HttpStatus.NOT_FOUND)) {
                return Opened.NONE;
            }
            return new Opened(null, "lead-intake refused: " + refused.getMessage());
        } catch (ResourceAccessException e) {
            return new Opened(null, "lead-intake did not answer");
        } catch (UnreadableSealException e) {
            return new Opened(null, "the lead's key does not open its data");
        }
    }

    /**
     * The leads lead-intake holds with this contact email (normalised as it stores them, in any case).
     *
     * @throws ServiceClient.Refused or {@link ResourceAccessException} when lead-intake cannot say
     */
    public List<UUID> leadsOf(String email) {
        Map<String, Object> answer = intake.post("/api/access", Map.of("email", email.strip()));
        List<UUID> ids = new ArrayList<>();
        if (answer.get("leadIds") instanceof List<?> found) {
            found.forEach(id -> ids.add(UUID.fromString(id.toString())));
        }
        return ids;
    }
}
