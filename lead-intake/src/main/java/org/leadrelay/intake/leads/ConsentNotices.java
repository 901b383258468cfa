package org.leadrelay.intake.leads;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.leadrelay.events.Consent;

/**
 * The consent notice people agree to, in each language it is written in, and the proof a lead
 * carries of it: the notice's version, the language and SHA-256 of the exact text, the time and
 * the channel. The text itself stays with its version in the configuration (and the vendor's
 * records), so the hash proves which wording a person saw without copying it into every lead.
 */
public final class ConsentNotices {

    /** The hosted form: intake rendered the notice itself. */
    public static final String WEBSITE_FORM = "website-form";
    /** An API client's own form, which shows the configured notice. */
    public static final String API = "api";

    /** The notice's text when the configuration gives none: what the hosted form has always said. */
    public static final Map<String, String> DEFAULT_TEXTS = Map.of(
            "en", "I agree that a partner of the vendor contacts me about this request.",
            "fr", "J'accepte qu'un partenaire de l'éditeur me contacte au sujet de cette demande.");

    private final String version;
    private final Map<String, String> texts;
    private final String fallbackLanguage;

    public ConsentNotices(String version, Map<String, String> texts, String fallbackLanguage) {
        if (version == null || version.isBlank()) {
            throw new IllegalArgumentException("leadrelay.intake.consent-statement is required");
        }
        if (texts == null || texts.isEmpty()) {
            throw new IllegalArgumentException("leadrelay.intake.consent-texts needs the notice's text in at least one language");
        }
        this.version = version;
        this.texts = new TreeMap<>();
        texts.forEach((language, text) -> {
            if (text == null || text.isBlank()) {
                throw new IllegalArgumentException("leadrelay.intake.consent-texts." + language + " is empty");
            }
            this.texts.put(language.toLowerCase(Locale.ROOT), text.strip());
        });
        this.fallbackLanguage = this.texts.containsKey(fallbackLanguage) ? fallbackLanguage : this.texts.keySet().iterator().next();
    }

    /** The language of the notice shown to someone who speaks {@code language}: it, its primary language, or the fallback. */
    public String languageFor(String language) {
        if (language == null) {
            return fallbackLanguage;
        }
        String wanted = language.toLowerCase(Locale.ROOT);
        if (texts.containsKey(wanted)) {
            return wanted;
        }
        String primary = wanted.split("[-_]", 2)[0];
        return texts.containsKey(primary) ? primary : fallbackLanguage;
    }

    /** The notice's text for someone who speaks {@code language}. */
    public String text(String language) {
        return texts.get(languageFor(language));
    }

    /** The consent a person speaking {@code language} gave through {@code channel} at {@code at}. */
    public Consent consent(String language, String channel, Instant at) {
        String shown = languageFor(language);
        return new Consent(version, at, shown, sha256(texts.get(shown)), channel);
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
