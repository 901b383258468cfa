package org.leadrelay.notification.messages;

/**
 * One email as rendered from its templates.
 *
 * @param subject one line
 * @param text    the plain-text part
 * @param html    the HTML part
 */
public record EmailText(String subject, String text, String html) {
}
