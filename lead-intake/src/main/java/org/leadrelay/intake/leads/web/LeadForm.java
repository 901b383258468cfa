package org.leadrelay.intake.leads.web;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/** The JSON body of {@code POST /api/leads}. */
@Schema(description = "A customer's request for help")
record LeadForm(
        @NotNull(message = "is required") @Valid ContactForm contact,
        @NotNull(message = "is required") @Valid NeedForm need,
        @NotNull(message = "is required") @Valid LocationForm location,
        @Size(max = 35, message = "must be at most 35 characters") String language,
        @Min(value = 1, message = "must be at least 1") Integer employees,
        @NotNull(message = "is required") @AssertTrue(message = "the customer must agree to be contacted by a partner") Boolean consent,
        @Size(max = 64, message = "must be at most 64 characters") String source,
        @Valid OriginForm origin) {

    record ContactForm(
            @Size(max = 200, message = "must be at most 200 characters") String name,
            @NotBlank(message = "is required") @Email(message = "must be an email address") @Size(max = 254, message = "must be at most 254 characters") String email,
            @Size(max = 40, message = "must be at most 40 characters") String phone,
            @Size(max = 200, message = "must be at most 200 characters") String company) {
    }

    record NeedForm(
            @Size(max = 20, message = "must name at most 20 items") List<@NotBlank(message = "must not be blank") @Size(max = 64) String> products,
            @Size(max = 20, message = "must name at most 20 items") List<@NotBlank(message = "must not be blank") @Size(max = 64) String> services,
            @Size(max = 10) List<@NotBlank(message = "must not be blank") @Size(max = 64) String> operatingSystems,
            @Size(max = 10) List<@NotBlank(message = "must not be blank") @Size(max = 64) String> databases,
            @Size(max = 10) List<@NotBlank(message = "must not be blank") @Size(max = 64) String> applicationServers,
            @Size(max = 5000, message = "must be at most 5000 characters") String description) {

        boolean namesSomething() {
            return (products != null && !products.isEmpty()) || (services != null && !services.isEmpty());
        }
    }

    record LocationForm(
            @NotBlank(message = "is required") @Size(max = 60, message = "must be at most 60 characters") String country,
            @Size(max = 100) String region,
            @Size(max = 100) String city,
            @Size(max = 20) String postalCode,
            @DecimalMin(value = "-90", message = "must be between -90 and 90") @DecimalMax(value = "90", message = "must be between -90 and 90") Double latitude,
            @DecimalMin(value = "-180", message = "must be between -180 and 180") @DecimalMax(value = "180", message = "must be between -180 and 180") Double longitude) {
    }

    /** Which form, page and campaign a lead came from. */
    record OriginForm(
            @Size(max = 64, message = "must be at most 64 characters") String formId,
            @Size(max = 2000, message = "must be at most 2000 characters") String page,
            @Size(max = 10, message = "must name at most 10 tags") List<@NotBlank @Size(max = 100) String> campaignTags) {
    }
}
