package org.leadrelay.intake.leads;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Lead intake settings ({@code leadrelay.intake.*}).
 *
 * @param defaultLanguage the language a lead is served in when the form does not say
 * @param consentStatement the version of the consent notice the forms show
 * @param consentTexts     that notice's text by language ({@code en}, {@code fr}, ...): the hosted form
 *                         shows it, and every lead records the SHA-256 of the text in its language
 *                         (API clients show the same text on their own forms); a new wording is a
 *                         new {@code consentStatement}
 * @param duplicateWindow  how long the same person asking for the same thing counts as a duplicate
 * @param maxRequestSize   the largest request body taken; larger ones are answered 413
 * @param leadsPerMinutePerClient how many leads one client address may post a minute, all instances together
 * @param minimumFillTime  a form sent sooner after it was shown is a bot's
 * @param thankYouUrl      where the form sends people once their lead is taken
 * @param corsOrigins      websites whose pages may post leads to the API from the browser
 * @param formSigningKey   signs the time the form was shown (the same in every instance; at least
 *                         32 characters, checked at start)
 * @param formPreviousSigningKeys keys being rotated out: forms they stamped are still taken
 */
@ConfigurationProperties("leadrelay.intake")
public record IntakeProperties(@DefaultValue("en") String defaultLanguage, @DefaultValue("partner-contact-v1") String consentStatement,
        @DefaultValue("24h") Duration duplicateWindow, @DefaultValue("64KB") DataSize maxRequestSize,
        @DefaultValue("30") long leadsPerMinutePerClient, @DefaultValue("3s") Duration minimumFillTime,
        @DefaultValue("/form/thanks") String thankYouUrl, @DefaultValue List<String> corsOrigins, String formSigningKey,
        @DefaultValue List<String> formPreviousSigningKeys, Map<String, String> consentTexts) {
}
