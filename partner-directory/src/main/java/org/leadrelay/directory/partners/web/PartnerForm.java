package org.leadrelay.directory.partners.web;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import org.leadrelay.directory.partners.PartnerStatus;
import org.leadrelay.directory.partners.Tier;

/**
 * A partner as operators write it, in {@code POST /api/partners}, {@code PUT /api/partners/{id}} and
 * imports. {@code specialities} and {@code notificationEmail} are shorthands for {@code expertise}
 * (experienced, kind inferred) and {@code contacts} (one contact). The patterns are anchored and
 * written in what Java and ECMA-262 read alike, so the OpenAPI document's {@code pattern} (JSON
 * Schema: ECMA-262, matched anywhere in the value) accepts exactly what this accepts.
 */
record PartnerForm(
        @NotBlank(message = "is required") @Size(max = 200, message = "must be at most 200 characters") String name,
        @Size(max = 300, message = "must be at most 300 characters") String legalName,
        @Size(max = 2000) @Pattern(regexp = "^https?://[^ \\t\\n\\x0B\\f\\r]+$", message = "must be an http or https URL") String website,
        Tier tier,
        @DecimalMin(value = "0", message = "must not be negative") @DecimalMax(value = "1000", message = "must be at most 1000") Double routingWeight,
        PartnerStatus status,
        @Size(max = 500) String statusReason,
        @Size(max = 100) List<@NotBlank(message = "must not be blank") @Size(max = 64) String> specialities,
        @Size(max = 100) List<@NotNull @Valid ExpertiseForm> expertise,
        @NotEmpty(message = "must name at least one country") @Size(max = 60) List<@NotNull @Pattern(regexp = "^[A-Za-z]{2}$", message = "must be an ISO 3166-1 alpha-2 country code") String> countries,
        @Size(max = 200) List<@NotNull @Pattern(regexp = "^[A-Za-z]{2}-[A-Za-z0-9]{1,3}$", message = "must be an ISO 3166-2 subdivision code such as FR-ARA") String> regions,
        @Size(max = 50) List<@NotNull @Valid ServiceAreaForm> serviceAreas,
        @Size(max = 20) List<@NotBlank @Size(max = 64) String> remoteServices,
        @Size(max = 20) List<@NotNull @Pattern(regexp = "^[A-Za-z]{2}$", message = "must be an ISO 639-1 language code") String> languages,
        @Min(value = 0, message = "must not be negative") @Max(value = 10000, message = "must be at most 10000") Integer capacity,
        @Min(value = 0, message = "must not be negative") @Max(value = 100000, message = "must be at most 100000") Integer weeklyCapacity,
        @Min(value = 0, message = "must not be negative") @Max(value = 10000, message = "must be at most 10000") Integer maxCapacity,
        @Min(value = 0, message = "must not be negative") @Max(value = 100000, message = "must be at most 100000") Integer maxWeeklyCapacity,
        @Valid AvailabilityForm availability,
        @Pattern(regexp = "^P.+$", message = "must be an ISO 8601 duration such as PT8H") String answerDeadline,
        @Size(max = 20) List<@NotNull @Valid ContactForm> contacts,
        @Email(message = "must be an email address") @Size(max = 320) String notificationEmail,
        @Size(max = 2000) String webhookUrl,
        Boolean webhookEnabled) {

    /** One speciality with its kind and level. */
    record ExpertiseForm(
            @NotBlank(message = "is required") String kind,
            @NotBlank(message = "is required") @Size(max = 64) String term,
            @Pattern(regexp = "^(?:[Cc][Ee][Rr][Tt][Ii][Ff][Ii][Ee][Dd]|[Ee][Xx][Pp][Ee][Rr][Ii][Ee][Nn][Cc][Ee][Dd])$", message = "must be CERTIFIED or EXPERIENCED") String level,
            LocalDate certifiedUntil) {
    }

    /** An office and how far around it the partner works on site. */
    record ServiceAreaForm(
            @Size(max = 100) String label,
            @NotNull(message = "is required") @DecimalMin(value = "-90", message = "must be between -90 and 90") @DecimalMax(value = "90", message = "must be between -90 and 90") Double latitude,
            @NotNull(message = "is required") @DecimalMin(value = "-180", message = "must be between -180 and 180") @DecimalMax(value = "180", message = "must be between -180 and 180") Double longitude,
            @NotNull(message = "is required") @Positive(message = "must be positive") @Max(value = 5000, message = "must be at most 5000") Double radiusKm) {
    }

    /** Time zone, business hours and out-of-office periods. */
    record AvailabilityForm(
            @NotBlank(message = "is required") String timeZone,
            @Size(max = 14) List<@NotNull @Valid BusinessHoursForm> businessHours,
            @Size(max = 100) List<@NotNull @Valid AbsenceForm> outOfOffice) {
    }

    record BusinessHoursForm(@NotEmpty(message = "must name at least one day") List<@NotNull DayOfWeek> days,
            @NotNull(message = "is required") LocalTime opens, @NotNull(message = "is required") LocalTime closes) {
    }

    record AbsenceForm(@NotNull(message = "is required") Instant from, @NotNull(message = "is required") Instant until) {
    }

    /** Someone at the partner who is told about leads. */
    record ContactForm(@NotBlank(message = "is required") @Email(message = "must be an email address") @Size(max = 320) String email,
            @Pattern(regexp = "^[A-Za-z]{2}$", message = "must be an ISO 639-1 language code") String language) {
    }
}
