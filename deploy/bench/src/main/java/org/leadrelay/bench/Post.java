package org.leadrelay.bench;

/**
 * One lead as the bench posted it and lead-intake answered.
 *
 * @param lead         the bench's running number of the lead
 * @param dueNanos     when it was meant to be sent (paced), or when it was sent (unpaced)
 * @param answeredNanos when the answer was read
 * @param status       the HTTP status, or 0 when the request failed without one
 * @param leadId       lead-intake's id for it (202 only)
 * @param duplicate    lead-intake took it for a repeat of an earlier lead and will not route it
 * @param error        why the request failed without a status (null otherwise)
 */
record Post(long lead, long dueNanos, long answeredNanos, int status, String leadId, boolean duplicate, String error) {

    boolean accepted() {
        return status == 202 && leadId != null && !duplicate;
    }

    /** What to count the post under when it was not accepted: its status, {@code duplicate}, or the error's kind. */
    String refusal() {
        if (accepted()) {
            return null;
        }
        if (duplicate) {
            return "duplicate";
        }
        return status > 0 ? "HTTP " + status : error;
    }
}
