package org.leadrelay.kit.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Secure by default: a service refuses to start with a secret anyone can read in this repository
 * (the local stack's development keys and passwords) or one too short to resist guessing, unless
 * development mode ({@value #DEVELOPMENT}) is switched on, as the local stack and the tests do.
 * Then each such secret is only logged as a warning.
 *
 * <p>What is checked, wherever it is set (configuration file, environment variable, argument):
 * <ul>
 * <li>the keys {@code leadrelay.webhooks.master-key}, {@code leadrelay.answers.signing-key} and
 *     {@code leadrelay.intake.form-signing-key}: not a published development key, at least
 *     {@value #SHORTEST_KEY} characters; and the keys being rotated out, which still verify
 *     ({@code leadrelay.answers.previous-signing-keys}, {@code leadrelay.intake.form-previous-signing-keys}):
 *     none a published one;</li>
 * <li>every local account's password ({@code leadrelay.<service>.security.operators.<name>} and
 *     {@code .viewers.<name>}): a plain one ({@code {noop}}) at least {@value #SHORTEST_PASSWORD}
 *     characters, and no password, encoded or not, that is a published one;</li>
 * <li>the passwords the console signs in to the other services with
 *     ({@code leadrelay.console.services.<service>.password}), and the notification service to
 *     lead-intake's keys with ({@code leadrelay.notification.lead-keys.password}).</li>
 * </ul>
 */
public final class StartupSafety {

    public static final String DEVELOPMENT = "leadrelay.development";
    static final int SHORTEST_KEY = 32;
    static final int SHORTEST_PASSWORD = 16;
    static final String DEVELOPMENT_KEY_MARK = "local-development-";
    static final List<String> PUBLISHED_PASSWORDS = List.of("local-operator-password", "local-viewer-password",
            "local-key-reader-password");
    static final List<String> KEYS = List.of("leadrelay.webhooks.master-key", "leadrelay.answers.signing-key",
            "leadrelay.intake.form-signing-key");
    /** Keys being rotated out, comma-separated: they still verify, so none may be a published one. */
    static final List<String> PREVIOUS_KEYS = List.of("leadrelay.answers.previous-signing-keys", "leadrelay.intake.form-previous-signing-keys");
    private static final Pattern ACCOUNT = Pattern.compile("leadrelay\\.[a-z-]+\\.security\\.(operators|viewers|services)\\.[^.]+");
    private static final Pattern CLIENT_PASSWORD = Pattern.compile(
            "leadrelay\\.console\\.services\\.[a-z-]+\\.password|leadrelay\\.notification\\.lead-keys\\.password");
    private static final Logger log = LoggerFactory.getLogger(StartupSafety.class);

    private StartupSafety() {
    }

    /**
     * Checks the environment: outside development mode, any problem stops the start with an
     * exception naming every property at fault; in development mode each is a warning.
     */
    public static void check(ConfigurableEnvironment environment) {
        List<String> problems = problems(environment);
        if (problems.isEmpty()) {
            return;
        }
        if (environment.getProperty(DEVELOPMENT, Boolean.class, false)) {
            problems.forEach(problem -> log.warn("development mode: {}", problem));
            return;
        }
        throw new IllegalStateException("refusing to start with published or weak secrets (" + DEVELOPMENT
                + "=true allows them, for a local stack or tests only): " + String.join("; ", problems));
    }

    static List<String> problems(ConfigurableEnvironment environment) {
        List<String> problems = new ArrayList<>();
        for (String key : KEYS) {
            String value = environment.getProperty(key);
            if (value == null) {
                continue;
            }
            if (value.startsWith(DEVELOPMENT_KEY_MARK)) {
                problems.add(key + " is the published development key: set " + variable(key) + " to a secret of your own");
            } else if (value.length() < SHORTEST_KEY) {
                problems.add(key + " is shorter than " + SHORTEST_KEY + " characters");
            }
        }
        for (String key : PREVIOUS_KEYS) {
            String value = environment.getProperty(key, "");
            for (String old : value.split(",")) {
                if (old.strip().startsWith(DEVELOPMENT_KEY_MARK)) {
                    problems.add(key + " holds the published development key: it would still be accepted");
                }
            }
        }
        PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();
        for (String name : names(environment)) {
            String value = environment.getProperty(name);
            if (value == null || value.isEmpty()) {
                continue;
            }
            boolean encoded = value.startsWith("{") && !value.startsWith("{noop}");
            String plain = value.startsWith("{noop}") ? value.substring("{noop}".length()) : value;
            if (isPublished(encoder, value, encoded, plain)) {
                problems.add(name + " is a published development password: set " + variable(name) + " to a password of your own"
                        + (ACCOUNT.matcher(name).matches() ? " ({bcrypt} encoded)" : ""));
            } else if (!encoded && plain.length() < SHORTEST_PASSWORD) {
                problems.add(name + " is shorter than " + SHORTEST_PASSWORD + " characters");
            }
        }
        return problems;
    }

    private static boolean isPublished(PasswordEncoder encoder, String value, boolean encoded, String plain) {
        for (String published : PUBLISHED_PASSWORDS) {
            try {
                if (encoded ? encoder.matches(published, value) : plain.equals(published)) {
                    return true;
                }
            } catch (IllegalArgumentException e) {
                // an encoding this version does not know: Spring Security refuses it at sign-in
                return false;
            }
        }
        return false;
    }

    /** Every account and client password property set anywhere, by its canonical (dotted) name. */
    private static TreeSet<String> names(ConfigurableEnvironment environment) {
        TreeSet<String> names = new TreeSet<>();
        for (PropertySource<?> source : environment.getPropertySources()) {
            if (source instanceof EnumerablePropertySource<?> enumerable) {
                for (String name : enumerable.getPropertyNames()) {
                    String dotted = source instanceof SystemEnvironmentPropertySource ? name.toLowerCase(Locale.ROOT).replace('_', '.') : name;
                    if (ACCOUNT.matcher(dotted).matches() || CLIENT_PASSWORD.matcher(dotted).matches()) {
                        names.add(dotted);
                    }
                }
            }
        }
        return names;
    }

    /** The environment variable that sets a property. */
    static String variable(String property) {
        return property.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }
}
