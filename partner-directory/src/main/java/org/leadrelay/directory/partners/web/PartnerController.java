package org.leadrelay.directory.partners.web;

import jakarta.validation.Valid;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.leadrelay.directory.partners.Partner;
import org.leadrelay.directory.partners.PartnerFilter;
import org.leadrelay.directory.partners.PartnerPage;
import org.leadrelay.directory.partners.PartnerRegistration;
import org.leadrelay.directory.partners.Partners;
import org.leadrelay.directory.partners.RegisteringPartner;
import org.leadrelay.directory.partners.Tier;
import org.leadrelay.kit.web.FieldError;
import org.leadrelay.kit.web.InvalidRequestException;
import org.leadrelay.kit.webhooks.WebhookUrlPolicy;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Operators register partners and look them up. */
@RestController
@RequestMapping("/api/partners")
class PartnerController {

    private static final int DEFAULT_CAPACITY = 5;
    private static final int MAX_PAGE_SIZE = 200;

    private final RegisteringPartner registering;
    private final Partners partners;
    private final WebhookUrlPolicy webhookUrls;

    PartnerController(RegisteringPartner registering, Partners partners, WebhookUrlPolicy webhookUrls) {
        this.registering = registering;
        this.partners = partners;
        this.webhookUrls = webhookUrls;
    }

    /** 201 with the partner and, this once, its webhook signing secret; 400 problem details otherwise. */
    @PostMapping(consumes = "application/json", produces = "application/json")
    ResponseEntity<RegisteredPartner> register(@RequestBody @Valid PartnerForm form) {
        URI webhookUrl = webhookUrl(form.webhookUrl());
        RegisteringPartner.Registered registered = registering.register(new PartnerRegistration(form.name(),
                form.tier() == null ? Tier.REGISTERED : form.tier(), form.countries(), form.specialities(),
                form.languages() == null ? List.of() : form.languages(),
                form.capacity() == null ? DEFAULT_CAPACITY : form.capacity(), form.notificationEmail(), webhookUrl));
        return ResponseEntity.created(URI.create("/api/partners/" + registered.partner().id()))
                .body(new RegisteredPartner(PartnerView.of(registered.partner()), registered.webhookSecret()));
    }

    /**
     * Partners matching every given filter, sorted by name: {@code ?country=FR&speciality=postgresql&tier=GOLD&active=true&page=0&size=20}.
     * 400 problem details for a page below 0, a size outside 1 to 200, or an unknown tier.
     */
    @GetMapping(produces = "application/json")
    PartnerList list(@RequestParam(required = false) String country, @RequestParam(required = false) String speciality,
            @RequestParam(required = false) String tier, @RequestParam(required = false) Boolean active,
            @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size) {
        List<FieldError> errors = new ArrayList<>();
        if (page < 0) {
            errors.add(new FieldError("/query/page", "must be 0 or more"));
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            errors.add(new FieldError("/query/size", "must be between 1 and " + MAX_PAGE_SIZE));
        }
        Tier wanted = null;
        if (tier != null) {
            try {
                wanted = Tier.valueOf(tier.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("/query/tier", "must be one of PLATINUM, GOLD, SILVER, REGISTERED"));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        PartnerPage found = partners.list(new PartnerFilter(country == null ? null : country.strip().toUpperCase(Locale.ROOT),
                speciality == null ? null : speciality.strip().toLowerCase(Locale.ROOT), wanted, active), page, size);
        return new PartnerList(found.partners().stream().map(PartnerView::of).toList(), found.page(), found.size(), found.total());
    }

    @GetMapping(path = "/{partnerId}", produces = "application/json")
    ResponseEntity<PartnerView> find(@PathVariable UUID partnerId) {
        return partners.find(partnerId).map(PartnerView::of).map(ResponseEntity::ok)
                .orElse(ResponseEntity.notFound().build());
    }

    private URI webhookUrl(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        URI url;
        try {
            url = new URI(value.trim());
        } catch (URISyntaxException e) {
            throw new InvalidRequestException("/webhookUrl", "must be a URL");
        }
        webhookUrls.refusal(url).ifPresent(refusal -> {
            throw new InvalidRequestException("/webhookUrl", refusal);
        });
        return url;
    }

    /** A partner as the API shows it; never a secret. */
    record PartnerView(UUID id, String name, Tier tier, List<String> countries, List<String> specialities,
            List<String> languages, int capacity, String notificationEmail, URI webhookUrl, boolean active,
            long revision) {

        static PartnerView of(Partner partner) {
            return new PartnerView(partner.id(), partner.name(), partner.tier(), partner.countries(),
                    partner.specialities(), partner.languages(), partner.capacity(), partner.notificationEmail(),
                    partner.webhookUrl(), partner.active(), partner.revision());
        }
    }

    /** One page of partners. */
    record PartnerList(List<PartnerView> partners, int page, int size, long total) {
    }

    /** The answer to a registration: the partner, and the secret its webhooks are signed with. */
    record RegisteredPartner(PartnerView partner, String webhookSecret) {
    }
}
