package org.leadrelay.directory.partners;

/**
 * Which partners an operator wants to see; every criterion is optional.
 *
 * @param country    an ISO 3166-1 alpha-2 code the partner covers
 * @param speciality a speciality term the partner offers
 * @param tier       the partner's tier
 * @param status     the partner's status
 */
public record PartnerFilter(String country, String speciality, Tier tier, PartnerStatus status) {

    public static final PartnerFilter ALL = new PartnerFilter(null, null, null, null);
}
