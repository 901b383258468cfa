package org.leadrelay.directory.partners.web;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.leadrelay.directory.partners.Tier;

/** The JSON body of {@code POST /api/partners}. */
record PartnerForm(
        @NotBlank(message = "is required") @Size(max = 200, message = "must be at most 200 characters") String name,
        Tier tier,
        @NotEmpty(message = "must name at least one country") @Size(max = 60) List<@Pattern(regexp = "[A-Za-z]{2}", message = "must be an ISO 3166-1 alpha-2 country code") String> countries,
        @NotEmpty(message = "must name at least one speciality") @Size(max = 100) List<@NotBlank(message = "must not be blank") @Size(max = 64) String> specialities,
        @Size(max = 20) List<@Pattern(regexp = "[A-Za-z]{2}", message = "must be an ISO 639-1 language code") String> languages,
        @Min(value = 0, message = "must not be negative") @Max(value = 10000, message = "must be at most 10000") Integer capacity,
        @NotBlank(message = "is required") @Email(message = "must be an email address") String notificationEmail,
        @Size(max = 2000) String webhookUrl) {
}
