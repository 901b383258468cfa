package org.leadrelay.notification.messages;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Email templates ({@code leadrelay.notification.templates.*}).
 *
 * @param directory where operators keep their own templates; a file there replaces the built-in
 *                  one of the same name ({@code offer/fr.html}), files not there come from the
 *                  built-in set. None by default.
 * @param languages the languages there are partner templates for; an email is written in one of
 *                  them (the contact's, else the partner's, else English)
 * @param cacheTtl  how long a template is kept before its file is read again, so an edited
 *                  template takes effect without a restart
 */
@ConfigurationProperties("leadrelay.notification.templates")
public record TemplateProperties(Path directory, @DefaultValue({"en", "fr"}) List<String> languages,
        @DefaultValue("60s") Duration cacheTtl) {

    public TemplateProperties {
        languages = languages == null || languages.isEmpty() ? List.of(Languages.FALLBACK) : List.copyOf(languages);
    }
}
