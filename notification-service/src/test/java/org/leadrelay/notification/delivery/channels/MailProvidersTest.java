package org.leadrelay.notification.delivery.channels;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.util.StreamProvider;
import org.junit.jupiter.api.Test;

class MailProvidersTest {

    @Test
    void jakartaMailFindsItsStreamProviderByTheNamedClass() {
        MailProviders.pin();

        assertThat(System.getProperty("jakarta.mail.util.StreamProvider")).isEqualTo(MailProviders.STREAM_PROVIDER);
        assertThat(StreamProvider.provider().getClass().getName()).isEqualTo(MailProviders.STREAM_PROVIDER);
    }

    @Test
    void everyEmailSharesOneMimeTypeMap() {
        assertThat(MailProviders.FILE_TYPES.getContentType("report.pdf")).isEqualTo("application/pdf");
    }
}
