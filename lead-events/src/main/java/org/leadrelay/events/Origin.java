package org.leadrelay.events;

import java.util.List;

/**
 * Where on the vendor's side a lead came from, for reporting; all optional.
 *
 * @param formId       which form, for example {@code contact-emea}
 * @param page         the page the form was on
 * @param campaignTags campaign tags such as {@code utm_campaign=autumn-2026}
 */
public record Origin(String formId, String page, List<String> campaignTags) {

    public Origin {
        campaignTags = Require.list(campaignTags);
    }
}
