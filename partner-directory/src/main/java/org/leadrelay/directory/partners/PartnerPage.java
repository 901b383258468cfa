package org.leadrelay.directory.partners;

import java.util.List;

/** One page of partners, sorted by name, and how many match in all. */
public record PartnerPage(List<Partner> partners, int page, int size, long total) {
}
