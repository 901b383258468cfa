package org.leadrelay.intake.leads;

import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * The leads intake holds of one person, found by their contact email as erasure finds them
 * (normalised, in any case): the start of a person's access request, which then asks every service
 * what it holds of these leads.
 */
@Service
public class LeadsOfPerson {

    private final LeadsByEmail byEmail;

    LeadsOfPerson(LeadsByEmail byEmail) {
        this.byEmail = byEmail;
    }

    public List<UUID> leadIds(String email) {
        return byEmail.find(EmailKey.of(email));
    }
}
