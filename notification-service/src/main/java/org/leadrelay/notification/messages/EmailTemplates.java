package org.leadrelay.notification.messages;

import java.nio.file.Files;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.exceptions.TemplateInputException;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.AbstractConfigurableTemplateResolver;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;
import org.thymeleaf.templateresolver.FileTemplateResolver;

/**
 * Emails from Thymeleaf templates kept as files: for each message and language a subject
 * ({@code offer/fr.subject.txt}), a plain-text part ({@code offer/fr.txt}) and an HTML part
 * ({@code offer/fr.html}). The built-in set is on the classpath under
 * {@code notification-templates/}; a file of the same name in the operators' directory
 * ({@code leadrelay.notification.templates.directory}) replaces it. A language without templates
 * falls back to English.
 */
@Component
public class EmailTemplates {

    static final String BUILT_IN = "notification-templates/";
    private static final Logger log = LoggerFactory.getLogger(EmailTemplates.class);

    private final TemplateEngine engine = new TemplateEngine();
    private final Set<String> languages;

    public EmailTemplates(TemplateProperties properties) {
        this.languages = Set.copyOf(properties.languages());
        int order = 1;
        if (properties.directory() != null) {
            if (!Files.isDirectory(properties.directory())) {
                log.warn("leadrelay.notification.templates.directory {} is not a directory: the built-in templates are used",
                        properties.directory());
            }
            engine.addTemplateResolver(configure(new FileTemplateResolver(), properties.directory().toAbsolutePath() + "/",
                    properties, order++));
        }
        engine.addTemplateResolver(configure(new ClassLoaderTemplateResolver(EmailTemplates.class.getClassLoader()), BUILT_IN,
                properties, order));
    }

    /** The languages there are partner templates for. */
    public Set<String> languages() {
        return languages;
    }

    /**
     * Renders a message's subject, text and HTML in the language, or in English when the language
     * has no templates.
     *
     * @param message the template folder, for example {@code offer}
     * @param model   the template's variables
     */
    public EmailText render(String message, String language, Map<String, Object> model) {
        try {
            return renderIn(message, language, model);
        } catch (TemplateInputException missing) {
            if (Languages.FALLBACK.equals(language)) {
                throw missing;
            }
            log.warn("no {} template in language {}, writing in English: {}", message, language, missing.getMessage());
            return renderIn(message, Languages.FALLBACK, model);
        }
    }

    private EmailText renderIn(String message, String language, Map<String, Object> model) {
        Context context = new Context(Locale.forLanguageTag(language), model);
        String prefix = message + "/" + language;
        String subject = engine.process(prefix + ".subject.txt", context).replaceAll("[\\r\\n]+", " ").strip();
        context.setVariable("subject", subject);
        return new EmailText(subject, engine.process(prefix + ".txt", context), engine.process(prefix + ".html", context));
    }

    private static AbstractConfigurableTemplateResolver configure(AbstractConfigurableTemplateResolver resolver, String prefix,
            TemplateProperties properties, int order) {
        resolver.setOrder(order);
        resolver.setPrefix(prefix);
        // a resolver that does not hold the file lets the next one (the built-in set) answer
        resolver.setCheckExistence(true);
        resolver.setCharacterEncoding("UTF-8");
        resolver.setTemplateMode(TemplateMode.TEXT);
        resolver.setHtmlTemplateModePatterns(Set.of("*.html"));
        resolver.setTextTemplateModePatterns(Set.of("*.txt"));
        resolver.setCacheable(!properties.cacheTtl().isZero());
        resolver.setCacheTTLMs(properties.cacheTtl().toMillis());
        return resolver;
    }
}
