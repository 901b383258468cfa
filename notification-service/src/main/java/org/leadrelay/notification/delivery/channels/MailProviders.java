package org.leadrelay.notification.delivery.channels;

import jakarta.activation.FileTypeMap;
import org.springframework.mail.javamail.ConfigurableMimeFileTypeMap;

/**
 * What Jakarta Mail would otherwise look up again for every email. It finds its stream provider
 * with a {@link java.util.ServiceLoader} each time a body part is made, written or encoded,
 * unless the system property {@code jakarta.mail.util.StreamProvider} names it; in a Spring Boot
 * jar each lookup walks the nested jars, and measured on the local stack these lookups and the
 * per-email MIME type map (below) were about 60 % of the notification service's CPU. Naming the
 * provider leaves only a class lookup by name.
 */
final class MailProviders {

    /** Angus Mail's provider, the implementation on the class path (its META-INF/services names it). */
    static final String STREAM_PROVIDER = "org.eclipse.angus.mail.util.MailStreamProvider";

    /** The MIME types of attachments, read from the class path once for every email. */
    static final FileTypeMap FILE_TYPES = fileTypes();

    private MailProviders() {
    }

    /** Names the stream provider, unless the operator named one already. */
    static void pin() {
        if (System.getProperty("jakarta.mail.util.StreamProvider") == null) {
            System.setProperty("jakarta.mail.util.StreamProvider", STREAM_PROVIDER);
        }
    }

    private static FileTypeMap fileTypes() {
        ConfigurableMimeFileTypeMap types = new ConfigurableMimeFileTypeMap();
        types.afterPropertiesSet();
        return types;
    }
}
